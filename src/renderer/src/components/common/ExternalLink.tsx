import { call } from '@renderer/lib/api'

interface ExternalLinkProps {
  /** An https:// address; main refuses anything else. */
  href: string
  children: React.ReactNode
  className?: string
}

/**
 * A link that opens in the user's browser. The window denies navigation and window.open
 * (Electron security checklist #13, #14), so a plain <a href> does nothing; main opens a link
 * only when asked over app:openExternal, and this click handler is the only place that asks
 * (checklist #15: openExternal only for https links a user clicks).
 */
export function ExternalLink({ href, children, className }: ExternalLinkProps): React.JSX.Element {
  return (
    <a
      href={href}
      className={className}
      rel="noreferrer"
      onClick={(event) => {
        event.preventDefault()
        call('app:openExternal', { url: href }).catch((error: unknown) => console.warn('Could not open the link in the browser', error))
      }}
    >
      {children}
    </a>
  )
}
