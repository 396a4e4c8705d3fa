import '@renderer/lib/zod-jitless'
import { useState } from 'react'
import type { AppErrorInfo } from '@shared/errors'
import { SignInRequestSchema, type ProfileSummary } from '@shared/ipc/contract/auth'
import { DEFAULT_API_BASE_URL, DEFAULT_OAUTH_BASE_URL } from '@shared/ipc/contract/values'
import type { SignInRequest } from '@renderer/stores/auth-store'
import { AdvancedUrls } from './AdvancedUrls'
import { fieldErrorsFromInfo, fieldErrorsFromIssues, type FieldErrors } from './field-errors'
import { ProfileNameField, SignInFormFrame, customUrl, focusFirstInvalid } from './SignInFormFrame'
import { TextField } from '../common/TextField'

interface PasswordSignInFormProps {
  /** A signed-out profile being signed in again: its name, hosts and login are filled in. */
  profile: ProfileSummary | null
  /** False when no keychain can keep the sign-in: the button then says session only. */
  keychainAvailable: boolean
  error: AppErrorInfo | null
  errorAt: number
  busy: boolean
  /** The fields' own check failed: the last attempt's server answer no longer applies. */
  onInvalid?: () => void
  onSubmit: (request: SignInRequest) => Promise<boolean>
}

const ORG_UNIT_MESSAGE = 'The org unit id is a positive number from your account admin.'

/**
 * Email, password, org unit id and a profile name, checked with the contract's own schema
 * before anything is sent. The password lives in this form's state only and is dropped as soon
 * as the sign-in succeeds.
 */
export function PasswordSignInForm({
  profile,
  keychainAvailable,
  error,
  errorAt,
  busy,
  onInvalid,
  onSubmit
}: PasswordSignInFormProps): React.JSX.Element {
  const [profileName, setProfileName] = useState(profile?.name ?? '')
  const [email, setEmail] = useState(profile?.user?.email ?? '')
  const [password, setPassword] = useState('')
  const [orgUnitId, setOrgUnitId] = useState(profile?.user?.orgUnitId != null ? String(profile.user.orgUnitId) : '')
  const [apiBaseUrl, setApiBaseUrl] = useState(profile?.apiBaseUrl ?? DEFAULT_API_BASE_URL)
  const [oauthBaseUrl, setOauthBaseUrl] = useState(profile?.oauthBaseUrl ?? DEFAULT_OAUTH_BASE_URL)
  const [localErrors, setLocalErrors] = useState<FieldErrors>({})
  // Start where typing is needed: the password when the account is already filled in.
  const [startAtPassword] = useState(() => email !== '')
  const errors: FieldErrors = { ...fieldErrorsFromInfo(error), ...localErrors }

  const submit = async (sessionOnly: boolean): Promise<void> => {
    const orgUnit = /^\s*\d+\s*$/.test(orgUnitId) ? Number(orgUnitId) : Number.NaN
    const parsed = SignInRequestSchema.safeParse({
      profileName,
      email: email.trim(),
      password,
      orgUnitId: orgUnit,
      apiBaseUrl: customUrl(apiBaseUrl, DEFAULT_API_BASE_URL),
      oauthBaseUrl: customUrl(oauthBaseUrl, DEFAULT_OAUTH_BASE_URL),
      // Signing a signed-out profile in again updates it, a corrected address included.
      ...(profile ? { profileId: profile.id } : {}),
      sessionOnly
    })
    const found = parsed.success ? {} : fieldErrorsFromIssues(parsed.error)
    if (Number.isNaN(orgUnit)) found['orgUnitId'] = ORG_UNIT_MESSAGE
    setLocalErrors(found)
    if (!parsed.success || Object.keys(found).length > 0) {
      // The last attempt's server answer (a refused password, say) is not about these fields.
      onInvalid?.()
      focusFirstInvalid()
      return
    }
    if (await onSubmit(parsed.data)) setPassword('')
  }

  return (
    <SignInFormFrame
      keychainAvailable={keychainAvailable}
      error={error}
      errorAt={errorAt}
      busy={busy}
      submitLabel="Sign in"
      onSubmit={(sessionOnly) => void submit(sessionOnly)}
    >
      <TextField
        label="Email"
        type="email"
        autoComplete="username"
        value={email}
        onChange={setEmail}
        error={errors['email']}
        autoFocus={!startAtPassword}
        required
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        error={errors['password']}
        autoFocus={startAtPassword}
        required
      />
      <TextField
        label="Org unit ID"
        inputMode="numeric"
        autoComplete="off"
        value={orgUnitId}
        onChange={setOrgUnitId}
        error={errors['orgUnitId']}
        hint="A number; ask your Convirza admin if you don’t know it."
        required
      />
      <ProfileNameField value={profileName} onChange={setProfileName} error={errors['profileName']} hint="Shown in the account switcher." />
      <AdvancedUrls
        apiBaseUrl={apiBaseUrl}
        onApiBaseUrl={setApiBaseUrl}
        oauthBaseUrl={oauthBaseUrl}
        onOauthBaseUrl={setOauthBaseUrl}
        errors={errors}
      />
    </SignInFormFrame>
  )
}
