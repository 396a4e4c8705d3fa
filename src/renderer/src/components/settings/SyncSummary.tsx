import type { SyncProgress } from '@shared/ipc/contract'
import { formatCount } from './format'

/** How many refused records are named one by one; the rest are counted. */
const NAMED = 5

/**
 * Whether an offline copy adds up against the server's latest total: calls the server holds,
 * calls stored, records it sent that could not be read (each with why), calls kept with a field
 * left empty, and calls the server deleted while they were read. Shown once the job has checked,
 * so "done" is never read on a library that is short.
 */
export function SyncSummary({ summary }: { summary: NonNullable<SyncProgress['summary']> }): React.JSX.Element {
  const named = summary.refused.slice(0, NAMED)
  return (
    <div className={`sync-summary${summary.complete ? '' : ' sync-summary--short'}`} role="group" aria-label="Sync summary">
      <p className="sync-summary__headline">
        {formatCount(summary.stored)} of {formatCount(summary.serverTotal)} calls stored
        {summary.complete ? ' — every call of the range.' : '.'}
      </p>
      <dl className="sync-summary__counts">
        <div>
          <dt>On the server</dt>
          <dd>{formatCount(summary.serverTotal)}</dd>
        </div>
        <div>
          <dt>Stored</dt>
          <dd>{formatCount(summary.stored)}</dd>
        </div>
        <div>
          <dt>Could not be read</dt>
          <dd>{formatCount(summary.refusedCount)}</dd>
        </div>
        {summary.degraded > 0 && (
          <div>
            <dt>Stored with a field left empty</dt>
            <dd>{formatCount(summary.degraded)}</dd>
          </div>
        )}
        {summary.removed > 0 && (
          <div>
            <dt>No longer listed by the server (kept, marked)</dt>
            <dd>{formatCount(summary.removed)}</dd>
          </div>
        )}
      </dl>
      {named.length > 0 && (
        <ul className="sync-summary__refused" aria-label="Calls that could not be read">
          {named.map((r, i) => (
            <li key={`${String(r.callId)}-${i}`}>
              Call {r.callId ?? 'without an id'}: {r.reason}
            </li>
          ))}
          {summary.refusedCount > named.length && <li>and {formatCount(summary.refusedCount - named.length)} more</li>}
        </ul>
      )}
      {summary.reconciled && (
        <p className="sync-summary__note">
          The account changed while it was read ({summary.reconciled}); the affected part of the range was read again.
        </p>
      )}
    </div>
  )
}
