import { useState } from 'react'
import type { AppErrorInfo } from '../../../../shared/errors'
import type { CallQueryInput } from '../../../../shared/convirza/query'
import type { Filters, SyncProgress } from '../../../../shared/ipc/contract'
import { formatBytes, formatCount } from './format'
import { describeQuery, filtersToQuery } from './offline-query'
import { SyncProgressBar } from './SyncProgressBar'

interface OfflineSyncProps {
  /** The query to sync; without one, the call list's saved filters. */
  query?: CallQueryInput | undefined
  savedFilters: Filters | null | undefined
  progress: SyncProgress | null
  busy: 'startSync' | 'cancelSync' | null
  error: AppErrorInfo | null
  onStart: (query: CallQueryInput) => Promise<boolean>
  onCancel: () => Promise<boolean>
}

/**
 * "Make available offline" (issue 5): every call of the current filters and every recording,
 * downloaded in main with progress and cancel. A cancelled or interrupted job resumes where it
 * stopped when started again — main skips what is complete.
 */
export function OfflineSync({ query, savedFilters, progress, busy, error, onStart, onCancel }: OfflineSyncProps): React.JSX.Element {
  // The filters' relative dates ("last 7 days") are pinned when the panel opens.
  const [openedAt] = useState(() => new Date())
  const target = query ?? (savedFilters === undefined ? null : filtersToQuery(savedFilters ?? undefined, openedAt))
  const running = progress?.state === 'running'

  return (
    <div className="offline-sync">
      {!running && (
        <p className="offline-sync__scope">
          <span className="offline-sync__scope-label">Current filters</span>
          <span>{target ? describeQuery(target) : 'Reading the call list’s filters…'}</span>
        </p>
      )}
      {progress && <SyncProgressBar progress={progress} />}
      {progress && !running && <SyncOutcome progress={progress} />}
      {error && (
        <div className="notice notice--danger" role="alert">
          <p className="notice__title">{busy === 'cancelSync' ? 'Couldn’t cancel' : 'Couldn’t make the calls available offline'}</p>
          <p className="notice__body">{error.message}</p>
          {error.requestId && <p className="notice__meta">Request ID: {error.requestId}</p>}
        </div>
      )}
      <div className="offline-sync__actions">
        {running ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void onCancel()}
            disabled={busy === 'cancelSync'}
            aria-busy={busy === 'cancelSync'}
          >
            {busy === 'cancelSync' ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : (
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              // Pinned now, so "last 7 days" means the seven days up to this click.
              const now = new Date()
              void onStart(query ?? filtersToQuery(savedFilters ?? undefined, now))
            }}
            disabled={target === null || busy !== null}
            aria-busy={busy === 'startSync'}
          >
            {busy === 'startSync' ? 'Starting…' : 'Make available offline'}
          </button>
        )}
      </div>
    </div>
  )
}

function SyncOutcome({ progress }: { progress: SyncProgress }): React.JSX.Element {
  const summary = `${formatCount(progress.calls.done)} calls and ${formatCount(progress.recordings.done)} recordings (${formatBytes(
    progress.bytes
  )} downloaded)`
  if (progress.state === 'done')
    return (
      <p className="offline-sync__outcome offline-sync__outcome--done" role="status">
        Done: {summary} are available offline.
      </p>
    )
  if (progress.state === 'cancelled')
    return (
      <p className="offline-sync__outcome" role="status">
        Cancelled after {summary}. Start again to continue where it stopped.
      </p>
    )
  return (
    <p className="offline-sync__outcome offline-sync__outcome--failed" role="status">
      Stopped after {summary}: {progress.error ?? 'the download failed'}. Start again to continue where it stopped.
    </p>
  )
}
