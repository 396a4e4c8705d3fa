/**
 * Where a profile's sign-in lives between runs. One interface so the session code does not care
 * whether the pair sits in the OS keychain (keytar) or, for a session-only sign-in, in memory —
 * and so keytar can be swapped without touching callers.
 *
 * What is stored is the token pair and its expiries only. Never the password: the app has no
 * use for it after login, and a keychain entry that holds it would outlive a revoked token.
 */
import { z } from 'zod'
import { fieldErrorsOf } from '@shared/field-errors'

/** The token pair of one profile, as kept in a secret store. */
export interface StoredCredentials {
  accessToken: string
  /** Null when the user pasted an access token: there is nothing to refresh with. */
  refreshToken: string | null
  /** ISO 8601 instant (the OAuth server sends absolute timestamps, docs/convirza-api.md). */
  accessExpiresAt: string | null
  refreshExpiresAt: string | null
}

export interface SecretStoreStatus {
  available: boolean
  /** Why not, and how to fix it. */
  message?: string
}

export interface SecretStore {
  /** 'keychain' persists across runs; 'memory' is a session-only sign-in. */
  readonly kind: 'keychain' | 'memory'
  /**
   * The profile's stored pair, or null when there is none — or when the entry is unreadable
   * (reported to the log, treated as signed out rather than crashing the app).
   * Throws AppError 'keychain_unavailable' when the store cannot be reached.
   */
  get(profileId: string): Promise<StoredCredentials | null>
  /** Replace the profile's pair. Throws AppError 'keychain_unavailable' when it cannot be saved. */
  set(profileId: string, value: StoredCredentials): Promise<void>
  /** Remove the profile's pair; false when there was none. */
  delete(profileId: string): Promise<boolean>
  /** Whether sign-ins can be saved here, and if not, what is missing and how to install it. */
  status(): Promise<SecretStoreStatus>
}

// Kept as the server sent it; a stricter format check here would sign people out over a detail.
const instant = z.string().min(1)

/** The stored form: versioned, so a later format can still read (or knowingly drop) this one. */
const StoredEntrySchema = z.object({
  version: z.literal(1),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).nullable(),
  accessExpiresAt: instant.nullable(),
  refreshExpiresAt: instant.nullable()
})

/** The JSON text a keychain entry holds. */
export function serializeCredentials(value: StoredCredentials): string {
  const entry: z.infer<typeof StoredEntrySchema> = {
    version: 1,
    accessToken: value.accessToken,
    refreshToken: value.refreshToken,
    accessExpiresAt: value.accessExpiresAt,
    refreshExpiresAt: value.refreshExpiresAt
  }
  // Checked on the way in too, so a bad value fails at sign-in and not at the next start.
  return JSON.stringify(StoredEntrySchema.parse(entry))
}

export type ParsedCredentials = { ok: true; value: StoredCredentials } | { ok: false; reason: string }

/**
 * Reads an entry's text. The reason never quotes the text: it holds tokens, and JSON.parse's own
 * message would echo part of it.
 */
export function parseCredentials(text: string): ParsedCredentials {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { ok: false, reason: 'the entry is not valid JSON' }
  }
  const parsed = StoredEntrySchema.safeParse(json)
  if (!parsed.success) {
    const fields = [...new Set(fieldErrorsOf(parsed.error, '(entry)').map((f) => f.field))].slice(0, 5)
    return { ok: false, reason: `the entry does not have the expected fields (${fields.join(', ')})` }
  }
  const { version: _version, ...value } = parsed.data
  return { ok: true, value }
}
