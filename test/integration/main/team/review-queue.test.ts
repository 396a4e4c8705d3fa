/**
 * The QA screens' review saves reach the team database: qa:saveReview (the real handler over a
 * real qa.sqlite) saves locally, then queues the change in the team outbox of the profile's
 * running TeamSync, which pushes it to a real PostgreSQL. Cut the network: saves still succeed,
 * the status says offline with the count, and everything arrives once, in order, when it is back.
 *
 *   nice npx vitest run test/integration/main/team/review-queue.test.ts
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createLogger, type Logger } from '@main/services/log'
import { createQaHandlers } from '@main/services/qa/handlers'
import type { CallFacts } from '@main/services/qa/export'
import { QaRepository } from '@main/services/qa/qa-repository'
import { addMember, initTeam } from '@main/services/team/team-admin'
import { MemoryTeamPasswordStore } from '@main/services/team/team-password-store'
import { queueTeamReview, requeueLostReviews, type TeamQueueResult } from '@main/services/team/team-review-queue'
import { TeamService } from '@main/services/team/team-service'
import type { SaveReviewRequest } from '@shared/ipc/contract/qa'
import type { TeamSyncStatus } from '@shared/ipc/contract/team'
import type { Review, Template } from '@shared/qa/schemas'
import { teamCallFacts } from '@test/fixtures/team/call-facts'
import { reviewContextOf } from '@test/fixtures/team/review-context'
import { CuttableLink, waitFor } from '@test/fixtures/team/cuttable-link'
import { pgUnavailableReason, postgresRequired, startPgCluster, type PgCluster } from '@test/fixtures/team/pg-cluster'

const unavailable = pgUnavailableReason()
if (unavailable && postgresRequired()) throw new Error(`The team tests need PostgreSQL: ${unavailable}`)
if (unavailable) console.warn(`Skipping the team review queue tests: ${unavailable}`)

const PASSWORD = 'team-password-7f3a9c'
const FAST_RETRY = [50, 100, 200]
const MISSING_CALL = 999

/** The library's facts of a call; none for MISSING_CALL, as for a call not in the library. */
function factsOf(callId: number): CallFacts | null {
  return callId === MISSING_CALL ? null : teamCallFacts(callId)
}

describe.skipIf(unavailable !== null)('QA reviews queued for the team', () => {
  let cluster: PgCluster
  let log: Logger
  const open: Array<{ end(): Promise<void> }> = []
  const closers: Array<() => Promise<void> | void> = []

  beforeAll(async () => {
    cluster = await startPgCluster()
    log = createLogger({ file: join(mkdtempSync(join(tmpdir(), 'team-queue-log-')), 'main.log') })
  }, 60_000)
  afterAll(async () => {
    await cluster?.stop()
  })
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close()
    await Promise.all(open.splice(0).map((c) => c.end().catch(() => undefined)))
  })

  async function connect(database: string, user = cluster.superuser): Promise<pg.Client> {
    const client = new pg.Client({ host: cluster.host, port: cluster.port, database, user })
    client.on('error', () => undefined)
    await client.connect()
    open.push(client)
    return client
  }

  /**
   * A reviewer's profile (real qa.sqlite, the real qa handlers) connected through a cuttable link
   * to a team whose lead published the reviewer's "Core QA" template; a second, private template
   * stays unpublished.
   */
  async function setup() {
    const db = await cluster.createDatabase()
    const admin = await connect(db)
    await initTeam(admin, 'Summit QA')
    await addMember(admin, { login: 'lee', displayName: 'Lee Park', role: 'lead', password: PASSWORD })
    await addMember(admin, { login: 'dana', displayName: 'Dana Reyes', role: 'reviewer', password: PASSWORD })

    const dir = mkdtempSync(join(tmpdir(), 'team-queue-profile-'))
    const qa = new QaRepository(dir)
    closers.push(() => qa.close())
    const criteria = [
      { label: 'Greeting', weight: 1, type: 'yes_no' as const },
      { label: 'Close', weight: 1, type: 'yes_no' as const }
    ]
    const core = qa.saveTemplate({ name: 'Core QA', criteria }, 'dana@example.com')
    const mine = qa.saveTemplate({ name: 'My notes', criteria }, 'dana@example.com')
    const lead = await connect(db, 'lee')
    await publish(lead, core)

    const link = new CuttableLink(cluster)
    await link.up()
    closers.push(() => link.down())
    const statuses: TeamSyncStatus[] = []
    const passwords = new MemoryTeamPasswordStore()
    const team = new TeamService({ passwords, log, onStatus: (s) => statuses.push(s), retryDelaysMs: FAST_RETRY })
    closers.push(() => team.close())
    await team.save(dir, 'p1', {
      settings: { host: '127.0.0.1', port: link.port, database: db, user: 'dana', tlsMode: 'disable' },
      password: PASSWORD
    })
    await waitFor(
      'synced with the published template',
      () => ({ status: team.status(), versions: team.sync()?.templateVersions().length ?? 0 }),
      (s) => s.status.state === 'synced' && s.versions === 1
    )

    const results: TeamQueueResult[] = []
    const handlers = createQaHandlers({
      qa: () => qa,
      reviewer: () => 'dana@example.com',
      exportDir: () => join(dir, 'exports'),
      getCallFacts: factsOf,
      afterReviewSaved: async (request: SaveReviewRequest, review: Review) => {
        results.push(
          await queueTeamReview(
            { sync: () => team.sync(), account: () => 'ou-42', getCallFacts: factsOf, log, ...reviewContextOf(() => qa, 'dana@example.com') },
            request,
            review
          )
        )
      },
      afterNotesChanged: async (note) => {
        const { review, notes } = qa.reviewWithNotes('dana@example.com', note.sessionId, note.callId)
        results.push(
          await queueTeamReview(
            { sync: () => team.sync(), account: () => 'ou-42', getCallFacts: factsOf, log, ...reviewContextOf(() => qa, 'dana@example.com') },
            { notes },
            review
          )
        )
      }
    })
    const ctx = { senderUrl: 'app://' }
    const save = (request: SaveReviewRequest): Promise<Review> => Promise.resolve(handlers['qa:saveReview'](request as never, ctx))
    const coreSession = await handlers['qa:createSession']({ name: 'Monday', templateId: core.id, callIds: [101, 102, MISSING_CALL] }, ctx)
    const privateSession = await handlers['qa:createSession']({ name: 'Private', templateId: mine.id, callIds: [201] }, ctx)
    // What a start runs: the saves of this reviewer a crash kept from the queue, queued again.
    const requeueLost = (): Promise<number> =>
      requeueLostReviews({
        sync: () => team.sync(),
        account: () => 'ou-42',
        getCallFacts: factsOf,
        log,
        ...reviewContextOf(() => qa, 'dana@example.com'),
        changedSince: (since: string) => qa.reviewsChangedSince('dana@example.com', since)
      })
    return {
      admin,
      qa,
      handlers,
      ctx,
      team,
      link,
      statuses,
      results,
      save,
      requeueLost,
      core,
      coreSession,
      privateSession,
      criterion: core.criteria.map((c) => c.id)
    }
  }

  async function publish(lead: pg.Client, template: Template): Promise<void> {
    await lead.query('INSERT INTO callreview.templates (id, name) VALUES ($1, $2)', [template.id, template.name])
    await lead.query(
      `INSERT INTO callreview.template_versions (template_id, version, name, definition, published_at, published_by)
       VALUES ($1, $2, $3, $4, now(), 'lee')`,
      [template.id, template.version, template.name, JSON.stringify(template)]
    )
  }

  it('pushes a review saved on a published template, with its call facts and score, and the edits after it', async () => {
    const { admin, team, results, save, coreSession, criterion } = await setup()
    const [greeting, close] = criterion as [string, string]
    const first = await save({ sessionId: coreSession.id, callId: 101, answers: { [greeting]: 'yes', [close]: 'no' } })
    expect(first.score).toBe(50)
    expect(results).toEqual(['queued'])
    await waitFor(
      'the review in the team database',
      () => team.status(),
      (s) => s.state === 'synced' && s.pending === 0
    )
    const row = (await admin.query('SELECT * FROM callreview.reviews WHERE id = $1', [first.id])).rows[0]
    expect(row).toMatchObject({ reviewer: 'dana', account: 'ou-42', call_id: '101', answers: { [greeting]: 'yes', [close]: 'no' }, reviewed: false })
    expect(Number(row.score_percent)).toBe(50)
    const call = (await admin.query('SELECT * FROM callreview.calls WHERE call_id = 101')).rows[0]
    expect(call).toMatchObject({ account: 'ou-42', campaign: 'Roofing', group_name: 'Austin', agent: 'Maria', duration_sec: 71 })

    // Finishing it: the answer changed, a comment, marked reviewed.
    await save({ sessionId: coreSession.id, callId: 101, answers: { [close]: 'yes' }, comment: 'Good close', reviewed: true })
    await waitFor(
      'the finished review pushed',
      () => team.status(),
      (s) => s.state === 'synced' && s.pending === 0
    )
    const done = (await admin.query('SELECT * FROM callreview.reviews WHERE id = $1', [first.id])).rows[0]
    expect(done).toMatchObject({ answers: { [greeting]: 'yes', [close]: 'yes' }, comment: 'Good close', reviewed: true })
    expect(Number(done.score_percent)).toBe(100)
    expect(done.finished_at).toBeInstanceOf(Date)
    const history = await admin.query(`SELECT old_value FROM callreview.review_history WHERE review_id = $1 AND field = 'answers' ORDER BY id`, [
      first.id
    ])
    expect(history.rows.at(-1)?.old_value).toEqual({ [close]: 'no' })
  }, 60_000)

  it('keeps saving while the network is cut, shows the changes waiting, and sends them once, in order, when it is back', async () => {
    const { admin, team, link, statuses, save, coreSession, criterion } = await setup()
    const [greeting] = criterion as [string]
    await link.down()
    await waitFor(
      'offline',
      () => team.status(),
      (s) => s.state === 'offline'
    )
    const a = await save({ sessionId: coreSession.id, callId: 101, answers: { [greeting]: 'no' } })
    const a2 = await save({ sessionId: coreSession.id, callId: 101, answers: { [greeting]: 'yes' } })
    const b = await save({ sessionId: coreSession.id, callId: 102, comment: 'Callback needed', flaggedForFollowUp: true })
    expect([a.answers[greeting], a2.answers[greeting], a2.id]).toEqual(['no', 'yes', a.id]) // saved locally whatever the network does
    // Three saves of two reviews: two reviews waiting.
    expect(team.status()).toMatchObject({ state: 'offline', pending: 2 })
    expect(team.status().message).toMatch(/cannot be reached.*Changes stay queued/)
    expect((await admin.query('SELECT count(*)::int AS n FROM callreview.reviews')).rows[0].n).toBe(0)

    await link.up()
    await waitFor(
      'synced again',
      () => team.status(),
      (s) => s.state === 'synced' && s.pending === 0
    )
    const rows = await admin.query('SELECT id, call_id, answers, comment, flagged FROM callreview.reviews ORDER BY call_id')
    expect(rows.rows.map((r) => [r.id, r.call_id])).toEqual([
      [a.id, '101'],
      [b.id, '102']
    ])
    expect(rows.rows[0].answers).toEqual({ [greeting]: 'yes' })
    expect(rows.rows[1]).toMatchObject({ comment: 'Callback needed', flagged: true })
    // In order: the "no" was overwritten by the "yes", and history keeps it.
    const history = await admin.query(`SELECT new_value FROM callreview.review_history WHERE review_id = $1 AND field = 'answers' ORDER BY id`, [
      a.id
    ])
    expect(history.rows.map((r) => r.new_value)).toEqual([{ [greeting]: 'no' }, { [greeting]: 'yes' }])
    expect((await admin.query('SELECT count(*)::int AS n FROM callreview.applied_ops')).rows[0].n).toBe(3)
    expect(statuses.some((s) => s.state === 'offline' && s.pending === 2)).toBe(true)
  }, 60_000)

  it('queues again, once, the saves whose queue entries were lost when the app stopped between the two commits', async () => {
    const { admin, qa, team, save, requeueLost, coreSession, privateSession, criterion } = await setup()
    const [greeting, close] = criterion as [string, string]
    const pushed = await save({ sessionId: coreSession.id, callId: 101, answers: { [greeting]: 'yes' } })
    await waitFor(
      'the first save pushed',
      () => team.status(),
      (s) => s.state === 'synced' && s.pending === 0
    )
    // The app stops after qa.sqlite's commit and before the outbox's: only the local saves remain.
    const reviewer = 'dana@example.com'
    qa.saveReview(reviewer, { sessionId: coreSession.id, callId: 101, answers: { [close]: 'no' }, comment: 'Lost in the crash' })
    const other = qa.saveReview(reviewer, { sessionId: coreSession.id, callId: 102, flaggedForFollowUp: true, reviewed: true })
    qa.saveReview(reviewer, { sessionId: privateSession.id, callId: 201, comment: 'Private: never for the team' })
    expect(team.status().pending).toBe(0)

    // The next start.
    expect(await requeueLost()).toBe(2)
    await waitFor(
      'the lost saves pushed',
      () => team.status(),
      (s) => s.state === 'synced' && s.pending === 0
    )
    const rows = (
      await admin.query('SELECT id, call_id, answers, comment, flagged, reviewed, score_percent FROM callreview.reviews ORDER BY call_id')
    ).rows
    expect(rows.map((r) => [r.id, r.call_id])).toEqual([
      [pushed.id, '101'],
      [other.id, '102']
    ])
    expect(rows[0]).toMatchObject({ answers: { [greeting]: 'yes', [close]: 'no' }, comment: 'Lost in the crash' })
    expect(Number(rows[0].score_percent)).toBe(50)
    expect(rows[1]).toMatchObject({ flagged: true, reviewed: true })

    // Each check moves the next one's start past what it read: later starts do not read every review again.
    expect((team.sync()?.queuedSince() ?? '') > (other.updatedAt ?? '')).toBe(true)
    // Queued once: the start after finds nothing missing, and a save queued as usual stays so.
    expect(await requeueLost()).toBe(0)
    await save({ sessionId: coreSession.id, callId: 102, comment: 'Called back' })
    await waitFor(
      'the usual save pushed',
      () => team.status(),
      (s) => s.state === 'synced' && s.pending === 0
    )
    expect(await requeueLost()).toBe(0)
    expect((await admin.query('SELECT count(*)::int AS n FROM callreview.applied_ops')).rows[0].n).toBe(4)
  }, 60_000)

  it("sends a review's notes and its session: a note before any answer, an edit, a delete, and one a crash kept from the queue", async () => {
    const { admin, qa, handlers, ctx, team, results, requeueLost, coreSession } = await setup()
    const synced = (what: string): Promise<unknown> =>
      waitFor(
        what,
        () => team.status(),
        (s) => s.state === 'synced' && s.pending === 0
      )
    const notesOf = async (callId: number): Promise<unknown> =>
      (await admin.query('SELECT notes FROM callreview.reviews WHERE call_id = $1', [callId])).rows.map((r) => r.notes)

    // A note on a call nothing was answered on yet: the review is made with it and sent.
    const first = await handlers['qa:addNote']({ sessionId: coreSession.id, callId: 101, seconds: 12.5, text: 'Asked about gutters' }, ctx)
    expect(results).toEqual(['queued'])
    await synced('the note pushed')
    expect(await notesOf(101)).toEqual([[{ id: first.id, seconds: 12.5, text: 'Asked about gutters' }]])
    const review = qa.reviewWithNotes('dana@example.com', coreSession.id, 101).review
    const row = (await admin.query('SELECT id, session_id FROM callreview.reviews WHERE call_id = 101')).rows[0]
    expect(row).toEqual({ id: review.id, session_id: coreSession.id })
    expect((await admin.query('SELECT id, reviewer, name, call_count, template_id FROM callreview.sessions')).rows).toEqual([
      { id: coreSession.id, reviewer: 'dana', name: 'Monday', call_count: 3, template_id: coreSession.templateId }
    ])

    // A second note, an edit of the first, then a delete: the team holds the list as it is here.
    const second = await handlers['qa:addNote']({ sessionId: coreSession.id, callId: 101, seconds: 3, text: 'Greeting' }, ctx)
    await handlers['qa:updateNote']({ noteId: first.id, text: 'Asked about gutters and skylights' }, ctx)
    await synced('the edits pushed')
    expect(await notesOf(101)).toEqual([
      [
        { id: second.id, seconds: 3, text: 'Greeting' },
        { id: first.id, seconds: 12.5, text: 'Asked about gutters and skylights' }
      ]
    ])
    await handlers['qa:deleteNote']({ noteId: second.id }, ctx)
    await synced('the delete pushed')
    expect(await notesOf(101)).toEqual([[{ id: first.id, seconds: 12.5, text: 'Asked about gutters and skylights' }]])
    expect(results).toEqual(['queued', 'queued', 'queued', 'queued'])
    const history = await admin.query(`SELECT count(*)::int AS n FROM callreview.review_history WHERE field = 'notes'`)
    expect(history.rows[0].n).toBe(4)

    // The app stops after the note's commit and before the queue's: the next start sends it.
    const lost = qa.addNote('dana@example.com', { sessionId: coreSession.id, callId: 102, seconds: 40, text: 'Quote given' })
    expect(await requeueLost()).toBe(1)
    await synced('the lost note pushed')
    expect(await notesOf(102)).toEqual([[{ id: lost.id, seconds: 40, text: 'Quote given' }]])
  }, 60_000)

  it('tries a lost save it could not queue again at each start, and says why', async () => {
    const { qa, team, requeueLost, coreSession, criterion } = await setup()
    const reviewer = 'dana@example.com'
    // A lost save of a call whose record is not in the library: its facts cannot be sent.
    const lost = qa.saveReview(reviewer, { sessionId: coreSession.id, callId: MISSING_CALL, answers: { [criterion[0] as string]: 'yes' } })
    for (let start = 0; start < 2; start += 1) {
      expect(await requeueLost()).toBe(0)
      // The check does not move past it: the next start reads it again.
      expect((team.sync()?.queuedSince() ?? '') <= (lost.updatedAt ?? '')).toBe(true)
      expect(team.status()).toMatchObject({ state: 'error', pending: 0 })
      expect(team.status().message).toMatch(/call 999 is saved on this computer but was not queued for the team/)
    }
  }, 60_000)

  it('keeps a review on a private template local, and says so when a review could not be queued', async () => {
    const { admin, team, results, save, coreSession, privateSession, criterion } = await setup()
    const local = await save({ sessionId: privateSession.id, callId: 201, comment: 'Just for me' })
    expect(local.comment).toBe('Just for me')
    expect(results).toEqual(['private'])
    expect(team.status().pending).toBe(0)

    // A call whose record is not in the library: the review is saved, the team status says why it was not queued.
    const saved = await save({ sessionId: coreSession.id, callId: MISSING_CALL, answers: { [criterion[0] as string]: 'yes' } })
    expect(saved.answers).toEqual({ [criterion[0] as string]: 'yes' })
    expect(results).toEqual(['private', 'failed'])
    expect(team.status()).toMatchObject({ state: 'error', pending: 0 })
    expect(team.status().message).toMatch(
      /call 999 is saved on this computer but was not queued for the team: .*not in this computer's library.*save the review again/
    )
    expect((await admin.query('SELECT count(*)::int AS n FROM callreview.reviews')).rows[0].n).toBe(0)
  }, 60_000)
})
