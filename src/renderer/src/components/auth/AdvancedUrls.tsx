import { useEffect, useRef } from 'react'
import { DEFAULT_API_BASE_URL, DEFAULT_OAUTH_BASE_URL } from '@shared/ipc/contract/values'
import { TextField } from '../common/TextField'
import type { FieldErrors } from './field-errors'

interface AdvancedUrlsProps {
  apiBaseUrl: string
  onApiBaseUrl: (value: string) => void
  /** Omitted for a pasted token, which never talks to the OAuth host. */
  oauthBaseUrl?: string
  onOauthBaseUrl?: (value: string) => void
  errors: FieldErrors
}

/**
 * The API and OAuth hosts, folded away: almost everyone uses the documented ones
 * (docs/convirza-api.md "Hosts"). Opens by itself when one of them is wrong, so the error is seen.
 */
export function AdvancedUrls({ apiBaseUrl, onApiBaseUrl, oauthBaseUrl, onOauthBaseUrl, errors }: AdvancedUrlsProps): React.JSX.Element {
  const hasError = Boolean(errors['apiBaseUrl'] || errors['oauthBaseUrl'])
  const changed = apiBaseUrl !== DEFAULT_API_BASE_URL || (oauthBaseUrl !== undefined && oauthBaseUrl !== DEFAULT_OAUTH_BASE_URL)
  const ref = useRef<HTMLDetailsElement>(null)
  useEffect(() => {
    if (hasError && ref.current) ref.current.open = true
  }, [hasError])
  return (
    <details ref={ref} className="advanced">
      <summary className="advanced__summary">
        Advanced
        {changed && <span className="advanced__changed">custom servers</span>}
      </summary>
      <div className="advanced__body">
        <TextField
          label="API base URL"
          type="url"
          value={apiBaseUrl}
          onChange={onApiBaseUrl}
          error={errors['apiBaseUrl']}
          spellCheck={false}
          autoComplete="off"
        />
        {oauthBaseUrl !== undefined && onOauthBaseUrl && (
          <TextField
            label="OAuth base URL"
            type="url"
            value={oauthBaseUrl}
            onChange={onOauthBaseUrl}
            error={errors['oauthBaseUrl']}
            spellCheck={false}
            autoComplete="off"
          />
        )}
        <button
          type="button"
          className="link-button"
          disabled={!changed}
          onClick={() => {
            onApiBaseUrl(DEFAULT_API_BASE_URL)
            onOauthBaseUrl?.(DEFAULT_OAUTH_BASE_URL)
          }}
        >
          Restore the standard Convirza servers
        </button>
      </div>
    </details>
  )
}
