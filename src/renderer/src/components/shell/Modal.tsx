import { useEffect, useId, useRef } from 'react'
import { useKeyboardScroll } from '../common/use-keyboard-scroll'

interface ModalProps {
  /** The dialog's accessible name, shown as its heading. */
  title: string
  /** 'alertdialog' for confirmations that interrupt (WAI-ARIA APG). */
  role?: 'dialog' | 'alertdialog'
  /** Called on Escape, on the close button, or on a click outside the panel. */
  onClose: () => void
  /** 'sheet' slides in from the right edge; 'center' is a small confirmation. */
  variant?: 'center' | 'sheet'
  /** Shown under the title. */
  description?: React.ReactNode
  children: React.ReactNode
  footer?: React.ReactNode
}

/** How far each scroll key moves a dialog's body, for a key pressed outside the body. */
const SCROLL_KEYS: Record<string, (body: HTMLElement) => number> = {
  PageDown: (body) => body.clientHeight * 0.9,
  PageUp: (body) => -body.clientHeight * 0.9,
  ArrowDown: () => 40,
  ArrowUp: () => -40,
  Home: (body) => -body.scrollHeight,
  End: (body) => body.scrollHeight
}

/**
 * A modal on the native <dialog> element: the browser gives it focus trapping, Escape, the
 * inert background and the dialog role, so no hand-written focus management is needed.
 * Mounted only while open.
 */
export function Modal({ title, role = 'dialog', onClose, variant = 'center', description, children, footer }: ModalProps): React.JSX.Element {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const descriptionId = useId()
  const bodyRef = useRef<HTMLDivElement>(null)
  const scrollable = useKeyboardScroll(bodyRef)
  const closeRef = useRef(onClose)
  useEffect(() => {
    closeRef.current = onClose
  }, [onClose])

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (!dialog.open) dialog.showModal()
    const onCancel = (event: Event): void => {
      // Keep the element mounted and open; the owner unmounts it, which closes it.
      event.preventDefault()
      closeRef.current()
    }
    dialog.addEventListener('cancel', onCancel)
    return () => {
      dialog.removeEventListener('cancel', onCancel)
      if (dialog.open) dialog.close()
    }
  }, [])

  return (
    <dialog
      ref={ref}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      className={`modal modal--${variant}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onKeyDown={(event) => {
        // Scroll keys pressed on the dialog's own controls (Close has focus first) scroll its
        // body, not the page behind it.
        const body = bodyRef.current
        const step = body ? SCROLL_KEYS[event.key]?.(body) : undefined
        if (!body || step === undefined || !(event.target instanceof Element) || body.contains(event.target)) return
        if (event.target.closest('input, textarea, select, [contenteditable="true"]')) return
        event.preventDefault()
        body.scrollBy({ top: step })
      }}
      onMouseDown={(event) => {
        // A press on the backdrop (the dialog element itself, outside the panel) closes it.
        if (event.target === ref.current) onClose()
      }}
    >
      <div className="modal__panel">
        <header className="modal__header">
          <h2 id={titleId} className="modal__title">
            {title}
          </h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
              <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
            </svg>
          </button>
        </header>
        {description && (
          <div id={descriptionId} className="modal__description">
            {description}
          </div>
        )}
        {/* A long body (the shortcut sheet, at 200 % zoom any dialog) scrolls: then it takes focus, named by the title. */}
        <div
          ref={bodyRef}
          className="modal__body"
          tabIndex={scrollable ? 0 : undefined}
          role={scrollable ? 'region' : undefined}
          aria-labelledby={scrollable ? titleId : undefined}
        >
          {children}
        </div>
        {footer && <footer className="modal__footer">{footer}</footer>}
      </div>
    </dialog>
  )
}
