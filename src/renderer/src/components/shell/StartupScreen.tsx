import type { AppErrorInfo } from '@shared/errors'
import { BrandMark } from './BrandMark'

interface StartupScreenProps {
  /** Set when the sign-in state could not be read. */
  error: AppErrorInfo | null
  version: string | undefined
  onRetry: () => void
}

/** What shows before the sign-in state is known: a quiet splash, or why it could not be read. */
export function StartupScreen({ error, version, onRetry }: StartupScreenProps): React.JSX.Element {
  if (!error)
    return (
      <div className="startup" role="status" aria-label="Loading Call Review">
        <BrandMark size={40} />
      </div>
    )
  return (
    <div className="startup">
      <BrandMark size={40} />
      <h1 className="startup__title">Call Review</h1>
      <div className="notice notice--danger startup__notice" role="alert">
        <p className="notice__title">Call Review couldn’t start</p>
        <p className="notice__body">{error.message}</p>
        <button type="button" className="button button--secondary" onClick={onRetry}>
          Try again
        </button>
      </div>
      {version && (
        <span className="startup__version" aria-label="Version">
          {version}
        </span>
      )}
    </div>
  )
}
