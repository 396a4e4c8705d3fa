/**
 * The lead's team dashboard through its IPC handlers (team:dashboard, team:dashboardExport) on a
 * real PostgreSQL, over each member's real TeamService connection: the lead reads scores over
 * time, criteria, volume and calibration drift and exports them; a reviewer is refused with a
 * message saying why, and the database refuses their direct query too.
 *
 *   nice npx vitest run test/integration/main/team/dashboard.test.ts
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDispatcher } from '@main/ipc/dispatcher'
import type { Handlers } from '@main/ipc/dispatcher'
import { WrittenExports } from '@main/services/export-files'
import { createLogger, type Logger } from '@main/services/log'
import { addMember, initTeam } from '@main/services/team/team-admin'
import { scoresOverTime } from '@main/services/team/team-dashboard'
import { createTeamDashboardHandlers } from '@main/services/team/team-dashboard-handlers'
import { MemoryTeamPasswordStore } from '@main/services/team/team-password-store'
import { TeamService } from '@main/services/team/team-service'
import { waitFor } from '@test/fixtures/team/cuttable-link'
import { pgUnavailableReason, postgresRequired, startPgCluster, type PgCluster } from '@test/fixtures/team/pg-cluster'

const unavailable = pgUnavailableReason()
if (unavailable && postgresRequired()) throw new Error(`The team tests need PostgreSQL: ${unavailable}`)

const PASSWORD = 'team-password-dash-41'
const CORE = {
  id: 'core',
  version: 1,
  name: 'Core QA',
  criteria: [
    { id: 'greeting', label: 'Greeting', weight: 1, type: 'yes_no' },
    { id: 'empathy', label: 'Empathy', weight: 1, type: 'rating' }
  ]
}

describe.skipIf(unavailable !== null)('the team dashboard over IPC', () => {
  let cluster: PgCluster
  let log: Logger
  let db: string
  const closers: Array<() => Promise<void> | void> = []
  const ctx = { senderUrl: 'app://' }

  beforeAll(async () => {
    cluster = await startPgCluster()
    log = createLogger({ file: join(mkdtempSync(join(tmpdir(), 'team-dash-log-')), 'main.log') })
    db = await cluster.createDatabase()
    const admin = new pg.Client({ host: cluster.host, port: cluster.port, database: db, user: cluster.superuser })
    await admin.connect()
    try {
      await initTeam(admin, 'Summit QA')
      await addMember(admin, { login: 'lee', displayName: 'Lee Park', role: 'lead', password: PASSWORD })
      await addMember(admin, { login: 'dana', displayName: 'Dana Reyes', role: 'reviewer', password: PASSWORD })
      await addMember(admin, { login: 'sam', displayName: 'Sam Ortiz', role: 'reviewer', password: PASSWORD })
      await admin.query(`INSERT INTO callreview.templates (id, name) VALUES ('core', 'Core QA')`)
      await admin.query(
        `INSERT INTO callreview.template_versions (template_id, version, name, definition, published_at) VALUES ('core', 1, 'Core QA', $1, now())`,
        [JSON.stringify(CORE)]
      )
      await admin.query(
        `INSERT INTO callreview.calls (account, call_id, started_at, campaign, group_name, agent) VALUES
           ('ou-42', 1, '2026-11-02T14:00Z', 'Roofing', 'Austin', 'Maria'),
           ('ou-42', 2, '2026-11-03T14:00Z', 'Roofing', 'Austin', 'Maria'),
           ('ou-42', 3, '2026-11-10T14:00Z', 'Solar', 'Dallas', 'Tom'),
           ('ou-42', 4, '2026-11-11T14:00Z', 'Solar', 'Dallas', 'Tom')`
      )
      const review = (reviewer: string, callId: number, score: number, day: string, answers: object, calibration: string | null = null) =>
        admin.query(
          `INSERT INTO callreview.reviews (id, reviewer, account, call_id, template_id, template_version, calibration_id, answers, reviewed, score_percent, finished_at, critical_failures)
           VALUES ($1, $2, 'ou-42', $3, 'core', 1, $4, $5, true, $6, $7, $8)`,
          [randomUUID(), reviewer, callId, calibration, JSON.stringify(answers), score, `${day}T15:00:00Z`, score === 0 ? 1 : 0]
        )
      await review('dana', 1, 90, '2026-11-02', { greeting: 'yes', empathy: 4 })
      await review('dana', 2, 70, '2026-11-04', { greeting: 'no', empathy: 2 })
      await review('sam', 3, 0, '2026-11-10', { greeting: 'no', empathy: 'na' })
      // Outside the range asked for: never counted.
      await review('sam', 4, 100, '2026-12-01', { greeting: 'yes' })
      // A calibration of call 1: Dana 20 points above the lead's reference.
      const cal = (
        await admin.query(
          `INSERT INTO callreview.calibrations (name, template_id, template_version, deadline, created_by) VALUES ('Week 45', 'core', 1, now() + interval '1 day', 'lee') RETURNING id`
        )
      ).rows[0].id as string
      await admin.query(`INSERT INTO callreview.calibration_calls VALUES ($1, 'ou-42', 1)`, [cal])
      await admin.query(`INSERT INTO callreview.calibration_members (calibration_id, reviewer) VALUES ($1, 'dana')`, [cal])
      await review('dana', 1, 80, '2026-11-05', { greeting: 'yes' }, cal)
      await review('lee', 1, 60, '2026-11-05', { greeting: 'no' }, cal)
      await admin.query(`UPDATE callreview.calibrations SET deadline = '2026-11-06T00:00:00Z' WHERE id = $1`, [cal])
    } finally {
      await admin.end()
    }
  }, 60_000)
  afterAll(async () => {
    for (const close of closers.splice(0).reverse()) await close()
    await cluster?.stop()
  })

  /** A member's app: a TeamService connected as them, and the dashboard handlers behind the real dispatcher. */
  async function member(user: string) {
    const dir = mkdtempSync(join(tmpdir(), `team-dash-${user}-`))
    const team = new TeamService({ passwords: new MemoryTeamPasswordStore(), log, onStatus: () => undefined, retryDelaysMs: [50, 100] })
    closers.push(() => team.close())
    await team.save(dir, user, { settings: { host: cluster.host, port: cluster.port, database: db, user, tlsMode: 'disable' }, password: PASSWORD })
    await waitFor(
      `${user} synced`,
      () => team.status().state,
      (s) => s === 'synced'
    )
    const handlers = createTeamDashboardHandlers({
      team,
      exportDir: () => join(dir, 'exports'),
      written: new WrittenExports(),
      clock: () => new Date('2026-12-02T10:00:00Z'),
      timeZone: () => 'UTC'
    })
    const dispatch = createDispatcher({ handlers: handlers as unknown as Handlers, isTrustedSender: () => true, log })
    return { handlers, dispatch, team, dir }
  }

  it('gives a lead scores over time per dimension, criteria with their labels, volume and calibration drift', async () => {
    const lee = await member('lee')
    const dashboard = await lee.handlers['team:dashboard']({ from: '2026-11-01', to: '2026-11-30', bucket: 'week' }, ctx)
    expect(dashboard.buckets).toEqual(['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30'])
    expect(dashboard.team).toEqual([
      { bucket: '2026-11-02', reviews: 2, averageScore: 80, criticalFailures: 0 },
      { bucket: '2026-11-09', reviews: 1, averageScore: 0, criticalFailures: 1 }
    ])
    expect(dashboard.dimensions.agent.totals).toEqual([
      { key: 'Maria', reviews: 2, averageScore: 80, criticalFailures: 0 },
      { key: 'Tom', reviews: 1, averageScore: 0, criticalFailures: 1 }
    ])
    expect(dashboard.dimensions.campaign.totals.map((t) => t.key)).toEqual(['Roofing', 'Solar'])
    expect(dashboard.dimensions.group.totals.map((t) => t.key)).toEqual(['Austin', 'Dallas'])
    expect(dashboard.dimensions.reviewer.totals.map((t) => [t.key, t.reviews])).toEqual([
      ['dana', 2],
      ['sam', 1]
    ])
    expect(dashboard.dimensions.reviewer.series.find((s) => s.key === 'dana')?.points).toEqual([
      { bucket: '2026-11-02', reviews: 2, averageScore: 80, criticalFailures: 0 }
    ])
    expect(dashboard.criteria.map((c) => [c.label, c.answered, c.na, c.passRate, c.averageRating])).toEqual([
      ['Greeting', 3, 0, 1 / 3, null],
      ['Empathy', 2, 1, null, 3]
    ])
    expect(dashboard.drift).toEqual([
      expect.objectContaining({ name: 'Week 45', reviewer: 'dana', meanDeviation: 20, calls: 1, deadline: '2026-11-06T00:00:00.000Z' })
    ])
  })

  it('exports the dashboard as CSV and as the printable report where the export folder is', async () => {
    const lee = await member('lee')
    const filters = { from: '2026-11-01', to: '2026-11-30', bucket: 'month' } as const
    const csv = await lee.handlers['team:dashboardExport']({ filters, format: 'csv' }, ctx)
    expect(csv.path).toMatch(/team-dashboard-2026-11-01-to-2026-11-30-20261202-100000\.csv$/)
    expect(readFileSync(csv.path, 'utf8')).toContain('agent total,,Maria,2,80,0,,,,,,,,')
    const html = await lee.handlers['team:dashboardExport']({ filters, format: 'html' }, ctx)
    expect(readFileSync(html.path, 'utf8')).toContain('Team Summit QA. Prepared by Lee Park')
    await expect(lee.dispatch('team:dashboardExport', { filters, format: 'pdf' }, ctx)).resolves.toMatchObject({
      ok: false,
      error: { kind: 'validation', message: expect.stringMatching(/PDF reports need the desktop app/) }
    })
  })

  it('refuses a reviewer with a message saying the dashboard is a lead’s, and the database refuses them too', async () => {
    const dana = await member('dana')
    const answer = await dana.dispatch('team:dashboard', { from: '2026-11-01', to: '2026-11-30', bucket: 'week' }, ctx)
    expect(answer).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', message: 'Only a team lead can open the team dashboard; you are connected as a reviewer (Dana Reyes).' }
    })
    const direct = new pg.Client({ host: cluster.host, port: cluster.port, database: db, user: 'dana', password: PASSWORD })
    await direct.connect()
    closers.push(() => direct.end())
    await expect(scoresOverTime(direct, { from: '2026-11-01', to: '2026-12-01', dimension: 'agent', bucket: 'month' })).rejects.toThrow(
      /permission denied/
    )
  })

  it('refuses filters it cannot answer before touching the database, saying what to change', async () => {
    const lee = await member('lee')
    const answer = await lee.dispatch('team:dashboard', { from: '2026-01-01', to: '2026-06-30', bucket: 'day' }, ctx)
    expect(answer).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringMatching(/Daily buckets cover at most 92 days/) } })
  })
})
