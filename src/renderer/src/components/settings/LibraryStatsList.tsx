import type { LibraryStats } from '@shared/ipc/contract'
import { formatBytes, formatCount } from './format'

/** What the offline library holds for the active profile: its size, so the user can decide what to clear. */
export function LibraryStatsList({ stats }: { stats: LibraryStats }): React.JSX.Element {
  return (
    <dl className="stats" aria-label="Offline library">
      <div className="stats__item">
        <dt>Calls</dt>
        <dd>{formatCount(stats.calls)}</dd>
      </div>
      <div className="stats__item">
        <dt>Database</dt>
        <dd>{formatBytes(stats.databaseBytes)}</dd>
      </div>
      <div className="stats__item">
        <dt>Recordings</dt>
        <dd>
          {formatCount(stats.recordings)}
          <span className="stats__sub">{formatBytes(stats.recordingBytes)}</span>
        </dd>
      </div>
    </dl>
  )
}
