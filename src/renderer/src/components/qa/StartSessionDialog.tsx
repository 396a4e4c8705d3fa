import { useEffect, useRef, useState } from 'react'
import { format } from 'date-fns'
import type { AppliedQuery } from '../../stores/filters-store'
import { FILTER_SESSION_CAP, useQaStore } from '../../stores/qa-store'
import { useCallsStore } from '../../stores/calls-store'
import { Modal } from '../shell/Modal'

/**
 * Name the session, pick the scorecard and how many of the filter's calls to queue (in the
 * list's order, at most FILTER_SESSION_CAP). Enter in any field starts it.
 */
export function StartSessionDialog({ applied, onClose }: { applied: AppliedQuery; onClose: () => void }): React.JSX.Element {
  const templates = useQaStore((s) => s.templates)
  const busy = useQaStore((s) => s.busy)
  const error = useQaStore((s) => s.error)
  const total = useCallsStore((s) => s.total)
  const [name, setName] = useState(() => `QA ${format(new Date(), 'yyyy-MM-dd HH:mm')}`)
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? '')
  const [limit, setLimit] = useState(String(Math.min(total ?? FILTER_SESSION_CAP, FILTER_SESSION_CAP)))
  const nameRef = useRef<HTMLInputElement>(null)
  // showModal() runs after this component mounts and moves focus to the close button: take it back.
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      nameRef.current?.focus()
      nameRef.current?.select()
    })
    return () => cancelAnimationFrame(frame)
  }, [])

  const submit = (event: React.FormEvent): void => {
    event.preventDefault()
    const count = Number(limit)
    if (!Number.isFinite(count) || count < 1) return
    void useQaStore.getState().startFromFilter(applied, { name: name.trim() || 'QA session', limit: count, ...(templateId ? { templateId } : {}) })
  }

  return (
    <Modal title="Start a QA session" onClose={onClose} description="The session queues calls of the current filter in the list's order.">
      <form className="qa-start" onSubmit={submit} aria-label="Start a QA session">
        <label className="field">
          <span className="field__label">Session name</span>
          <input className="field__input" type="text" value={name} ref={nameRef} onChange={(e) => setName(e.target.value)} maxLength={120} />
        </label>
        <label className="field">
          <span className="field__label">Scorecard</span>
          <select className="field__input" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} (v{t.version})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Number of calls (at most {FILTER_SESSION_CAP})</span>
          <input className="field__input" type="number" min={1} max={FILTER_SESSION_CAP} value={limit} onChange={(e) => setLimit(e.target.value)} />
        </label>
        {error && (
          <p className="notice notice--danger" role="alert">
            {error.message}
          </p>
        )}
        <div className="qa-start__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Starting…' : 'Start session'}
          </button>
        </div>
      </form>
    </Modal>
  )
}
