import { useEffect, useState } from 'react'
import { formatFetchedAt } from '@renderer/lib/format'
import { useQaHealthStore, type QaRecoverAction } from '@renderer/stores/qa-health-store'
import { afterFirstList } from '@renderer/lib/first-list'

/**
 * Shown over the call screen when the QA database cannot be used: says why and names the file,
 * and — only after the user confirms — moves it aside and restores the last backup or starts an
 * empty one. Nothing is deleted.
 */
export function QaDamagedNotice(): React.JSX.Element | null {
  const { health, busy, error, movedTo, load, recover, dismiss } = useQaHealthStore()
  const [confirming, setConfirming] = useState<QaRecoverAction | null>(null)

  useEffect(() => afterFirstList(() => void load()), [load])

  if (movedTo && health?.status === 'ok')
    return (
      <div className="shell__banner notice" role="status">
        <p className="notice__body">QA reviews are back. The damaged file was kept at {movedTo}.</p>
        <button type="button" className="link-button" onClick={dismiss}>
          Dismiss
        </button>
      </div>
    )
  if (!health || health.status === 'ok') return null

  const backup = health.status === 'damaged' ? health.backup : null
  return (
    <div className="shell__banner notice notice--warning" role="alert" aria-label="QA database problem">
      <p className="notice__title">{health.status === 'damaged' ? 'Your QA reviews file is damaged' : 'Your QA reviews cannot be saved'}</p>
      <p className="notice__body">{health.message}</p>
      {error && <p className="notice__body">{error.message}</p>}
      {health.status === 'damaged' && confirming === null && (
        <div className="notice__actions">
          {backup && (
            <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => setConfirming('restoreBackup')}>
              Restore the backup from {formatFetchedAt(backup.takenAt)}…
            </button>
          )}
          <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => setConfirming('startAfresh')}>
            Start an empty QA database…
          </button>
        </div>
      )}
      {health.status === 'damaged' && confirming !== null && (
        <div className="notice__actions">
          <p className="notice__body">
            {health.file} will be moved aside, not deleted, and{' '}
            {confirming === 'restoreBackup' && backup ? `replaced by a copy of ${backup.file}.` : 'an empty QA database started in its place.'}
          </p>
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={() => void recover(confirming).then((ok) => ok && setConfirming(null))}
          >
            {confirming === 'restoreBackup' ? 'Move aside and restore' : 'Move aside and start empty'}
          </button>
          <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => setConfirming(null)}>
            Cancel
          </button>
        </div>
      )}
    </div>
  )
}
