import type { AppErrorInfo } from '@shared/errors'
import type { CallQueryInput } from '@shared/convirza/query'
import type { SyncProgress } from '@shared/ipc/contract'
import { formatBytes, formatCount } from './format'
import { describeQuery } from './describe-query'
import { SyncProgressBar } from './SyncProgressBar'
import { SyncSummary } from './SyncSummary'

interface OfflineSyncProps {
  /** The call list's current query; null while its filters are being read or are not valid. */
  query: CallQueryInput | null
  progress: SyncProgress | null
  busy: 'startSync' | 'cancelSync' | null
  error: AppErrorInfo | null
  onStart: (query: CallQueryInput) => Promise<boolean>
  onCancel: () => Promise<boolean>
}

/**
 * "Make available offline": every call of the current filters and every recording,
 * downloaded in main with progress and cancel. A cancelled or interrupted job resumes where it
 * stopped when started again — main skips what is complete.
 */
export function OfflineSync({ query, progress, busy, error, onStart, onCancel }: OfflineSyncProps): React.JSX.Element {
  const running = progress?.state === 'running'
  // A library short of the server's total is retried with the same filters: the job resumes.
  // (A job over calls selected in the list is retried from the list, with the same selection.)
  const short = progress?.summary?.complete === false && !running && progress.selectedCalls === undefined

  return (
    <div className="offline-sync">
      {!running && (
        <p className="offline-sync__scope">
          <span className="offline-sync__scope-label">Current filters</span>
          <span>{query ? describeQuery(query) : 'Set valid filters in the call list first.'}</span>
        </p>
      )}
      {progress?.selectedCalls !== undefined && (
        <p className="offline-sync__scope">
          <span className="offline-sync__scope-label">{running ? 'Now' : 'Last job'}</span>
          <span>
            {formatCount(progress.selectedCalls)} {progress.selectedCalls === 1 ? 'call' : 'calls'} selected in the list (to retry, select them and
            choose Make available offline there)
          </span>
        </p>
      )}
      {progress && <SyncProgressBar progress={progress} />}
      {progress && !running && <SyncOutcome progress={progress} />}
      {progress?.summary && !running && <SyncSummary summary={progress.summary} />}
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
              if (query) void onStart(query)
            }}
            disabled={query === null || busy !== null}
            aria-busy={busy === 'startSync'}
          >
            {busy === 'startSync' ? 'Starting…' : short ? 'Retry' : 'Make available offline'}
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
      Stopped after {summary}: {stoppedBecause(progress.error)}
    </p>
  )
}

/**
 * Why a download stopped, as one sentence, with what to do: main's reason may already say it
 * ("…available offline again to retry."), so it is not said twice, nor its full stop doubled.
 */
export function stoppedBecause(error: string | null | undefined): string {
  const reason = (error ?? '').trim().replace(/[.\s]+$/, '')
  if (!reason) return 'the download failed. Start again to continue where it stopped.'
  return /\bagain\b/i.test(reason) ? `${reason}.` : `${reason}. Start again to continue where it stopped.`
}
