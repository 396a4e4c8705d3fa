/**
 * Blind calibration on a real PostgreSQL: a lead and two reviewers, each with their own profile
 * (qa.sqlite, team outbox, TeamService and the real team handlers) on one team database. The
 * reviewers score blind, cannot read each other's scores before the reveal whatever SQL they
 * send, submit, and the reveal's agreement figures match values worked out by hand below.
 *
 *   nice npx vitest run test/integration/main/team/calibration.test.ts
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger, type Logger } from '@main/services/log'
import type { CallFacts } from '@main/services/qa/export'
import { QaRepository } from '@main/services/qa/qa-repository'
import { addMember, initTeam } from '@main/services/team/team-admin'
import { createTeamHandlers } from '@main/services/team/team-handlers'
import { MemoryTeamPasswordStore } from '@main/services/team/team-password-store'
import { queueTeamReview } from '@main/services/team/team-review-queue'
import { TeamService } from '@main/services/team/team-service'
import { teamChannels } from '@shared/ipc/contract/team'
import type { Answers, Template } from '@shared/qa/schemas'
import { TemplateSchema } from '@shared/qa/schemas'
import { waitFor } from '@test/fixtures/team/cuttable-link'
import { reviewContextOf } from '@test/fixtures/team/review-context'
import { pgUnavailableReason, postgresRequired, startPgCluster, type PgCluster } from '@test/fixtures/team/pg-cluster'

const unavailable = pgUnavailableReason()
if (unavailable && postgresRequired()) throw new Error(`The team tests need PostgreSQL: ${unavailable}`)

const PASSWORD = 'team-password-5d1e08'
const ctx = { senderUrl: 'app://' }
const facts = (callId: number): CallFacts => ({
  startedAt: '2026-11-24T10:00:00.000Z',
  callerId: null,
  callerIdentity: null,
  trackingNumber: null,
  campaign: 'Roofing',
  disposition: 'ANSWERED',
  durationSeconds: 90 + callId,
  agent: 'Maria',
  group: 'Austin',
  hasRecording: true
})
/** What the dispatcher would do with a handler's answer: it must fit the channel's response schema. */
const fits = <C extends keyof typeof teamChannels>(channel: C, value: unknown) =>
  expect(teamChannels[channel].response.safeParse(value).error).toBeUndefined()
const inADay = () => new Date(Date.now() + 86_400_000).toISOString()

describe.skipIf(unavailable !== null)('blind calibration', () => {
  let cluster: PgCluster
  let log: Logger
  let db: string
  let admin: pg.Client
  let template: Template
  let lead: Awaited<ReturnType<typeof member>>
  let dana: Awaited<ReturnType<typeof member>>
  let sam: Awaited<ReturnType<typeof member>>
  const closers: Array<() => Promise<void> | void> = []

  async function member(user: string) {
    const dir = mkdtempSync(join(tmpdir(), `team-cal-${user}-`))
    const qa = new QaRepository(dir)
    closers.push(() => qa.close())
    const team = new TeamService({
      passwords: new MemoryTeamPasswordStore(),
      log,
      onStatus: () => undefined,
      retryDelaysMs: [50, 100],
      onPulled: (_dir, pull) => {
        for (const v of pull.templateVersions) qa.importTemplateVersion(TemplateSchema.parse(v.definition))
      }
    })
    closers.push(() => team.close())
    await team.save(dir, user, { settings: { host: cluster.host, port: cluster.port, database: db, user, tlsMode: 'disable' }, password: PASSWORD })
    await waitFor(
      `${user} synced`,
      () => team.status().state,
      (s) => s === 'synced'
    )
    const handlers = createTeamHandlers({
      team,
      profile: () => ({ dir, id: user }),
      log,
      template: (id, version) => qa.getTemplate(id, version),
      sessionCallIds: (sessionId) => qa.getSession(user, sessionId).items.map((i) => i.callId),
      callFacts: facts,
      account: () => 'ou-42',
      createSession: ({ name, templateId, templateVersion, callIds }) => qa.createSession(user, { name, templateId, callIds }, templateVersion).id,
      sessionExists: (sessionId) => qa.listSessions(user).some((s) => s.id === sessionId)
    })
    /** Scores one call in the calibration's session, marks it reviewed and waits until it is pushed. */
    const score = async (sessionId: string, callId: number, answers: Answers) => {
      const request = { sessionId, callId, answers, reviewed: true }
      const review = qa.saveReview(user, request)
      const deps = {
        sync: () => team.sync(),
        account: () => 'ou-42',
        getCallFacts: facts,
        log,
        calibrationOf: (r: { sessionId: string }) => team.sync()?.calibrationOfSession(r.sessionId) ?? null,
        ...reviewContextOf(() => qa, user)
      }
      expect(await queueTeamReview(deps, request, review)).toBe('queued')
      await waitFor(
        `${user} pushed call ${callId}`,
        () => team.status(),
        (s) => s.state === 'synced' && s.pending === 0
      )
    }
    /** This member's own connection, for SQL sent by hand. */
    const sql = async () => {
      const client = new pg.Client({ host: cluster.host, port: cluster.port, database: db, user, password: PASSWORD })
      await client.connect()
      closers.push(() => client.end())
      return client
    }
    const pulled = (calibrationId: string) =>
      waitFor(
        `${user} pulled the calibration`,
        () => team.calibrations().find((c) => c.id === calibrationId),
        (c) => c !== undefined
      )
    return { qa, team, handlers, score, sql, pulled }
  }

  const id = (label: string) => template.criteria.find((c) => c.label === label)?.id as string

  beforeAll(async () => {
    cluster = await startPgCluster()
    log = createLogger({ file: join(mkdtempSync(join(tmpdir(), 'team-cal-log-')), 'main.log') })
    db = await cluster.createDatabase()
    admin = new pg.Client({ host: cluster.host, port: cluster.port, database: db, user: cluster.superuser })
    await admin.connect()
    await initTeam(admin, 'Summit QA')
    await addMember(admin, { login: 'lee', displayName: 'Lee Park', role: 'lead', password: PASSWORD })
    await addMember(admin, { login: 'dana', displayName: 'Dana Reyes', role: 'reviewer', password: PASSWORD })
    await addMember(admin, { login: 'sam', displayName: 'Sam Ortiz', role: 'reviewer', password: PASSWORD })
    lead = await member('lee')
    dana = await member('dana')
    sam = await member('sam')
    template = lead.qa.saveTemplate(
      {
        name: 'Core QA',
        criteria: [
          { label: 'Greeting', weight: 1, type: 'yes_no' },
          { label: 'Empathy', weight: 1, type: 'scale_1_5' }
        ]
      },
      'lee'
    )
    await lead.handlers['team:publishTemplate']({ templateId: template.id }, ctx)
    for (const m of [dana, sam])
      await waitFor(
        'the scorecard reached the reviewer',
        () => m.team.work().templates.length,
        (n) => n === 1
      )
  }, 90_000)

  afterAll(async () => {
    for (const close of closers.splice(0).reverse()) await close()
    await admin?.end()
    await cluster?.stop()
  })

  it('refuses a calibration created by a reviewer, in the app and in the database', async () => {
    await expect(
      Promise.resolve().then(() =>
        dana.handlers['team:createCalibration'](
          { name: 'Mine', templateId: template.id, callIds: [1], reviewers: ['dana', 'sam'], deadline: inADay() },
          ctx
        )
      )
    ).rejects.toThrow(/Only a team lead can create a calibration/)
    const client = await dana.sql()
    await expect(
      client.query(
        "INSERT INTO callreview.calibrations (name, template_id, template_version, deadline) VALUES ($1, $2, 1, now() + interval '1 day')",
        ['By hand', template.id]
      )
    ).rejects.toMatchObject({ code: '42501' })
    expect((await admin.query('SELECT count(*)::int AS n FROM callreview.calibrations')).rows[0].n).toBe(0)
  })

  it('keeps scores blind until both reviewers submit, then reveals them with agreement figures', async () => {
    const created = await lead.handlers['team:createCalibration'](
      { name: 'Week 48', templateId: template.id, callIds: [21, 22, 23], reviewers: ['dana', 'sam'], deadline: inADay() },
      ctx
    )
    fits('team:createCalibration', created)
    expect(created).toMatchObject({ name: 'Week 48', templateVersion: 1, callIds: [21, 22, 23], revealed: false, mine: null, createdBy: 'lee' })
    expect(created.members.map((m) => [m.displayName, m.submittedAt])).toEqual([
      ['Dana Reyes', null],
      ['Sam Ortiz', null]
    ])
    const calId = created.id

    // Each scores in a local session the calibration opened; the lead scores the reference answers.
    const [g, e] = [id('Greeting'), id('Empathy')]
    const sessions = new Map<string, string>()
    for (const [name, m] of [
      ['lee', lead],
      ['dana', dana],
      ['sam', sam]
    ] as const) {
      await m.pulled(calId)
      const { sessionId } = await m.handlers['team:openCalibration']({ calibrationId: calId }, ctx)
      expect(await m.handlers['team:openCalibration']({ calibrationId: calId }, ctx)).toEqual({ sessionId })
      sessions.set(name, sessionId)
    }
    const ref: Record<number, Answers> = { 21: { [g]: 'yes', [e]: 5 }, 22: { [g]: 'yes', [e]: 4 }, 23: { [g]: 'no', [e]: 3 } }
    const danas: Record<number, Answers> = { 21: { [g]: 'yes', [e]: 5 }, 22: { [g]: 'yes', [e]: 4 }, 23: { [g]: 'no', [e]: 2 } }
    const sams: Record<number, Answers> = { 21: { [g]: 'yes', [e]: 4 }, 22: { [g]: 'no', [e]: 4 }, 23: { [g]: 'no', [e]: 3 } }
    for (const callId of [21, 22, 23]) await lead.score(sessions.get('lee') as string, callId, ref[callId] as Answers)
    for (const callId of [21, 22]) await dana.score(sessions.get('dana') as string, callId, danas[callId] as Answers)

    // Not every call reviewed: submitting is refused.
    await expect(Promise.resolve().then(() => dana.handlers['team:submitCalibration']({ calibrationId: calId }, ctx))).rejects.toThrow(
      /Mark every call reviewed before submitting: 1 not yet \(23\)/
    )
    await dana.score(sessions.get('dana') as string, 23, danas[23] as Answers)
    for (const callId of [21, 22, 23]) await sam.score(sessions.get('sam') as string, callId, sams[callId] as Answers)
    const afterDana = await dana.handlers['team:submitCalibration']({ calibrationId: calId }, ctx)
    expect(afterDana.mine).toMatchObject({ reviewed: 3 })
    expect(afterDana.mine?.submittedAt).not.toBeNull()
    expect(afterDana.revealed).toBe(false)

    // Dana's scores are final once submitted: no SQL changes them or takes the submission back, and
    // a later save in the app is answered "not applied" and leaves her queue instead of holding it up.
    const danaSql = await dana.sql()
    expect((await danaSql.query("UPDATE callreview.reviews SET answers = '{}'::jsonb WHERE calibration_id = $1", [calId])).rowCount).toBe(0)
    expect((await danaSql.query('UPDATE callreview.calibration_members SET submitted_at = NULL WHERE calibration_id = $1', [calId])).rowCount).toBe(0)
    await dana.score(sessions.get('dana') as string, 23, { [g]: 'yes', [e]: 5 })
    const stored = await admin.query("SELECT answers FROM callreview.reviews WHERE calibration_id = $1 AND reviewer = 'dana' AND call_id = 23", [
      calId
    ])
    expect(stored.rows[0].answers).toEqual(danas[23])

    // Sam has scored and Dana has submitted, but Sam has not: whatever Sam sends, Dana's scores stay out of reach.
    const samSql = await sam.sql()
    const visible = await samSql.query('SELECT reviewer, answers FROM callreview.reviews WHERE calibration_id = $1', [calId])
    expect(visible.rows.map((r) => r.reviewer)).toEqual(['sam', 'sam', 'sam'])
    expect((await samSql.query("SELECT count(*)::int AS n FROM callreview.reviews WHERE reviewer <> 'sam'")).rows[0].n).toBe(0)
    expect((await samSql.query('SELECT count(*)::int AS n FROM callreview.review_history h WHERE h.changed_by <> session_user')).rows[0].n).toBe(0)
    await expect(samSql.query('UPDATE callreview.calibrations SET revealed_at = now() WHERE id = $1', [calId])).rejects.toMatchObject({
      code: '42501'
    })
    await expect(samSql.query('UPDATE callreview.calibrations SET deadline = now() WHERE id = $1', [calId])).rejects.toMatchObject({ code: '42501' })
    // Sam may set only their own submitted_at; "submitting" for Dana again changes no row.
    expect((await samSql.query("UPDATE callreview.calibration_members SET submitted_at = NULL WHERE reviewer = 'dana'")).rowCount).toBe(0)
    await expect(Promise.resolve().then(() => sam.handlers['team:calibrationResult']({ calibrationId: calId }, ctx))).rejects.toThrow(
      /stay hidden until every reviewer submits .*: 1 of 2 submitted/
    )
    expect(
      sam.team
        .sync()
        ?.reviews()
        .filter((r) => r.reviewer !== 'sam')
    ).toEqual([])

    // Sam submits: both have, so it is revealed to both.
    expect((await sam.handlers['team:submitCalibration']({ calibrationId: calId }, ctx)).revealed).toBe(true)
    expect((await samSql.query('SELECT DISTINCT reviewer FROM callreview.reviews WHERE calibration_id = $1 ORDER BY 1', [calId])).rows).toEqual([
      { reviewer: 'dana' },
      { reviewer: 'lee' },
      { reviewer: 'sam' }
    ])
    const result = await dana.handlers['team:calibrationResult']({ calibrationId: calId }, ctx)
    fits('team:calibrationResult', result)
    fits('team:calibrations', await sam.handlers['team:calibrations']({}, ctx))
    expect(result.calibration.revealed).toBe(true)

    // Worked out by hand (Krippendorff 2011). Empathy, ordinal: units (5,4) (4,4) (2,3); n = 6 values,
    // n2 = n3 = n5 = 1, n4 = 3; D_o = (2·δ45 + 2·δ23) / 6 = (2·4 + 2·1) / 6 = 5/3;
    // D_e = 2·(1·1·1 + 1·3·9 + 1·1·25 + 1·3·4 + 1·1·16 + 3·1·4) / 30 = 6.2; alpha = 1 − (5/3)/6.2 = 68/93.
    // Greeting, nominal: units (y,y) (y,n) (n,n); D_o = 2/6, D_e = 18/30; alpha = 4/9.
    // Overall, nominal over all six units: D_o = 6/12, D_e = (144 − 30)/132; alpha = 8/19.
    expect(result.criteria.map((c) => [c.label, c.metric, c.disagreements])).toEqual([
      ['Empathy', 'ordinal', 2],
      ['Greeting', 'nominal', 1]
    ])
    const [empathy, greeting] = result.criteria
    expect(empathy?.agreement.percentAgreement).toBeCloseTo(1 / 3, 10)
    expect(empathy?.agreement.alpha).toBeCloseTo(68 / 93, 10)
    expect(greeting?.agreement.percentAgreement).toBeCloseTo(2 / 3, 10)
    expect(greeting?.agreement.alpha).toBeCloseTo(4 / 9, 10)
    expect(result.overall.percentAgreement).toBeCloseTo(1 / 2, 10)
    expect(result.overall.alpha).toBeCloseTo(8 / 19, 10)
    expect(result.overall.pairableUnits).toBe(6)

    // Side by side: each call's answers, the reference and whether the reviewers agreed.
    expect(empathy?.calls).toEqual([
      {
        callId: 21,
        reference: 5,
        answers: [
          { reviewer: 'dana', answer: 5 },
          { reviewer: 'sam', answer: 4 }
        ],
        agreed: false
      },
      {
        callId: 22,
        reference: 4,
        answers: [
          { reviewer: 'dana', answer: 4 },
          { reviewer: 'sam', answer: 4 }
        ],
        agreed: true
      },
      {
        callId: 23,
        reference: 3,
        answers: [
          { reviewer: 'dana', answer: 2 },
          { reviewer: 'sam', answer: 3 }
        ],
        agreed: false
      }
    ])
    // Scores: (greeting + (rating − 1)/4) / 2 as a percentage.
    expect(result.calls).toEqual([
      {
        callId: 21,
        referenceScore: 100,
        scores: [
          { reviewer: 'dana', scorePercent: 100 },
          { reviewer: 'sam', scorePercent: 87.5 }
        ]
      },
      {
        callId: 22,
        referenceScore: 87.5,
        scores: [
          { reviewer: 'dana', scorePercent: 87.5 },
          { reviewer: 'sam', scorePercent: 37.5 }
        ]
      },
      {
        callId: 23,
        referenceScore: 25,
        scores: [
          { reviewer: 'dana', scorePercent: 12.5 },
          { reviewer: 'sam', scorePercent: 25 }
        ]
      }
    ])
    // Deviation: Dana matches the reference on 5 of 6 answers, |0| + |0| + |12.5| over 3 calls;
    // Sam on 4 of 6, |12.5| + |50| + |0|. From the team's mean per call both sit 12.5 points off.
    const [d, s] = result.deviations
    expect(d).toMatchObject({ reviewer: 'dana', displayName: 'Dana Reyes' })
    expect(d?.matchesReference).toBeCloseTo(5 / 6, 10)
    expect(d?.meanScoreDifference).toBeCloseTo(12.5 / 3, 10)
    expect(d?.meanDifferenceFromTeam).toBeCloseTo(12.5, 10)
    expect(s).toMatchObject({ reviewer: 'sam', displayName: 'Sam Ortiz' })
    expect(s?.matchesReference).toBeCloseTo(4 / 6, 10)
    expect(s?.meanScoreDifference).toBeCloseTo(62.5 / 3, 10)
    expect(s?.meanDifferenceFromTeam).toBeCloseTo(12.5, 10)

    // The lead, who is not one of the reviewers, gets the same figures.
    const leads = await lead.handlers['team:calibrationResult']({ calibrationId: calId }, ctx)
    fits('team:calibrationResult', leads)
    expect(leads.overall).toEqual(result.overall)
    expect(leads.calibration.mine).toBeNull()
  }, 120_000)

  it('reveals at the deadline even when a reviewer never submitted', async () => {
    const created = await lead.handlers['team:createCalibration'](
      { name: 'Week 49', templateId: template.id, callIds: [31, 32], reviewers: ['dana', 'sam'], deadline: inADay() },
      ctx
    )
    const calId = created.id
    const [g, e] = [id('Greeting'), id('Empathy')]
    await dana.pulled(calId)
    await sam.pulled(calId)
    const danaSession = (await dana.handlers['team:openCalibration']({ calibrationId: calId }, ctx)).sessionId
    const samSession = (await sam.handlers['team:openCalibration']({ calibrationId: calId }, ctx)).sessionId
    await dana.score(danaSession, 31, { [g]: 'yes', [e]: 4 })
    await dana.score(danaSession, 32, { [g]: 'no', [e]: 2 })
    await dana.handlers['team:submitCalibration']({ calibrationId: calId }, ctx)
    await sam.score(samSession, 31, { [g]: 'yes', [e]: 4 })

    const samSql = await sam.sql()
    const before = await samSql.query("SELECT count(*)::int AS n FROM callreview.reviews WHERE calibration_id = $1 AND reviewer = 'dana'", [calId])
    expect(before.rows[0].n).toBe(0)
    await expect(Promise.resolve().then(() => sam.handlers['team:calibrationResult']({ calibrationId: calId }, ctx))).rejects.toThrow(/stay hidden/)

    // The deadline passes (moved by the admin rather than waited for; is_revealed compares it with now()).
    await admin.query("UPDATE callreview.calibrations SET deadline = now() - interval '1 minute' WHERE id = $1", [calId])
    const after = await samSql.query("SELECT count(*)::int AS n FROM callreview.reviews WHERE calibration_id = $1 AND reviewer = 'dana'", [calId])
    expect(after.rows[0].n).toBe(2)
    await expect(Promise.resolve().then(() => sam.handlers['team:submitCalibration']({ calibrationId: calId }, ctx))).rejects.toThrow(
      /The deadline has passed/
    )
    // Revealed, Sam can no longer add the call they never scored: not through the app, not by hand.
    await sam.score(samSession, 32, { [g]: 'no', [e]: 2 })
    const sams = await admin.query("SELECT call_id FROM callreview.reviews WHERE calibration_id = $1 AND reviewer = 'sam'", [calId])
    expect(sams.rows.map((r) => Number(r.call_id))).toEqual([31])
    await expect(
      samSql.query(
        "INSERT INTO callreview.reviews (id, account, call_id, template_id, template_version, calibration_id) VALUES (gen_random_uuid(), 'ou-42', 32, $2, 1, $1)",
        [calId, template.id]
      )
    ).rejects.toMatchObject({ code: '42501' })
    const result = await sam.handlers['team:calibrationResult']({ calibrationId: calId }, ctx)
    fits('team:calibrationResult', result)
    expect(result.calibration.revealed).toBe(true)
    expect(result.calibration.members.map((m) => [m.login, m.submittedAt === null])).toEqual([
      ['dana', false],
      ['sam', true]
    ])
    // Call 31: both yes / 4; call 32 only Dana answered, so only call 31 is pairable.
    expect(result.overall).toEqual({ percentAgreement: 1, alpha: 1, pairableUnits: 2 })
    expect(result.criteria.every((c) => c.disagreements === 0)).toBe(true)
    expect(result.calls.find((c) => c.callId === 32)?.scores).toEqual([
      { reviewer: 'dana', scorePercent: 12.5 },
      { reviewer: 'sam', scorePercent: null }
    ])
    // No reference scored: deviation from the reference is unknown, from the team it is 0 (they agreed).
    expect(result.deviations.map((x) => [x.reviewer, x.matchesReference, x.meanScoreDifference, x.meanDifferenceFromTeam])).toEqual([
      ['dana', null, null, 0],
      ['sam', null, null, 0]
    ])
  }, 90_000)

  it('lets only the lead reveal a calibration early', async () => {
    const created = await lead.handlers['team:createCalibration'](
      { name: 'Week 50', templateId: template.id, callIds: [41], reviewers: ['dana', 'sam'], deadline: inADay() },
      ctx
    )
    const calId = created.id
    await dana.pulled(calId)
    await sam.pulled(calId)
    const { sessionId } = await dana.handlers['team:openCalibration']({ calibrationId: calId }, ctx)
    await dana.score(sessionId, 41, { [id('Greeting')]: 'yes', [id('Empathy')]: 3 })
    const danasOf = async () =>
      (await (await sam.sql()).query("SELECT count(*)::int AS n FROM callreview.reviews WHERE calibration_id = $1 AND reviewer = 'dana'", [calId]))
        .rows[0].n
    expect(await danasOf()).toBe(0)
    await expect(Promise.resolve().then(() => sam.handlers['team:revealCalibration']({ calibrationId: calId }, ctx))).rejects.toThrow(
      /Only a team lead can reveal a calibration/
    )
    const revealed = await lead.handlers['team:revealCalibration']({ calibrationId: calId }, ctx)
    fits('team:revealCalibration', revealed)
    expect(revealed.revealed).toBe(true)
    expect(await danasOf()).toBe(1)
    const result = await sam.handlers['team:calibrationResult']({ calibrationId: calId }, ctx)
    expect(result.calls).toEqual([
      {
        callId: 41,
        referenceScore: null,
        scores: [
          { reviewer: 'dana', scorePercent: 75 },
          { reviewer: 'sam', scorePercent: null }
        ]
      }
    ])
  }, 60_000)
})
