import { memo } from 'react'
import type { CallListItem } from '../../../../shared/ipc/contract'
import { formatPhoneNumber } from '../../../../shared/phone'
import { formatClock, formatDisposition, formatListTime, speakClock } from '../../lib/format'
import { Icon } from '../common/Icon'
import { SkeletonBar } from '../common/Skeleton'
import { DispositionBadge } from './DispositionBadge'
import { callRowId } from './dom-ids'

interface CallRowProps {
  index: number
  item: CallListItem | null
  /** Pixels from the top of the rows (virtual list). */
  top: number
  selected: boolean
  active: boolean
  now: Date
  onSelect: (index: number) => void
}

/** What a screen reader says for a row, and what the specs find it by. */
export function rowLabel(item: CallListItem, now: Date): string {
  const parts = [formatPhoneNumber(item.callerId) || 'Unknown caller']
  if (item.callerIdentity) parts.push(item.callerIdentity)
  parts.push(formatDisposition(item.disposition), speakClock(item.durationSeconds), formatListTime(item.started, now))
  if (item.reviewed) parts.push('reviewed')
  return parts.join(', ')
}

const MAX_TAGS = 2

/** One row of the call grid; memoised so scrolling re-renders only rows that enter the view. */
export const CallRow = memo(function CallRow({ index, item, top, selected, active, now, onSelect }: CallRowProps): React.JSX.Element {
  const className = `call-grid__row${selected ? ' call-grid__row--selected' : ''}${active ? ' call-grid__row--active' : ''}`
  if (!item) {
    return (
      <div id={callRowId(index)} className={`${className} call-grid__row--loading`} role="row" aria-rowindex={index + 2} aria-busy="true" aria-label={`Loading call ${index + 1}`} style={{ transform: `translateY(${top}px)` }}>
        {[70, 80, 60, 50, 30, 70, 80, 50, 30].map((w, i) => (
          <span key={i} role="gridcell" className="call-grid__cell">
            <SkeletonBar width={`${w}%`} />
          </span>
        ))}
      </div>
    )
  }
  const extraTags = item.tags.length - MAX_TAGS
  return (
    <div
      id={callRowId(index)}
      className={className}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-label={rowLabel(item, now)}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onSelect(index)}
    >
      <span role="gridcell" className="call-grid__cell call-grid__cell--time">
        {formatListTime(item.started, now)}
      </span>
      <span role="gridcell" className="call-grid__cell call-grid__cell--strong call-grid__cell--number">
        {formatPhoneNumber(item.callerId) || 'Unknown'}
      </span>
      <span role="gridcell" className="call-grid__cell">
        {item.callerIdentity ?? <span className="call-grid__none">—</span>}
      </span>
      <span role="gridcell" className="call-grid__cell">
        <DispositionBadge disposition={item.disposition} />
      </span>
      <span role="gridcell" className="call-grid__cell call-grid__cell--number">
        {formatClock(item.durationSeconds)}
      </span>
      <span role="gridcell" className="call-grid__cell" title={item.campaignName ?? undefined}>
        {item.campaignName ?? <span className="call-grid__none">—</span>}
      </span>
      <span role="gridcell" className="call-grid__cell call-grid__cell--number">
        {formatPhoneNumber(item.trackingNumber) || <span className="call-grid__none">—</span>}
      </span>
      <span role="gridcell" className="call-grid__cell call-grid__cell--tags" title={item.tags.join(', ') || undefined}>
        {item.tags.slice(0, MAX_TAGS).map((tag) => (
          <span key={tag} className="tag-chip">
            {tag}
          </span>
        ))}
        {extraTags > 0 && <span className="tag-chip tag-chip--more">+{extraTags}</span>}
      </span>
      <span role="gridcell" className="call-grid__cell call-grid__cell--status">
        <span className={`status-icon${item.reviewed ? ' status-icon--reviewed' : ' status-icon--off'}`} title={item.reviewed ? 'Reviewed' : 'Not reviewed'}>
          <Icon name="reviewed" size={15} />
          <span className="sr-only">{item.reviewed ? 'Reviewed' : 'Not reviewed'}</span>
        </span>
        <span className={`status-icon${item.recordingOffline ? ' status-icon--on' : ' status-icon--off'}`} title={item.recordingOffline ? 'Recording available offline' : 'Recording not downloaded'}>
          <Icon name="recording" size={15} />
          <span className="sr-only">{item.recordingOffline ? 'Recording available offline' : 'Recording not downloaded'}</span>
        </span>
        <span className={`status-icon${item.transcriptOffline ? ' status-icon--on' : ' status-icon--off'}`} title={item.transcriptOffline ? 'Transcript available offline' : 'Transcript not stored'}>
          <Icon name="transcript" size={15} />
          <span className="sr-only">{item.transcriptOffline ? 'Transcript available offline' : 'Transcript not stored'}</span>
        </span>
      </span>
    </div>
  )
})
