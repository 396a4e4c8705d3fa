import { useEffect, useId, useRef, useState } from 'react'
import { useQaStore } from '@renderer/stores/qa-store'
import { LengthLimitNote } from '../common/LengthLimit'

/** Saved once the reviewer pauses this long, and at once when the field loses focus. */
const SAVE_AFTER_MS = 600
/** SaveReviewRequest.comment's limit. */
const MAX_COMMENT = 10_000

interface ReviewCommentProps {
  sessionId: string
  callId: number
  /** The comment as stored when this call was opened. */
  comment: string
}

/**
 * The reviewer's comment on a call, saved as it is typed, so
 * nothing is lost to a crash or a closed window: after a short pause, on blur, and when the call changes or the panel
 * closes. Mounted per call (keyed by call id); the text is this field's own while it is open,
 * so main's answers to earlier saves never overwrite what is being typed.
 */
export function ReviewComment({ sessionId, callId, comment }: ReviewCommentProps): React.JSX.Element {
  const id = useId()
  const [text, setText] = useState(comment)
  const latest = useRef(comment)
  const saved = useRef(comment)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  // The ref, not a closure, so the unmount flush saves what was typed last.
  const save = useRef(() => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    if (latest.current === saved.current) return
    saved.current = latest.current
    useQaStore.getState().setComment({ sessionId, callId }, latest.current)
  })
  useEffect(() => {
    const flush = save.current
    return () => flush()
  }, [])

  return (
    <div className="field qa-comment">
      <label className="field__label" htmlFor={id}>
        Comment
      </label>
      <textarea
        id={id}
        className="field__input qa-comment__input"
        rows={3}
        maxLength={MAX_COMMENT}
        placeholder="What should the agent keep or change? Saved as you type."
        value={text}
        onChange={(event) => {
          setText(event.target.value)
          latest.current = event.target.value
          if (timer.current) clearTimeout(timer.current)
          timer.current = setTimeout(save.current, SAVE_AFTER_MS)
        }}
        onBlur={() => save.current()}
      />
      <LengthLimitNote value={text} max={MAX_COMMENT} />
    </div>
  )
}
