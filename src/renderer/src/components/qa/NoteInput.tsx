import { useEffect, useRef, useState } from 'react'
import { formatPlaybackTime } from '@shared/qa/format'
import type { NoteDraft } from '@renderer/stores/qa-store'
import { useQaStore } from '@renderer/stores/qa-store'
import { LengthLimitNote } from '../common/LengthLimit'

/**
 * The small input N opens: pinned to the moment N was pressed, while the audio keeps playing.
 * Enter saves, Escape cancels; focus goes back where it was so the keys work on. A save that
 * fails leaves the input open with the text, and the session panel shows the error. The text is
 * kept in the QA store, so moving to another call or leaving the session saves it too.
 */
export function NoteInput({ draft }: { draft: NoteDraft }): React.JSX.Element {
  const ref = useRef<HTMLInputElement>(null)
  const returnTo = useRef<Element | null>(null)
  useEffect(() => {
    returnTo.current = document.activeElement
    ref.current?.focus()
  }, [])
  // A QA key pressed with the focus elsewhere waits for this note: take the focus back and say how to finish.
  const nudges = useQaStore((s) => s.noteNudges)
  const [nudgesAtOpen] = useState(nudges)
  const nudged = nudges !== nudgesAtOpen
  useEffect(() => {
    if (!nudged) return
    ref.current?.focus()
    ref.current?.scrollIntoView({ block: 'nearest' })
  }, [nudged, nudges])
  const done = (): void => {
    const back = returnTo.current
    if (back instanceof HTMLElement && back !== document.body && back.isConnected) back.focus()
    else ref.current?.blur()
  }
  const label = `Note at ${formatPlaybackTime(draft.seconds)}`
  return (
    <div className="qa-note-input" role="group" aria-label="New note">
      <span className="qa-note-input__time">{formatPlaybackTime(draft.seconds)}</span>
      <input
        ref={ref}
        type="text"
        className="field__input"
        aria-label={label}
        placeholder="Type a note, Enter to save, Esc to cancel"
        value={draft.text}
        maxLength={2000}
        onChange={(e) => useQaStore.getState().setNoteText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            // Focus goes back only once the note is stored: a failed save keeps the input and its text.
            void useQaStore
              .getState()
              .saveNote()
              .then((saved) => {
                if (saved) done()
              })
          } else if (e.key === 'Escape') {
            e.preventDefault()
            e.stopPropagation()
            done()
            useQaStore.getState().cancelNote()
          }
        }}
      />
      <LengthLimitNote value={draft.text} max={2000} />
      {nudged && (
        <p className="qa-note-input__hint" role="status">
          Finish this note first: Enter saves it, Esc cancels it. Then the QA keys work again.
        </p>
      )}
    </div>
  )
}
