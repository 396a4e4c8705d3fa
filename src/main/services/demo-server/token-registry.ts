/**
 * The demo's OAuth sessions (docs/convirza-api.md "Authentication"): opaque random tokens; access
 * tokens last 7 days and are renewed on each authenticated request; refresh tokens last 180 days
 * and are single-use; revoking any token of a sign-in ends the whole sign-in.
 */
import { randomBytes } from 'node:crypto'
import type { DemoUser } from './accounts'

export const ACCESS_TTL_MS = 7 * 86_400_000
export const REFRESH_TTL_MS = 180 * 86_400_000

/** The login/refresh answer, exactly the documented fields. */
export interface TokenResponseBody {
  access_token: string
  refresh_token: string
  frontend_token: string
  token_type: 'Bearer'
  /** Absolute ISO 8601, not seconds (docs/convirza-api.md). */
  expires_in: string
  refresh_expires_in: string
  user: { user_id: number; email: string; role_id: number; org_unit_id: number }
}

interface Grant {
  user: DemoUser
  revoked: boolean
}

interface AccessEntry {
  grant: Grant
  expiresAt: number
}

interface RefreshEntry {
  grant: Grant
  expiresAt: number
  used: boolean
}

const opaque = (): string => randomBytes(32).toString('base64url')

export class TokenRegistry {
  private readonly access = new Map<string, AccessEntry>()
  private readonly refreshTokens = new Map<string, RefreshEntry>()

  constructor(private readonly now: () => Date) {}

  /** A new sign-in for `user`. */
  signIn(user: DemoUser): TokenResponseBody {
    return this.issue({ user, revoked: false })
  }

  /** Rotate: the refresh token dies at once; null when it is unknown, used, expired or revoked. */
  refresh(refreshToken: string): TokenResponseBody | null {
    const entry = this.refreshTokens.get(refreshToken)
    if (!entry || entry.used || entry.grant.revoked || entry.expiresAt <= this.now().getTime()) return null
    entry.used = true
    return this.issue(entry.grant)
  }

  /** The user behind a valid access token, renewing its 7 days; null otherwise. */
  authenticate(accessToken: string): DemoUser | null {
    const entry = this.access.get(accessToken)
    const now = this.now().getTime()
    if (!entry || entry.grant.revoked || entry.expiresAt <= now) return null
    entry.expiresAt = now + ACCESS_TTL_MS
    return entry.grant.user
  }

  /** End the sign-in that `token` (access or refresh) belongs to; false when the token is unknown. */
  revoke(token: string): boolean {
    const grant = this.access.get(token)?.grant ?? this.refreshTokens.get(token)?.grant
    if (!grant) return false
    grant.revoked = true
    return true
  }

  /** Test control: every access token issued so far stops working. */
  expireAllAccessTokens(): void {
    for (const entry of this.access.values()) entry.expiresAt = 0
  }

  private issue(grant: Grant): TokenResponseBody {
    const now = this.now().getTime()
    const accessToken = opaque()
    const refreshToken = opaque()
    const accessExpiresAt = now + ACCESS_TTL_MS
    const refreshExpiresAt = now + REFRESH_TTL_MS
    this.access.set(accessToken, { grant, expiresAt: accessExpiresAt })
    this.refreshTokens.set(refreshToken, { grant, expiresAt: refreshExpiresAt, used: false })
    const { user } = grant
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      frontend_token: opaque(),
      token_type: 'Bearer',
      expires_in: new Date(accessExpiresAt).toISOString(),
      refresh_expires_in: new Date(refreshExpiresAt).toISOString(),
      user: { user_id: user.user_id, email: user.email, role_id: user.role_id, org_unit_id: user.org_unit_id }
    }
  }
}

/** The login limit (docs/convirza-api.md: 10 requests/min per IP), as a sliding one-minute window. */
export class LoginRateLimiter {
  private readonly attempts = new Map<string, number[]>()

  constructor(
    private readonly limit: number,
    private readonly now: () => Date,
    private readonly windowMs = 60_000
  ) {}

  /** Count an attempt; when over the limit, the seconds until the next one is allowed. */
  hit(ip: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.now().getTime()
    const recent = (this.attempts.get(ip) ?? []).filter((t) => t > now - this.windowMs)
    if (recent.length >= this.limit) {
      this.attempts.set(ip, recent)
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((recent[0] as number) + this.windowMs - now) / 1000)) }
    }
    recent.push(now)
    this.attempts.set(ip, recent)
    return { allowed: true }
  }

  reset(): void {
    this.attempts.clear()
  }
}
