/**
 * The auth channels of the IPC contract over a SessionManager. The dispatcher has validated each
 * request against the contract before these run, and parses each answer (an AuthState: profiles
 * and flags, never a token) before it crosses.
 */
import type { authChannels } from '@shared/ipc/contract/auth'
import type { DomainHandlers } from '@main/ipc/dispatcher'
import type { SessionManager, StartDemo } from './session-manager'

export type AuthHandlers = DomainHandlers<typeof authChannels>

/** `startDemo` starts the embedded demo server (the composition layer owns its lifetime). */
export function createAuthHandlers(session: SessionManager, startDemo?: StartDemo): AuthHandlers {
  return {
    'auth:state': () => session.state(),
    'auth:signIn': (request) => session.signIn(request),
    'auth:signInWithToken': (request) => session.signInWithToken(request),
    'auth:signInDemo': () => session.signInDemo(startDemo),
    'auth:signOut': ({ removeCachedData }) => session.signOut({ removeCachedData }),
    'auth:switchProfile': ({ profileId }) => session.switchProfile(profileId),
    'auth:cancelSignIn': () => ({ cancelled: session.cancelSignIn() })
  }
}
