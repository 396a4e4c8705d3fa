/**
 * A lead publishes a scorecard and assigns a session's calls; the reviewer's profile pulls both
 * (the scorecard becomes a local template), and the lead sees the reviewer's progress. Real
 * PostgreSQL, real qa.sqlite, the real team handlers.
 *
 *   nice npx vitest run test/integration/main/team/work.test.ts
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createLogger, type Logger } from '@main/services/log'
import type { CallFacts } from '@main/services/qa/export'
import { QaRepository } from '@main/services/qa/qa-repository'
import { addMember, initTeam } from '@main/services/team/team-admin'
import { createTeamHandlers } from '@main/services/team/team-handlers'
import { MemoryTeamPasswordStore } from '@main/services/team/team-password-store'
import { queueTeamReview } from '@main/services/team/team-review-queue'
import { TeamService } from '@main/services/team/team-service'
import { TemplateSchema } from '@shared/qa/schemas'
import { waitFor } from '@test/fixtures/team/cuttable-link'
import { reviewContextOf } from '@test/fixtures/team/review-context'
import { pgUnavailableReason, postgresRequired, startPgCluster, type PgCluster } from '@test/fixtures/team/pg-cluster'

const unavailable = pgUnavailableReason()
if (unavailable && postgresRequired()) throw new Error(`The team tests need PostgreSQL: ${unavailable}`)

const PASSWORD = 'team-password-7f3a9c'
const facts = (callId: number): CallFacts => ({
  startedAt: '2026-11-20T14:05:00.000Z',
  callerId: null,
  callerIdentity: null,
  trackingNumber: null,
  campaign: 'Roofing',
  disposition: 'ANSWERED',
  durationSeconds: 60 + callId,
  agent: 'Maria',
  group: 'Austin',
  hasRecording: true
})

describe.skipIf(unavailable !== null)('published templates and assignments', () => {
  let cluster: PgCluster
  let log: Logger
  const closers: Array<() => Promise<void> | void> = []
  beforeAll(async () => {
    cluster = await startPgCluster()
    log = createLogger({ file: join(mkdtempSync(join(tmpdir(), 'team-work-log-')), 'main.log') })
  }, 60_000)
  afterAll(async () => {
    await cluster?.stop()
  })
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close()
  })

  async function member(db: string, user: string) {
    const dir = mkdtempSync(join(tmpdir(), `team-work-${user}-`))
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
      sessionCallIds: (sessionId) => qa.getSession('me', sessionId).items.map((i) => i.callId),
      callFacts: facts,
      account: () => 'ou-42',
      createSession: ({ name, templateId, templateVersion, callIds }) => qa.createSession(user, { name, templateId, callIds }, templateVersion).id,
      sessionExists: (sessionId) => qa.listSessions(user).some((s) => s.id === sessionId)
    })
    return { qa, team, handlers }
  }

  it('publishes, assigns a session, and shows the reviewer their assignment and the lead the progress', async () => {
    const db = await cluster.createDatabase()
    const admin = new pg.Client({ host: cluster.host, port: cluster.port, database: db, user: cluster.superuser })
    await admin.connect()
    closers.push(() => admin.end())
    await initTeam(admin, 'Summit QA')
    await addMember(admin, { login: 'lee', displayName: 'Lee Park', role: 'lead', password: PASSWORD })
    await addMember(admin, { login: 'dana', displayName: 'Dana Reyes', role: 'reviewer', password: PASSWORD })
    const ctx = { senderUrl: 'app://' }
    const lead = await member(db, 'lee')
    const dana = await member(db, 'dana')

    const core = lead.qa.saveTemplate({ name: 'Core QA', criteria: [{ label: 'Greeting', weight: 1, type: 'yes_no' }] }, 'lee')
    // A reviewer cannot publish: the app says so, and the database would refuse it anyway.
    const danaOwn = dana.qa.saveTemplate({ name: 'Mine', criteria: [{ label: 'X', weight: 1, type: 'yes_no' }] }, 'dana')
    await expect(Promise.resolve().then(() => dana.handlers['team:publishTemplate']({ templateId: danaOwn.id }, ctx))).rejects.toThrow(
      /Only a team lead can publish/
    )
    await expect(
      Promise.resolve().then(() => lead.handlers['team:assign']({ reviewer: 'dana', templateId: core.id, callIds: [1] }, ctx))
    ).rejects.toThrow(/Publish the scorecard to the team before assigning/)
    const published = await lead.handlers['team:publishTemplate']({ templateId: core.id }, ctx)
    expect(published).toMatchObject({ templateId: core.id, version: 1, name: 'Core QA' })

    const session = lead.qa.createSession('me', { name: 'Week 48', templateId: core.id, callIds: [11, 12, 13] })
    await expect(
      Promise.resolve().then(() => lead.handlers['team:assign']({ reviewer: 'nobody', templateId: core.id, sessionId: session.id }, ctx))
    ).rejects.toThrow(/"nobody" is not a member of the team/)
    const due = '2026-12-11T17:00:00.000Z'
    expect(await lead.handlers['team:assign']({ reviewer: 'dana', templateId: core.id, sessionId: session.id, dueAt: due }, ctx)).toEqual({
      assigned: 3
    })

    // The reviewer: the scorecard arrives as a local template, and "assigned to you" with 0 of 3.
    await waitFor(
      'dana pulled the assignment',
      () => dana.team.work().assignments.length,
      (n) => n === 1
    )
    const work = dana.team.work()
    expect(work.me).toEqual({ login: 'dana', displayName: 'Dana Reyes', role: 'reviewer' })
    expect(work.templates.map((t) => [t.templateId, t.version, t.name])).toEqual([[core.id, 1, 'Core QA']])
    expect(work.assignments[0]).toMatchObject({ reviewer: 'dana', templateName: 'Core QA', callIds: [11, 12, 13], reviewed: 0 })
    expect(new Date(work.assignments[0]?.dueAt ?? '').toISOString()).toBe(due)
    expect(dana.qa.getTemplate(core.id, 1).criteria.map((c) => c.label)).toEqual(['Greeting'])

    // Dana reviews one assigned call with it; the lead sees 1 of 3.
    const mine = dana.qa.createSession('dana', { name: 'Assigned', templateId: core.id, callIds: [11, 12, 13] })
    const criterion = core.criteria[0]?.id as string
    const request = { sessionId: mine.id, callId: 11, answers: { [criterion]: 'yes' as const }, reviewed: true }
    const review = dana.qa.saveReview('dana', request)
    expect(
      await queueTeamReview(
        { sync: () => dana.team.sync(), account: () => 'ou-42', getCallFacts: facts, log, ...reviewContextOf(() => dana.qa, 'dana') },
        request,
        review
      )
    ).toBe('queued')
    await waitFor(
      'dana pushed',
      () => dana.team.status(),
      (s) => s.state === 'synced' && s.pending === 0
    )
    await lead.team.sync()?.sync()
    const progress = await waitFor(
      'the lead sees the progress',
      () => lead.team.work().assignments,
      (a) => a[0]?.reviewed === 1
    )
    expect(progress[0]).toMatchObject({ reviewerName: 'Dana Reyes', callIds: [11, 12, 13], reviewed: 1 })
  }, 90_000)
})
