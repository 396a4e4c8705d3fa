/**
 * The token pair of one sign-in, as the rest of the app stores it (keychain) and hands it back.
 * docs/convirza-api.md "Authentication": `expires_in` and `refresh_expires_in` are absolute ISO
 * 8601 timestamps, not seconds.
 */
import type { TokenResponse } from '../../../shared/convirza/schemas'

export interface TokenPair {
  accessToken: string
  /** null for a pasted access token, which cannot be renewed. */
  refreshToken: string | null
  /** ISO 8601; null when unknown. */
  accessExpiresAt: string | null
  /** ISO 8601; null when unknown. */
  refreshExpiresAt: string | null
}

/** An ISO timestamp normalised to UTC, or null when the server sent something unreadable. */
function isoOrNull(value: string | null | undefined): string | null {
  if (!value) return null
  const time = Date.parse(value)
  return Number.isNaN(time) ? null : new Date(time).toISOString()
}

/** The pair from a login or refresh answer, expiry timestamps normalised to UTC ISO. */
export function tokenPairFromResponse(response: TokenResponse): TokenPair {
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token,
    accessExpiresAt: isoOrNull(response.expires_in),
    refreshExpiresAt: isoOrNull(response.refresh_expires_in)
  }
}
