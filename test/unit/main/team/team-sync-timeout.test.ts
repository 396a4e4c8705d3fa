/**
 * A network that drops without a reset: node-postgres gives up on a query with "Query read
 * timeout" (or, connecting, "timeout expired" / "Connection terminated due to connection
 * timeout") while the socket still looks open. TeamSync must then stop saying "synced": it drops
 * that connection, goes offline and reconnects with backoff. The client here is a fake that
 * answers like the team database (a member, nothing to pull) and throws such timeouts on demand.
 * The real network cut (with a reset) is in test/integration/main/team/sync.test.ts.
 */
import { EventEmitter } from 'node:events'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import type { TeamSyncStatus } from '@shared/ipc/contract/team'
import { createLogger } from '@main/services/log'
import { TEAM_MIGRATIONS } from '@main/services/team/team-migrations'
import { TeamSync } from '@main/services/team/team-sync'
import { waitFor } from '@test/fixtures/team/cuttable-link'

const SCHEMA_VERSION = Math.max(...TEAM_MIGRATIONS.map((m) => m.version))

/** What the fake does wrong: throw on connect or query, or never finish connecting. */
type Fail = { connect?: Error | 'never'; query?: Error }

/** Answers the queries a connect and a sync make; `fail` makes the next connect or query throw. */
class FakeClient extends EventEmitter {
  ended = false
  constructor(private readonly fail: Fail) {
    super()
  }
  async connect(): Promise<void> {
    if (this.fail.connect === 'never') return new Promise<void>(() => undefined)
    if (this.fail.connect) throw this.fail.connect
  }
  async query(sql: string): Promise<{ rows: unknown[]; rowCount: number }> {
    if (this.fail.query) throw this.fail.query
    if (sql.includes('session_user AS login'))
      return { rows: [{ login: 'dana', display_name: 'Dana Reyes', role: 'reviewer', team: 'Summit QA', version: SCHEMA_VERSION }], rowCount: 1 }
    return { rows: [], rowCount: 0 }
  }
  async end(): Promise<void> {
    this.ended = true
  }
}

const settings = { host: '127.0.0.1', port: 5432, database: 'callreview', user: 'dana', tlsMode: 'disable' } as const
const running: TeamSync[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()))
})

function startSync(fail: Fail): { sync: TeamSync; clients: FakeClient[]; statuses: TeamSyncStatus[] } {
  const clients: FakeClient[] = []
  const statuses: TeamSyncStatus[] = []
  const sync = new TeamSync({
    dir: mkdtempSync(join(tmpdir(), 'team-timeout-')),
    settings,
    password: 'pw',
    log: createLogger(),
    retryDelaysMs: [20, 40],
    onStatus: (s) => statuses.push(s),
    createClient: () => {
      const client = new FakeClient(fail)
      clients.push(client)
      return client as unknown as pg.Client
    }
  })
  running.push(sync)
  sync.start()
  return { sync, clients, statuses }
}

describe('TeamSync on a network that stops answering', () => {
  it('goes offline when a team action times out, drops that connection and reconnects', async () => {
    const fail: { query?: Error } = {}
    const { sync, clients, statuses } = startSync(fail)
    await waitFor(
      'synced',
      () => sync.status(),
      (s) => s.state === 'synced'
    )
    expect(clients).toHaveLength(1)

    // The database stops answering mid-action: node-postgres gives up after query_timeout.
    fail.query = new Error('Query read timeout')
    await expect(sync.run(async (client) => client.query('SELECT 1'))).rejects.toThrow('Query read timeout')
    expect(sync.status()).toMatchObject({ state: 'offline' })
    expect(sync.status().message).toBe(
      'The team database at 127.0.0.1:5432 cannot be reached (no answer within 30 s). Changes stay queued on this computer and are sent when it is back.'
    )
    expect(clients[0]?.ended).toBe(true)
    // Offline, an action is refused at once rather than sent to the dead connection.
    await expect(sync.run(async () => 'never')).rejects.toThrow(/is not connected \(offline\); try again when the top bar says synced/)

    // The network comes back: the retry connects anew and is synced.
    delete fail.query
    await waitFor(
      'synced again',
      () => sync.status(),
      (s) => s.state === 'synced'
    )
    expect(clients.length).toBeGreaterThanOrEqual(2)
    const states = statuses.map((s) => s.state)
    expect(states.indexOf('offline')).toBeGreaterThan(states.indexOf('synced'))
    expect(states.lastIndexOf('synced')).toBeGreaterThan(states.indexOf('offline'))
  })

  it('goes offline when a sync query times out', async () => {
    const fail: { query?: Error } = {}
    const { sync } = startSync(fail)
    await waitFor(
      'synced',
      () => sync.status(),
      (s) => s.state === 'synced'
    )
    fail.query = new Error('Query read timeout')
    await sync.sync()
    expect(sync.status()).toMatchObject({ state: 'offline', message: expect.stringMatching(/no answer within 30 s/) })
  })

  for (const message of ['timeout expired', 'Connection terminated due to connection timeout']) {
    it(`is offline, not in error, when connecting times out ("${message}"), and keeps retrying`, async () => {
      const { sync, clients } = startSync({ connect: new Error(message) })
      const first = await sync.firstAttempt(5_000)
      expect(first.state).toBe('offline')
      expect(first.message).toMatch(/^The team database at 127\.0\.0\.1:5432 could not be reached/)
      await waitFor(
        'a retry',
        () => clients.length,
        (n) => n >= 2
      )
    })
  }
})

describe('TeamSync.firstAttempt', () => {
  it('answers with the last status when the sync is stopped while it waits', async () => {
    const { sync, clients } = startSync({ connect: 'never' })
    const waiting = sync.firstAttempt(5_000)
    await waitFor(
      'a connection attempt',
      () => clients.length,
      (n) => n === 1
    )
    await sync.stop()
    expect((await waiting).state).toBe('connecting')
  })
})
