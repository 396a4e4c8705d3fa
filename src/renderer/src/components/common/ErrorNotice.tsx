import type { AppErrorInfo } from '@shared/errors'
import '@renderer/styles/common.css'

interface ErrorNoticeProps {
  /** What failed, in the user's words: "The calls could not be loaded". */
  title: string
  error: AppErrorInfo
  onRetry?: () => void
  /** Smaller, for a notice inside a panel. */
  compact?: boolean
}

/**
 * One failure, shown the way every failure on the call screen is: what failed, the server's
 * message (which says why and what to do), the API's request_id for support, and a retry.
 */
export function ErrorNotice({ title, error, onRetry, compact = false }: ErrorNoticeProps): React.JSX.Element {
  return (
    <div className={`notice notice--danger error-notice${compact ? ' error-notice--compact' : ''}`} role="alert">
      <p className="notice__title">{title}</p>
      <p className="notice__body">{error.message}</p>
      {error.fields?.map((field) => (
        <p key={field.field} className="notice__body">
          {field.field}: {field.message}
        </p>
      ))}
      {(error.requestId || onRetry) && (
        <div className="notice__actions">
          {onRetry && (
            <button type="button" className="button button--secondary" onClick={onRetry}>
              {error.retryAfterSeconds ? `Retry (wait ${error.retryAfterSeconds} s)` : 'Retry'}
            </button>
          )}
          {error.requestId && (
            <span className="notice__meta">
              Request ID <span className="error-notice__request-id">{error.requestId}</span>
            </span>
          )}
        </div>
      )}
    </div>
  )
}
