import type { AppErrorInfo } from '@shared/errors'
import { MessageText } from './MessageText'
import { retryUntil, useRetryWait } from './use-countdown'

interface SignInErrorProps {
  error: AppErrorInfo
  /** When the error arrived (epoch ms); a rate limit's wait counts from here. */
  errorAt: number
  /** Offered when the keychain is unavailable: resubmit with sessionOnly. */
  onSessionOnly?: (() => void) | undefined
  busy: boolean
}

/** The headline for each kind of failure; the body is always main's own message. */
function headline(kind: AppErrorInfo['kind']): string {
  switch (kind) {
    case 'rate_limited':
      return 'Too many sign-in attempts'
    case 'network':
    case 'timeout':
      return 'Can’t reach Convirza'
    case 'keychain_unavailable':
      return 'Your sign-in can’t be saved on this computer'
    case 'validation':
      return 'Check the highlighted fields'
    case 'forbidden':
      return 'This account can’t use that org unit'
    default:
      return 'Sign-in failed'
  }
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  return `${minutes}:${String(rest).padStart(2, '0')} minutes`
}

/**
 * Why a sign-in failed and what to do next: the server's message for wrong
 * credentials, when to retry after the login rate limit, a hint for a network failure, and for a
 * missing keychain the install advice plus a session-only sign-in — never a plain-text fallback.
 */
export function SignInError({ error, errorAt, onSessionOnly, busy }: SignInErrorProps): React.JSX.Element {
  const secondsLeft = useRetryWait(error, errorAt)
  const knowsWhen = retryUntil(error, errorAt) !== null
  const tone = error.kind === 'keychain_unavailable' ? 'warning' : 'danger'
  return (
    <div className={`notice notice--${tone}`} role="alert">
      <p className="notice__title">{headline(error.kind)}</p>
      <p className="notice__body">
        <MessageText text={error.message} />
      </p>
      {error.kind === 'rate_limited' && (
        <p className="notice__body" aria-live="off">
          {!knowsWhen
            ? 'Wait a minute before trying again (the server allows 10 sign-ins a minute).'
            : secondsLeft > 0
              ? `You can try again in ${formatWait(secondsLeft)}.`
              : 'You can try again now.'}
        </p>
      )}
      {(error.kind === 'network' || error.kind === 'timeout') && (
        <p className="notice__body">
          Check your internet connection. If you use a proxy or a private Convirza server, check the addresses under Advanced.
        </p>
      )}
      {error.kind === 'keychain_unavailable' && onSessionOnly && (
        <div className="notice__actions">
          <button type="button" className="button button--secondary" onClick={onSessionOnly} disabled={busy}>
            Sign in for this session only
          </button>
          <span className="notice__aside">Nothing is saved; you sign in again next time you open Call Review.</span>
        </div>
      )}
      {error.requestId && <p className="notice__meta">Request ID: {error.requestId}</p>}
    </div>
  )
}
