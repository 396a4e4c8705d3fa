import { useState } from 'react'
import type { AppErrorInfo } from '@shared/errors'
import type { LibraryStats } from '@shared/ipc/contract'
import { Modal } from '../shell/Modal'
import { formatBytes, formatCount } from './format'

interface ClearCachedDataProps {
  profileName: string
  stats: LibraryStats | null
  busy: boolean
  /** Refused while a "make available offline" job is writing to the library. */
  syncRunning: boolean
  error: AppErrorInfo | null
  onClear: () => Promise<boolean>
}

/**
 * "Clear cached data" for the active profile, behind a confirmation that says exactly
 * what goes: the cached calls and the downloaded recordings. The sign-in stays.
 */
export function ClearCachedData({ profileName, stats, busy, syncRunning, error, onClear }: ClearCachedDataProps): React.JSX.Element {
  const [confirming, setConfirming] = useState(false)
  const [cleared, setCleared] = useState(false)
  const empty = stats !== null && stats.calls === 0 && stats.recordings === 0
  return (
    <div className="clear-data">
      <div className="clear-data__text">
        <p>Remove the calls and recordings kept on this computer for {profileName}. Your sign-in is kept.</p>
        <p className="field__hint" role="status">
          {cleared ? 'Cached data cleared. Calls download again as you browse them.' : syncRunning ? 'Cancel “Make available offline” first.' : ''}
        </p>
      </div>
      <button
        type="button"
        className="button button--danger-outline"
        onClick={() => {
          setCleared(false)
          setConfirming(true)
        }}
        disabled={busy || syncRunning || empty}
      >
        Clear cached data…
      </button>
      {confirming && (
        <Modal
          title="Clear cached data?"
          role="alertdialog"
          onClose={() => setConfirming(false)}
          description={
            <p>
              {stats
                ? `${formatCount(stats.calls)} calls and ${formatCount(stats.recordings)} recordings (${formatBytes(
                    stats.databaseBytes + stats.recordingBytes
                  )}) cached for ${profileName} will be deleted from this computer.`
                : `Everything cached for ${profileName} will be deleted from this computer.`}{' '}
              This can’t be undone; calls download again when you browse them.
            </p>
          }
          footer={
            <>
              <button type="button" className="button button--secondary" onClick={() => setConfirming(false)} disabled={busy}>
                Cancel
              </button>
              <button
                type="button"
                className="button button--danger"
                disabled={busy}
                aria-busy={busy}
                onClick={() =>
                  void onClear().then((ok) => {
                    if (ok) {
                      setConfirming(false)
                      setCleared(true)
                    }
                  })
                }
              >
                {busy ? 'Clearing…' : 'Clear cached data'}
              </button>
            </>
          }
        >
          {error && (
            <div className="notice notice--danger" role="alert">
              <p className="notice__title">Couldn’t clear the cached data</p>
              <p className="notice__body">{error.message}</p>
            </div>
          )}
        </Modal>
      )}
    </div>
  )
}
