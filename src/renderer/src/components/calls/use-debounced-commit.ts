import { useEffect, useRef, useState } from 'react'

/**
 * A text field's own copy of a filter value, committed to the store after the user pauses
 * (or at once on Enter or blur), so a half-typed phone number is not validated and queried at
 * every keystroke. A change from outside (reset, saved filters) replaces what is shown.
 */
export function useDebouncedCommit(
  value: string,
  commit: (value: string) => void,
  delayMs: number
): { text: string; setText: (text: string) => void; flush: () => void } {
  const [text, setTextState] = useState(value)
  const [seen, setSeen] = useState(value)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const latest = useRef({ text, commit })
  useEffect(() => {
    latest.current = { text, commit }
  })
  // Adopt an outside change during render (React's "storing information from previous renders").
  if (value !== seen) {
    setSeen(value)
    setTextState(value)
  }

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current)
    },
    []
  )

  const flush = (): void => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    if (latest.current.text !== value) latest.current.commit(latest.current.text)
  }
  const setText = (next: string): void => {
    setTextState(next)
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      timer.current = null
      latest.current.commit(next)
    }, delayMs)
  }
  return { text, setText, flush }
}
