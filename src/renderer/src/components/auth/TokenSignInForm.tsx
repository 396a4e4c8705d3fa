import '@renderer/lib/zod-jitless'
import { useState } from 'react'
import type { AppErrorInfo } from '@shared/errors'
import { TokenSignInRequestSchema, type ProfileSummary } from '@shared/ipc/contract/auth'
import { DEFAULT_API_BASE_URL } from '@shared/ipc/contract/values'
import type { TokenSignInRequest } from '@renderer/stores/auth-store'
import { AdvancedUrls } from './AdvancedUrls'
import { fieldErrorsFromInfo, fieldErrorsFromIssues, type FieldErrors } from './field-errors'
import { ProfileNameField, SignInFormFrame, customUrl, focusFirstInvalid } from './SignInFormFrame'
import { TextField } from '../common/TextField'

interface TokenSignInFormProps {
  profile: ProfileSummary | null
  keychainAvailable: boolean
  error: AppErrorInfo | null
  errorAt: number
  busy: boolean
  /** The fields' own check failed: the last attempt's server answer no longer applies. */
  onInvalid?: () => void
  onSubmit: (request: TokenSignInRequest) => Promise<boolean>
}

/**
 * "Use an access token": for people who already hold one (an integration user, say). There is
 * nothing to refresh it with, so the app asks again when it expires. The token is cleared from
 * this form the moment main has it.
 */
export function TokenSignInForm({ profile, keychainAvailable, error, errorAt, busy, onInvalid, onSubmit }: TokenSignInFormProps): React.JSX.Element {
  const [profileName, setProfileName] = useState(profile?.name ?? '')
  const [accessToken, setAccessToken] = useState('')
  const [apiBaseUrl, setApiBaseUrl] = useState(profile?.apiBaseUrl ?? DEFAULT_API_BASE_URL)
  const [localErrors, setLocalErrors] = useState<FieldErrors>({})
  const errors: FieldErrors = { ...fieldErrorsFromInfo(error), ...localErrors }

  const submit = async (sessionOnly: boolean): Promise<void> => {
    const parsed = TokenSignInRequestSchema.safeParse({
      profileName,
      accessToken,
      apiBaseUrl: customUrl(apiBaseUrl, DEFAULT_API_BASE_URL),
      sessionOnly
    })
    if (!parsed.success) {
      setLocalErrors(fieldErrorsFromIssues(parsed.error))
      onInvalid?.()
      focusFirstInvalid()
      return
    }
    setLocalErrors({})
    if (await onSubmit(parsed.data)) setAccessToken('')
  }

  return (
    <SignInFormFrame
      keychainAvailable={keychainAvailable}
      error={error}
      errorAt={errorAt}
      busy={busy}
      submitLabel="Sign in with token"
      onSubmit={(sessionOnly) => void submit(sessionOnly)}
    >
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
      <ProfileNameField value={profileName} onChange={setProfileName} error={errors['profileName']} />
      <AdvancedUrls apiBaseUrl={apiBaseUrl} onApiBaseUrl={setApiBaseUrl} errors={errors} />
    </SignInFormFrame>
  )
}
