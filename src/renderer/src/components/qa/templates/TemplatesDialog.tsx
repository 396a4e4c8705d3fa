import { useCallback, useEffect, useState } from 'react'
import { DEFAULT_TEMPLATE_ID } from '@shared/qa/default-template'
import type { Template } from '@shared/qa/schemas'
import { useTemplatesStore } from '@renderer/stores/templates-store'
import { Modal } from '@renderer/components/shell/Modal'
import { TemplateEditor } from './TemplateEditor'
import '@renderer/styles/qa-templates.css'

/** Which template the editor shows: one of the list, a new one, or none yet. */
type Editing = { kind: 'template'; id: string } | { kind: 'new' } | null

/**
 * "Scorecard templates": every template with its current version (archived ones marked), and
 * the editor for the one picked or a new one. Saving an edit makes the next version; sessions
 * and finished reviews keep the version they were scored with.
 */
export function TemplatesDialog({ onClose }: { onClose: () => void }): React.JSX.Element {
  const templates = useTemplatesStore((s) => s.templates)
  const loading = useTemplatesStore((s) => s.loading)
  const loadError = useTemplatesStore((s) => s.loadError)
  const [editing, setEditing] = useState<Editing>(null)
  // A fresh form for each pick; saving (even a new template's first version) keeps the form and its message.
  const [editorKey, setEditorKey] = useState(0)
  // Unsaved edits are never dropped silently: picking another template or closing asks first.
  const [dirty, setDirty] = useState(false)
  const [leaving, setLeaving] = useState<{ kind: 'pick'; next: Editing } | { kind: 'close' } | null>(null)
  const onDirtyChange = useCallback((next: boolean) => setDirty(next), [])

  useEffect(() => {
    const store = useTemplatesStore.getState()
    store.clearError()
    void store.load()
  }, [])

  const shownId = editing?.kind === 'template' ? editing.id : editing === null ? (templates[0]?.id ?? null) : null
  const shown = shownId === null ? undefined : templates.find((t) => t.id === shownId)
  const open = (next: Editing): void => {
    useTemplatesStore.getState().clearError()
    setDirty(false)
    setEditing(next)
    setEditorKey((key) => key + 1)
  }
  const pick = (next: Editing): void => (dirty ? setLeaving({ kind: 'pick', next }) : open(next))
  const close = (): void => (dirty ? setLeaving({ kind: 'close' }) : onClose())
  const discard = (): void => {
    const action = leaving
    setLeaving(null)
    if (action?.kind === 'pick') open(action.next)
    else if (action?.kind === 'close') onClose()
  }
  const editedName = shown?.name ?? 'the new template'
  const onSaved = (template: Template): void => setEditing({ kind: 'template', id: template.id })

  return (
    <Modal
      title="Scorecard templates"
      variant="sheet"
      onClose={close}
      description="Saving a change makes a new version of the template; sessions already started, and the reviews in them, keep the version they were scored with."
    >
      <div className="qa-templates__bar">
        <ul className="qa-templates__list" aria-label="Templates">
          {templates.map((t) => (
            <li key={t.id}>
              <button
                type="button"
                className="qa-templates__item"
                aria-current={t.id === shownId ? 'true' : undefined}
                onClick={() => pick({ kind: 'template', id: t.id })}
              >
                <span className="qa-templates__name">{t.name}</span>
                <span className="qa-templates__meta">
                  version {t.version}
                  {t.id === DEFAULT_TEMPLATE_ID && ' · built in'}
                  {t.archived && ' · archived'}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="button button--secondary button--small"
          aria-pressed={editing?.kind === 'new'}
          onClick={() => pick({ kind: 'new' })}
        >
          New template
        </button>
      </div>
      {loadError && (
        <div className="notice notice--danger" role="alert">
          <p className="notice__title">The templates could not be read</p>
          <p className="notice__body">{loadError.message}</p>
          <button type="button" className="button button--secondary" onClick={() => void useTemplatesStore.getState().load()}>
            Try again
          </button>
        </div>
      )}
      {editing?.kind === 'new' || shown ? (
        <TemplateEditor key={editorKey} template={shown ?? null} onSaved={onSaved} onDirtyChange={onDirtyChange} />
      ) : (
        loading && (
          <p className="settings-section__loading" role="status">
            Reading the templates…
          </p>
        )
      )}
      {leaving && (
        <Modal
          title="Discard unsaved changes?"
          role="alertdialog"
          onClose={() => setLeaving(null)}
          description={<p>Your changes to {editedName} have not been saved. Discarding them keeps the saved version as it is.</p>}
          footer={
            <>
              <button type="button" className="button button--secondary" onClick={() => setLeaving(null)}>
                Keep editing
              </button>
              <button type="button" className="button button--danger" onClick={discard}>
                Discard changes
              </button>
            </>
          }
        >
          {null}
        </Modal>
      )}
    </Modal>
  )
}
