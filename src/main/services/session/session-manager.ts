/**
 * The signed-in session: ties profiles (who), a secret store (the token pair), ConvirzaAuth
 * (login, refresh, revoke) and ConvirzaClient (the API) together for the one active profile.
 * What the renderer learns comes from `state()` — profiles and whether one is signed in, never a
 * token (docs/architecture.md "A request, end to end": the dispatcher parses every answer).
 *
 * Refresh safety (docs/convirza-api.md "Authentication": refresh tokens are single-use): each profile has one SessionAuth,
 * whose single in-flight refresh hands the rotated pair to the profile's secret store before the
 * pair is used, so a crash right after a refresh finds the live pair at the next start.
 */
import { AppError } from '@shared/errors'
import { DEFAULT_API_BASE_URL, DEFAULT_OAUTH_BASE_URL, type AuthState } from '@shared/ipc/contract/auth'
import type { TokenPair } from '../convirza/auth'
import { ConvirzaClient } from '../convirza/client'
import type { Logger } from '../log'
import { type Profile, type ProfileRepository, type ProfileUser, toProfileSummary } from '../profiles/profile-repository'
import { MemorySecretStore } from '../secrets/memory-secret-store'
import type { SecretStore } from '../secrets/secret-store'
import { SessionAuth, type PersistTarget } from './session-auth'
import { findReusableProfile, serverAddress, toProfileUser, type SignInTarget } from './session-profiles'
import type { DemoAccount, SessionChange, SignInInput, StartDemo, TokenSignInInput } from './session-types'

export type { DemoAccount, SessionChange, SignInInput, StartDemo, TokenSignInInput } from './session-types'

export interface SessionManagerOptions {
  profiles: ProfileRepository
  /** The OS keychain; session-only sign-ins use an in-memory store instead. */
  keychain: SecretStore
  fetch: typeof fetch
  log: Logger
  clock?: () => Date
  /** Reopens a demo profile at start: the embedded server is new (new port, new tokens) each run. */
  startDemo?: StartDemo
  /** Main signed the user out on its own (the server refused to renew the session): push 'auth:changed'. */
  onSignedOutByServer?: (state: AuthState) => void
  /** The state changed without a request: a renewed sign-in could not be saved and is now session-only. Push 'auth:changed'. */
  onStateChanged?: (state: AuthState) => void
  /** Wait between attempts to save a renewed sign-in (tests shorten it). */
  saveRetryDelayMs?: number
}

/** Told of every sign-in, sign-out, switch and data removal; the session waits for it before going on. */
export type SessionChangeListener = (change: SessionChange) => void | Promise<void>

interface ActiveSession {
  profileId: string
  auth: SessionAuth
  client: ConvirzaClient
}

export class SessionManager {
  private readonly options: SessionManagerOptions
  private readonly memory = new MemorySecretStore()
  private active: ActiveSession | null = null
  /** Per profile: why its sign-in is kept in memory only since a keychain save failed this run. */
  private readonly notices = new Map<string, string>()
  /** Why the server ended a profile's session, said on its sign-in screen until it signs in again. */
  private readonly endedReasons = new Map<string, string>()
  /** The sign-in waiting for its server, which cancelSignIn() stops. */
  private signingIn: AbortController | null = null
  /** Why a profile's saved sign-in could not be read at start (a locked keychain), until it signs in. */
  private readonly restoreProblems = new Map<string, string>()
  /** Sign-ins, sign-outs and switches run one at a time: two windows clicking cannot interleave them. */
  private queue: Promise<unknown> = Promise.resolve()
  private readonly changeListeners = new Set<SessionChangeListener>()

  constructor(options: SessionManagerOptions) {
    this.options = options
  }

  /**
   * Follow the session's changes (per-profile services open, suspend or close with it). Each
   * listener is awaited in turn before the session goes on, so files are closed before a
   * profile's data is removed. Returns the unsubscribe function.
   */
  onChange(listener: SessionChangeListener): () => void {
    this.changeListeners.add(listener)
    return () => {
      this.changeListeners.delete(listener)
    }
  }

  private async emitChange(change: SessionChange): Promise<void> {
    for (const listener of [...this.changeListeners]) await listener(change)
  }

  /** Profiles, which one is active (signed in or not, so sign-in can be prefilled), and the keychain's status. */
  async state(): Promise<AuthState> {
    const { profiles, keychain } = this.options
    const activeProfile = profiles.active()
    const signedIn = this.active !== null && this.active.profileId === activeProfile?.id
    const notice = signedIn && activeProfile ? this.notices.get(activeProfile.id) : undefined
    const ended = !signedIn && activeProfile ? this.endedReasons.get(activeProfile.id) : undefined
    const unread = !signedIn && activeProfile ? this.restoreProblems.get(activeProfile.id) : undefined
    return {
      signedIn,
      activeProfile: activeProfile ? toProfileSummary(activeProfile) : null,
      profiles: profiles.list().map(toProfileSummary),
      keychain: await keychain.status(),
      ...(notice ? { notice } : {}),
      ...(ended ? { sessionEndedReason: ended } : {}),
      ...(unread ? { restoreProblem: unread } : {})
    }
  }

  /** The active profile's API client; AppError 'not_signed_in' when there is none. */
  client(): ConvirzaClient {
    if (!this.active) throw new AppError('not_signed_in', 'You are not signed in. Sign in, or choose a signed-in account.')
    return this.active.client
  }

  /** The active profile if it is signed in now; null when no one is (a signed-out profile is served nothing). */
  signedInProfile(): Profile | null {
    const profile = this.options.profiles.active()
    return profile && this.active?.profileId === profile.id ? profile : null
  }

  /** The active profile, signed in or not (per-profile services key their folders on it). */
  activeProfile(): Profile | null {
    return this.options.profiles.active()
  }

  /** At start: reopen the active profile's saved sign-in. A missing, unreadable or unreachable entry means signed out, not an error. */
  restore(): Promise<AuthState> {
    return this.exclusive(async () => {
      const profile = this.options.profiles.active()
      try {
        if (profile) await this.open(profile)
      } catch (error) {
        // E.g. the demo server would not start: open signed out rather than not at all.
        this.options.log.warn('session: could not reopen the saved sign-in', { profileId: profile?.id, error })
      }
      return this.state()
    })
  }

  signIn(typed: SignInInput): Promise<AuthState> {
    return this.exclusive(async () => {
      const input = withServerAddresses(typed)
      // Checked before login, so a rate-limited login is not spent on a pair that cannot be kept.
      const target: PersistTarget = { store: await this.storeFor(input.sessionOnly), profileId: null }
      const auth = this.newAuth(input.oauthBaseUrl ?? null, null, target)
      const { tokens, user } = await this.cancellable((signal) => auth.login(input, signal))
      const profile = this.upsertProfile(
        { name: input.profileName, apiBaseUrl: input.apiBaseUrl, oauthBaseUrl: input.oauthBaseUrl, user: toProfileUser(user, input) },
        input.sessionOnly,
        input.profileId
      )
      await this.adopt(profile, auth, tokens)
      return this.state()
    })
  }

  /** Sign in with a pasted access token, checked with one small API call before it is kept. */
  signInWithToken(typed: TokenSignInInput): Promise<AuthState> {
    return this.exclusive(async () => {
      const input = { ...typed, apiBaseUrl: serverAddress(typed.apiBaseUrl, 'api') }
      const target: PersistTarget = { store: await this.storeFor(input.sessionOnly), profileId: null }
      const auth = this.newAuth(null, null, target)
      const tokens = auth.useAccessToken(input.accessToken)
      const probe = new ConvirzaClient({
        apiBaseUrl: input.apiBaseUrl ?? DEFAULT_API_BASE_URL,
        fetch: this.options.fetch,
        auth,
        log: this.options.log
      })
      await this.cancellable((signal) => probe.listCalls({ limit: 1 }, { signal }))
      const profile = this.upsertProfile(
        { name: input.profileName, apiBaseUrl: input.apiBaseUrl, oauthBaseUrl: undefined, user: null },
        input.sessionOnly
      )
      await this.adopt(profile, auth, tokens)
      return this.state()
    })
  }

  /** "Try the demo account": start the embedded server and sign in to it like any account. */
  signInDemo(startDemo?: StartDemo): Promise<AuthState> {
    return this.exclusive(async () => {
      const start = startDemo ?? this.options.startDemo
      if (!start) throw new AppError('internal', 'The demo account is not available in this build of Call Review.')
      // Demo data is not worth refusing over: without a keychain the demo is session-only.
      const sessionOnly = !(await this.options.keychain.status()).available
      const demo = await start()
      const hosts = { apiBaseUrl: demo.apiBaseUrl, oauthBaseUrl: demo.oauthBaseUrl, sessionOnly }
      const existing = this.options.profiles.list().find((p) => p.demo)
      const profile = existing
        ? this.options.profiles.update(existing.id, hosts)
        : this.options.profiles.create({ name: 'Demo account', demo: true, ...hosts })
      await this.signInToDemo(profile, demo)
      return this.state()
    })
  }

  /**
   * Revoke the token, delete the saved pair, forget it in memory. Cached call data stays unless
   * `removeCachedData`. A revoke that fails (offline) does not keep the user signed in.
   */
  signOut(options: { removeCachedData: boolean }): Promise<AuthState> {
    return this.exclusive(async () => {
      const profile = this.options.profiles.active()
      const session = this.active
      this.active = null
      if (session) {
        try {
          await session.auth.revoke()
        } catch {
          // ConvirzaAuth logged it; the token is dropped here and expires on the server by itself.
        }
      }
      if (!profile) return this.state()
      await this.memory.delete(profile.id)
      if (!profile.sessionOnly) await this.forgetSaved(profile.id)
      await this.emitChange({ type: 'signed-out', profileId: profile.id })
      if (options.removeCachedData) {
        await this.emitChange({ type: 'removing-data', profileId: profile.id })
        this.options.profiles.clearData(profile.id)
      }
      return this.state()
    })
  }

  /** Make another profile active without a restart; its own saved sign-in, if any, is reopened. */
  switchProfile(profileId: string): Promise<AuthState> {
    return this.exclusive(async () => {
      const profile = this.options.profiles.get(profileId)
      if (!profile) throw new AppError('not_found', 'That account is no longer on this computer. Choose another one or sign in again.')
      // The other profile's pair stays in its store: switching back needs no new sign-in.
      this.active = null
      this.options.profiles.setActive(profile.id)
      await this.open(profile)
      await this.emitChange({ type: 'switched', profileId: profile.id })
      return this.state()
    })
  }

  private async open(profile: Profile): Promise<void> {
    const store = this.storeOf(profile)
    let stored: TokenPair | null = null
    try {
      stored = await store.get(profile.id)
    } catch (error) {
      // No keychain right now (or a locked one): the profile opens signed out, and the sign-in
      // screen says why instead of asking for the password as if nothing had been saved.
      this.options.log.warn('session: the saved sign-in could not be read', { profileId: profile.id, error })
      const detail = (error instanceof Error ? error.message : String(error)).slice(0, 300)
      // With no keychain at all, state().keychain already says so, and what to do.
      if ((await this.options.keychain.status()).available)
        this.restoreProblems.set(
          profile.id,
          `Your saved sign-in could not be read from the system keychain (${detail}). If the keychain is locked, unlock it and restart Call Review; or sign in again here.`
        )
    }
    if (!stored) return
    if (profile.demo) {
      if (this.options.startDemo) await this.signInToDemo(profile, await this.options.startDemo())
      return
    }
    const target: PersistTarget = { store, profileId: profile.id }
    const auth = this.newAuth(profile.oauthBaseUrl, stored, target)
    this.active = { profileId: profile.id, auth, client: this.newClient(profile, auth) }
  }

  /** The demo server is new each run (new port, new tokens): it is signed in to again with its published login. */
  private async signInToDemo(profile: Profile, demo: DemoAccount): Promise<void> {
    const auth = this.newAuth(demo.oauthBaseUrl, null, { store: this.storeOf(profile), profileId: null })
    const { tokens, user } = await auth.login(demo.login)
    const updated = this.options.profiles.update(profile.id, {
      apiBaseUrl: demo.apiBaseUrl,
      oauthBaseUrl: demo.oauthBaseUrl,
      user: toProfileUser(user, demo.login)
    })
    await this.adopt(updated, auth, tokens)
  }

  /** Keep the first pair, bind later pairs to the profile, and make it the active session. */
  private async adopt(profile: Profile, auth: SessionAuth, tokens: TokenPair): Promise<void> {
    try {
      await auth.target.store.set(profile.id, tokens)
    } catch (error) {
      // Leave no live token on the server that nothing on this computer remembers.
      await auth.revoke().catch(() => undefined)
      throw error
    }
    auth.target.profileId = profile.id
    this.notices.delete(profile.id)
    this.endedReasons.delete(profile.id)
    this.restoreProblems.delete(profile.id)
    // A profile signed in session-only earlier may now use the keychain, or the other way round.
    if (auth.target.store === this.memory) await this.options.keychain.delete(profile.id).catch(() => false)
    else await this.memory.delete(profile.id)
    this.options.profiles.setActive(profile.id)
    this.active = { profileId: profile.id, auth, client: this.newClient(profile, auth) }
    await this.emitChange({ type: 'signed-in', profileId: profile.id })
  }

  private newAuth(oauthBaseUrl: string | null, tokens: TokenPair | null, target: PersistTarget): SessionAuth {
    const auth: SessionAuth = new SessionAuth({
      oauthBaseUrl: oauthBaseUrl ?? DEFAULT_OAUTH_BASE_URL,
      fetch: this.options.fetch,
      log: this.options.log,
      clock: this.options.clock,
      tokens,
      target,
      onRefreshRefused: (reason) => void this.signedOutByServer(auth, reason),
      onSaveFailed: (pair, error) => this.keepForSession(auth, pair, error),
      saveRetryDelayMs: this.options.saveRetryDelayMs
    })
    return auth
  }

  private newClient(profile: Profile, auth: SessionAuth): ConvirzaClient {
    return new ConvirzaClient({ apiBaseUrl: profile.apiBaseUrl, fetch: this.options.fetch, auth, log: this.options.log, clock: this.options.clock })
  }

  /** The server refused to renew this session: forget its dead pair and tell the renderer. */
  private signedOutByServer(auth: SessionAuth, reason: string): Promise<void> {
    return this.exclusive(async () => {
      const profileId = auth.target.profileId
      if (!profileId || this.active?.auth !== auth) return
      this.active = null
      this.endedReasons.set(profileId, reason)
      await auth.target.store.delete(profileId).catch(() => false)
      this.options.log.warn('session: the server ended the session; signed out', { profileId })
      await this.emitChange({ type: 'signed-out', profileId })
      this.options.onSignedOutByServer?.(await this.state())
    })
  }

  /**
   * Every save of a renewed pair failed. Its old refresh token is spent at the server, so this pair
   * is the only way to stay signed in: keep it in memory, mark the profile session-only (the next
   * start asks for a sign-in instead of reading a dead pair) and tell the user. Never written
   * anywhere else. Not queued behind `exclusive`: a request is waiting on this to continue.
   */
  private async keepForSession(auth: SessionAuth, pair: TokenPair, error: unknown): Promise<void> {
    const profileId = auth.target.profileId
    if (!profileId) throw error
    await this.memory.set(profileId, pair)
    auth.target.store = this.memory
    this.options.profiles.update(profileId, { sessionOnly: true })
    const why = error instanceof AppError ? ` What went wrong: ${error.message}` : ''
    this.notices.set(
      profileId,
      'Your renewed sign-in could not be saved to the keychain, so it is kept in memory for this session only: ' +
        'you stay signed in until you quit Call Review, then you need to sign in again. It was not written anywhere else. ' +
        `Fix the keychain before you quit to keep your sign-in next time.${why}`
    )
    this.options.log.warn('session: the renewed sign-in could not be saved; kept for this session only', { profileId, error })
    // The entry still there holds a spent refresh token: remove it if the keychain lets us.
    await this.options.keychain.delete(profileId).catch(() => false)
    if (this.options.onStateChanged) void this.state().then(this.options.onStateChanged, () => undefined)
  }

  private async forgetSaved(profileId: string): Promise<void> {
    try {
      await this.options.keychain.delete(profileId)
    } catch (error) {
      const why = error instanceof AppError ? ` ${error.message}` : ''
      throw new AppError('keychain_unavailable', `You are signed out, but the saved sign-in could not be removed from the keychain.${why}`, {
        cause: error
      })
    }
  }

  private async storeFor(sessionOnly: boolean): Promise<SecretStore> {
    if (sessionOnly) return this.memory
    const status = await this.options.keychain.status()
    if (!status.available) throw new AppError('keychain_unavailable', status.message ?? 'No keychain is available to keep your sign-in.')
    return this.options.keychain
  }

  private storeOf(profile: Profile): SecretStore {
    return profile.sessionOnly ? this.memory : this.options.keychain
  }

  /**
   * The profile a sign-in lands in: the signed-out one being signed in again (`profileId`), with
   * the addresses as typed now (a corrected address fixes it rather than making a second profile
   * of the same name); else the same account at the same hosts; else a new one.
   */
  private upsertProfile(target: SignInTarget, sessionOnly: boolean, profileId?: string): Profile {
    const { profiles } = this.options
    // Only for the same login: another account signed in from this screen is a profile of its own
    // (its calls must not land in this one's library).
    const named =
      profileId === undefined
        ? undefined
        : profiles.list().find((p) => p.id === profileId && !p.demo && (p.user === null || !target.user || sameLogin(p.user, target.user)))
    if (named)
      return profiles.update(named.id, {
        name: target.name.trim(),
        sessionOnly,
        apiBaseUrl: target.apiBaseUrl ?? DEFAULT_API_BASE_URL,
        oauthBaseUrl: target.oauthBaseUrl ?? DEFAULT_OAUTH_BASE_URL,
        user: target.user ?? named.user
      })
    const existing = findReusableProfile(profiles.list(), target)
    if (!existing) return profiles.create({ ...target, sessionOnly })
    return profiles.update(existing.id, { name: target.name.trim(), sessionOnly, user: target.user ?? existing.user })
  }

  /**
   * Stop the sign-in waiting for its server (the user pressed Cancel: a slow or hung server, or
   * the wrong one). Not queued behind it, as every other action is. False when none is running.
   */
  cancelSignIn(): boolean {
    if (!this.signingIn) return false
    this.signingIn.abort()
    return true
  }

  /** Run a sign-in's request so that cancelSignIn() can stop it. */
  private async cancellable<T>(request: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController()
    this.signingIn = controller
    try {
      return await request(controller.signal)
    } catch (error) {
      if (controller.signal.aborted) throw new AppError('cancelled', 'Signing in was cancelled; nothing was saved.')
      throw error
    } finally {
      if (this.signingIn === controller) this.signingIn = null
    }
  }

  private exclusive<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run)
    this.queue = next.catch(() => undefined)
    return next
  }
}

function sameLogin(a: ProfileUser, b: ProfileUser): boolean {
  return (a.email ?? '').toLowerCase() === (b.email ?? '').toLowerCase() && String(a.orgUnitId) === String(b.orgUnitId)
}

/** The typed addresses as a profile keeps them (serverAddress: endpoints pasted with them taken off). */
function withServerAddresses(input: SignInInput): SignInInput {
  return {
    ...input,
    apiBaseUrl: serverAddress(input.apiBaseUrl, 'api'),
    oauthBaseUrl: serverAddress(input.oauthBaseUrl, 'oauth')
  }
}
