import { formatFetchedAt } from '@renderer/lib/format'
import { Icon } from './Icon'
import '@renderer/styles/common.css'

interface OfflineBannerProps {
  /** When the data on screen was fetched (ISO), or null when unknown. */
  dataFrom: string | null
  /** Why the API could not be reached, for the tooltip-free detail line. */
  reason?: string
  /** What the screen can and cannot show while offline ("Only the calls in your library are listed…"). */
  scope?: string
  onRetry?: () => void
}

/** Says the screen shows the library's copy because the API could not be reached. */
export function OfflineBanner({ dataFrom, reason, scope, onRetry }: OfflineBannerProps): React.JSX.Element {
  return (
    <div className="offline-banner" role="status">
      <Icon name="offline" size={16} />
      <span className="offline-banner__text">
        <strong>Offline — data from {formatFetchedAt(dataFrom)}</strong>
        {scope && <span className="offline-banner__reason">{scope}</span>}
        {reason && <span className="offline-banner__reason">{reason}</span>}
      </span>
      {onRetry && (
        <button type="button" className="link-button offline-banner__retry" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  )
}
