/**
 * The OAuth host's three endpoints (docs/convirza-api.md "Authentication"): sign in with email,
 * password and org_unit_id (rate-limited to 10 a minute per IP), refresh with a single-use
 * refresh token, and revoke.
 */
import { subtreeOf, type DemoUser } from './accounts'
import { bearerToken, envelope, HttpError, readJsonBody, sendJson, type RequestContext } from './http-helpers'
import type { LoginRateLimiter, TokenRegistry } from './token-registry'

export interface OAuthDeps {
  users: readonly DemoUser[]
  tokens: TokenRegistry
  loginLimiter: LoginRateLimiter
}

const INVALID_LOGIN = 'Invalid email, password or org unit.'

function orgUnitIdOf(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : null
}

export async function handleToken(context: RequestContext, deps: OAuthDeps): Promise<void> {
  const ip = context.req.socket.remoteAddress ?? 'unknown'
  const limit = deps.loginLimiter.hit(ip)
  if (!limit.allowed)
    throw new HttpError(429, `Too many sign-in attempts: at most 10 a minute are allowed. Try again in ${limit.retryAfterSeconds} seconds.`, {
      'Retry-After': String(limit.retryAfterSeconds)
    })
  const body = await readJsonBody(context.req)
  const missing = ['email', 'password', 'org_unit_id'].filter((k) => body[k] === undefined || body[k] === null || body[k] === '')
  if (missing.length > 0) throw new HttpError(400, `Sign-in needs email, password and org_unit_id; missing: ${missing.join(', ')}.`)
  const orgUnitId = orgUnitIdOf(body.org_unit_id)
  if (orgUnitId === null) throw new HttpError(400, 'org_unit_id must be a positive whole number.')
  const email = String(body.email).trim().toLowerCase()
  const user = deps.users.find((u) => u.email === email && u.password === body.password)
  // The org unit must be the user's own or one below it.
  if (!user || !subtreeOf(user.org_unit_id).has(orgUnitId)) throw new HttpError(401, INVALID_LOGIN)
  sendJson(context, 200, deps.tokens.signIn(user))
}

export async function handleRefresh(context: RequestContext, deps: OAuthDeps): Promise<void> {
  const body = await readJsonBody(context.req)
  if (typeof body.refresh_token !== 'string' || body.refresh_token === '')
    throw new HttpError(400, 'Send the refresh token as JSON: { "refresh_token": "..." }.')
  const pair = deps.tokens.refresh(body.refresh_token)
  if (!pair) throw new HttpError(401, 'The refresh token is invalid, expired, revoked or already used. Sign in again.')
  sendJson(context, 200, pair)
}

/** Accepts the token as a Bearer header or in the body (`token`, `refresh_token` or `access_token`). */
export async function handleRevoke(context: RequestContext, deps: OAuthDeps): Promise<void> {
  const body = await readJsonBody(context.req)
  const candidates = [bearerToken(context.req), body.token, body.refresh_token, body.access_token].filter(
    (t): t is string => typeof t === 'string' && t !== ''
  )
  if (candidates.length === 0)
    throw new HttpError(400, 'Send the token to revoke as "Authorization: Bearer <token>" or as JSON { "refresh_token": "..." }.')
  // Like RFC 7009: revoking an unknown token is not an error; the sign-in is over either way.
  for (const token of candidates) deps.tokens.revoke(token)
  sendJson(context, 200, envelope(context, 200, 'Token revoked'))
}
