/**
 * A profile connected to a team on a real PostgreSQL: settings saved to the profile's folder and
 * the password to the real keychain (run under scripts/with-keyring.sh; elsewhere an in-memory
 * store stands in and says so), the sync status through a cut network and back, the outbox across
 * a restart, and LISTEN/NOTIFY pulling what a lead publishes.
 *
 *   bash scripts/with-keyring.sh nice npx vitest run test/integration/main/team/sync.test.ts
 */
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { TeamConnectionSettings, TeamSyncStatus } from '@shared/ipc/contract/team'
import { createLogger, type Logger } from '@main/services/log'
import { addMember, initTeam } from '@main/services/team/team-admin'
import type { ReviewChange } from '@main/services/team/team-outbox'
import { KeytarTeamPasswordStore, MemoryTeamPasswordStore, type TeamPasswordStore } from '@main/services/team/team-password-store'
import { TEAM_SETTINGS_FILE, TeamService } from '@main/services/team/team-service'
import { TeamSync } from '@main/services/team/team-sync'
import { pgUnavailableReason, postgresRequired, startPgCluster, type PgCluster } from '@test/fixtures/team/pg-cluster'
import { loadKeytar, probeKeychain, removeAllEntries, testServiceName } from '@test/fixtures/secrets/keychain-probe'
import { CuttableLink, waitFor } from '@test/fixtures/team/cuttable-link'

const unavailable = pgUnavailableReason()
if (unavailable && postgresRequired()) throw new Error(`The team tests need PostgreSQL: ${unavailable}`)
if (unavailable) console.warn(`Skipping the team sync tests: ${unavailable}`)

const service = testServiceName()
const keychain = await probeKeychain(service, 'team-sync')
const PASSWORD = 'team-password-7f3a9c'
const FAST_RETRY = [50, 100, 200]

describe.skipIf(unavailable !== null)('a profile connected to a team', () => {
  let cluster: PgCluster
  let log: Logger
  let logFile: string
  const open: Array<{ end(): Promise<void> }> = []
  const running: Array<{ stop(): Promise<void> }> = []
  const links: CuttableLink[] = []

  beforeAll(async () => {
    if (keychain.problem && keychain.run) throw new Error(`CALL_REVIEW_REQUIRE_KEYCHAIN=1 but ${keychain.problem}`)
    cluster = await startPgCluster()
    logFile = join(mkdtempSync(join(tmpdir(), 'team-sync-log-')), 'main.log')
    log = createLogger({ file: logFile })
  }, 60_000)
  afterAll(async () => {
    if (keychain.run && !keychain.problem) await removeAllEntries(service)
    await cluster?.stop()
  })
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()))
    await Promise.all(links.splice(0).map((l) => l.down()))
    await Promise.all(open.splice(0).map((c) => c.end().catch(() => undefined)))
  })

  async function connect(database: string, user = cluster.superuser): Promise<pg.Client> {
    const client = new pg.Client({ host: cluster.host, port: cluster.port, database, user })
    client.on('error', () => undefined)
    await client.connect()
    open.push(client)
    return client
  }

  /** A team database with a lead (lee), a reviewer (dana) and a published template. */
  async function team(): Promise<{ db: string; admin: pg.Client; lead: pg.Client }> {
    const db = await cluster.createDatabase()
    const admin = await connect(db)
    await initTeam(admin, 'Summit QA')
    await addMember(admin, { login: 'lee', displayName: 'Lee Park', role: 'lead', password: PASSWORD })
    await addMember(admin, { login: 'dana', displayName: 'Dana Reyes', role: 'reviewer', password: PASSWORD })
    const lead = await connect(db, 'lee')
    await lead.query(`INSERT INTO callreview.templates (id, name) VALUES ('core', 'Core QA')`)
    await lead.query(
      `INSERT INTO callreview.template_versions (template_id, version, name, definition, published_at, published_by)
       VALUES ('core', 1, 'Core QA', '{"criteria":[{"id":"greeting","type":"yes_no"}]}', now(), 'lee')`
    )
    return { db, admin, lead }
  }

  const settingsFor = (db: string, port = cluster.port): TeamConnectionSettings => ({
    host: '127.0.0.1',
    port,
    database: db,
    user: 'dana',
    tlsMode: 'disable'
  })

  function change(reviewId: string, callId: number): ReviewChange {
    return {
      reviewId,
      session: null,
      call: {
        account: 'acct-1',
        callId,
        startedAt: '2026-11-30T14:05:00-05:00',
        campaign: 'Roofing',
        group: 'Austin',
        agent: 'Maria',
        durationSec: 71
      },
      templateId: 'core',
      templateVersion: 1,
      calibrationId: null,
      fields: { answers: { greeting: 'yes' }, score_percent: 100 }
    }
  }

  function passwords(): TeamPasswordStore {
    return keychain.run ? new KeytarTeamPasswordStore({ log, service }) : new MemoryTeamPasswordStore()
  }

  function startSync(dir: string, settings: TeamConnectionSettings, statuses: TeamSyncStatus[] = []): TeamSync {
    const sync = new TeamSync({ dir, settings, password: PASSWORD, log, retryDelaysMs: FAST_RETRY, onStatus: (s) => statuses.push(s) })
    running.push(sync)
    sync.start()
    return sync
  }

  it('saves the settings to the profile folder and the password to the keychain, tests, syncs and disconnects', async () => {
    const { db } = await team()
    const dir = mkdtempSync(join(tmpdir(), 'team-profile-'))
    const statuses: TeamSyncStatus[] = []
    const store = passwords()
    const service_ = new TeamService({ passwords: store, log, onStatus: (s) => statuses.push(s), retryDelaysMs: FAST_RETRY })
    running.push({ stop: () => service_.close() })
    const settings = settingsFor(db)

    expect(await service_.getSettings(dir, 'p1')).toEqual({ settings: null, passwordSaved: false })
    await expect(service_.test('p1', { settings })).rejects.toThrow(/Enter the team database password/)
    expect(await service_.test('p1', { settings, password: PASSWORD })).toEqual({ line: 'Connected as Dana Reyes, reviewer, team Summit QA' })
    await expect(service_.test('p1', { settings: { ...settings, user: 'stranger' }, password: PASSWORD })).rejects.toThrow(/refused|not a member/)
    await expect(service_.save(dir, 'p1', { settings: { ...settings, host: 'db.example.com' }, password: PASSWORD })).rejects.toThrow(
      /TLS can be turned off only for a database on this computer/
    )

    // Save waits for the first connection, so what it answers is what the settings did.
    const saved = await service_.save(dir, 'p1', { settings, password: PASSWORD })
    expect(saved.state).toBe('synced')
    const synced = await waitFor(
      'synced',
      () => service_.status(),
      (s) => s.state === 'synced'
    )
    expect(synced.member).toBe('Connected as Dana Reyes, reviewer, team Summit QA')
    expect(statuses.map((s) => s.state)).toContain('synced')

    // The password is in the keychain under <profileId>/team, nowhere in the profile folder or the log.
    if (keychain.run) expect(await (await loadKeytar()).getPassword(service, 'p1/team')).toBe(PASSWORD)
    else console.warn('[team-sync] no Secret Service here: the password went to an in-memory store. Run under scripts/with-keyring.sh.')
    expect(JSON.parse(readFileSync(join(dir, TEAM_SETTINGS_FILE), 'utf8'))).toEqual({ version: 1, settings })
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file)).includes(PASSWORD), file).toBe(false)
    if (existsSync(logFile)) expect(readFileSync(logFile, 'utf8')).not.toContain(PASSWORD)
    expect(await service_.getSettings(dir, 'p1')).toEqual({ settings, passwordSaved: true })
    // Test connection with the saved password.
    expect((await service_.test('p1', { settings })).line).toMatch(/^Connected as Dana Reyes/)

    expect(await service_.disconnect(dir, 'p1')).toEqual({ pendingKept: 0 })
    expect(service_.status().state).toBe('off')
    expect(await store.get('p1')).toBeNull()
    expect(await service_.getSettings(dir, 'p1')).toEqual({ settings: null, passwordSaved: false })
  }, 60_000)

  it('Save answers with what the first connection did: an unreachable database is reported, not success', async () => {
    const { db } = await team()
    const dir = mkdtempSync(join(tmpdir(), 'team-profile-'))
    const store = passwords()
    const service_ = new TeamService({ passwords: store, log, onStatus: () => undefined, retryDelaysMs: [5_000] })
    running.push({ stop: () => service_.close() })
    const link = new CuttableLink(cluster)
    links.push(link)
    await link.up()
    await link.down() // the port is known, nothing listens

    const unreachable = await service_.save(dir, 'p2', { settings: settingsFor(db, link.port), password: PASSWORD })
    expect(unreachable.state).toBe('offline')
    expect(unreachable.message).toMatch(/could not be reached \(ECONNREFUSED\)\. Check the host and port, and your network\./)
    // Saved all the same, so fixing the settings is one more Save (with the password saved before).
    expect(await service_.getSettings(dir, 'p2')).toEqual({ settings: settingsFor(db, link.port), passwordSaved: true })
    expect((await service_.save(dir, 'p2', { settings: settingsFor(db) })).state).toBe('synced')
    if (keychain.run) await store.delete('p2')
  }, 60_000)

  it('goes offline when the network is cut, counts the changes waiting, and is synced once it is back', async () => {
    const { db, admin } = await team()
    const link = new CuttableLink(cluster)
    links.push(link)
    await link.up()
    const statuses: TeamSyncStatus[] = []
    const sync = startSync(mkdtempSync(join(tmpdir(), 'team-profile-')), settingsFor(db, link.port), statuses)
    await waitFor(
      'synced',
      () => sync.status(),
      (s) => s.state === 'synced'
    )

    await link.down()
    await waitFor(
      'offline',
      () => sync.status(),
      (s) => s.state === 'offline'
    )
    const ids = [randomUUID(), randomUUID(), randomUUID()]
    ids.forEach((id, n) => sync.enqueue(change(id, 101 + n)))
    const offline = sync.status()
    expect(offline).toMatchObject({ state: 'offline', pending: 3 })
    expect(offline.message).toMatch(/cannot be reached.*Changes stay queued/)
    expect((await admin.query('SELECT count(*)::int AS n FROM callreview.reviews')).rows[0].n).toBe(0)

    await link.up()
    await waitFor(
      'synced again',
      () => sync.status(),
      (s) => s.state === 'synced'
    )
    expect(sync.status().pending).toBe(0)
    const reviews = await admin.query('SELECT id, call_id FROM callreview.reviews ORDER BY call_id')
    expect(reviews.rows.map((r) => r.id)).toEqual(ids)
    // The path the status went: synced → offline (with the count) → synced.
    const states = statuses.map((s) => s.state)
    expect(states.indexOf('offline')).toBeGreaterThan(states.indexOf('synced'))
    expect(statuses.some((s) => s.state === 'offline' && s.pending === 3)).toBe(true)
    expect(states.lastIndexOf('synced')).toBeGreaterThan(states.indexOf('offline'))
  }, 60_000)

  it('keeps the queue across a restart: a new TeamSync over the same folder sends it', async () => {
    const { db, admin } = await team()
    const dir = mkdtempSync(join(tmpdir(), 'team-profile-'))
    const link = new CuttableLink(cluster)
    links.push(link)
    await link.up()
    await link.down() // the port is known, nothing listens: the database is unreachable
    const first = startSync(dir, settingsFor(db, link.port))
    await waitFor(
      'offline',
      () => first.status(),
      (s) => s.state === 'offline'
    )
    const ids = [randomUUID(), randomUUID()]
    ids.forEach((id, n) => first.enqueue(change(id, 201 + n)))
    expect(() => first.enqueue(change('not-a-uuid', 203))).toThrow(/A team review id is a UUID.*not queued/)
    await first.stop()

    await link.up()
    const second = startSync(dir, settingsFor(db, link.port))
    expect(second.status().pending).toBe(2)
    await waitFor(
      'synced',
      () => second.status(),
      (s) => s.state === 'synced'
    )
    const reviews = await admin.query('SELECT id FROM callreview.reviews ORDER BY call_id')
    expect(reviews.rows.map((r) => r.id)).toEqual(ids)
    expect(second.templateVersions().map((v) => `${v.templateId}@${v.version}`)).toEqual(['core@1'])
  }, 60_000)

  it('pulls when a lead publishes a template, told by LISTEN/NOTIFY, and keeps it after a restart', async () => {
    const { db, lead } = await team()
    const dir = mkdtempSync(join(tmpdir(), 'team-profile-'))
    // Long retry waits: nothing but the notification can make this sync pull again.
    const sync = new TeamSync({ dir, settings: settingsFor(db), password: PASSWORD, log, retryDelaysMs: [60_000] })
    running.push(sync)
    sync.start()
    await waitFor(
      'synced',
      () => sync.status(),
      (s) => s.state === 'synced'
    )
    expect(sync.templateVersions().map((v) => v.version)).toEqual([1])

    await lead.query(
      `INSERT INTO callreview.template_versions (template_id, version, name, definition, published_at, published_by)
       VALUES ('core', 2, 'Core QA v2', '{"criteria":[{"id":"greeting","type":"yes_no"},{"id":"close","type":"yes_no"}]}', now(), 'lee')`
    )
    const versions = await waitFor(
      'version 2 pulled',
      () => sync.templateVersions(),
      (v) => v.length === 2
    )
    expect(versions[1]).toMatchObject({ templateId: 'core', version: 2, name: 'Core QA v2' })
    await sync.stop()

    const again = new TeamSync({ dir, settings: settingsFor(db, 1), password: PASSWORD, log, retryDelaysMs: [60_000] })
    running.push(again)
    expect(again.templateVersions().map((v) => v.version)).toEqual([1, 2])
  }, 60_000)
})
