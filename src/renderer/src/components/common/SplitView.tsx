import { useRef } from 'react'
import '@renderer/styles/common.css'

interface SplitViewProps {
  /** The start pane's share of the width, 0–1. */
  ratio: number
  min: number
  max: number
  /** Called while dragging (`done` false) and once when the drag or key press ends (`done` true). */
  onResize: (ratio: number, done: boolean) => void
  /** Names the separator for assistive technology: "Resize the call list". */
  label: string
  start: React.ReactNode
  end: React.ReactNode
}

const KEY_STEP = 0.02

/**
 * Two panes side by side with a draggable, keyboard-operable separator (WAI-ARIA "window
 * splitter" pattern). Widths are set through the style prop, which the strict CSP allows.
 */
export function SplitView({ ratio, min, max, onResize, label, start, end }: SplitViewProps): React.JSX.Element {
  const container = useRef<HTMLDivElement>(null)
  const dragging = useRef(false)

  /** End a drag once, however it ends, and keep the width it reached. */
  const finishDrag = (finalRatio: number): void => {
    if (!dragging.current) return
    dragging.current = false
    onResize(finalRatio, true)
  }

  const ratioAt = (clientX: number): number => {
    const box = container.current?.getBoundingClientRect()
    if (!box || box.width === 0) return ratio
    return Math.min(max, Math.max(min, (clientX - box.left) / box.width))
  }

  return (
    <div className="split-view" ref={container}>
      <div className="split-view__pane" style={{ flexBasis: `${ratio * 100}%` }}>
        {start}
      </div>
      <div
        className="split-view__separator"
        role="separator"
        aria-orientation="vertical"
        aria-label={label}
        aria-valuemin={Math.round(min * 100)}
        aria-valuemax={Math.round(max * 100)}
        aria-valuenow={Math.round(ratio * 100)}
        tabIndex={0}
        onPointerDown={(event) => {
          dragging.current = true
          event.currentTarget.setPointerCapture(event.pointerId)
          event.preventDefault()
        }}
        onPointerMove={(event) => {
          if (dragging.current) onResize(ratioAt(event.clientX), false)
        }}
        onPointerUp={(event) => {
          if (!dragging.current) return
          const finalRatio = ratioAt(event.clientX)
          finishDrag(finalRatio)
          event.currentTarget.releasePointerCapture(event.pointerId)
        }}
        // The system can take the pointer away (a touch turned into a scroll, a window switch):
        // no pointerup follows, and without these the drag would stay stuck and unsaved.
        onPointerCancel={() => finishDrag(ratio)}
        onLostPointerCapture={() => finishDrag(ratio)}
        onKeyDown={(event) => {
          const next =
            event.key === 'ArrowLeft'
              ? ratio - KEY_STEP
              : event.key === 'ArrowRight'
                ? ratio + KEY_STEP
                : event.key === 'Home'
                  ? min
                  : event.key === 'End'
                    ? max
                    : null
          if (next === null) return
          event.preventDefault()
          onResize(Math.min(max, Math.max(min, next)), true)
        }}
      />
      <div className="split-view__pane split-view__pane--end">{end}</div>
    </div>
  )
}
