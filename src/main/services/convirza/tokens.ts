/**
 * The token pair of one sign-in, as the rest of the app stores it (keychain) and hands it back.
 * docs/convirza-api.md "Authentication (V3)": `expires_in` and `refresh_expires_in` are absolute ISO
 * 8601 timestamps; standard OAuth sends seconds from now instead, and both are read.
 */
import type { TokenResponse } from '@shared/convirza/schemas'

export interface TokenPair {
  accessToken: string
  /** null for a pasted access token, which cannot be renewed. */
  refreshToken: string | null
  /** ISO 8601; null when unknown. */
  accessExpiresAt: string | null
  /** ISO 8601; null when unknown. */
  refreshExpiresAt: string | null
}

/** Seconds this large are not "seconds from now" but a Unix time (any date after 2001). */
const UNIX_SECONDS = 1_000_000_000

/**
 * An expiry normalised to UTC ISO, or null when the server sent something unreadable: an ISO
 * timestamp (documented), seconds from now (standard OAuth, number or numeric string), or a Unix
 * time in seconds.
 */
function expiryOrNull(value: string | number | null | undefined, now: Date): string | null {
  if (value === null || value === undefined || value === '') return null
  const seconds = typeof value === 'number' ? value : /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value.trim()) : null
  if (seconds !== null) {
    if (!Number.isFinite(seconds)) return null
    return new Date(seconds >= UNIX_SECONDS ? seconds * 1000 : now.getTime() + seconds * 1000).toISOString()
  }
  const time = Date.parse(value as string)
  return Number.isNaN(time) ? null : new Date(time).toISOString()
}

/** The pair from a login or refresh answer, expiry timestamps normalised to UTC ISO. */
export function tokenPairFromResponse(response: TokenResponse, now: Date = new Date()): TokenPair {
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token,
    accessExpiresAt: expiryOrNull(response.expires_in, now),
    refreshExpiresAt: expiryOrNull(response.refresh_expires_in, now)
  }
}
