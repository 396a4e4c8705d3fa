import { useEffect, useId, useRef, useState } from 'react'
import '@renderer/styles/common.css'

interface PopoverProps {
  /** The trigger's content; the trigger is a button with aria-expanded. */
  trigger: React.ReactNode
  /** The trigger's accessible name when its content is not enough. */
  triggerLabel?: string
  triggerClassName?: string
  /** The panel's accessible name. */
  label: string
  children: React.ReactNode
  align?: 'start' | 'end'
}

/**
 * A button that opens a panel below it (disclosure pattern): Escape or a click outside closes
 * it and gives focus back to the button. Used for the disposition multi-select.
 */
export function Popover({
  trigger,
  triggerLabel,
  triggerClassName = 'button button--secondary',
  label,
  children,
  align = 'start'
}: PopoverProps): React.JSX.Element {
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const panelId = useId()

  useEffect(() => {
    if (!open) return
    const onPointer = (event: PointerEvent): void => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false)
    }
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return
      event.stopPropagation()
      setOpen(false)
      button.current?.focus()
    }
    document.addEventListener('pointerdown', onPointer)
    document.addEventListener('keydown', onKey, true)
    return () => {
      document.removeEventListener('pointerdown', onPointer)
      document.removeEventListener('keydown', onKey, true)
    }
  }, [open])

  return (
    <div className="popover" ref={root}>
      <button
        ref={button}
        type="button"
        className={triggerClassName}
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={triggerLabel}
        onClick={() => setOpen((o) => !o)}
      >
        {trigger}
      </button>
      {open && (
        <div id={panelId} className={`popover__panel popover__panel--${align}`} role="group" aria-label={label}>
          {children}
        </div>
      )}
    </div>
  )
}
