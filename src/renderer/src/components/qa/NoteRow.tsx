import { useState } from 'react'
import type { Note } from '@shared/qa/schemas'
import { formatPlaybackTime } from '@shared/qa/format'
import { usePlayerStore } from '@renderer/stores/player-store'
import { useQaStore } from '@renderer/stores/qa-store'
import { LengthLimitNote } from '../common/LengthLimit'

/** One pinned note: its time jumps the audio there; edit in place (Enter saves, Esc cancels); delete. */
export function NoteRow({ note }: { note: Note }): React.JSX.Element {
  const [editing, setEditing] = useState<string | null>(null)
  const time = formatPlaybackTime(note.seconds)
  return (
    <li className="qa-note">
      <button type="button" className="qa-note__time" aria-label={`Jump to ${time}`} onClick={() => usePlayerStore.getState().seek(note.seconds)}>
        {time}
      </button>
      {editing === null ? (
        <span className="qa-note__text">{note.text}</span>
      ) : (
        <input
          type="text"
          className="field__input qa-note__edit"
          aria-label={`Edit the note at ${time}`}
          value={editing}
          autoFocus
          maxLength={2000}
          onChange={(e) => setEditing(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              if (editing.trim()) void useQaStore.getState().updateNote(note.id, editing)
              setEditing(null)
            } else if (e.key === 'Escape') {
              e.preventDefault()
              e.stopPropagation()
              setEditing(null)
            }
          }}
        />
      )}
      {editing !== null && <LengthLimitNote value={editing} max={2000} />}
      <span className="qa-note__actions">
        <button
          type="button"
          className="link-button"
          aria-label={`Edit the note at ${time}`}
          onClick={() => setEditing(note.text)}
          hidden={editing !== null}
        >
          Edit
        </button>
        <button
          type="button"
          className="link-button"
          aria-label={`Delete the note at ${time}`}
          onClick={() => void useQaStore.getState().deleteNote(note.id)}
        >
          Delete
        </button>
      </span>
    </li>
  )
}
