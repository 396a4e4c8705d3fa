import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { MAX_SAVED_VIEWS } from '@shared/ipc/contract/values'
import { useFiltersStore, type ViewNameProblem } from '@renderer/stores/filters-store'
import { lengthLimitText } from '../common/LengthLimit'

interface Editing {
  mode: 'save' | 'rename'
  name: string
  /** The name (lower case) the user was told is taken and may now replace; saving it again replaces that view. */
  replacing: string | null
  problem: ViewNameProblem | null
}

/** The longest view name the field takes. */
const VIEW_NAME_MAX = 80

function problemText(editing: Editing): string | null {
  const name = editing.name.trim()
  switch (editing.problem) {
    case 'empty':
      return 'Type a name for the view.'
    case 'taken':
      return editing.mode === 'save'
        ? `A view is already named “${name}”. Replace it with these filters, or choose another name.`
        : `Another view is named “${name}”; choose another name.`
    case 'full':
      return `There are already ${MAX_SAVED_VIEWS} saved views, the most there can be; delete one to save another.`
    default:
      return null
  }
}

/**
 * Saved views: the current filters and sort under a name, one click (or Alt+1…9) away. The
 * active view can be renamed or deleted; changing a filter or the sort leaves the view as saved.
 * Nothing is lost by a slip: the name being typed stays until saved or cancelled, a view of the
 * same name is replaced only when the user says so, and a view is deleted only once confirmed.
 */
export function SavedViews(): React.JSX.Element {
  const { views, activeViewId, saveView, applyView, renameView, deleteView } = useFiltersStore(
    useShallow((s) => ({
      views: s.views,
      activeViewId: s.activeViewId,
      saveView: s.saveView,
      applyView: s.applyView,
      renameView: s.renameView,
      deleteView: s.deleteView
    }))
  )
  const [editing, setEditing] = useState<Editing | null>(null)
  // The view whose deletion is being confirmed; another view made active meanwhile is not it.
  const [confirmingDelete, setConfirmingDelete] = useState<string | null>(null)
  const active = views.find((v) => v.id === activeViewId) ?? null

  const edit = (mode: Editing['mode'], name: string): void => {
    setConfirmingDelete(null)
    setEditing({ mode, name, replacing: null, problem: null })
  }
  const commit = (): void => {
    if (!editing) return
    const key = editing.name.trim().toLowerCase()
    const problem =
      editing.mode === 'rename' && active ? renameView(active.id, editing.name) : saveView(editing.name, { replace: editing.replacing === key })
    if (problem === null) setEditing(null)
    else setEditing({ ...editing, problem, replacing: problem === 'taken' && editing.mode === 'save' ? key : null })
  }
  const message = editing && (problemText(editing) ?? lengthLimitText(editing.name, VIEW_NAME_MAX) ?? null)
  const replacing = editing?.mode === 'save' && editing.replacing !== null && editing.replacing === editing.name.trim().toLowerCase()

  return (
    <div className="saved-views" role="toolbar" aria-label="Saved views">
      <span className="saved-views__label">Views</span>
      {views.map((view, i) => (
        <button
          key={view.id}
          type="button"
          className={`saved-views__view${view.id === activeViewId ? ' saved-views__view--active' : ''}`}
          aria-pressed={view.id === activeViewId}
          title={i < 9 ? `Alt+${i + 1}` : undefined}
          onClick={() => applyView(view.id)}
        >
          {view.name}
        </button>
      ))}
      {editing ? (
        <form
          className="saved-views__form"
          aria-label={editing.mode === 'rename' ? 'Rename the view' : 'Save a view'}
          onSubmit={(event) => {
            event.preventDefault()
            commit()
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return
            event.stopPropagation()
            setEditing(null)
          }}
        >
          <input
            className="field__input filter-input saved-views__name"
            aria-label={editing.mode === 'rename' ? 'New name of the view' : 'Name of the new view'}
            aria-invalid={editing.problem !== null}
            aria-describedby={message ? 'saved-views-problem' : undefined}
            placeholder="Name this view"
            maxLength={VIEW_NAME_MAX}
            autoFocus
            value={editing.name}
            onChange={(event) => setEditing({ ...editing, name: event.target.value, problem: null })}
          />
          <button type="submit" className="button button--primary button--small">
            {replacing ? 'Replace' : editing.mode === 'rename' ? 'Rename' : 'Save'}
          </button>
          <button type="button" className="button button--secondary button--small" onClick={() => setEditing(null)}>
            Cancel
          </button>
          {message && (
            <span id="saved-views-problem" className="saved-views__problem" role="alert">
              {message}
            </span>
          )}
        </form>
      ) : active && confirmingDelete === active.id ? (
        <span className="saved-views__form" role="group" aria-label="Delete the view">
          <span>Delete the view “{active.name}”?</span>
          <button
            type="button"
            className="button button--danger button--small"
            autoFocus
            onClick={() => {
              deleteView(active.id)
              setConfirmingDelete(null)
            }}
          >
            Delete
          </button>
          <button type="button" className="button button--secondary button--small" onClick={() => setConfirmingDelete(null)}>
            Keep it
          </button>
        </span>
      ) : (
        <>
          <button type="button" className="link-button" onClick={() => edit('save', '')}>
            Save view…
          </button>
          {active && (
            <>
              <button type="button" className="link-button" onClick={() => edit('rename', active.name)}>
                Rename
              </button>
              <button type="button" className="link-button" aria-label={`Delete view ${active.name}`} onClick={() => setConfirmingDelete(active.id)}>
                Delete
              </button>
            </>
          )}
        </>
      )}
    </div>
  )
}
