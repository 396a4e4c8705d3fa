/**
 * Keeps one profile in step with its team database while the app runs: pushes the outbox, pulls
 * what the team shares, listens on `callreview_changes` to pull again when a lead publishes, and
 * reconnects with backoff when the database cannot be reached. Everything it keeps lives in the
 * profile's own `team-outbox.sqlite`: the outbox (so a change queued before a crash or while
 * offline is still sent after a restart), the pulled rows and the pull cursor.
 * See docs/decisions/team-qa-on-postgres.md.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import type { TeamConnectionSettings, TeamMember, TeamSyncStatus, TeamWork } from '@shared/ipc/contract/team'
import type { Logger } from '../log'
import {
  describeConnectionFailure,
  describeMembership,
  membershipLine,
  teamClientConfig,
  TeamConnectionError,
  timeoutSeconds,
  whereOf,
  type TeamMembership
} from './team-connection'
import { TeamOutbox, type ReviewChange } from './team-outbox'
import { INITIAL_CURSOR, pullTeamChanges, type TeamPull } from './team-pull'
import { listMembers, teamWorkOf } from './team-work'

export const TEAM_SYNC_FILE = 'team-outbox.sqlite'

/** Waits between reconnect attempts; the last one repeats. */
export const DEFAULT_RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 15_000, 30_000, 60_000]

export interface TeamSyncOptions {
  /** The profile's folder. */
  dir: string
  settings: TeamConnectionSettings
  password: string
  log: Logger
  onStatus?: (status: TeamSyncStatus) => void
  retryDelaysMs?: readonly number[]
  /** A CA certificate (PEM) for verify-full / verify-ca against a private CA. */
  ca?: string
  clock?: () => Date
  /** After each pull is stored (e.g. to bring published templates into the local QA database). */
  onPulled?: (pull: TeamPull) => void
  /** Makes the database client; tests pass a fake one. */
  createClient?: (config: pg.ClientConfig) => pg.Client
}

/** Errors that mean "the database went away", as opposed to one that answered with a refusal. */
function isConnectionLoss(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? ''
  const message = error instanceof Error ? error.message : String(error)
  return (
    ['57P01', '57P02', '57P03', 'ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT'].includes(code) ||
    /connection terminated|not queryable|terminating connection|Client was closed|timeout/i.test(message)
  )
}

export class TeamSync {
  private readonly db: Database.Database
  private readonly outbox: TeamOutbox
  private readonly log: Logger
  private readonly clock: () => Date
  private readonly retryDelays: readonly number[]
  private client: pg.Client | null = null
  private member: TeamMembership | null = null
  private timer: NodeJS.Timeout | null = null
  private attempt = 0
  private stopped = false
  private syncing: Promise<void> | null = null
  private syncAgain = false
  private current: TeamSyncStatus
  /** Settles when the first connection attempt has finished, whatever came of it (see firstAttempt). */
  private readonly attempted: Promise<void>
  private attemptDone: () => void = () => undefined

  constructor(private readonly options: TeamSyncOptions) {
    this.attempted = new Promise<void>((resolve) => {
      this.attemptDone = resolve
    })
    this.log = options.log
    this.clock = options.clock ?? (() => new Date())
    this.retryDelays = options.retryDelaysMs?.length ? options.retryDelaysMs : DEFAULT_RETRY_DELAYS_MS
    this.log.addSecret(options.password)
    this.db = new Database(join(options.dir, TEAM_SYNC_FILE))
    this.db.pragma('journal_mode = WAL')
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS team_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS team_template_versions (template_id TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (template_id, version));
      CREATE TABLE IF NOT EXISTS team_assignments (id TEXT PRIMARY KEY, data TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS team_calibrations (id TEXT PRIMARY KEY, data TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS team_calibration_members (calibration_id TEXT NOT NULL, reviewer TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (calibration_id, reviewer));
      CREATE TABLE IF NOT EXISTS team_reviews (id TEXT PRIMARY KEY, data TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS team_calibration_calls (calibration_id TEXT NOT NULL, account TEXT NOT NULL, call_id INTEGER NOT NULL, PRIMARY KEY (calibration_id, account, call_id));
      -- Which local QA session scores which calibration: a review saved in it carries the calibration's id.
      CREATE TABLE IF NOT EXISTS team_calibration_sessions (calibration_id TEXT PRIMARY KEY, session_id TEXT NOT NULL UNIQUE);
    `)
    this.outbox = new TeamOutbox(this.db, this.clock)
    this.current = {
      state: 'connecting',
      pending: this.outbox.pendingReviews(),
      message: null,
      member: null,
      lastSyncedAt: this.stateValue('last_synced_at')
    }
  }

  status(): TeamSyncStatus {
    return { ...this.current, pending: this.outbox.pendingReviews() }
  }

  /**
   * Waits for the first connection attempt (connected and synced, refused, or unreachable), at
   * most `timeoutMs`; then says the status. Save uses it to report what the new settings did.
   */
  async firstAttempt(timeoutMs: number): Promise<TeamSyncStatus> {
    let timer: NodeJS.Timeout | undefined
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs)
      timer.unref?.()
    })
    await Promise.race([this.attempted, waited])
    clearTimeout(timer)
    // Stopped meanwhile (another Save, a profile switch): its queue file is closed, the last status stands.
    return this.db.open ? this.status() : { ...this.current }
  }

  /** Connects (and keeps reconnecting) in the background; the status reports how it goes. */
  start(): void {
    this.stopped = false
    this.emit({ state: 'connecting', message: null })
    this.schedule(0)
  }

  /**
   * Queues a review change (saved to the outbox before this returns) and pushes it when connected.
   * `reviewUpdatedAt`, the saved review's updated_at, marks the review queued up to that save.
   */
  enqueue(change: ReviewChange, reviewUpdatedAt?: string): string {
    // The team database keys reviews by uuid; anything else would be refused there and hold up
    // every change queued after it, so it is refused here, before it is queued.
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(change.reviewId)) {
      throw new Error(`A team review id is a UUID; got "${change.reviewId.slice(0, 40)}". The change was not queued.`)
    }
    const opId = this.outbox.enqueue(change, reviewUpdatedAt)
    if (this.client) {
      this.emit({ state: 'waiting' })
      void this.sync()
    } else {
      this.emit({})
    }
    return opId
  }

  /** Since when saved reviews are checked against the queue, and which of these were saved after their last queued change. */
  queuedSince(): string {
    return this.outbox.queuedSince()
  }

  unqueuedReviews(reviews: readonly { id: string; updatedAt: string }[]): Set<string> {
    return this.outbox.unqueued(reviews)
  }

  /** Saves before `at` have been checked: later checks start there. */
  advanceQueuedSince(at: string): void {
    this.outbox.advanceQueuedSince(at)
  }

  /** Who this connection is (login, role, team): the live connection's, else the last one's. */
  membership(): TeamMembership | null {
    if (this.member) return this.member
    const saved = this.stateValue('me')
    return saved ? (JSON.parse(saved) as TeamMembership) : null
  }

  /** The team's published templates, assignments with progress and members, as last pulled. */
  work(): TeamWork {
    return teamWorkOf({
      me: this.membership(),
      members: this.members(),
      templateVersions: this.templateVersions(),
      assignments: this.assignments(),
      reviews: this.reviews()
    })
  }

  /**
   * Runs a lead's or reviewer's action on the live connection (publishing, assigning), then syncs
   * so its result is pulled. Such actions need the database: offline, this says so and does nothing.
   */
  async run<T>(action: (client: pg.ClientBase, member: TeamMembership) => Promise<T>): Promise<T> {
    const client = this.client
    const member = this.member
    if (!client || !member) {
      throw new TeamConnectionError(
        `The team database at ${whereOf(this.options.settings)} is not connected (${this.current.state}); try again when the top bar says synced.`,
        'unreachable'
      )
    }
    let result: T
    try {
      result = await action(client, member)
    } catch (error) {
      // A silent network drop surfaces as a timeout here: go offline and reconnect, rather than
      // keep saying "synced" over a connection that no longer answers.
      if (isConnectionLoss(error)) this.lost(client, error)
      throw error
    }
    await this.sync()
    return result
  }

  /** Shows a problem on the team status (the next successful sync clears it). */
  report(message: string): void {
    this.emit({ state: 'error', message })
  }

  /** Pushes and pulls now if connected; a call during a running sync makes it run once more. */
  sync(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true
      return this.syncing
    }
    this.syncing = (async () => {
      try {
        do {
          this.syncAgain = false
          await this.syncOnce()
        } while (this.syncAgain && this.client)
      } finally {
        this.syncing = null
      }
    })()
    return this.syncing
  }

  /** What the last pulls brought, for the screens that show team templates and assignments. */
  templateVersions(): TeamPull['templateVersions'] {
    return this.readAll('SELECT data FROM team_template_versions ORDER BY template_id, version')
  }
  assignments(): TeamPull['assignments'] {
    return this.readAll('SELECT data FROM team_assignments ORDER BY id')
  }
  calibrations(): TeamPull['calibrations'] {
    return this.readAll('SELECT data FROM team_calibrations ORDER BY id')
  }
  reviews(): TeamPull['reviews'] {
    return this.readAll('SELECT data FROM team_reviews ORDER BY id')
  }
  calibrationMembers(): TeamPull['calibrationMembers'] {
    return this.readAll('SELECT data FROM team_calibration_members ORDER BY calibration_id, reviewer')
  }
  calibrationCalls(): TeamPull['calibrationCalls'] {
    return (
      this.db.prepare('SELECT calibration_id, account, call_id FROM team_calibration_calls ORDER BY calibration_id, call_id').all() as Array<{
        calibration_id: string
        account: string
        call_id: number
      }>
    ).map((r) => ({ calibrationId: r.calibration_id, account: r.account, callId: r.call_id }))
  }
  /** The team's members as last pulled. */
  members(): TeamMember[] {
    const members = this.stateValue('members')
    return members ? (JSON.parse(members) as TeamMember[]) : []
  }

  /** The local QA sessions that score calibrations, by calibration id. */
  calibrationSessions(): Map<string, string> {
    const rows = this.db.prepare('SELECT calibration_id, session_id FROM team_calibration_sessions').all() as Array<{
      calibration_id: string
      session_id: string
    }>
    return new Map(rows.map((r) => [r.calibration_id, r.session_id]))
  }
  setCalibrationSession(calibrationId: string, sessionId: string): void {
    this.db
      .prepare(
        'INSERT INTO team_calibration_sessions (calibration_id, session_id) VALUES (?, ?) ON CONFLICT (calibration_id) DO UPDATE SET session_id = excluded.session_id'
      )
      .run(calibrationId, sessionId)
  }
  /** The calibration a local QA session scores, or null for an ordinary session. */
  calibrationOfSession(sessionId: string): string | null {
    const row = this.db.prepare('SELECT calibration_id FROM team_calibration_sessions WHERE session_id = ?').get(sessionId) as
      { calibration_id: string } | undefined
    return row?.calibration_id ?? null
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.attemptDone()
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    await this.syncing?.catch(() => undefined)
    await this.dropClient()
    if (this.db.open) this.db.close()
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      void this.connect()
    }, delayMs)
    this.timer.unref?.()
  }

  private retryLater(): void {
    const delay = this.retryDelays[Math.min(this.attempt, this.retryDelays.length - 1)] ?? 60_000
    this.attempt += 1
    this.schedule(delay)
  }

  private async connect(): Promise<void> {
    try {
      await this.connectOnce()
    } finally {
      this.attemptDone()
    }
  }

  private async connectOnce(): Promise<void> {
    if (this.stopped || this.client) return
    let client: pg.Client
    try {
      const config = teamClientConfig(this.options.settings, this.options.password, this.options.ca)
      client = this.options.createClient ? this.options.createClient(config) : new pg.Client(config)
    } catch (error) {
      // Settings that can never work (TLS off for a remote host): no point retrying them.
      this.emit({ state: 'error', message: error instanceof Error ? error.message : String(error) })
      return
    }
    client.on('error', (error) => this.lost(client, error))
    client.on('end', () => this.lost(client))
    client.on('notification', (note) => {
      // Reviews pushed by others concern only a lead (assignment progress, dashboards).
      if (note.channel !== 'callreview_changes' || (note.payload === 'reviews' && this.member?.role !== 'lead')) return
      void this.sync()
    })
    try {
      await client.connect()
      const member = await describeMembership(client)
      await client.query('LISTEN callreview_changes')
      if (this.stopped) {
        await client.end().catch(() => undefined)
        return
      }
      this.client = client
      this.member = member
      this.attempt = 0
      this.emit({ member: membershipLine(member), message: null })
    } catch (error) {
      client.removeAllListeners('end')
      await client.end().catch(() => undefined)
      this.failed(describeConnectionFailure(error, this.options.settings))
      return
    }
    await this.sync()
  }

  private async syncOnce(): Promise<void> {
    const client = this.client
    if (!client || this.stopped) return
    try {
      if (this.outbox.pending() > 0) this.emit({ state: 'waiting' })
      await this.outbox.push(client)
      const pull = await pullTeamChanges(client, this.stateValue('cursor') ?? INITIAL_CURSOR)
      const members = await listMembers(client)
      this.setStateValue('members', JSON.stringify(members))
      if (this.member) this.setStateValue('me', JSON.stringify(this.member))
      this.store(pull)
      const pending = this.outbox.pending()
      this.emit({ state: pending > 0 ? 'waiting' : 'synced', message: null, lastSyncedAt: this.stateValue('last_synced_at') })
    } catch (error) {
      if (this.stopped) return
      if (this.client === client) await this.dropClient()
      this.failed(
        isConnectionLoss(error)
          ? new TeamConnectionError(this.offlineMessage(error), 'unreachable')
          : describeConnectionFailure(error, this.options.settings)
      )
    }
  }

  private lost(client: pg.Client, error?: unknown): void {
    if (this.client !== client || this.stopped) return
    this.client = null
    client.removeAllListeners('end')
    void client.end().catch(() => undefined)
    this.log.info('team: the connection to the team database was lost; reconnecting', { error })
    this.failed(new TeamConnectionError(this.offlineMessage(error), 'unreachable'))
  }

  private failed(error: TeamConnectionError): void {
    this.log.warn('team: sync failed', { reason: error.reason, error })
    this.emit({ state: error.reason === 'unreachable' ? 'offline' : 'error', message: error.message })
    this.retryLater()
  }

  private offlineMessage(error: unknown): string {
    const seconds = timeoutSeconds(error)
    const detail = seconds !== null ? ` (no answer within ${seconds} s)` : error instanceof Error ? ` (${error.message})` : ''
    return `The team database at ${whereOf(this.options.settings)} cannot be reached${detail}. Changes stay queued on this computer and are sent when it is back.`
  }

  private async dropClient(): Promise<void> {
    const client = this.client
    this.client = null
    if (!client) return
    client.removeAllListeners('end')
    await client.end().catch(() => undefined)
  }

  private store(pull: TeamPull): void {
    const tx = this.db.transaction(() => {
      const tv = this.db.prepare('INSERT OR REPLACE INTO team_template_versions (template_id, version, data) VALUES (?, ?, ?)')
      for (const v of pull.templateVersions) tv.run(v.templateId, v.version, JSON.stringify(v))
      const a = this.db.prepare('INSERT OR REPLACE INTO team_assignments (id, data) VALUES (?, ?)')
      for (const v of pull.assignments) a.run(v.id, JSON.stringify(v))
      const c = this.db.prepare('INSERT OR REPLACE INTO team_calibrations (id, data) VALUES (?, ?)')
      for (const v of pull.calibrations) c.run(v.id, JSON.stringify(v))
      const m = this.db.prepare('INSERT OR REPLACE INTO team_calibration_members (calibration_id, reviewer, data) VALUES (?, ?, ?)')
      for (const v of pull.calibrationMembers) m.run(v.calibrationId, v.reviewer, JSON.stringify(v))
      const cc = this.db.prepare('INSERT OR IGNORE INTO team_calibration_calls (calibration_id, account, call_id) VALUES (?, ?, ?)')
      for (const v of pull.calibrationCalls) cc.run(v.calibrationId, v.account, v.callId)
      const r = this.db.prepare('INSERT OR REPLACE INTO team_reviews (id, data) VALUES (?, ?)')
      for (const v of pull.reviews) r.run(v.id, JSON.stringify(v))
      this.setStateValue('cursor', pull.cursor)
      this.setStateValue('last_synced_at', this.clock().toISOString())
    })
    tx()
    try {
      this.options.onPulled?.(pull)
    } catch (error) {
      this.log.warn('team: what was pulled could not be applied locally', { error })
    }
  }

  private readAll<T>(sql: string): T[] {
    return (this.db.prepare(sql).all() as Array<{ data: string }>).map((row) => JSON.parse(row.data) as T)
  }

  private stateValue(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM team_state WHERE key = ?').get(key) as { value: string } | undefined
    return row?.value ?? null
  }

  private setStateValue(key: string, value: string): void {
    this.db.prepare('INSERT INTO team_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value)
  }

  private emit(patch: Partial<TeamSyncStatus>): void {
    if (!this.db.open) return
    const next = { ...this.current, ...patch, pending: this.outbox.pendingReviews() }
    const changed = JSON.stringify(next) !== JSON.stringify(this.current)
    this.current = next
    if (changed) this.options.onStatus?.(next)
  }
}
