/**
 * "Nothing lost, nothing doubled" for the team: a reviewer process connected to a real PostgreSQL
 * scores a session (each save committed to qa.sqlite, then queued in the team outbox and pushed)
 * and is killed with SIGKILL mid-stride — during a save, between the two commits, or mid-push.
 * At the next start the team database ends up holding every review exactly as qa.sqlite has it,
 * each change applied once.
 *
 *   nice npx vitest run test/integration/main/team/crash.test.ts
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '@main/services/log'
import { QaRepository } from '@main/services/qa/qa-repository'
import { addMember, initTeam } from '@main/services/team/team-admin'
import { requeueLostReviews } from '@main/services/team/team-review-queue'
import { reviewContextOf } from '@test/fixtures/team/review-context'
import { TEAM_SYNC_FILE, TeamSync } from '@main/services/team/team-sync'
import { runWriterUntilKilled } from '@test/fixtures/crash-writer'
import { teamCallFacts } from '@test/fixtures/team/call-facts'
import { waitFor } from '@test/fixtures/team/cuttable-link'
import { pgUnavailableReason, postgresRequired, startPgCluster, type PgCluster } from '@test/fixtures/team/pg-cluster'

const unavailable = pgUnavailableReason()
if (unavailable && postgresRequired()) throw new Error(`The team tests need PostgreSQL: ${unavailable}`)
if (unavailable) console.warn(`Skipping the team crash test: ${unavailable}`)

const PASSWORD = 'team-password-7f3a9c'
const REVIEWER = 'dana@example.com'

type Report =
  | { type: 'ready'; pid: number; sessionId: string }
  | { type: 'saved'; callId: number; reviewId: string; queued: string }
  | { type: 'dying'; callId: number; reviewId: string }
  | { type: 'finished' }

describe.skipIf(unavailable !== null)('team reviews survive a killed process', () => {
  let cluster: PgCluster

  beforeAll(async () => {
    cluster = await startPgCluster()
  }, 60_000)
  afterAll(async () => {
    await cluster?.stop()
  })

  it.each([
    ['killed at a moment of its own (a save, a push or between)', null],
    ['killed between the local commit and the queue’s', 200]
  ])(
    'pushes every review as qa.sqlite holds it, each change once, after the next start: %s',
    async (_when, dieBetweenAt) => {
      const database = await cluster.createDatabase()
      const admin = new pg.Client({ host: cluster.host, port: cluster.port, database, user: cluster.superuser })
      await admin.connect()
      const dir = mkdtempSync(join(tmpdir(), 'team-crash-'))
      const log = createLogger({ file: join(dir, 'test.log') })
      let sync: TeamSync | null = null
      let qa: QaRepository | null = null
      try {
        await initTeam(admin, 'Summit QA')
        await addMember(admin, { login: 'lee', displayName: 'Lee Park', role: 'lead', password: PASSWORD })
        await addMember(admin, { login: 'dana', displayName: 'Dana Reyes', role: 'reviewer', password: PASSWORD })
        // The reviewer's template, published by the lead.
        const setup = new QaRepository(dir)
        const template = setup.saveTemplate(
          {
            name: 'Core QA',
            criteria: [
              { label: 'Greeting', weight: 1, type: 'yes_no' },
              { label: 'Close', weight: 1, type: 'yes_no' }
            ]
          },
          REVIEWER
        )
        setup.close()
        await admin.query('INSERT INTO callreview.templates (id, name) VALUES ($1, $2)', [template.id, template.name])
        await admin.query(
          `INSERT INTO callreview.template_versions (template_id, version, name, definition, published_at, published_by) VALUES ($1, $2, $3, $4, now(), 'lee')`,
          [template.id, template.version, template.name, JSON.stringify(template)]
        )
        const settings = { host: cluster.host, port: cluster.port, database, user: 'dana', tlsMode: 'disable' as const }

        const args = [dir, REVIEWER, JSON.stringify(settings), PASSWORD, template.id, ...(dieBetweenAt === null ? [] : [String(dieBetweenAt)])]
        // Killed by the test after 300 saves, or (dieBetweenAt) by itself.
        const reports = await runWriterUntilKilled<Report>(
          'test/fixtures/team/team-crash-writer.ts',
          args,
          (r) => dieBetweenAt === null && r.length > 300
        )
        expect(reports.at(-1)?.type).not.toBe('finished')
        const saved = reports.filter((r) => r.type === 'saved')
        expect(saved.length).toBeGreaterThanOrEqual(dieBetweenAt === null ? 300 : dieBetweenAt - 1)
        expect(saved.every((r) => r.queued === 'queued')).toBe(true)
        const dying = reports.find((r) => r.type === 'dying')
        if (dieBetweenAt !== null) expect(dying).toBeDefined()

        // Both files are whole.
        for (const file of ['qa.sqlite', TEAM_SYNC_FILE]) {
          const raw = new Database(join(dir, file))
          expect({ file, check: raw.pragma('integrity_check', { simple: true }) }).toEqual({ file, check: 'ok' })
          raw.close()
        }

        // The next start: the sync reconnects, lost saves are queued again, the queue drains.
        qa = new QaRepository(dir)
        sync = new TeamSync({ dir, settings, password: PASSWORD, log })
        sync.start()
        const current = sync
        await waitFor(
          'reconnected',
          () => current.status(),
          (s) => s.state === 'synced' || s.state === 'waiting'
        )
        const store = qa
        const requeued = await requeueLostReviews({
          sync: () => current,
          account: () => 'ou-42',
          getCallFacts: teamCallFacts,
          log,
          ...reviewContextOf(() => store, REVIEWER),
          changedSince: (since) => store.reviewsChangedSince(REVIEWER, since)
        })
        // Killed between the commits, that one save is found and queued again.
        if (dieBetweenAt !== null) expect(requeued).toBe(1)
        await waitFor(
          'the queue drained',
          () => current.status(),
          (s) => s.state === 'synced' && s.pending === 0,
          30_000
        )

        // Every review the writer was told was saved, and every one qa.sqlite holds, is in the team database as saved locally.
        const local = qa.reviewsChangedSince(REVIEWER, '')
        const reportedIds = new Set([...saved.map((r) => r.reviewId), ...(dying ? [dying.reviewId] : [])])
        expect(local.filter((r) => r.id !== null && reportedIds.has(r.id)).length).toBe(reportedIds.size)
        const remote = new Map(
          (await admin.query('SELECT id, call_id, answers, comment, reviewed FROM callreview.reviews')).rows.map((row) => [row.id as string, row])
        )
        expect(remote.size).toBe(local.length)
        for (const review of local) {
          expect({ id: review.id, row: remote.get(review.id as string) }).toMatchObject({
            id: review.id,
            row: { call_id: String(review.callId), answers: review.answers, comment: review.comment, reviewed: review.reviewed }
          })
        }
        // Once each: no operation applied twice.
        const doubled = await admin.query('SELECT op_id, field, count(*) FROM callreview.review_history GROUP BY op_id, field HAVING count(*) > 1')
        expect(doubled.rows).toEqual([])
      } finally {
        await sync?.stop()
        qa?.close()
        await admin.end()
      }
    },
    120_000
  )
})
