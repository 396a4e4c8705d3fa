/**
 * Which profile a sign-in belongs to. Signing in again to an account already on this computer
 * (after a sign-out, say) reuses its profile — and with it its cached calls and preferences —
 * instead of growing a second profile for the same account.
 */
import type { LoginUser } from '@shared/convirza/schemas'
import type { Profile, ProfileUser } from '../profiles/profile-repository'
import { DEFAULT_API_BASE_URL, DEFAULT_OAUTH_BASE_URL } from '@shared/ipc/contract/auth'

export interface SignInTarget {
  name: string
  apiBaseUrl?: string | undefined
  oauthBaseUrl?: string | undefined
  user: ProfileUser | null
}

/**
 * The same account at the same hosts: the user login returned (email and org unit) when both
 * sides know it, otherwise the profile name.
 */
export function findReusableProfile(profiles: Profile[], target: SignInTarget): Profile | null {
  const apiBaseUrl = normaliseUrl(target.apiBaseUrl ?? DEFAULT_API_BASE_URL)
  const oauthBaseUrl = normaliseUrl(target.oauthBaseUrl ?? DEFAULT_OAUTH_BASE_URL)
  const candidates = profiles.filter((p) => !p.demo && normaliseUrl(p.apiBaseUrl) === apiBaseUrl && normaliseUrl(p.oauthBaseUrl) === oauthBaseUrl)
  const email = target.user?.email?.toLowerCase()
  if (email) {
    const sameUser = candidates.find((p) => p.user?.email?.toLowerCase() === email && String(p.user.orgUnitId) === String(target.user?.orgUnitId))
    if (sameUser) return sameUser
  }
  const name = target.name.trim().toLowerCase()
  return candidates.find((p) => p.name.toLowerCase() === name && (!p.user?.email || !email || p.user.email.toLowerCase() === email)) ?? null
}

/**
 * An address as the profile keeps it: what was pasted from a browser or the API docs often
 * carries the endpoint too ("…/v3", "…/v3/conversations/calls", "…/oauth/token"), a query or a
 * trailing slash, and the app adds the endpoint itself ("…/v3/v3/conversations/calls" answered
 * 404). Those are taken off; any other path (a proxy's prefix) is kept.
 */
export function serverAddress(raw: string, kind: 'api' | 'oauth'): string
export function serverAddress(raw: string | undefined, kind: 'api' | 'oauth'): string | undefined
export function serverAddress(raw: string | undefined, kind: 'api' | 'oauth'): string | undefined {
  if (raw === undefined) return undefined
  const url = new URL(raw.trim())
  url.search = ''
  url.hash = ''
  const endpoint = kind === 'api' ? /\/v3(\/conversations(\/calls)?)?\/*$/i : /\/oauth(\/token)?\/*$/i
  url.pathname = url.pathname.replace(endpoint, '').replace(/\/+$/, '')
  return url.href.replace(/\/+$/, '')
}

/** The user info a profile keeps from login; falls back to what was typed when the server sent none. */
export function toProfileUser(user: LoginUser, typed: { email: string; orgUnitId: number }): ProfileUser {
  return {
    userId: user.user_id ?? null,
    email: user.email ?? typed.email,
    orgUnitId: user.org_unit_id ?? typed.orgUnitId
  }
}

function normaliseUrl(url: string): string {
  return url.trim().replace(/\/+$/, '').toLowerCase()
}
