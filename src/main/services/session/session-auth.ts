/**
 * ConvirzaAuth bound to where its pairs are kept. Every new pair — from login or from a refresh —
 * goes to the profile's secret store through `persist`, which ConvirzaAuth calls before it uses
 * the pair (refresh tokens are single-use, docs/convirza-api.md), and a refresh the server refuses is
 * reported so the session manager can sign the profile out.
 */
import { AppError } from '@shared/errors'
import { ConvirzaAuth, type TokenPair } from '../convirza/auth'
import type { Logger } from '../log'
import type { SecretStore } from '../secrets/secret-store'

/** Where a sign-in's pairs go. The profile id is known only once login told us who signed in. */
export interface PersistTarget {
  store: SecretStore
  profileId: string | null
}

export interface SessionAuthOptions {
  oauthBaseUrl: string
  fetch: typeof fetch
  log: Logger
  clock?: (() => Date) | undefined
  tokens: TokenPair | null
  target: PersistTarget
  /** The server refused to renew the session: its refresh token is dead. `reason` is the message the user reads. */
  onRefreshRefused: (reason: string) => void
  /** Every save of a renewed pair failed: keep it for this session (it is the only live one) and say so. */
  onSaveFailed: (pair: TokenPair, error: unknown) => Promise<void>
  /** Wait between save attempts (ConvirzaAuth's default when omitted). */
  saveRetryDelayMs?: number | undefined
}

export class SessionAuth extends ConvirzaAuth {
  readonly target: PersistTarget
  private readonly onRefreshRefused: (reason: string) => void

  constructor(options: SessionAuthOptions) {
    const target = options.target
    super({
      oauthBaseUrl: options.oauthBaseUrl,
      fetch: options.fetch,
      log: options.log,
      clock: options.clock,
      tokens: options.tokens,
      onPersistFailed: options.onSaveFailed,
      persistRetryDelayMs: options.saveRetryDelayMs,
      persist: async (pair) => {
        // During login there is no profile yet; the caller saves that first pair itself.
        if (target.profileId) await target.store.set(target.profileId, pair)
      }
    })
    this.target = target
    this.onRefreshRefused = options.onRefreshRefused
  }

  override async refresh(rejected?: AppError): Promise<TokenPair> {
    try {
      return await super.refresh(rejected)
    } catch (error) {
      // ConvirzaAuth drops the pair when the server refuses the refresh token; a pasted access
      // token the server refuses cannot be renewed at all. Either way only a new sign-in helps.
      const dead = this.tokens === null || this.tokens.refreshToken === null
      if (error instanceof AppError && error.kind === 'unauthorized' && dead) this.onRefreshRefused(error.message)
      throw error
    }
  }
}
