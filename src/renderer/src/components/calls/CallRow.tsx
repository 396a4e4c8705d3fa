import { memo } from 'react'
import type { CallColumnKey, CallListItem } from '@shared/ipc/contract'
import type { SelectModifiers } from '@renderer/stores/call-selection'
import { Icon, type IconName } from '../common/Icon'
import { SkeletonBar } from '../common/Skeleton'
import { DispositionBadge } from './DispositionBadge'
import { callRowId } from './dom-ids'
import { formatClock } from '@renderer/lib/format'
import { describeHit } from '@renderer/lib/search-hit'
import { rowDisplay, type RowDisplay } from './row-display'
import { SearchHitLine } from './SearchHitLine'
import { TagChips } from './TagChips'

interface CallRowProps {
  index: number
  item: CallListItem | null
  /** Pixels from the top of the rows (virtual list). */
  top: number
  /** In the selection (aria-selected). */
  selected: boolean
  /** The call the review pane shows. */
  open: boolean
  /** Under the keyboard highlight. */
  active: boolean
  now: Date
  /** The applied search, whose words the match line marks; '' when not searching. */
  searchText: string
  /** The columns shown, in order (the columns store's layout). */
  columns: readonly CallColumnKey[]
  onSelect: (index: number, modifiers: SelectModifiers) => void
}

/**
 * One status of a row as a fixed-size mark: the icon only when the status holds, so a fast
 * scroll does not build three SVGs for every row; the label says it either way.
 */
function StatusMark({
  on,
  icon,
  label,
  className = 'status-icon--on'
}: {
  on: boolean
  icon: IconName
  label: string
  className?: string
}): React.JSX.Element {
  return (
    <span role="img" className={`status-icon ${on ? className : 'status-icon--off'}`} aria-label={label} title={label}>
      {on && <Icon name={icon} size={15} />}
    </span>
  )
}

/** One row of the call grid; memoised so scrolling re-renders only rows that enter the view. */
export const CallRow = memo(function CallRow({
  index,
  item,
  top,
  selected,
  open,
  active,
  now,
  searchText,
  columns,
  onSelect
}: CallRowProps): React.JSX.Element {
  const className = `call-grid__row${selected ? ' call-grid__row--selected' : ''}${open ? ' call-grid__row--open' : ''}${active ? ' call-grid__row--active' : ''}`
  if (!item) {
    return (
      <div
        id={callRowId(index)}
        className={`${className} call-grid__row--loading`}
        role="row"
        aria-rowindex={index + 2}
        aria-busy="true"
        aria-label={`Loading call ${index + 1}`}
        style={{ transform: `translateY(${top}px)` }}
      >
        {columns.map((key, i) => (
          <span key={key} role="gridcell" className="call-grid__cell">
            <SkeletonBar width={`${[70, 80, 60, 50, 30, 70][i % 6]}%`} still />
          </span>
        ))}
      </div>
    )
  }
  const display = rowDisplay(item, now)
  const hit = searchText ? item.match : undefined
  return (
    <div
      id={callRowId(index)}
      className={className}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-current={open ? 'true' : undefined}
      aria-label={hit ? `${display.label}; matched in ${describeHit(hit, formatClock)}: ${hit.snippet}` : display.label}
      style={{ transform: `translateY(${top}px)` }}
      onClick={(event) => onSelect(index, { toggle: event.ctrlKey || event.metaKey, range: event.shiftKey })}
    >
      {columns.map((key) => (
        <CallCell key={key} column={key} item={item} display={display} />
      ))}
      {hit && <SearchHitLine hit={hit} text={searchText} />}
    </div>
  )
})

/** One cell of a loaded row, by column. */
function CallCell({ column, item, display }: { column: CallColumnKey; item: CallListItem; display: RowDisplay }): React.JSX.Element {
  switch (column) {
    case 'started':
      return (
        <span role="gridcell" className="call-grid__cell call-grid__cell--time">
          {display.started}
          {item.unlistedAt && (
            <span className="call-grid__unlisted" title="No longer listed by the server: deleted or merged there; the library keeps it.">
              {' '}
              · not on server
            </span>
          )}
        </span>
      )
    case 'caller':
      return (
        <span role="gridcell" className="call-grid__cell call-grid__cell--strong call-grid__cell--number">
          {display.caller || 'Unknown'}
        </span>
      )
    case 'identity':
      return (
        <span role="gridcell" className="call-grid__cell">
          {item.callerIdentity ?? <span className="call-grid__none">—</span>}
        </span>
      )
    case 'disposition':
      return (
        <span role="gridcell" className="call-grid__cell">
          <DispositionBadge disposition={item.disposition} />
        </span>
      )
    case 'duration':
      return (
        <span role="gridcell" className="call-grid__cell call-grid__cell--number">
          {display.duration}
        </span>
      )
    case 'score':
      return (
        <span role="gridcell" className="call-grid__cell call-grid__cell--number" title="The mean of the call's indicator scores">
          {display.score || <span className="call-grid__none">—</span>}
        </span>
      )
    case 'campaign':
      return (
        <span role="gridcell" className="call-grid__cell" title={item.campaignName ?? undefined}>
          {item.campaignName ?? <span className="call-grid__none">—</span>}
        </span>
      )
    case 'tracking':
      return (
        <span role="gridcell" className="call-grid__cell call-grid__cell--number">
          {display.tracking || <span className="call-grid__none">—</span>}
        </span>
      )
    case 'tags':
      return (
        <span role="gridcell" className="call-grid__cell call-grid__cell--tags">
          <TagChips tags={item.tags} />
        </span>
      )
    case 'status':
      return (
        <span role="gridcell" className="call-grid__cell call-grid__cell--status">
          <StatusMark on={item.reviewed} icon="reviewed" className="status-icon--reviewed" label={item.reviewed ? 'Reviewed' : 'Not reviewed'} />
          <StatusMark
            on={item.recordingOffline}
            icon="recording"
            label={item.recordingOffline ? 'Recording available offline' : 'Recording not downloaded'}
          />
          <StatusMark
            on={item.transcriptOffline}
            icon="transcript"
            label={item.transcriptOffline ? 'Transcript available offline' : 'Transcript not stored'}
          />
        </span>
      )
  }
}
