/**
 * Who is signed in, to which profile, and the sign-in actions. The renderer only ever learns
 * `AuthState` (profiles and whether a keychain is available) — the token stays in main
 * (docs/architecture.md "An event, end to end"); passwords pass through a request and are not
 * kept here.
 */
import { create } from 'zustand'
import type { AppErrorInfo } from '@shared/errors'
import type { AuthState, RequestOf } from '@shared/ipc/contract'
import { call, errorInfo, subscribe } from '../lib/api'

export type SignInRequest = RequestOf<'auth:signIn'>
export type TokenSignInRequest = RequestOf<'auth:signInWithToken'>

/** Which action is running, so the right button shows it is busy. */
export type AuthAction = 'signIn' | 'signInWithToken' | 'signInDemo' | 'signOut' | 'switchProfile'

interface AuthStore {
  /** Null until the first auth:state answer. */
  state: AuthState | null
  /** The last failure of an action (or of reading the state), for display. */
  error: AppErrorInfo | null
  /** Which action `error` belongs to (null: reading the state), so it shows next to that control. */
  failedAction: AuthAction | null
  /** When `error` arrived (epoch ms): a rate limit's "retry after" counts from here. */
  errorAt: number
  /** The action in flight, if any. */
  busy: AuthAction | null
  /**
   * True when the session ended without the user signing out (main refused the token, or an API
   * call answered 'unauthorized'): the sign-in screen says so. Cleared by the next sign-in.
   */
  sessionEnded: boolean
  /**
   * Re-read auth:state. The calls screen calls this when an API call answers 'unauthorized',
   * so a refused token returns the user to sign-in.
   */
  refresh: () => Promise<void>
  /** Each action resolves true when it succeeded; on failure `error` says why. */
  signIn: (request: SignInRequest) => Promise<boolean>
  signInWithToken: (request: TokenSignInRequest) => Promise<boolean>
  signInDemo: () => Promise<boolean>
  signOut: (options: { removeCachedData: boolean }) => Promise<boolean>
  switchProfile: (profileId: string) => Promise<boolean>
  clearError: () => void
  /** Stop a sign-in still waiting for its server; the form comes back as it was, with no error. */
  cancelSignIn: () => void
  /** Follow 'auth:changed' (main signing the user out on its own); returns the unsubscribe. */
  watch: () => () => void
}

export const useAuthStore = create<AuthStore>((set, get) => {
  /** A state from main that was not asked for by an action (a refresh, an 'auth:changed'). */
  const observe = (state: AuthState): Partial<AuthStore> => {
    const wasSignedIn = get().state?.signedIn === true
    return wasSignedIn && !state.signedIn ? { state, sessionEnded: true } : { state }
  }

  /** Runs one action that answers a new AuthState; only one runs at a time. */
  const run = async (action: AuthAction, request: () => Promise<AuthState>): Promise<boolean> => {
    if (get().busy) return false
    set({ busy: action, error: null, failedAction: null })
    try {
      const state = await request()
      set({ state, busy: null, sessionEnded: false })
      return true
    } catch (error) {
      const info = errorInfo(error)
      // Cancelled by the user: nothing went wrong that needs saying.
      if (info.kind === 'cancelled') set({ busy: null })
      else set({ error: info, failedAction: action, errorAt: Date.now(), busy: null })
      return false
    }
  }

  return {
    state: null,
    error: null,
    failedAction: null,
    errorAt: 0,
    busy: null,
    sessionEnded: false,
    refresh: async () => {
      try {
        const state = await call('auth:state', {})
        // A failed earlier read is resolved now; an action's error stays next to its control.
        set({ ...observe(state), ...(get().failedAction === null ? { error: null } : {}) })
      } catch (error) {
        set({ error: errorInfo(error), failedAction: null, errorAt: Date.now() })
      }
    },
    signIn: (request) => run('signIn', () => call('auth:signIn', request)),
    signInWithToken: (request) => run('signInWithToken', () => call('auth:signInWithToken', request)),
    signInDemo: () => run('signInDemo', () => call('auth:signInDemo', {})),
    signOut: ({ removeCachedData }) => run('signOut', () => call('auth:signOut', { removeCachedData })),
    switchProfile: (profileId) => run('switchProfile', () => call('auth:switchProfile', { profileId })),
    clearError: () => set({ error: null, failedAction: null }),
    cancelSignIn: () => void call('auth:cancelSignIn', {}).catch(() => undefined),
    watch: () => subscribe('auth:changed', (state) => set(observe(state)))
  }
})

/** An 'unauthorized' answer means the token is gone: let the auth store re-read who is signed in. */
export function reportIfUnauthorized(info: AppErrorInfo): void {
  if (info.kind === 'unauthorized' || info.kind === 'not_signed_in') void useAuthStore.getState().refresh()
}
