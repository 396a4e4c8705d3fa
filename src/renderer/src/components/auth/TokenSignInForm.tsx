import { useState } from 'react'
import type { AppErrorInfo } from '../../../../shared/errors'
import { DEFAULT_API_BASE_URL, TokenSignInRequestSchema, type ProfileSummary } from '../../../../shared/ipc/contract/auth'
import type { TokenSignInRequest } from '../../stores/auth-store'
import { AdvancedUrls } from './AdvancedUrls'
import { fieldErrorsFromInfo, fieldErrorsFromIssues, type FieldErrors } from './field-errors'
import { SignInError } from './SignInError'
import { TextField } from '../common/TextField'
import { useRetryWait } from './use-countdown'

interface TokenSignInFormProps {
  profile: ProfileSummary | null
  keychainAvailable: boolean
  error: AppErrorInfo | null
  errorAt: number
  busy: boolean
  onSubmit: (request: TokenSignInRequest) => Promise<boolean>
}

/**
 * "Use an access token": for people who already hold one (an integration user, say). There is
 * nothing to refresh it with, so the app asks again when it expires. The token is cleared from
 * this form the moment main has it.
 */
export function TokenSignInForm({ profile, keychainAvailable, error, errorAt, busy, onSubmit }: TokenSignInFormProps): React.JSX.Element {
  const [profileName, setProfileName] = useState(profile?.name ?? '')
  const [accessToken, setAccessToken] = useState('')
  const [apiBaseUrl, setApiBaseUrl] = useState(profile?.apiBaseUrl ?? DEFAULT_API_BASE_URL)
  const [localErrors, setLocalErrors] = useState<FieldErrors>({})
  const errors: FieldErrors = { ...fieldErrorsFromInfo(error), ...localErrors }
  // After the login rate limit, another try before Retry-After would only be refused again.
  const waitSeconds = useRetryWait(error, errorAt)

  const submit = async (sessionOnly: boolean): Promise<void> => {
    const parsed = TokenSignInRequestSchema.safeParse({
      profileName,
      accessToken,
      apiBaseUrl: apiBaseUrl.trim() === DEFAULT_API_BASE_URL ? undefined : apiBaseUrl.trim(),
      sessionOnly
    })
    if (!parsed.success) {
      setLocalErrors(fieldErrorsFromIssues(parsed.error))
      return
    }
    setLocalErrors({})
    if (await onSubmit(parsed.data)) setAccessToken('')
  }

  const showFieldSummary = error && error.kind === 'validation' && Object.keys(fieldErrorsFromInfo(error)).length > 0
  return (
    <form
      className="sign-in-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void submit(!keychainAvailable)
      }}
    >
      {error && !showFieldSummary && (
        <SignInError
          error={error}
          errorAt={errorAt}
          busy={busy}
          onSessionOnly={error.kind === 'keychain_unavailable' ? () => void submit(true) : undefined}
        />
      )}
      <fieldset className="sign-in-form__fields" disabled={busy}>
        <TextField
          label="Access token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={accessToken}
          onChange={setAccessToken}
          error={errors['accessToken']}
          hint="Paste the bearer token exactly as Convirza issued it. It is kept in your system keychain."
          required
        />
        <TextField
          label="Profile name"
          autoComplete="off"
          value={profileName}
          onChange={setProfileName}
          error={errors['profileName']}
          placeholder="e.g. Acme Dental"
          maxLength={80}
          required
        />
        <AdvancedUrls apiBaseUrl={apiBaseUrl} onApiBaseUrl={setApiBaseUrl} errors={errors} />
      </fieldset>
      <button type="submit" className="button button--primary button--block" disabled={busy || waitSeconds > 0} aria-busy={busy}>
        {busy
          ? 'Signing in…'
          : waitSeconds > 0
            ? `Try again in ${waitSeconds} s`
            : keychainAvailable
              ? 'Sign in with token'
              : 'Sign in for this session only'}
      </button>
    </form>
  )
}
