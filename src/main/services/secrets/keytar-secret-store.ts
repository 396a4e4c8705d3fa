/**
 * The OS keychain behind `SecretStore`: macOS Keychain, Windows Credential Manager, or a Linux
 * Secret Service (gnome-keyring, KWallet) through libsecret. Entries live under the service
 * "Call Review", one per profile (account = profile id), value = the JSON of the token pair.
 *
 * keytar is loaded on first use, not at import: on a Linux machine without libsecret the native
 * module throws while loading, and that must become a clear `status()` and a session-only
 * sign-in offer instead of an app that cannot start. There is no plain-text fallback.
 */
import { createRequire } from 'node:module'
import { AppError } from '@shared/errors'
import type { Logger } from '../log'
import { keychainUnavailable } from './keychain-errors'
import { parseCredentials, serializeCredentials, type SecretStore, type SecretStoreStatus, type StoredCredentials } from './secret-store'

/** The part of keytar this store uses; tests and other backends can supply their own. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

export const KEYCHAIN_SERVICE = 'Call Review'

/** The account `status()` writes and removes to learn whether a save would work. */
const PROBE_ACCOUNT = 'availability-check'

export interface KeytarSecretStoreOptions {
  log: Logger
  /** Keychain service name. Tests pass a unique one so they never touch a real user's entries. */
  service?: string
  /** For the install advice in messages. */
  platform?: NodeJS.Platform
  /** How to load keytar; defaults to the installed native module. */
  loadKeytar?: () => Promise<KeytarApi>
}

export class KeytarSecretStore implements SecretStore {
  readonly kind = 'keychain' as const
  readonly service: string
  private readonly log: Logger
  private readonly platform: NodeJS.Platform
  private readonly loadKeytar: () => Promise<KeytarApi>
  private keytar: Promise<KeytarApi> | undefined
  /**
   * Set by a successful write only (reads can work where writes do not). A failure clears it, so
   * the next check looks again — the user may have installed or unlocked a keyring meanwhile.
   */
  private knownAvailable = false

  constructor(options: KeytarSecretStoreOptions) {
    this.log = options.log
    this.service = options.service ?? KEYCHAIN_SERVICE
    this.platform = options.platform ?? process.platform
    this.loadKeytar = options.loadKeytar ?? loadInstalledKeytar
  }

  async get(profileId: string): Promise<StoredCredentials | null> {
    const text = await this.call('read your saved sign-in', (k) => k.getPassword(this.service, profileId))
    if (text === null) return null
    this.log.addSecret(text)
    const parsed = parseCredentials(text)
    if (!parsed.ok) {
      this.log.warn('secrets: the saved sign-in could not be read; treating the profile as signed out', {
        profileId,
        reason: parsed.reason
      })
      return null
    }
    this.log.addSecret(parsed.value.accessToken)
    this.log.addSecret(parsed.value.refreshToken)
    return parsed.value
  }

  async set(profileId: string, value: StoredCredentials): Promise<void> {
    this.log.addSecret(value.accessToken)
    this.log.addSecret(value.refreshToken)
    const text = serializeCredentials(value)
    this.log.addSecret(text)
    await this.call('save your sign-in', (k) => k.setPassword(this.service, profileId, text))
    this.knownAvailable = true
  }

  async delete(profileId: string): Promise<boolean> {
    return this.call('remove your saved sign-in', (k) => k.deletePassword(this.service, profileId))
  }

  /**
   * Writes and removes a probe entry: on Linux a Secret Service can answer reads while refusing
   * writes (no default keyring and no prompt to create one), so only a write tells the truth.
   */
  async status(): Promise<SecretStoreStatus> {
    if (this.knownAvailable) return { available: true }
    try {
      await this.call('check the keychain', async (k) => {
        await k.setPassword(this.service, PROBE_ACCOUNT, 'ok')
        await k.deletePassword(this.service, PROBE_ACCOUNT)
      })
      this.knownAvailable = true
      return { available: true }
    } catch (error) {
      if (error instanceof AppError) return { available: false, message: error.message }
      throw error
    }
  }

  private async call<T>(action: string, run: (keytar: KeytarApi) => Promise<T>): Promise<T> {
    const keytar = await this.load()
    try {
      return await run(keytar)
    } catch (error) {
      this.knownAvailable = false
      const appError = keychainUnavailable(error, this.platform)
      this.log.warn(`secrets: could not ${action}`, { service: this.service, error })
      throw appError
    }
  }

  private async load(): Promise<KeytarApi> {
    this.keytar ??= this.loadKeytar()
    try {
      return await this.keytar
    } catch (error) {
      // Forget the failed load so a retry after installing libsecret can succeed without a restart.
      this.keytar = undefined
      this.log.warn('secrets: the keychain library could not be loaded', { error })
      throw keychainUnavailable(error, this.platform, { loading: true })
    }
  }
}

export async function loadInstalledKeytar(): Promise<KeytarApi> {
  // keytar is a CommonJS native addon: require() it from here. __filename exists under Electron's
  // CommonJS bundle, Vitest, tsx and Playwright's loader; import.meta would make Playwright load
  // this file as an ES module and fail, and a dynamic import() does not resolve under tsx's CJS mode.
  return createRequire(__filename)('keytar') as KeytarApi
}
