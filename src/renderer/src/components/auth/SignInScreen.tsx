import { useState } from 'react'
import { useAppStore } from '@renderer/stores/app-store'
import { useAuthStore } from '@renderer/stores/auth-store'
import { BrandMark } from '../shell/BrandMark'
import { DemoBadge } from '../shell/DemoBadge'
import { MessageText } from './MessageText'
import { PasswordSignInForm } from './PasswordSignInForm'
import { SignInError } from './SignInError'
import { TokenSignInForm } from './TokenSignInForm'
import { ExternalLink } from '../common/ExternalLink'

/** Where a Linux user without a Secret Service finds the keyring Call Review needs. */
const GNOME_KEYRING_URL = 'https://gitlab.gnome.org/GNOME/gnome-keyring'

interface SignInScreenProps {
  /** Set when adding another account while signed in: returns to the current one. */
  onCancel?: (() => void) | undefined
  /** Called after a successful sign-in (the app then shows the new account). */
  onSignedIn?: (() => void) | undefined
}

/**
 * The sign-in screen: email and password, or a pasted access token, or the demo
 * account. A signed-out profile's details are filled in; other saved accounts can be picked
 * without typing anything.
 */
export function SignInScreen({ onCancel, onSignedIn }: SignInScreenProps): React.JSX.Element {
  const { state, error, failedAction, errorAt, busy, sessionEnded, clearError, ...actions } = useAuthStore()
  const done =
    <A extends unknown[]>(action: (...args: A) => Promise<boolean>) =>
    async (...args: A): Promise<boolean> => {
      const ok = await action(...args)
      if (ok) onSignedIn?.()
      return ok
    }
  const signIn = done(actions.signIn)
  const signInWithToken = done(actions.signInWithToken)
  const signInDemo = done(actions.signInDemo)
  const switchProfile = done(actions.switchProfile)
  const version = useAppStore((s) => s.info?.version)
  const [mode, setMode] = useState<'password' | 'token'>('password')
  const adding = Boolean(onCancel)
  // Re-signing in to the active (signed-out) profile fills in what is known about it.
  const profile = !adding && state?.activeProfile && !state.activeProfile.demo ? state.activeProfile : null
  const keychainAvailable = state?.keychain.available ?? true
  const otherProfiles = adding ? [] : (state?.profiles ?? []).filter((p) => p.id !== state?.activeProfile?.id)

  const switchMode = (next: 'password' | 'token'): void => {
    clearError()
    setMode(next)
  }

  return (
    <div className="sign-in">
      <div className="sign-in__column">
        <header className="sign-in__brand">
          <BrandMark size={40} />
          <div>
            <h1 className="sign-in__app-name">Call Review</h1>
            <p className="sign-in__tagline">Listen, search and score your Convirza calls.</p>
          </div>
        </header>

        <main className="sign-in__card" aria-labelledby="sign-in-title">
          <div className="sign-in__card-head">
            <h2 id="sign-in-title" className="sign-in__title">
              {adding ? 'Add a Convirza account' : profile ? `Sign in to ${profile.name}` : 'Sign in'}
            </h2>
            {onCancel && (
              <button type="button" className="link-button" onClick={onCancel} disabled={busy !== null}>
                Cancel
              </button>
            )}
          </div>
          <p className="sign-in__lead">
            {mode === 'password' ? 'Use the login you use for the Convirza platform.' : 'Paste an access token issued by Convirza.'}
          </p>

          {sessionEnded && !adding && (
            <div className="notice notice--warning" role="status">
              <p className="notice__title">Your session ended</p>
              <p className="notice__body">
                {state?.sessionEndedReason ? (
                  <MessageText text={state.sessionEndedReason} />
                ) : (
                  'Convirza no longer accepts this sign-in (it expired or was revoked). Sign in again to carry on.'
                )}{' '}
                Your filters and cached calls are kept.
              </p>
            </div>
          )}

          {state?.restoreProblem && !adding && !sessionEnded && (
            <div className="notice notice--warning" role="status">
              <p className="notice__title">Your saved sign-in could not be opened</p>
              <p className="notice__body">
                <MessageText text={state.restoreProblem} />
              </p>
            </div>
          )}

          {!keychainAvailable && (
            <div className="notice notice--warning" role="status">
              <p className="notice__title">Sign-ins can’t be saved on this computer</p>
              <p className="notice__body">
                <MessageText text={state?.keychain.message ?? ''} />
              </p>
              <p className="notice__body">
                <ExternalLink href={GNOME_KEYRING_URL}>About GNOME Keyring</ExternalLink>
              </p>
            </div>
          )}

          {mode === 'password' ? (
            <PasswordSignInForm
              profile={profile}
              keychainAvailable={keychainAvailable}
              error={failedAction === 'signIn' ? error : null}
              errorAt={errorAt}
              busy={busy === 'signIn'}
              onInvalid={clearError}
              onSubmit={signIn}
            />
          ) : (
            <TokenSignInForm
              profile={profile}
              keychainAvailable={keychainAvailable}
              error={failedAction === 'signInWithToken' ? error : null}
              errorAt={errorAt}
              busy={busy === 'signInWithToken'}
              onInvalid={clearError}
              onSubmit={signInWithToken}
            />
          )}
          <button
            type="button"
            className="link-button sign-in__mode"
            onClick={() => switchMode(mode === 'password' ? 'token' : 'password')}
            disabled={busy !== null}
          >
            {mode === 'password' ? 'Use an access token' : 'Use email and password'}
          </button>

          <div className="sign-in__divider" role="separator">
            <span>or</span>
          </div>

          <section className="sign-in__demo" aria-label="Demo account">
            {failedAction === 'signInDemo' && error && <SignInError error={error} errorAt={errorAt} busy={busy !== null} />}
            <button
              type="button"
              className="button button--demo button--block"
              onClick={() => void signInDemo()}
              disabled={busy !== null}
              aria-busy={busy === 'signInDemo'}
            >
              {busy === 'signInDemo' ? 'Starting the demo…' : 'Try the demo account'}
            </button>
            <p className="sign-in__demo-note">
              <DemoBadge /> Sample calls from a server built into the app. No Convirza account needed; nothing is sent anywhere.
            </p>
          </section>

          {otherProfiles.length > 0 && (
            <section className="sign-in__profiles" aria-labelledby="saved-accounts-title">
              <h3 id="saved-accounts-title" className="sign-in__section-title">
                Saved accounts
              </h3>
              <ul className="sign-in__profile-list">
                {otherProfiles.map((p) => (
                  <li key={p.id}>
                    <button type="button" className="profile-chip" onClick={() => void switchProfile(p.id)} disabled={busy !== null}>
                      <span className="profile-chip__name">{p.name}</span>
                      {p.demo && <DemoBadge />}
                      {p.user?.email && <span className="profile-chip__detail">{p.user.email}</span>}
                    </button>
                  </li>
                ))}
              </ul>
              {failedAction === 'switchProfile' && error && <SignInError error={error} errorAt={errorAt} busy={busy !== null} />}
            </section>
          )}
        </main>

        <footer className="sign-in__footer">
          <span>Your password goes only to Convirza’s sign-in server and is never stored.</span>
          {version && (
            <span className="sign-in__version" aria-label="Version">
              {version}
            </span>
          )}
        </footer>
      </div>
    </div>
  )
}
