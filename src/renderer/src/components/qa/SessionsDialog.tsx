import { useState } from 'react'
import type { SessionInfo } from '@shared/qa/schemas'
import { formatProgress } from '@shared/qa/format'
import { useQaSessionsStore } from '@renderer/stores/qa-sessions-store'
import { useQaStore } from '@renderer/stores/qa-store'
import { formatListTime } from '@renderer/lib/format'
import { Modal } from '../shell/Modal'
import { ExportWritten } from './ExportWritten'
import { LengthLimitNote } from '../common/LengthLimit'

/** One session: its progress, template and dates; resume, rename, archive and delete (after a confirmation). */
function SessionRow({ session }: { session: SessionInfo }): React.JSX.Element {
  const [renaming, setRenaming] = useState(false)
  const [name, setName] = useState(session.name)
  const [confirming, setConfirming] = useState(false)
  const manage = useQaSessionsStore.getState()
  const chosen = useQaSessionsStore((s) => s.chosen.has(session.id))
  return (
    <tr aria-label={session.name}>
      <td>
        <input type="checkbox" aria-label={`Choose ${session.name}`} checked={chosen} onChange={() => manage.toggleChosen(session.id)} />
      </td>
      <th scope="row">
        {renaming ? (
          <form
            onSubmit={(event) => {
              event.preventDefault()
              void manage.rename(session.id, name).then((done) => done && setRenaming(false))
            }}
          >
            <input
              className="field__input"
              aria-label="Session name"
              value={name}
              maxLength={120}
              onChange={(e) => setName(e.target.value)}
              autoFocus
            />
            <button type="submit" className="button button--primary button--small">
              Save name
            </button>
            <LengthLimitNote value={name} max={120} />
          </form>
        ) : (
          <>
            {session.name}
            {session.archived && <span className="qa-badge"> archived</span>}
            {session.sample && <span className="qa-badge"> sample</span>}
          </>
        )}
      </th>
      <td aria-label="Progress">{formatProgress(session.reviewedCount, session.total)}</td>
      <td>
        {session.templateName} v{session.templateVersion}
      </td>
      <td className="qa-sessions__when">{formatListTime(session.createdAt)}</td>
      <td className="qa-sessions__when">{formatListTime(session.updatedAt)}</td>
      <td className="qa-sessions__actions">
        {confirming ? (
          <>
            Delete “{session.name}” and its reviews?{' '}
            <button type="button" className="button button--danger button--small" onClick={() => void manage.remove(session.id)}>
              Delete
            </button>
            <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="button button--primary button--small"
              onClick={() => {
                manage.setOpen(false)
                void useQaStore.getState().resume(session.id)
              }}
            >
              Resume
            </button>
            <button type="button" className="button button--secondary button--small" onClick={() => setRenaming(true)}>
              Rename
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => void manage.archive(session.id, !session.archived)}
            >
              {session.archived ? 'Unarchive' : 'Archive'}
            </button>
            <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(true)}>
              Delete…
            </button>
          </>
        )}
      </td>
    </tr>
  )
}

/** All the reviewer's sessions with progress, template and dates, to resume, rename, archive or delete. */
export function SessionsDialog(): React.JSX.Element {
  const sessions = useQaStore((s) => s.sessions)
  const { showArchived, deleted, error, chosen, busy, written } = useQaSessionsStore()
  const shown = sessions.filter((s) => showArchived || !s.archived)
  const archivedCount = sessions.length - sessions.filter((s) => !s.archived).length
  const manage = useQaSessionsStore.getState()
  const chosenCount = sessions.filter((s) => chosen.has(s.id)).length
  const allShownChosen = shown.length > 0 && shown.every((s) => chosen.has(s.id))
  return (
    <Modal
      title="QA sessions"
      variant="sheet"
      onClose={() => manage.setOpen(false)}
      description="Resume any session where it was left, rename, archive or delete it, or tick sessions to export their reviews or print a report."
    >
      <label className="qa-panel__auto">
        <input type="checkbox" checked={showArchived} onChange={(e) => manage.setShowArchived(e.target.checked)} /> Show archived ({archivedCount})
      </label>
      {deleted && (
        <p className="notice" role="status">
          Deleted “{deleted.name}”.{' '}
          <button type="button" className="button button--secondary button--small" onClick={() => void manage.undo()}>
            Undo
          </button>
        </p>
      )}
      {error && (
        <p className="notice notice--danger" role="alert">
          {error.message}
        </p>
      )}
      <div className="qa-sessions__bulk" role="group" aria-label="Chosen sessions">
        <span aria-live="polite">{chosenCount === 0 ? 'Tick sessions to export them or print a report.' : `${chosenCount} chosen:`}</span>{' '}
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={busy || chosenCount === 0}
          onClick={() => void manage.exportChosen('csv')}
        >
          Export CSV
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={busy || chosenCount === 0}
          onClick={() => void manage.exportChosen('json')}
        >
          Export JSON
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={busy || chosenCount === 0}
          onClick={() => void manage.report('html')}
        >
          Report (HTML)
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={busy || chosenCount === 0}
          onClick={() => void manage.report('pdf')}
        >
          Report (PDF)
        </button>
      </div>
      {written && <ExportWritten result={written} />}
      {shown.length === 0 ? (
        <p className="qa-panel__empty">No sessions{archivedCount ? ' (the archived ones are hidden)' : ''}.</p>
      ) : (
        <table className="qa-summary__criteria qa-sessions qa-sessions--mine" aria-label="Sessions">
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label="Choose every session shown"
                  checked={allShownChosen}
                  onChange={() => manage.chooseAll(allShownChosen ? null : shown.map((s) => s.id))}
                />
              </th>
              <th scope="col">Name</th>
              <th scope="col">Reviewed</th>
              <th scope="col">Template</th>
              <th scope="col">Started</th>
              <th scope="col">Last worked on</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <SessionRow key={s.id} session={s} />
            ))}
          </tbody>
        </table>
      )}
    </Modal>
  )
}
