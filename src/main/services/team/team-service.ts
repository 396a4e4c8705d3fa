/**
 * The active profile's team connection: its settings (the profile's `team.json`, no secret in
 * it), its password (the OS keychain, see team-password-store.ts) and the TeamSync that runs
 * while the profile is open. A profile with no team has no file and no sync: nothing changes.
 */
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type pg from 'pg'
import { z } from 'zod'
import { AppError } from '@shared/errors'
import {
  TeamConnectionSettingsSchema,
  type TeamCalibration,
  type TeamConnectionSettings,
  type TeamSyncStatus,
  type TeamWork
} from '@shared/ipc/contract/team'
import { readJsonFile, writeJsonFile } from '../json-file'
import type { Logger } from '../log'
import { calibrationsOf } from './team-calibration'
import {
  membershipLine,
  teamClientConfig,
  testTeamConnection,
  TeamConnectionError,
  TEAM_CONNECT_TIMEOUT_MS,
  timeoutSeconds,
  type TeamMembership
} from './team-connection'
import type { ReviewChange } from './team-outbox'
import type { TeamPull } from './team-pull'
import type { TeamPasswordStore } from './team-password-store'
import { TeamSync } from './team-sync'

export const TEAM_SETTINGS_FILE = 'team.json'

const StoredSettingsSchema = z.strictObject({ version: z.literal(1), settings: TeamConnectionSettingsSchema })

export const TEAM_OFF: TeamSyncStatus = { state: 'off', pending: 0, message: null, member: null, lastSyncedAt: null }

/** How long Save waits for the first connection with the new settings: the connect timeout and a little. */
export const SAVE_WAIT_MS = TEAM_CONNECT_TIMEOUT_MS + 5_000

export interface TeamServiceOptions {
  passwords: TeamPasswordStore
  log: Logger
  onStatus: (status: TeamSyncStatus) => void
  retryDelaysMs?: readonly number[]
  clock?: () => Date
  /** After each pull of a profile's sync is stored (the profile's folder and what came). */
  onPulled?: (dir: string, pull: TeamPull) => void
  /** How long save() waits for the first connection attempt; SAVE_WAIT_MS unless a test says. */
  saveWaitMs?: number
}

export interface TeamRequest {
  settings: TeamConnectionSettings
  password?: string | undefined
}

export class TeamService {
  private active: { dir: string; profileId: string; sync: TeamSync | null; status: TeamSyncStatus } | null = null
  /** Opens and closes run one at a time, so a quick switch of profiles never leaves two syncs. */
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly options: TeamServiceOptions) {}

  /** Starts the profile's sync when it has a team (closing another profile's first). */
  open(dir: string, profileId: string): Promise<void> {
    return this.serial(async () => {
      if (this.active?.dir === dir && this.active.sync) return
      await this.closeActive()
      this.active = { dir, profileId, sync: null, status: TEAM_OFF }
      const settings = this.readSettings(dir)
      if (!settings) return this.publish(TEAM_OFF)
      let password: string | null
      try {
        password = await this.options.passwords.get(profileId)
      } catch (error) {
        return this.publish({ ...TEAM_OFF, state: 'error', message: error instanceof Error ? error.message : String(error) })
      }
      if (password === null) {
        return this.publish({
          ...TEAM_OFF,
          state: 'error',
          message: 'The team password is not in the keychain. Enter it again in Settings → Team and save.'
        })
      }
      const sync = new TeamSync({
        dir,
        settings,
        password,
        log: this.options.log,
        onStatus: (status) => {
          if (this.active?.sync === sync) this.publish(status)
        },
        ...(this.options.retryDelaysMs ? { retryDelaysMs: this.options.retryDelaysMs } : {}),
        ...(this.options.clock ? { clock: this.options.clock } : {}),
        ...(this.options.onPulled ? { onPulled: (pull: TeamPull) => this.options.onPulled?.(dir, pull) } : {})
      })
      this.active.sync = sync
      this.publish(sync.status())
      sync.start()
    })
  }

  /** Stops the sync of `dir` (or of whichever profile is open); its queue stays on disk. */
  close(dir?: string): Promise<void> {
    return this.serial(async () => {
      if (dir === undefined || this.active?.dir === dir) await this.closeActive()
    })
  }

  status(): TeamSyncStatus {
    return this.active?.status ?? TEAM_OFF
  }

  /** The running sync, for code that queues review changes. Null with no team or no profile. */
  sync(): TeamSync | null {
    return this.active?.sync ?? null
  }

  enqueue(change: ReviewChange): string {
    const sync = this.sync()
    if (!sync) throw new AppError('bad_request', 'This profile is not connected to a team.')
    return sync.enqueue(change)
  }

  /** The team's shared work as last pulled; empty with no team. */
  work(): TeamWork {
    return this.sync()?.work() ?? { me: null, members: [], templates: [], assignments: [] }
  }

  /** The calibrations this member is in (a lead: all), as last pulled; empty with no team. */
  calibrations(): TeamCalibration[] {
    const sync = this.sync()
    if (!sync) return []
    return calibrationsOf({
      me: sync.membership(),
      members: sync.members(),
      templateVersions: sync.templateVersions(),
      calibrations: sync.calibrations(),
      calibrationMembers: sync.calibrationMembers(),
      calibrationCalls: sync.calibrationCalls(),
      reviews: sync.reviews(),
      sessions: sync.calibrationSessions()
    })
  }

  /** A lead's action on the live connection (see TeamSync.run); refused with no team or offline. */
  async run<T>(action: (client: pg.ClientBase, member: TeamMembership) => Promise<T>): Promise<T> {
    const sync = this.sync()
    if (!sync) throw new AppError('bad_request', 'This profile is not connected to a team: connect it in Settings → Team first.')
    try {
      return await sync.run(action)
    } catch (error) {
      throw toAppError(error)
    }
  }

  async getSettings(dir: string, profileId: string): Promise<{ settings: TeamConnectionSettings | null; passwordSaved: boolean }> {
    const settings = this.readSettings(dir)
    if (!settings) return { settings: null, passwordSaved: false }
    return { settings, passwordSaved: (await this.options.passwords.get(profileId)) !== null }
  }

  async test(profileId: string, request: TeamRequest): Promise<{ line: string }> {
    const password = await this.password(profileId, request.password)
    try {
      return { line: membershipLine(await testTeamConnection(request.settings, password)) }
    } catch (error) {
      throw toAppError(error)
    }
  }

  /**
   * Saves, then (re)starts the sync with the new settings and waits for its first connection
   * attempt (at most saveWaitMs), so the status returned says what the settings did: synced,
   * refused (state error, the reason in message), unreachable (offline), or still connecting.
   * A password is needed the first time.
   */
  async save(dir: string, profileId: string, request: TeamRequest): Promise<TeamSyncStatus> {
    try {
      teamClientConfig(request.settings, '') // refuses a pasted URL, or TLS off for a remote host, before anything is stored
    } catch (error) {
      throw toAppError(error)
    }
    const password = await this.password(profileId, request.password)
    if (request.password !== undefined) await this.options.passwords.set(profileId, password)
    writeJsonFile(join(dir, TEAM_SETTINGS_FILE), { version: 1, settings: TeamConnectionSettingsSchema.parse(request.settings) })
    await this.close(dir)
    await this.open(dir, profileId)
    const sync = this.sync()
    return sync ? await sync.firstAttempt(this.options.saveWaitMs ?? SAVE_WAIT_MS) : this.status()
  }

  /** Forgets the settings and the password. Queued changes are kept and counted, never dropped. */
  async disconnect(dir: string, profileId: string): Promise<{ pendingKept: number }> {
    const pendingKept = this.active?.dir === dir ? this.status().pending : 0
    await this.close(dir)
    rmSync(join(dir, TEAM_SETTINGS_FILE), { force: true })
    await this.options.passwords.delete(profileId)
    this.active = { dir, profileId, sync: null, status: TEAM_OFF }
    this.publish(TEAM_OFF)
    return { pendingKept }
  }

  readSettings(dir: string): TeamConnectionSettings | null {
    const path = join(dir, TEAM_SETTINGS_FILE)
    if (!existsSync(path)) return null
    const stored = readJsonFile(path, StoredSettingsSchema.nullable(), null)
    if (!stored) this.options.log.warn('team: team.json could not be read; the profile is treated as having no team', { path })
    return stored?.settings ?? null
  }

  private async password(profileId: string, given: string | undefined): Promise<string> {
    if (given !== undefined) return given
    const saved = await this.options.passwords.get(profileId)
    if (saved === null) throw new AppError('validation', 'Enter the team database password: none is saved for this profile yet.')
    return saved
  }

  private async closeActive(): Promise<void> {
    const active = this.active
    if (!active) return
    this.active = null
    await active.sync?.stop()
  }

  private publish(status: TeamSyncStatus): void {
    if (this.active) this.active.status = status
    this.options.onStatus(status)
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run)
    this.queue = next.catch(() => undefined)
    return next
  }
}

/** A team error as the renderer is told it: the kind, and a message that says what to do. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error
  if (error instanceof TeamConnectionError) {
    const kind =
      error.reason === 'unreachable'
        ? 'network'
        : error.reason === 'auth'
          ? 'unauthorized'
          : error.reason === 'not_member'
            ? 'forbidden'
            : error.reason === 'settings'
              ? 'validation'
              : 'bad_request'
    return new AppError(kind, error.message)
  }
  // node-postgres gave up waiting (a silent network drop): the action may or may not have
  // reached the database, and TeamSync is already reconnecting.
  const seconds = timeoutSeconds(error)
  if (seconds !== null)
    return new AppError(
      'network',
      `The team database did not answer within ${seconds} s, so this was not confirmed and may not have been saved there. The app reconnects by itself; when the top bar says synced, check whether it is there before trying again.`
    )
  const code = (error as { code?: string }).code
  if (code === '42501') return new AppError('forbidden', `The team database refused this: ${(error as Error).message}. Ask a team lead or the admin.`)
  if (code === '23503' || code === '23505' || code === '22023' || code === '22P02')
    return new AppError('validation', `The team database refused this: ${(error as Error).message}.`)
  return new AppError('internal', error instanceof Error ? error.message : String(error))
}
