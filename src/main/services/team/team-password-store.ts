/**
 * Where a profile's team database password lives: the OS keychain, under the app's keychain
 * service (the one that holds the Convirza token pair), account `<profileId>/team`. Never a file,
 * never the log (each password read or written is registered with the log's redaction), never
 * the renderer (no IPC channel answers with it).
 */
import { AppError } from '@shared/errors'
import type { Logger } from '../log'
import { keychainUnavailable } from '../secrets/keychain-errors'
import { KEYCHAIN_SERVICE, loadInstalledKeytar, type KeytarApi } from '../secrets/keytar-secret-store'

export interface TeamPasswordStore {
  get(profileId: string): Promise<string | null>
  /** Throws AppError 'keychain_unavailable' when it cannot be saved. */
  set(profileId: string, password: string): Promise<void>
  /** False when there was none. */
  delete(profileId: string): Promise<boolean>
}

export const teamPasswordAccount = (profileId: string): string => `${profileId}/team`

export interface KeytarTeamPasswordStoreOptions {
  log: Logger
  /** Tests pass a unique service so they never touch a real user's entries. */
  service?: string
  platform?: NodeJS.Platform
  loadKeytar?: () => Promise<KeytarApi>
}

export class KeytarTeamPasswordStore implements TeamPasswordStore {
  readonly service: string
  private readonly log: Logger
  private readonly platform: NodeJS.Platform
  private readonly loadKeytar: () => Promise<KeytarApi>

  constructor(options: KeytarTeamPasswordStoreOptions) {
    this.log = options.log
    this.service = options.service ?? KEYCHAIN_SERVICE
    this.platform = options.platform ?? process.platform
    this.loadKeytar = options.loadKeytar ?? loadInstalledKeytar
  }

  async get(profileId: string): Promise<string | null> {
    const password = await this.call('read the team password', (k) => k.getPassword(this.service, teamPasswordAccount(profileId)))
    this.log.addSecret(password)
    return password
  }

  async set(profileId: string, password: string): Promise<void> {
    this.log.addSecret(password)
    await this.call('save the team password', (k) => k.setPassword(this.service, teamPasswordAccount(profileId), password))
  }

  async delete(profileId: string): Promise<boolean> {
    return this.call('remove the team password', (k) => k.deletePassword(this.service, teamPasswordAccount(profileId)))
  }

  private async call<T>(action: string, run: (keytar: KeytarApi) => Promise<T>): Promise<T> {
    let keytar: KeytarApi
    try {
      keytar = await this.loadKeytar()
    } catch (error) {
      this.log.warn('team: the keychain library could not be loaded', { error })
      throw keychainUnavailable(error, this.platform, { loading: true })
    }
    try {
      return await run(keytar)
    } catch (error) {
      this.log.warn(`team: could not ${action}`, { service: this.service, error })
      throw error instanceof AppError ? error : keychainUnavailable(error, this.platform)
    }
  }
}

/** For a session without a keychain (the browser harness): kept in memory for this run only. */
export class MemoryTeamPasswordStore implements TeamPasswordStore {
  private readonly entries = new Map<string, string>()
  async get(profileId: string): Promise<string | null> {
    return this.entries.get(profileId) ?? null
  }
  async set(profileId: string, password: string): Promise<void> {
    this.entries.set(profileId, password)
  }
  async delete(profileId: string): Promise<boolean> {
    return this.entries.delete(profileId)
  }
}
