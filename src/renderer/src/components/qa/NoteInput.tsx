import { useEffect, useRef, useState } from 'react'
import { formatPlaybackTime } from '../../../../shared/qa/format'
import type { NoteDraft } from '../../stores/qa-store'
import { useQaStore } from '../../stores/qa-store'

/**
 * The small input N opens: pinned to the moment N was pressed, while the audio keeps playing.
 * Enter saves, Escape cancels; focus goes back where it was so the keys work on.
 */
export function NoteInput({ draft }: { draft: NoteDraft }): React.JSX.Element {
  const [text, setText] = useState('')
  const ref = useRef<HTMLInputElement>(null)
  const returnTo = useRef<Element | null>(null)
  useEffect(() => {
    returnTo.current = document.activeElement
    ref.current?.focus()
  }, [])
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
        value={text}
        maxLength={2000}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            done()
            void useQaStore.getState().saveNote(text)
          } else if (e.key === 'Escape') {
            e.preventDefault()
            e.stopPropagation()
            done()
            useQaStore.getState().cancelNote()
          }
        }}
      />
    </div>
  )
}
