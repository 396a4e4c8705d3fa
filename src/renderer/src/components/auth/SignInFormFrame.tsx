import type { ReactNode } from 'react'
import type { AppErrorInfo } from '@shared/errors'
import { fieldErrorsFromInfo } from './field-errors'
import { SignInError } from './SignInError'
import { useRetryWait } from './use-countdown'
import { TextField } from '../common/TextField'
import { useAuthStore } from '@renderer/stores/auth-store'

interface SignInFormFrameProps {
  keychainAvailable: boolean
  error: AppErrorInfo | null
  errorAt: number
  busy: boolean
  /** The button's words when the sign-in can be kept in the keychain. */
  submitLabel: string
  /** Check and send the form; `sessionOnly` when the sign-in is to be kept in memory. */
  onSubmit: (sessionOnly: boolean) => void
  /** The form's fields. */
  children: ReactNode
}

/**
 * What the password and token sign-in forms share: the form, the error above the fields (unless
 * main's refusal names fields, which then show their own messages), the "session only" offer
 * when no keychain can keep the sign-in, the fields disabled while busy, and the submit button
 * that waits out the login rate limit.
 */
export function SignInFormFrame({
  keychainAvailable,
  error,
  errorAt,
  busy,
  submitLabel,
  onSubmit,
  children
}: SignInFormFrameProps): React.JSX.Element {
  // After the login rate limit, another try before Retry-After would only be refused again.
  const waitSeconds = useRetryWait(error, errorAt)
  const showFieldSummary = error && error.kind === 'validation' && Object.keys(fieldErrorsFromInfo(error)).length > 0
  return (
    <form
      className="sign-in-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        onSubmit(!keychainAvailable)
      }}
    >
      {error && !showFieldSummary && (
        <SignInError
          error={error}
          errorAt={errorAt}
          busy={busy}
          onSessionOnly={error.kind === 'keychain_unavailable' ? () => onSubmit(true) : undefined}
        />
      )}
      <fieldset className="sign-in-form__fields" disabled={busy}>
        {children}
      </fieldset>
      <button type="submit" className="button button--primary button--block" disabled={busy || waitSeconds > 0} aria-busy={busy}>
        {busy ? 'Signing in…' : waitSeconds > 0 ? `Try again in ${waitSeconds} s` : keychainAvailable ? submitLabel : 'Sign in for this session only'}
      </button>
      {/* A slow or hung sign-in server holds the form for up to 30 s: the user can stop waiting. */}
      {busy && (
        <button type="button" className="button button--secondary button--block" onClick={() => useAuthStore.getState().cancelSignIn()}>
          Cancel signing in
        </button>
      )}
    </form>
  )
}

/** Move focus to the first field with a message, after React has rendered it, so both are announced together. */
export function focusFirstInvalid(): void {
  window.requestAnimationFrame(() => {
    document.querySelector<HTMLInputElement>('.sign-in-form [aria-invalid="true"]')?.focus()
  })
}

/** A custom server URL as the request carries it: absent when it is the default. */
export function customUrl(value: string, defaultUrl: string): string | undefined {
  const trimmed = value.trim()
  return trimmed === defaultUrl ? undefined : trimmed
}

/** The profile name both sign-in forms ask for: what the account switcher shows. */
export function ProfileNameField({
  value,
  onChange,
  error,
  hint
}: {
  value: string
  onChange: (value: string) => void
  error: string | undefined
  hint?: string
}): React.JSX.Element {
  return (
    <TextField
      label="Profile name"
      autoComplete="off"
      value={value}
      onChange={onChange}
      error={error}
      {...(hint ? { hint } : {})}
      placeholder="e.g. Acme Dental"
      maxLength={80}
      required
    />
  )
}
