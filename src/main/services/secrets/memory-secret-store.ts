import type { SecretStore, SecretStoreStatus, StoredCredentials } from './secret-store'

/**
 * A session-only sign-in: the pair lives in this process and is gone when the app quits. Used
 * when the user chooses it, typically because no keychain is available — the app never falls
 * back to writing a token to disk instead.
 */
export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory' as const
  private readonly entries = new Map<string, StoredCredentials>()

  async get(profileId: string): Promise<StoredCredentials | null> {
    const value = this.entries.get(profileId)
    // Copies, so a caller mutating what it got cannot change what is stored.
    return value ? { ...value } : null
  }

  async set(profileId: string, value: StoredCredentials): Promise<void> {
    this.entries.set(profileId, {
      accessToken: value.accessToken,
      refreshToken: value.refreshToken,
      accessExpiresAt: value.accessExpiresAt,
      refreshExpiresAt: value.refreshExpiresAt
    })
  }

  async delete(profileId: string): Promise<boolean> {
    return this.entries.delete(profileId)
  }

  async status(): Promise<SecretStoreStatus> {
    return { available: true, message: 'Kept in memory for this session only; you will sign in again next time.' }
  }
}
