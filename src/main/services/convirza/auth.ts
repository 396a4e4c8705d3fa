/**
 * Sign-in at the Convirza OAuth host (docs/convirza-api.md "Authentication"): email, password and
 * org unit id give a token pair; refresh tokens are single-use, so every refresh goes through
 * one in-flight promise. A refresh whose answer is lost in transport (a reset, a timeout, a
 * gateway's 502/503/504) did not necessarily use its token, so the same token is sent again and
 * the server decides; a refresh the server refuses drops the pair, and the session signs the
 * profile out with the reason. Each new pair is handed to `persist` (the keychain) before
 * anything uses it; revoke signs out.
 *
 * A rotated pair whose save fails is still kept: its old refresh token is already spent at the
 * server, so dropping the new pair would sign the user out. The save is retried, and if it still
 * fails `onPersistFailed` decides (the session keeps it in memory and tells the user) before any
 * request is sent with the new token.
 */
import { AppError } from '@shared/errors'
import { DEFAULT_OAUTH_BASE_URL } from '@shared/ipc/contract/values'
import { LoginUserSchema, TokenResponseSchema, type LoginUser } from '@shared/convirza/schemas'
import type { Logger } from '../log'
import { ConvirzaHttp, requestNeverSent, type JsonResponse } from './http'
import { fromServerRefusal } from './http-errors'
import { SecretSet } from './redaction'
import { tokenPairFromResponse, type TokenPair } from './tokens'

export type { TokenPair } from './tokens'

/** What a sign-in needs from the outside: the host, fetch, the logger, and where pairs are kept. */
export interface ConvirzaAuthOptions {
  oauthBaseUrl: string
  fetch: typeof fetch
  log: Logger
  /** The pair kept from an earlier run (read from the keychain). */
  tokens?: TokenPair | null
  /** Called with every new pair BEFORE it is used; if it throws, the pair is still kept in memory and the error propagates. */
  persist: (pair: TokenPair) => Promise<void>
  /**
   * Every save of a rotated pair failed. Runs before the pair is used; when it resolves the
   * refresh succeeds with the pair kept in memory. Without it (or when it throws) the pair is
   * still kept in memory and the save error propagates.
   */
  onPersistFailed?: (pair: TokenPair, error: unknown) => Promise<void>
  /** Saves of a rotated pair tried before `onPersistFailed`. Default 3. */
  persistAttempts?: number
  /** Wait before the second save attempt, doubled for each later one. Default 100 ms. */
  persistRetryDelayMs?: number
  clock?: () => Date
  /** Per-request timeout for the OAuth host. Default 30 s. */
  timeoutMs?: number
  /** Sends of one refresh whose answer is lost in transport (reset, timeout, gateway 502/503/504). Default 3. */
  refreshAttempts?: number
  /** Wait before the second send of a refresh, doubled for each later one. Default 500 ms. */
  refreshRetryDelayMs?: number
}

/** The three things docs/convirza-api.md says a login takes. */
export interface LoginInput {
  email: string
  password: string
  orgUnitId: number
}

const SIGN_IN_AGAIN = 'Sign in again to keep working.'
const CREDENTIALS = {
  why: 'the email, password or org unit id was not accepted',
  todo: 'Check them with your Convirza admin and try again.'
}
/**
 * At sign-in a 400/401/403 is about what the user typed, not about a session; a 404 is about the
 * sign-in address (a path typed with it, or another server), not an item gone.
 */
const CREDENTIALS_WORDING = {
  400: CREDENTIALS,
  401: CREDENTIALS,
  403: CREDENTIALS,
  404: {
    why: 'the sign-in (OAuth) address does not lead to a Convirza sign-in server (its /oauth/token answered "not found")',
    todo: `Check the OAuth address under Advanced: usually ${DEFAULT_OAUTH_BASE_URL}, with no path.`
  }
}

/** One sign-in's tokens, shared by every ConvirzaClient of the profile so that refreshes stay single-flight. */
export class ConvirzaAuth {
  /** The secrets of this sign-in; the API client redacts its error messages with it too. */
  readonly secrets: SecretSet
  private readonly oauthBaseUrl: string
  private readonly http: ConvirzaHttp
  private readonly log: Logger
  private readonly persist: (pair: TokenPair) => Promise<void>
  private readonly onPersistFailed: ((pair: TokenPair, error: unknown) => Promise<void>) | undefined
  private readonly persistAttempts: number
  private readonly persistRetryDelayMs: number
  private readonly clock: () => Date
  private readonly refreshAttempts: number
  private readonly refreshRetryDelayMs: number
  private pair: TokenPair | null
  private inFlight: Promise<TokenPair> | null = null

  constructor(options: ConvirzaAuthOptions) {
    this.oauthBaseUrl = options.oauthBaseUrl.replace(/\/+$/, '')
    this.log = options.log
    this.persist = options.persist
    this.onPersistFailed = options.onPersistFailed
    this.persistAttempts = Math.max(1, options.persistAttempts ?? 3)
    this.persistRetryDelayMs = options.persistRetryDelayMs ?? 100
    this.clock = options.clock ?? (() => new Date())
    this.refreshAttempts = Math.max(1, options.refreshAttempts ?? 3)
    this.refreshRetryDelayMs = options.refreshRetryDelayMs ?? 500
    this.secrets = new SecretSet(options.log)
    this.pair = options.tokens ?? null
    this.secrets.add(this.pair?.accessToken)
    this.secrets.add(this.pair?.refreshToken)
    // Sign-in and refresh are not retried: a user can press the button again, and a repeated
    // refresh would spend a single-use token.
    this.http = new ConvirzaHttp({
      fetch: options.fetch,
      log: options.log,
      secrets: this.secrets,
      clock: options.clock,
      timeoutMs: options.timeoutMs,
      retries: 0
    })
  }

  get tokens(): TokenPair | null {
    return this.pair
  }

  accessToken(): string | null {
    return this.pair?.accessToken ?? null
  }

  /** Email, password and org unit id for a new token pair; the server's message is shown verbatim on failure. */
  async login(input: LoginInput, signal?: AbortSignal): Promise<{ tokens: TokenPair; user: LoginUser }> {
    this.secrets.add(input.password)
    const response = await this.http.json({
      action: 'Signing in',
      signal,
      method: 'POST',
      url: `${this.oauthBaseUrl}/oauth/token`,
      json: { email: input.email, password: input.password, org_unit_id: input.orgUnitId },
      retry: false,
      wording: CREDENTIALS_WORDING
    })
    const body = this.tokenResponse(response, 'Signing in')
    const tokens = tokenPairFromResponse(body, this.clock())
    await this.adopt(tokens)
    const user = LoginUserSchema.safeParse(body.user ?? {})
    this.log.info('signed in', { orgUnitId: input.orgUnitId })
    return { tokens, user: user.success ? user.data : {} }
  }

  /**
   * Sign in with a pasted access token. It cannot be renewed (no refresh token); the caller
   * already holds the pair and stores it itself, so `persist` is not called.
   */
  useAccessToken(token: string): TokenPair {
    const accessToken = token.trim()
    if (!accessToken)
      throw new AppError('validation', 'Paste an access token.', { fields: [{ field: 'accessToken', message: 'Paste an access token.' }] })
    this.secrets.add(accessToken)
    this.pair = { accessToken, refreshToken: null, accessExpiresAt: null, refreshExpiresAt: null }
    return this.pair
  }

  /**
   * Single-flight: concurrent callers share one in-flight promise; the used refresh token is never sent twice.
   * `rejected` is the API's 401 that asked for the renewal: when the session cannot be renewed,
   * the error keeps its status, request id and message.
   */
  refresh(rejected?: AppError): Promise<TokenPair> {
    this.inFlight ??= this.refreshOnce(rejected).finally(() => {
      this.inFlight = null
    })
    return this.inFlight
  }

  /** Sign out; clears tokens in memory even if the call fails (the error still propagates). */
  async revoke(): Promise<void> {
    const pair = this.pair
    this.pair = null
    if (!pair) return
    try {
      await this.http.json({
        action: 'Signing out',
        method: 'POST',
        url: `${this.oauthBaseUrl}/oauth/revoke-token`,
        headers: { authorization: `Bearer ${pair.accessToken}` },
        json: pair.refreshToken ? { refresh_token: pair.refreshToken } : { token: pair.accessToken },
        retry: false
      })
      this.log.info('signed out')
    } catch (error) {
      this.log.warn('revoking the token failed; signed out locally', { error })
      throw error
    }
  }

  private async refreshOnce(rejected: AppError | undefined): Promise<TokenPair> {
    const pair = this.pair
    const refreshToken = pair?.refreshToken
    if (!pair) throw new AppError('unauthorized', `You are not signed in. ${SIGN_IN_AGAIN}`)
    if (!refreshToken)
      throw fromServerRefusal(
        'unauthorized',
        'Your session has expired and a pasted access token cannot be renewed.',
        'Paste a new token or sign in with your email and password.',
        rejected
      )
    let response: JsonResponse | undefined
    let lostAnswer = false
    for (let attempt = 1; !response; attempt++) {
      try {
        response = await this.http.json({
          action: 'Renewing your session',
          method: 'POST',
          url: `${this.oauthBaseUrl}/oauth/refresh-token`,
          json: { refresh_token: refreshToken },
          retry: false
        })
      } catch (error) {
        if (error instanceof AppError && (error.kind === 'unauthorized' || error.kind === 'bad_request' || error.kind === 'forbidden')) {
          // The refresh token is dead (used, expired or revoked): only a new sign-in helps. Nothing
          // half-signed-in is left: the pair goes, and the session signs the profile out.
          if (this.pair === pair) this.pair = null
          this.log.warn('refresh token refused; signed out', { status: error.status, requestId: error.requestId, afterLostAnswer: lostAnswer })
          const what = lostAnswer
            ? 'Your session has ended: the answer to a renewal was lost on the way (a connection or gateway failure), and the server then refused the renewal token as already used.'
            : 'Your session has ended: the server refused to renew it.'
          throw fromServerRefusal('unauthorized', what, SIGN_IN_AGAIN, error)
        }
        // Lost in transport: the server may or may not have used the token, and only the server
        // can say. Send the same token again; a refusal then is the answer above.
        if (!lostInTransport(error) || attempt >= this.refreshAttempts) throw error
        lostAnswer ||= !requestNeverSent(error)
        this.log.warn('renewing the session failed in transport; sending the same token again', {
          attempt,
          kind: error instanceof AppError ? error.kind : 'unknown',
          status: error instanceof AppError ? error.status : undefined
        })
        await sleep(this.refreshRetryDelayMs * 2 ** (attempt - 1))
      }
    }
    const tokens = tokenPairFromResponse(this.tokenResponse(response, 'Renewing your session'), this.clock())
    await this.adoptRotated(tokens)
    this.log.info('session renewed', { accessExpiresAt: tokens.accessExpiresAt })
    return tokens
  }

  /**
   * A refreshed pair: saved (with retries) before it is used. The old refresh token is spent, so
   * the pair is kept in memory whatever happens — but only after a save succeeded or
   * `onPersistFailed` settled, never while a failed save is still undecided.
   */
  private async adoptRotated(tokens: TokenPair): Promise<void> {
    this.secrets.add(tokens.accessToken)
    this.secrets.add(tokens.refreshToken)
    let lastError: unknown
    for (let attempt = 1; attempt <= this.persistAttempts; attempt++) {
      try {
        await this.persist(tokens)
        this.pair = tokens
        return
      } catch (error) {
        lastError = error
        this.log.warn('saving the renewed sign-in failed', { attempt, of: this.persistAttempts, error })
        if (attempt < this.persistAttempts) await sleep(this.persistRetryDelayMs * 2 ** (attempt - 1))
      }
    }
    try {
      if (!this.onPersistFailed) throw lastError
      await this.onPersistFailed(tokens, lastError)
    } finally {
      this.pair = tokens
    }
  }

  /** Persist first; the pair is taken into use (kept in memory) even when persisting fails. */
  private async adopt(tokens: TokenPair): Promise<void> {
    this.secrets.add(tokens.accessToken)
    this.secrets.add(tokens.refreshToken)
    try {
      await this.persist(tokens)
    } finally {
      this.pair = tokens
    }
  }

  private tokenResponse(response: JsonResponse, action: string): ReturnType<typeof TokenResponseSchema.parse> {
    const parsed = TokenResponseSchema.safeParse(response.body)
    if (parsed.success) return parsed.data
    throw new AppError(
      'invalid_response',
      `${action} failed: the sign-in server's answer ${describeTokenProblem(parsed.error.issues[0], response.body)}. Check the OAuth server address in the profile's advanced settings.`,
      { status: response.status, requestId: response.requestId }
    )
  }
}

/** Failures after which the server may not have seen (or answered) the request: worth sending again. */
function lostInTransport(error: unknown): boolean {
  if (!(error instanceof AppError)) return false
  if (error.kind === 'network' || error.kind === 'timeout') return true
  return error.status === 502 || error.status === 503 || error.status === 504
}

/** `is missing "refresh_token" (it held access_token, token_type)`, or what came instead of the expected value. */
function describeTokenProblem(issue: { path: PropertyKey[]; message: string } | undefined, body: unknown): string {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'is not a sign-in answer (no JSON object came)'
  const field = issue?.path.map(String).join('.')
  if (!issue || !field) return 'is missing expected fields'
  const value = (body as Record<string, unknown>)[String(issue.path[0])]
  if (value === undefined) {
    const keys = Object.keys(body)
    return `is missing "${field}" (it held ${keys.length ? keys.slice(0, 8).join(', ') : 'no fields'})`
  }
  const shown = JSON.stringify(value) ?? String(value)
  return `has an unusable "${field}": ${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown} came instead (${issue.message})`
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
