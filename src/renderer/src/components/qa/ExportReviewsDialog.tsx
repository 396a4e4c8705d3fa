import { useEffect, useRef, useState } from 'react'
import { format } from 'date-fns'
import type { ExportFormat } from '@shared/ipc/contract/qa'
import type { SessionInfo } from '@shared/qa/schemas'
import { formatCount } from '@renderer/lib/format'
import { useCallsStore } from '@renderer/stores/calls-store'
import { useQaExportStore, type ExportDialogRequest } from '@renderer/stores/qa-export-store'
import { Modal } from '../shell/Modal'
import { ExportWritten } from './ExportWritten'

/**
 * Export any set of reviews: tick sessions (all at first), narrow to the calls
 * selected in the list and/or to calls marked reviewed, then write CSV or JSON. The dialog
 * stays open to show where each file went, so both formats can be written in a row.
 */
export function ExportReviewsDialog({
  request,
  sessions,
  onClose
}: {
  request: ExportDialogRequest
  sessions: readonly SessionInfo[]
  onClose: () => void
}): React.JSX.Element {
  const busy = useQaExportStore((s) => s.busy)
  const error = useQaExportStore((s) => s.error)
  const lastExport = useQaExportStore((s) => s.lastExport)
  const selectedCount = useCallsStore((s) => s.selection.ids.size)
  const [ticked, setTicked] = useState<ReadonlySet<string>>(() => new Set(sessions.map((s) => s.id)))
  const [selectedOnly, setSelectedOnly] = useState(request.selectedCallsOnly)
  const [reviewedOnly, setReviewedOnly] = useState(false)
  const allRef = useRef<HTMLInputElement>(null)
  const narrowToSelection = selectedOnly && selectedCount > 0
  const some = ticked.size > 0 && ticked.size < sessions.length

  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = some
  }, [some])
  // showModal() moves focus to the close button after mount: start on the session choice instead.
  useEffect(() => {
    const frame = requestAnimationFrame(() => allRef.current?.focus())
    return () => cancelAnimationFrame(frame)
  }, [])

  const toggle = (id: string, on: boolean): void => {
    const next = new Set(ticked)
    if (on) next.add(id)
    else next.delete(id)
    setTicked(next)
  }
  const write = (as: ExportFormat): void => {
    const callIds = narrowToSelection ? useCallsStore.getState().selectedCallIds() : null
    void useQaExportStore.getState().exportReviews({ sessionIds: ticked, callIds, reviewedOnly }, sessions, as)
  }

  return (
    <Modal
      title="Export reviews"
      onClose={onClose}
      description="One row a call of each chosen session: its facts, score, answers, comment and notes, as CSV or JSON."
    >
      <form className="qa-export" aria-label="Export reviews" onSubmit={(event) => event.preventDefault()}>
        <fieldset className="qa-export__group">
          <legend className="field__label">Sessions</legend>
          <label className="qa-export__choice qa-export__choice--all">
            <input
              ref={allRef}
              type="checkbox"
              checked={ticked.size === sessions.length}
              onChange={(e) => setTicked(new Set(e.target.checked ? sessions.map((s) => s.id) : []))}
            />
            All sessions
          </label>
          <ul className="qa-export__sessions" aria-label="Sessions to export">
            {sessions.map((s) => (
              <li key={s.id}>
                <label className="qa-export__choice">
                  <input type="checkbox" checked={ticked.has(s.id)} onChange={(e) => toggle(s.id, e.target.checked)} />
                  {s.name}
                  <span className="qa-export__meta">
                    {' '}
                    ({s.reviewedCount} / {s.total} reviewed, {format(new Date(s.createdAt), 'd MMM yyyy')})
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {ticked.size === 0 && <p className="qa-export__hint">Choose at least one session to export.</p>}
        </fieldset>
        <fieldset className="qa-export__group">
          <legend className="field__label">Calls</legend>
          {selectedCount > 0 && (
            <label className="qa-export__choice">
              <input type="checkbox" checked={selectedOnly} onChange={(e) => setSelectedOnly(e.target.checked)} />
              {selectedCount === 1 ? 'Only the call selected in the list' : `Only the ${formatCount(selectedCount)} calls selected in the list`}
            </label>
          )}
          <label className="qa-export__choice">
            <input type="checkbox" checked={reviewedOnly} onChange={(e) => setReviewedOnly(e.target.checked)} />
            Only calls marked reviewed
          </label>
        </fieldset>
        {error && (
          <p className={`notice ${error.kind === 'not_found' || error.kind === 'validation' ? 'notice--warning' : 'notice--danger'}`} role="alert">
            {error.message}
          </p>
        )}
        {lastExport && <ExportWritten result={lastExport} />}
        <div className="qa-start__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            Done
          </button>
          <button type="button" className="button button--primary" disabled={busy || ticked.size === 0} onClick={() => write('csv')}>
            Export CSV
          </button>
          <button type="button" className="button button--primary" disabled={busy || ticked.size === 0} onClick={() => write('json')}>
            Export JSON
          </button>
        </div>
      </form>
    </Modal>
  )
}
