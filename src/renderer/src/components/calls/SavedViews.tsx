import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useFiltersStore } from '@renderer/stores/filters-store'

/**
 * Saved views: the current filters and sort under a name, one click (or Alt+1…9) away. The
 * active view can be renamed or deleted; changing a filter or the sort leaves the view as saved.
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
  const [editing, setEditing] = useState<{ mode: 'save' | 'rename'; name: string } | null>(null)
  const active = views.find((v) => v.id === activeViewId) ?? null

  const commit = (): void => {
    if (!editing || !editing.name.trim()) return setEditing(null)
    if (editing.mode === 'rename' && active) renameView(active.id, editing.name)
    else saveView(editing.name)
    setEditing(null)
  }

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
        <input
          className="field__input filter-input saved-views__name"
          aria-label={editing.mode === 'rename' ? 'New name of the view' : 'Name of the new view'}
          placeholder="Name this view"
          maxLength={80}
          autoFocus
          value={editing.name}
          onChange={(event) => setEditing({ ...editing, name: event.target.value })}
          onBlur={() => setEditing(null)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commit()
            if (event.key === 'Escape') {
              event.stopPropagation()
              setEditing(null)
            }
          }}
        />
      ) : (
        <>
          <button type="button" className="link-button" onClick={() => setEditing({ mode: 'save', name: '' })}>
            Save view…
          </button>
          {active && (
            <>
              <button type="button" className="link-button" onClick={() => setEditing({ mode: 'rename', name: active.name })}>
                Rename
              </button>
              <button type="button" className="link-button" aria-label={`Delete view ${active.name}`} onClick={() => deleteView(active.id)}>
                Delete
              </button>
            </>
          )}
        </>
      )}
    </div>
  )
}
