import type { SyncProgress } from '@shared/ipc/contract'
import { formatBytes, formatCount, formatTimeLeft } from './format'

/** How far a job is, 0–1, counting calls and recordings alike; null while nothing is counted. */
export function syncFraction(progress: SyncProgress): number | null {
  const total = progress.calls.total + progress.recordings.total
  if (total === 0) return progress.state === 'done' ? 1 : null
  return Math.min(1, (progress.calls.done + progress.recordings.done) / total)
}

/**
 * The "make available offline" progress bar (calls x/y, recordings x/y, bytes, time
 * left). A real progressbar for assistive technology, with the counts as its value text.
 */
export function SyncProgressBar({ progress }: { progress: SyncProgress }): React.JSX.Element {
  const fraction = syncFraction(progress)
  const percent = fraction === null ? null : Math.floor(fraction * 100)
  const counts = `Calls ${formatCount(progress.calls.done)} of ${formatCount(progress.calls.total)}, recordings ${formatCount(
    progress.recordings.done
  )} of ${formatCount(progress.recordings.total)}`
  const timeLeft = progress.state !== 'running' ? null : progress.secondsLeft === null ? 'Estimating…' : formatTimeLeft(progress.secondsLeft)
  return (
    <div className={`sync-progress sync-progress--${progress.state}`}>
      <div
        className={`progress${percent === null ? ' progress--indeterminate' : ''}`}
        role="progressbar"
        aria-label="Make available offline"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? 'Starting' : `${percent}% — ${counts}`}
      >
        <div className="progress__fill" style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
      <dl className="sync-progress__facts">
        <div>
          <dt>Calls</dt>
          <dd data-testid="sync-calls">
            {formatCount(progress.calls.done)} / {formatCount(progress.calls.total)}
          </dd>
        </div>
        <div>
          <dt>Recordings</dt>
          <dd data-testid="sync-recordings">
            {formatCount(progress.recordings.done)} / {formatCount(progress.recordings.total)}
          </dd>
        </div>
        <div>
          <dt>Downloaded</dt>
          <dd>{formatBytes(progress.bytes)}</dd>
        </div>
        {timeLeft && (
          <div>
            <dt>Time left</dt>
            <dd>{timeLeft}</dd>
          </div>
        )}
      </dl>
    </div>
  )
}
