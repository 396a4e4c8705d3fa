/**
 * The team database against a real PostgreSQL: migrations, each role's access as row-level
 * security enforces it whatever SQL is sent, and the outbox across a cut connection and two
 * machines of one reviewer. One throw-away cluster for the file, a fresh database per test.
 */
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { addMember, initTeam } from '@main/services/team/team-admin'
import { describeMembership, membershipLine, testTeamConnection } from '@main/services/team/team-connection'
import { migrateTeamDatabase } from '@main/services/team/team-migrator'
import { TEAM_MIGRATIONS } from '@main/services/team/team-migrations'
import { TeamOutbox, type ReviewChange } from '@main/services/team/team-outbox'
import { pullTeamChanges } from '@main/services/team/team-pull'
import { calibrationDrift, criterionResults, scoresOverTime } from '@main/services/team/team-dashboard'
import { pgUnavailableReason, postgresRequired, startPgCluster, type PgCluster } from '@test/fixtures/team/pg-cluster'

const unavailable = pgUnavailableReason()
if (unavailable && postgresRequired()) throw new Error(`The team tests need PostgreSQL: ${unavailable}`)
if (unavailable) console.warn(`Skipping the team database tests: ${unavailable}`)

const PASSWORD = 'correct horse battery'
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli')

describe.skipIf(unavailable !== null)('team database on PostgreSQL', () => {
  let cluster: PgCluster
  const open: Array<{ end(): Promise<void> }> = []

  beforeAll(async () => {
    cluster = await startPgCluster()
  }, 60_000)
  afterAll(async () => {
    await cluster?.stop()
  })
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.end().catch(() => undefined)))
  })

  async function connect(database: string, user = cluster.superuser, password?: string): Promise<pg.Client> {
    const client = new pg.Client({ host: cluster.host, port: cluster.port, database, user, ...(password ? { password } : {}) })
    // A terminated backend (the cut-connection tests) is reported as an 'error' event.
    client.on('error', () => undefined)
    await client.connect()
    open.push(client)
    return client
  }

  /** A team database with a lead (lee) and two reviewers (dana, sam), and a published template. */
  async function team(): Promise<{ db: string; admin: pg.Client; lead: pg.Client; dana: pg.Client; sam: pg.Client }> {
    const db = await cluster.createDatabase()
    const admin = await connect(db)
    await initTeam(admin, 'Summit QA')
    await addMember(admin, { login: 'lee', displayName: 'Lee Park', role: 'lead', password: PASSWORD })
    await addMember(admin, { login: 'dana', displayName: 'Dana Reyes', role: 'reviewer', password: PASSWORD })
    await addMember(admin, { login: 'sam', displayName: 'Sam Ortiz', role: 'reviewer', password: PASSWORD })
    const lead = await connect(db, 'lee')
    await lead.query(`INSERT INTO callreview.templates (id, name) VALUES ('core', 'Core QA')`)
    await lead.query(
      `INSERT INTO callreview.template_versions (template_id, version, name, definition, published_at, published_by)
       VALUES ('core', 1, 'Core QA', '{"criteria":[{"id":"greeting","type":"yes_no"}]}', now(), 'lee')`
    )
    return { db, admin, lead, dana: await connect(db, 'dana'), sam: await connect(db, 'sam') }
  }

  function change(reviewId: string, fields: ReviewChange['fields'], callId = 101, calibrationId: string | null = null): ReviewChange {
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
      calibrationId,
      fields
    }
  }

  describe('migrations', () => {
    it('sets up an empty database and is a no-op when run again', async () => {
      const admin = await connect(await cluster.createDatabase())
      const first = await migrateTeamDatabase(admin)
      expect(first).toMatchObject({ from: 0, to: TEAM_MIGRATIONS.length })
      expect(first.applied).toHaveLength(TEAM_MIGRATIONS.length)
      const again = await migrateTeamDatabase(admin)
      expect(again).toEqual({ from: TEAM_MIGRATIONS.length, to: TEAM_MIGRATIONS.length, applied: [] })
    })

    it('upgrades from each earlier version to the latest', async () => {
      for (let version = 1; version < TEAM_MIGRATIONS.length; version += 1) {
        const admin = await connect(await cluster.createDatabase())
        await migrateTeamDatabase(admin, TEAM_MIGRATIONS.slice(0, version))
        expect(await migrateTeamDatabase(admin)).toMatchObject({ from: version, to: TEAM_MIGRATIONS.length })
      }
      expect(TEAM_MIGRATIONS.map((m) => m.version)).toEqual(TEAM_MIGRATIONS.map((_, i) => i + 1))
    })

    it('refuses a database set up by a newer version, and rolls back a failing step whole', async () => {
      const admin = await connect(await cluster.createDatabase())
      await migrateTeamDatabase(admin)
      await admin.query(`INSERT INTO callreview_admin.migrations (version, name) VALUES (99, 'from the future')`)
      await expect(migrateTeamDatabase(admin)).rejects.toThrow(/newer Call Review \(schema 99/)

      const other = await connect(await cluster.createDatabase())
      const broken = [
        ...TEAM_MIGRATIONS,
        { version: TEAM_MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE callreview.x (a int); SELECT 1/0' }
      ]
      await expect(migrateTeamDatabase(other, broken)).rejects.toThrow(/step \d+ \(broken\) failed and was rolled back: division by zero/)
      const x = await other.query(`SELECT to_regclass('callreview.x') AS t`)
      expect(x.rows[0].t).toBeNull()
    })
  })

  describe('npm run team', () => {
    it('sets a database up and adds a reviewer who can then connect', async () => {
      const db = await cluster.createDatabase()
      const url = `postgres://${cluster.superuser}@${cluster.host}:${cluster.port}/${db}`
      const run = (args: string[], env: Record<string, string> = {}) =>
        spawnSync(process.execPath, [tsxCli, 'src/main/services/team/team-cli.ts', ...args], {
          encoding: 'utf8',
          env: { ...process.env, ...env },
          input: ''
        })
      const init = run(['init', '--name', 'Summit QA', '--url', url])
      expect(init.stderr).toBe('')
      expect(init.stdout).toMatch(/Team "Summit QA" is ready: schema 0 → \d+/)
      const added = run(['add-reviewer', 'dana_reyes', '--name', 'Dana Reyes', '--url', url], { TEAM_MEMBER_PASSWORD: PASSWORD })
      expect(added.stdout).toMatch(/Added Dana Reyes \(dana_reyes\) as reviewer/)
      const settings = { host: cluster.host, port: cluster.port, database: db, user: 'dana_reyes', tlsMode: 'disable' as const }
      expect(membershipLine(await testTeamConnection(settings, PASSWORD))).toBe('Connected as Dana Reyes, reviewer, team Summit QA')
      const bad = run(['add-lead', 'Robert; DROP ROLE app', '--name', 'x', '--url', url], { TEAM_MEMBER_PASSWORD: PASSWORD })
      expect(bad.status).toBe(1)
      expect(bad.stderr).toMatch(/is not a usable login/)
      const usage = run(['promote'])
      expect(usage.status).toBe(2)
      expect(usage.stderr).toMatch(/Unknown command "promote"/)
    }, 60_000)
  })

  describe('connecting', () => {
    it('names the member, role and team, and says what is wrong otherwise', async () => {
      const { db } = await team()
      const settings = { host: cluster.host, port: cluster.port, database: db, user: 'dana', tlsMode: 'disable' as const }
      expect(membershipLine(await testTeamConnection(settings, PASSWORD))).toBe('Connected as Dana Reyes, reviewer, team Summit QA')
      const admin = await connect(await cluster.createDatabase())
      await expect(describeMembership(admin)).rejects.toThrow(/no Call Review team schema.*npm run team -- init/)
      await expect(testTeamConnection({ ...settings, port: 1 }, PASSWORD)).rejects.toThrow(/could not be reached/)
    })

    it('refuses to turn TLS off for a database on another host', async () => {
      await expect(
        testTeamConnection({ host: 'db.example.com', port: 5432, database: 'qa', user: 'dana', tlsMode: 'disable' }, PASSWORD)
      ).rejects.toThrow(/TLS can be turned off only for a database on this computer/)
    })
  })

  describe('row-level security', () => {
    it('lets a reviewer read only published templates and never edit one', async () => {
      const { lead, dana } = await team()
      await lead.query(`INSERT INTO callreview.template_versions (template_id, version, name, definition) VALUES ('core', 2, 'Core QA', '{}')`)
      const seen = await dana.query('SELECT version FROM callreview.template_versions ORDER BY version')
      expect(seen.rows).toEqual([{ version: 1 }])
      await expect(
        dana.query(
          `INSERT INTO callreview.template_versions (template_id, version, name, definition, published_at) VALUES ('core', 3, 'x', '{}', now())`
        )
      ).rejects.toThrow(/permission denied/)
      await expect(dana.query(`UPDATE callreview.template_versions SET definition = '{}'`)).rejects.toThrow(/permission denied/)
      await expect(dana.query(`DELETE FROM callreview.templates`)).rejects.toThrow(/permission denied/)
      // Even as the group role itself, nothing more.
      await dana.query('SET ROLE callreview_reviewer')
      expect((await dana.query('SELECT version FROM callreview.template_versions')).rows).toEqual([{ version: 1 }])
    })

    it("keeps another reviewer's review out of reach: no read, no update, no write through the change function", async () => {
      const { db, dana, sam, lead } = await team()
      const reviewId = randomUUID()
      const outbox = new TeamOutbox(new Database(':memory:'))
      outbox.enqueue(change(reviewId, { answers: { greeting: 'yes' }, score_percent: 90 }))
      await outbox.push(dana)
      expect((await sam.query('SELECT id FROM callreview.reviews')).rows).toEqual([])
      expect((await sam.query('SELECT id FROM callreview.review_history')).rows).toEqual([])
      const update = await sam.query(`UPDATE callreview.reviews SET score_percent = 10 WHERE id = $1`, [reviewId])
      expect(update.rowCount).toBe(0)
      await expect(
        sam.query(
          `INSERT INTO callreview.reviews (id, reviewer, account, call_id, template_id, template_version) VALUES ($1, 'dana', 'acct-1', 101, 'core', 1)`,
          [randomUUID()]
        )
      ).rejects.toThrow(/row-level security/)
      const samBox = new TeamOutbox(new Database(':memory:'))
      samBox.enqueue(change(reviewId, { score_percent: 5 }))
      await expect(samBox.push(sam)).rejects.toThrow(/belongs to another reviewer/)
      expect(samBox.pending()).toBe(1)
      // The lead reads it but cannot rewrite it either.
      expect((await lead.query('SELECT score_percent::float8 AS s FROM callreview.reviews')).rows).toEqual([{ s: 90 }])
      expect((await lead.query(`UPDATE callreview.reviews SET score_percent = 10 WHERE id = $1`, [reviewId])).rowCount).toBe(0)
      const admin = await connect(db)
      expect((await admin.query('SELECT score_percent::float8 AS s, reviewer FROM callreview.reviews')).rows).toEqual([{ s: 90, reviewer: 'dana' }])
    })

    it("hides each reviewer's blind calibration scores from the others until the reveal", async () => {
      const { dana, sam, lead } = await team()
      // The call's facts come with the first review; the lead sets the calibration up on it.
      await lead.query(`INSERT INTO callreview.calls (account, call_id, started_at) VALUES ('acct-1', 101, now())`)
      const cal = (
        await lead.query(
          `INSERT INTO callreview.calibrations (name, template_id, template_version, deadline) VALUES ('Week 48', 'core', 1, now() + interval '2 days') RETURNING id`
        )
      ).rows[0].id as string
      await lead.query(`INSERT INTO callreview.calibration_calls VALUES ($1, 'acct-1', 101)`, [cal])
      await lead.query(`INSERT INTO callreview.calibration_members (calibration_id, reviewer) VALUES ($1, 'dana'), ($1, 'sam')`, [cal])

      for (const [client, answer, score] of [
        [dana, 'yes', 91],
        [sam, 'no', 58]
      ] as const) {
        const box = new TeamOutbox(new Database(':memory:'))
        box.enqueue(change(randomUUID(), { answers: { greeting: answer }, score_percent: score, reviewed: true }, 101, cal))
        await box.push(client)
      }
      // Dana submitted; Sam has not: still blind.
      await dana.query(`UPDATE callreview.calibration_members SET submitted_at = now() WHERE calibration_id = $1 AND reviewer = 'dana'`, [cal])
      expect((await dana.query('SELECT reviewer FROM callreview.reviews')).rows).toEqual([{ reviewer: 'dana' }])
      expect((await sam.query('SELECT reviewer FROM callreview.reviews')).rows).toEqual([{ reviewer: 'sam' }])
      // A reviewer cannot submit for someone else, nor reveal.
      expect((await dana.query(`UPDATE callreview.calibration_members SET submitted_at = now() WHERE reviewer = 'sam'`)).rowCount).toBe(0)
      await expect(dana.query(`UPDATE callreview.calibrations SET revealed_at = now()`)).rejects.toThrow(/permission denied/)
      expect((await lead.query('SELECT count(*)::int AS n FROM callreview.reviews')).rows).toEqual([{ n: 2 }])

      await sam.query(`UPDATE callreview.calibration_members SET submitted_at = now() WHERE calibration_id = $1 AND reviewer = 'sam'`, [cal])
      const revealed = await dana.query('SELECT reviewer, score_percent::float8 AS s FROM callreview.reviews ORDER BY reviewer')
      expect(revealed.rows).toEqual([
        { reviewer: 'dana', s: 91 },
        { reviewer: 'sam', s: 58 }
      ])
    })

    it('shows a reviewer only their own assignments', async () => {
      const { dana, sam, lead } = await team()
      await lead.query(`INSERT INTO callreview.calls (account, call_id, started_at) VALUES ('acct-1', 101, now()), ('acct-1', 102, now())`)
      await lead.query(
        `INSERT INTO callreview.assignments (account, call_id, reviewer, template_id, template_version) VALUES ('acct-1', 101, 'dana', 'core', 1), ('acct-1', 102, 'sam', 'core', 1)`
      )
      expect((await dana.query('SELECT call_id::int FROM callreview.assignments')).rows).toEqual([{ call_id: 101 }])
      expect((await sam.query('SELECT call_id::int FROM callreview.assignments')).rows).toEqual([{ call_id: 102 }])
      await expect(
        dana.query(
          `INSERT INTO callreview.assignments (account, call_id, reviewer, template_id, template_version) VALUES ('acct-1', 102, 'dana', 'core', 1)`
        )
      ).rejects.toThrow(/permission denied/)
    })
  })

  describe('outbox', () => {
    it('loses nothing and doubles nothing when the connection is cut mid-push', async () => {
      const { db, dana } = await team()
      const outbox = new TeamOutbox(new Database(':memory:'))
      const reviewId = randomUUID()
      for (let i = 1; i <= 5; i += 1) outbox.enqueue(change(reviewId, { answers: { [`c${i}`]: 'yes' } }))
      outbox.enqueue(change(reviewId, { comment: 'Caller asked about price at 0:40' }))

      // Cut after PostgreSQL committed the first batch, before the queue was trimmed.
      let cuts = 0
      await expect(
        outbox.push(dana, {
          batchSize: 2,
          afterCommit: () => {
            cuts += 1
            throw new Error('connection reset')
          }
        })
      ).rejects.toThrow('connection reset')
      expect(cuts).toBe(1)
      expect(outbox.pending()).toBe(6)

      // A real cut: the server ends the connection while a batch is under way.
      const admin = await connect(db)
      const danaAgain = await connect(db, 'dana')
      await expect(
        outbox.push(danaAgain, {
          batchSize: 2,
          afterCommit: async () => {
            await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'dana'`)
          }
        })
      ).rejects.toThrow()
      const third = await connect(db, 'dana')
      const result = await outbox.push(third)
      expect(result.remaining).toBe(0)
      expect(result.applied + result.alreadyApplied).toBeGreaterThanOrEqual(2)

      const review = await admin.query('SELECT answers, comment FROM callreview.reviews WHERE id = $1', [reviewId])
      expect(review.rows[0]).toEqual({
        answers: { c1: 'yes', c2: 'yes', c3: 'yes', c4: 'yes', c5: 'yes' },
        comment: 'Caller asked about price at 0:40'
      })
      const history = await admin.query(
        'SELECT count(*)::int AS n, count(DISTINCT op_id)::int AS ops FROM callreview.review_history WHERE review_id = $1',
        [reviewId]
      )
      expect(history.rows[0]).toEqual({ n: 6, ops: 6 })
    })

    it('lets the later change of a field win across two machines and keeps the overwritten value', async () => {
      const { db, dana } = await team()
      const laptop = new TeamOutbox(new Database(':memory:'))
      const desktop = new TeamOutbox(new Database(':memory:'))
      const reviewId = randomUUID()
      laptop.enqueue(change(reviewId, { answers: { greeting: 'yes', empathy: 4 }, comment: 'from the laptop' }))
      desktop.enqueue(change(reviewId, { answers: { greeting: 'no' }, comment: 'from the desktop' }))
      await laptop.push(dana)
      await desktop.push(await connect(db, 'dana'))
      const admin = await connect(db)
      const row = (await admin.query('SELECT answers, comment FROM callreview.reviews WHERE id = $1', [reviewId])).rows[0]
      expect(row).toEqual({ answers: { greeting: 'no', empathy: 4 }, comment: 'from the desktop' })
      const history = await admin.query(`SELECT field, old_value, new_value FROM callreview.review_history WHERE review_id = $1 ORDER BY id`, [
        reviewId
      ])
      expect(history.rows).toContainEqual({ field: 'comment', old_value: 'from the laptop', new_value: 'from the desktop' })
      expect(history.rows).toContainEqual({ field: 'answers', old_value: { greeting: 'yes' }, new_value: { greeting: 'no' } })
    })

    it('records each change against the one before it when one batch changes a field several times', async () => {
      const { db, dana } = await team()
      const outbox = new TeamOutbox(new Database(':memory:'))
      const reviewId = randomUUID()
      outbox.enqueue(change(reviewId, { comment: 'a', answers: { greeting: 'yes' } }))
      outbox.enqueue(change(reviewId, { comment: 'b' }))
      outbox.enqueue(change(reviewId, { comment: 'c', answers: { greeting: 'no', empathy: 3 } }))
      expect(await outbox.push(dana)).toEqual({ applied: 3, alreadyApplied: 0, remaining: 0 })
      const admin = await connect(db)
      const history = await admin.query(`SELECT field, old_value, new_value FROM callreview.review_history WHERE review_id = $1 ORDER BY id`, [
        reviewId
      ])
      expect(history.rows.filter((r) => r.field === 'comment')).toEqual([
        { field: 'comment', old_value: '', new_value: 'a' },
        { field: 'comment', old_value: 'a', new_value: 'b' },
        { field: 'comment', old_value: 'b', new_value: 'c' }
      ])
      expect(history.rows.filter((r) => r.field === 'answers')).toEqual([
        { field: 'answers', old_value: null, new_value: { greeting: 'yes' } },
        { field: 'answers', old_value: { greeting: 'yes' }, new_value: { greeting: 'no', empathy: 3 } }
      ])
      const row = (await admin.query('SELECT answers, comment FROM callreview.reviews WHERE id = $1', [reviewId])).rows[0]
      expect(row).toEqual({ answers: { greeting: 'no', empathy: 3 }, comment: 'c' })
    })

    it("keeps a review's notes as one list, the replaced list in its history, and each reviewer's sessions to themselves", async () => {
      const { db, dana, sam, lead } = await team()
      const session = {
        id: randomUUID(),
        name: 'Week 48',
        templateId: 'core',
        templateVersion: 1,
        callCount: 3,
        createdAt: '2026-11-30T09:00:00.000Z'
      }
      const reviewId = randomUUID()
      const laptop = new TeamOutbox(new Database(':memory:'))
      // A note before any answer: the change carries only the notes, and creates the review.
      laptop.enqueue({ ...change(reviewId, { notes: [{ id: 'n1', seconds: 12.5, text: 'Asked about gutters' }] }), session })
      laptop.enqueue({ ...change(reviewId, { answers: { greeting: 'yes' } }), session: { ...session, name: 'Week 48 (roofing)' } })
      expect(await laptop.push(dana)).toEqual({ applied: 2, alreadyApplied: 0, remaining: 0 })
      // The desktop replaces the list: the later list wins, the laptop's stays in the history.
      const desktop = new TeamOutbox(new Database(':memory:'))
      const later = [
        { id: 'n1', seconds: 12.5, text: 'Asked about gutters and skylights' },
        { id: 'n2', seconds: 40, text: 'Quote given' }
      ]
      desktop.enqueue({ ...change(reviewId, { notes: later }), session })
      await desktop.push(await connect(db, 'dana'))

      const admin = await connect(db)
      expect((await admin.query('SELECT notes, session_id, answers FROM callreview.reviews WHERE id = $1', [reviewId])).rows).toEqual([
        { notes: later, session_id: session.id, answers: { greeting: 'yes' } }
      ])
      const history = await admin.query(
        `SELECT old_value, new_value FROM callreview.review_history WHERE review_id = $1 AND field = 'notes' ORDER BY id`,
        [reviewId]
      )
      expect(history.rows).toEqual([
        { old_value: [], new_value: [{ id: 'n1', seconds: 12.5, text: 'Asked about gutters' }] },
        { old_value: [{ id: 'n1', seconds: 12.5, text: 'Asked about gutters' }], new_value: later }
      ])
      // The session as last sent (the desktop's older copy of the name arrived later and wins,
      // as any later change does), Dana's; Sam sees none of it, the lead all.
      const sessionRow = { id: session.id, reviewer: 'dana', name: 'Week 48', call_count: 3 }
      expect((await admin.query('SELECT id, reviewer, name, call_count FROM callreview.sessions')).rows).toEqual([sessionRow])
      expect((await lead.query('SELECT id, reviewer, name, call_count FROM callreview.sessions')).rows).toEqual([sessionRow])
      expect((await sam.query('SELECT id FROM callreview.sessions')).rows).toEqual([])
      expect((await sam.query(`UPDATE callreview.sessions SET name = 'mine' WHERE id = $1`, [session.id])).rowCount).toBe(0)
      // Sam cannot put a review of his into Dana's session, nor take it over by its id.
      const samBox = new TeamOutbox(new Database(':memory:'))
      samBox.enqueue({ ...change(randomUUID(), { comment: 'hi' }), session })
      await expect(samBox.push(sam)).rejects.toThrow(/session .* belongs to another reviewer/)
      expect(samBox.pending()).toBe(1)
      // Nor by SQL, moving a review of his own (in his own session) into hers.
      const samReview = randomUUID()
      const own = new TeamOutbox(new Database(':memory:'))
      own.enqueue({ ...change(samReview, { comment: 'mine' }), session: { ...session, id: randomUUID(), name: 'Sam week' } })
      await own.push(sam)
      await expect(sam.query('UPDATE callreview.reviews SET session_id = $1 WHERE id = $2', [session.id, samReview])).rejects.toThrow(
        /belongs to another reviewer/
      )
      expect((await admin.query(`SELECT reviewer, name FROM callreview.sessions WHERE id = $1`, [session.id])).rows).toEqual([
        { reviewer: 'dana', name: 'Week 48' }
      ])
      // The function itself refuses notes that are not a list, whatever a client sends.
      await expect(
        dana.query('SELECT * FROM callreview.apply_review_changes($1::jsonb)', [
          JSON.stringify([
            {
              n: 0,
              op_id: randomUUID(),
              review_id: reviewId,
              account: 'acct-1',
              call_id: 101,
              template_id: 'core',
              template_version: 1,
              fields: { notes: 'x' }
            }
          ])
        ])
      ).rejects.toThrow(/notes must be a list/)
    })

    it('keeps a change it cannot validate out of the queue with a clear error', () => {
      const outbox = new TeamOutbox(new Database(':memory:'))
      expect(() => outbox.enqueue(change(randomUUID(), { answers: { greeting: 'maybe' as never } }))).toThrow()
      expect(() => outbox.enqueue(change(randomUUID(), {}))).toThrow(/at least one field/)
      expect(() => outbox.enqueue(change(randomUUID(), { notes: [{ id: 'n1', seconds: -1, text: 'x' }] }))).toThrow()
      expect(() => outbox.enqueue({ ...change(randomUUID(), { comment: 'x' }), session: { id: 'not-a-uuid' } as never })).toThrow()
      expect(outbox.pending()).toBe(0)
    })
  })

  describe('dashboard', () => {
    const finished = (day: string) => `${day}T15:00:00Z`
    function reviewed(
      callId: number,
      agent: string,
      score: number,
      day: string,
      answers: Record<string, 'yes' | 'no' | 'na' | number>
    ): ReviewChange {
      const base = change(
        randomUUID(),
        { answers, score_percent: score, reviewed: true, finished_at: finished(day), critical_failures: score === 0 ? 1 : 0 },
        callId
      )
      return { ...base, call: { ...base.call, agent } }
    }

    it('answers scores over time, criteria and volume from rollups that follow every change', async () => {
      const { dana, sam, lead } = await team()
      const danaBox = new TeamOutbox(new Database(':memory:'))
      const samBox = new TeamOutbox(new Database(':memory:'))
      danaBox.enqueue(reviewed(1, 'Maria', 90, '2026-11-02', { greeting: 'yes', empathy: 4 }))
      danaBox.enqueue(reviewed(2, 'Maria', 70, '2026-11-03', { greeting: 'no', empathy: 2 }))
      samBox.enqueue(reviewed(3, 'Tom', 0, '2026-11-10', { greeting: 'no', empathy: 'na' }))
      // Not finished: never counted.
      samBox.enqueue(change(randomUUID(), { score_percent: 10 }, 4))
      await danaBox.push(dana)
      await samBox.push(sam)

      const range = { from: '2026-11-01', to: '2026-12-01' }
      const byAgent = await scoresOverTime(lead, { ...range, dimension: 'agent', bucket: 'month' })
      expect(byAgent).toEqual([
        { bucket: '2026-11-01', key: 'Maria', reviews: 2, averageScore: 80, criticalFailures: 0 },
        { bucket: '2026-11-01', key: 'Tom', reviews: 1, averageScore: 0, criticalFailures: 1 }
      ])
      const byWeek = await scoresOverTime(lead, { ...range, dimension: 'reviewer', bucket: 'week' })
      expect(byWeek.map((p) => [p.bucket, p.key, p.reviews])).toEqual([
        ['2026-11-02', 'dana', 2],
        ['2026-11-09', 'sam', 1]
      ])
      expect(await criterionResults(lead, range)).toEqual([
        { criterion: 'empathy', answered: 2, na: 1, passRate: null, averageRating: 3 },
        { criterion: 'greeting', answered: 3, na: 0, passRate: 1 / 3, averageRating: null }
      ])

      // A re-scored review moves its contribution: subtract the old, add the new.
      const rescore = new TeamOutbox(new Database(':memory:'))
      const reviewId = (await dana.query(`SELECT id FROM callreview.reviews WHERE call_id = 2`)).rows[0].id as string
      rescore.enqueue({ ...change(reviewId, { score_percent: 50 }, 2), call: { ...change(reviewId, {}, 2).call, agent: 'Maria' } })
      await rescore.push(dana)
      const after = await scoresOverTime(lead, { ...range, dimension: 'agent', bucket: 'month', keys: ['Maria'] })
      expect(after).toEqual([{ bucket: '2026-11-01', key: 'Maria', reviews: 2, averageScore: 70, criticalFailures: 0 }])

      // Reviewers read no rollups.
      await expect(scoresOverTime(dana, { ...range, dimension: 'agent', bucket: 'month' })).rejects.toThrow(/permission denied/)
      await expect(scoresOverTime(lead, { from: '2026-12-01', to: '2026-11-01', dimension: 'agent', bucket: 'day' })).rejects.toThrow(
        /must end after it starts/
      )
    })

    it('counts reviews written before the rollups existed when upgrading, and measures calibration drift', async () => {
      const db = await cluster.createDatabase()
      const admin = await connect(db)
      await migrateTeamDatabase(admin, TEAM_MIGRATIONS.slice(0, 1))
      await admin.query(`INSERT INTO callreview.team (name) VALUES ('Summit QA')`)
      await addMember(admin, { login: 'lee', displayName: 'Lee Park', role: 'lead', password: PASSWORD })
      await addMember(admin, { login: 'dana', displayName: 'Dana Reyes', role: 'reviewer', password: PASSWORD })
      const lead = await connect(db, 'lee')
      await lead.query(`INSERT INTO callreview.templates (id, name) VALUES ('core', 'Core QA')`)
      await lead.query(
        `INSERT INTO callreview.template_versions (template_id, version, name, definition, published_at) VALUES ('core', 1, 'Core QA', '{}', now())`
      )
      const dana = await connect(db, 'dana')
      const box = new TeamOutbox(new Database(':memory:'))
      box.enqueue(reviewed(1, 'Maria', 88, '2026-11-02', { greeting: 'yes' }))
      await box.push(dana)
      await migrateTeamDatabase(admin)
      expect(await scoresOverTime(lead, { from: '2026-11-01', to: '2026-12-01', dimension: 'agent', bucket: 'month' })).toEqual([
        { bucket: '2026-11-01', key: 'Maria', reviews: 1, averageScore: 88, criticalFailures: 0 }
      ])

      const cal = (
        await lead.query(
          `INSERT INTO callreview.calibrations (name, template_id, template_version, deadline) VALUES ('Week 45', 'core', 1, now() + interval '1 day') RETURNING id`
        )
      ).rows[0].id as string
      await lead.query(`INSERT INTO callreview.calibration_calls VALUES ($1, 'acct-1', 1)`, [cal])
      await lead.query(`INSERT INTO callreview.calibration_members (calibration_id, reviewer) VALUES ($1, 'dana')`, [cal])
      const danaCal = new TeamOutbox(new Database(':memory:'))
      danaCal.enqueue(change(randomUUID(), { score_percent: 91, reviewed: true, finished_at: finished('2026-11-05') }, 1, cal))
      await danaCal.push(dana)
      const leadCal = new TeamOutbox(new Database(':memory:'))
      leadCal.enqueue(change(randomUUID(), { score_percent: 58, reviewed: true, finished_at: finished('2026-11-05') }, 1, cal))
      await leadCal.push(lead)
      // Scored before the deadline (a calibration's scores are final after it), which then passes.
      await admin.query(`UPDATE callreview.calibrations SET deadline = '2026-11-06' WHERE id = $1`, [cal])
      expect(await calibrationDrift(lead, { from: '2026-11-01', to: '2026-12-01' })).toEqual([
        { calibrationId: cal, name: 'Week 45', deadline: '2026-11-06T00:00:00.000Z', reviewer: 'dana', meanDeviation: 33, calls: 1 }
      ])
      // Calibration reviews stay out of the score rollups.
      const month = await scoresOverTime(lead, { from: '2026-11-01', to: '2026-12-01', dimension: 'reviewer', bucket: 'month' })
      expect(month).toEqual([{ bucket: '2026-11-01', key: 'dana', reviews: 1, averageScore: 88, criticalFailures: 0 }])
    })
  })

  describe('pull', () => {
    it('brings each change after the cursor, including one committed late by a transaction open at the last pull', async () => {
      const { db, dana, lead } = await team()
      const first = await pullTeamChanges(dana)
      expect(first.templateVersions.map((v) => v.version)).toEqual([1])

      // A lead transaction that started before Dana's next pull and commits after it.
      const slow = await connect(db, 'lee')
      await slow.query('BEGIN')
      await slow.query(`INSERT INTO callreview.calls (account, call_id, started_at) VALUES ('acct-1', 103, now())`)
      await slow.query(
        `INSERT INTO callreview.assignments (account, call_id, reviewer, template_id, template_version) VALUES ('acct-1', 103, 'dana', 'core', 1)`
      )
      await lead.query(`INSERT INTO callreview.calls (account, call_id, started_at) VALUES ('acct-1', 104, now())`)
      await lead.query(
        `INSERT INTO callreview.assignments (account, call_id, reviewer, template_id, template_version) VALUES ('acct-1', 104, 'dana', 'core', 1)`
      )
      const second = await pullTeamChanges(dana, first.cursor)
      expect(second.assignments.map((a) => a.callId)).toEqual([104])
      expect(second.templateVersions).toEqual([])
      await slow.query('COMMIT')
      const third = await pullTeamChanges(dana, second.cursor)
      expect(third.assignments.map((a) => a.callId)).toContain(103)
    })

    it('rejects a cursor that is not a transaction id', async () => {
      const { dana } = await team()
      await expect(pullTeamChanges(dana, '1; DROP TABLE x')).rejects.toThrow(/transaction id/)
    })
  })
})
