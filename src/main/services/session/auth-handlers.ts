/**
 * The auth channels of the IPC contract over a SessionManager. The dispatcher has validated each
 * request against the contract before these run, and parses each answer (an AuthState: profiles
 * and flags, never a token) before it crosses.
 */
import type { z } from 'zod'
import type { authChannels } from '../../../shared/ipc/contract/auth'
import type { CallerContext } from '../../ipc/dispatcher'
import type { SessionManager, StartDemo } from './session-manager'

type AuthChannel = keyof typeof authChannels

/** Same shape as `Pick<Handlers, 'auth:…'>` once the auth channels are in contract/index.ts. */
export type AuthHandlers = {
  [C in AuthChannel]: (
    request: z.output<(typeof authChannels)[C]['request']>,
    caller: CallerContext
  ) => Promise<z.output<(typeof authChannels)[C]['response']>>
}

/** `startDemo` starts the embedded demo server (the composition layer owns its lifetime). */
export function createAuthHandlers(session: SessionManager, startDemo?: StartDemo): AuthHandlers {
  return {
    'auth:state': () => session.state(),
    'auth:signIn': (request) => session.signIn(request),
    'auth:signInWithToken': (request) => session.signInWithToken(request),
    'auth:signInDemo': () => session.signInDemo(startDemo),
    'auth:signOut': ({ removeCachedData }) => session.signOut({ removeCachedData }),
    'auth:switchProfile': ({ profileId }) => session.switchProfile(profileId)
  }
}
