import type { CallDetail } from '@shared/ipc/contract'
import { formatPhoneNumber } from '@shared/phone'
import { formatClock, formatMoney, formatShortTime } from '@renderer/lib/format'
import { useReviewLayoutStore } from '@renderer/stores/review-layout-store'
import { DispositionBadge } from '../calls/DispositionBadge'
import { Icon } from '../common/Icon'
import { Fact } from './CallModules'

/**
 * Who called and the call's essentials on two lines — who, when, campaign, disposition,
 * duration — so the player and the transcript stay in view; every other fact is one click
 * away ("All details", remembered).
 */
export function CallHeader({ detail }: { detail: CallDetail }): React.JSX.Element {
  const factsOpen = useReviewLayoutStore((s) => s.factsOpen)
  const setFactsOpen = useReviewLayoutStore((s) => s.setFactsOpen)
  const record = detail.record
  const info = record.call_detail
  const caller = formatPhoneNumber(record.caller_id)
  const title = record.ai_caller_identity || caller || 'Unknown caller'
  const outbound = info?.is_outbound
  const direction = outbound === null || outbound === undefined ? null : outbound ? 'Outbound' : 'Inbound'
  const ringTo = [formatPhoneNumber(record.ring_to), info?.ring_to_name].filter(Boolean).join(' · ')
  const essentials = [
    record.ai_caller_identity && caller ? caller : null,
    formatShortTime(record.call_started),
    record.campaign_name,
    formatClock(record.duration)
  ].filter(Boolean)
  return (
    <header className="call-header">
      <div className="call-header__title-row">
        <h2 className="call-header__title">{title}</h2>
        <DispositionBadge disposition={record.disposition} />
        {direction && <span className="chip">{direction}</span>}
        {record.repeat_call && <span className="chip chip--accent">Repeat caller</span>}
        {detail.reviewed && (
          <span className="chip chip--success">
            <Icon name="reviewed" size={13} /> Reviewed
          </span>
        )}
      </div>
      <div className="call-header__subtitle-row">
        <p className="call-header__subtitle">
          {essentials.join(' · ')} · Call {record.call_id}
        </p>
        <button
          type="button"
          className="button button--ghost button--small call-header__more"
          aria-expanded={factsOpen}
          aria-controls="call-facts"
          onClick={() => setFactsOpen(!factsOpen)}
        >
          <Icon name={factsOpen ? 'chevronUp' : 'chevronDown'} size={14} />
          {factsOpen ? 'Fewer details' : 'All details'}
        </button>
      </div>
      <dl id="call-facts" className="facts facts--header" aria-label="Call facts" hidden={!factsOpen}>
        <Fact label="Caller number" value={caller || null} />
        <Fact label="Tracking number" value={formatPhoneNumber(record.phone_number) || null} />
        <Fact label="Ring-to" value={ringTo || null} />
        <Fact label="Campaign" value={record.campaign_name} />
        <Fact label="Group" value={record.group_name} />
        <Fact label="Duration" value={formatClock(record.duration)} />
        <Fact label="Started" value={formatShortTime(record.call_started)} />
        <Fact label="Ended" value={info?.call_ended ? formatShortTime(info.call_ended) : null} />
        <Fact label="Call value" value={info?.call_value === null || info?.call_value === undefined ? null : formatMoney(info.call_value)} />
        <Fact label="Channel" value={info?.channel ?? ([info?.channel_category, info?.channel_sub_category].filter(Boolean).join(' > ') || null)} />
        <Fact label="Direction" value={direction} />
        <Fact
          label="Repeat call"
          value={record.repeat_call === null || record.repeat_call === undefined ? null : record.repeat_call ? 'Yes' : 'No'}
        />
      </dl>
    </header>
  )
}
