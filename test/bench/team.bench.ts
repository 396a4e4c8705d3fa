/**
 * Team QA on PostgreSQL: pushing a long outbox (a reviewer back from a day offline) and pulling
 * a day of the team's changes, against a throw-away local cluster (test/fixtures/team/pg-cluster.ts).
 */
import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import pg from 'pg'
import { addMember, initTeam } from '@main/services/team/team-admin'
import { TeamOutbox, type ReviewChange } from '@main/services/team/team-outbox'
import { pullTeamChanges } from '@main/services/team/team-pull'
import { pgUnavailableReason, startPgCluster } from '../fixtures/team/pg-cluster'
import { percentile, round, type BenchResult } from './types'

const PASSWORD = 'bench password 123'

/** 50 sessions of 40 reviews: each review is in one session, as in the app. */
const SESSIONS = Array.from({ length: 50 }, () => randomUUID())

function change(reviewId: string, i: number): ReviewChange {
  return {
    reviewId,
    session: {
      id: SESSIONS[(i % 2000) % 50] as string,
      name: `Week ${(i % 2000) % 50}`,
      templateId: 'core',
      templateVersion: 1,
      callCount: 40,
      createdAt: '2026-11-30T09:00:00Z'
    },
    call: {
      account: 'acct',
      callId: 1 + (i % 2000),
      startedAt: '2026-11-30T14:05:00Z',
      campaign: 'Roofing',
      group: 'Austin',
      agent: `agent ${i % 200}`,
      durationSec: 60 + (i % 300)
    },
    templateId: 'core',
    templateVersion: 1,
    calibrationId: null,
    fields:
      i % 3 === 0
        ? { answers: { [`c${i % 9}`]: i % 2 === 0 ? 'yes' : 'no' } }
        : i % 3 === 1
          ? { comment: `comment ${i}`, notes: [{ id: `n${i}`, seconds: i % 600, text: `note ${i}` }] }
          : { score_percent: i % 100, reviewed: true }
  }
}

export async function run(): Promise<BenchResult[]> {
  const unavailable = pgUnavailableReason()
  if (unavailable) throw new Error(`team bench needs PostgreSQL: ${unavailable}`)
  const cluster = await startPgCluster()
  const clients: pg.Client[] = []
  const connect = async (database: string, user: string): Promise<pg.Client> => {
    const client = new pg.Client({ host: cluster.host, port: cluster.port, database, user })
    client.on('error', () => undefined)
    await client.connect()
    clients.push(client)
    return client
  }
  try {
    const pushTimes: number[] = []
    for (let round_ = 0; round_ < 3; round_ += 1) {
      const db = await cluster.createDatabase()
      const admin = await connect(db, cluster.superuser)
      await initTeam(admin, 'Bench QA')
      await addMember(admin, { login: 'lee', displayName: 'Lee', role: 'lead', password: PASSWORD })
      await addMember(admin, { login: 'dana', displayName: 'Dana', role: 'reviewer', password: PASSWORD })
      await admin.query(`INSERT INTO callreview.templates (id, name) VALUES ('core', 'Core')`)
      await admin.query(
        `INSERT INTO callreview.template_versions (template_id, version, name, definition, published_at) VALUES ('core', 1, 'Core', '{}', now())`
      )
      const outbox = new TeamOutbox(new Database(':memory:'))
      const reviews = Array.from({ length: 2000 }, () => randomUUID())
      for (let i = 0; i < 10_000; i += 1) outbox.enqueue(change(reviews[i % 2000] as string, i))
      const dana = await connect(db, 'dana')
      const start = performance.now()
      const result = await outbox.push(dana)
      pushTimes.push(performance.now() - start)
      if (result.applied !== 10_000) throw new Error(`pushed ${result.applied} of 10,000`)
    }

    // Pull: a reviewer who pulled yesterday, then 5,000 team changes (assignments and published
    // template versions by the lead, the reviewer's own reviews from another machine).
    const db = await cluster.createDatabase()
    const admin = await connect(db, cluster.superuser)
    await initTeam(admin, 'Bench QA')
    await addMember(admin, { login: 'lee', displayName: 'Lee', role: 'lead', password: PASSWORD })
    await addMember(admin, { login: 'dana', displayName: 'Dana', role: 'reviewer', password: PASSWORD })
    await admin.query(`INSERT INTO callreview.templates (id, name) VALUES ('core', 'Core')`)
    await admin.query(
      `INSERT INTO callreview.template_versions (template_id, version, name, definition, published_at) VALUES ('core', 1, 'Core', '{}', now())`
    )
    const dana = await connect(db, 'dana')
    const lee = await connect(db, 'lee')
    const before = await pullTeamChanges(dana)
    await lee.query(`INSERT INTO callreview.calls (account, call_id, started_at) SELECT 'acct', g, now() FROM generate_series(1, 4000) g`)
    await lee.query(
      `INSERT INTO callreview.assignments (account, call_id, reviewer, template_id, template_version, due_at)
       SELECT 'acct', g, 'dana', 'core', 1, now() + interval '3 days' FROM generate_series(1, 4000) g`
    )
    const other = new TeamOutbox(new Database(':memory:'))
    const reviews = Array.from({ length: 1000 }, () => randomUUID())
    for (let i = 0; i < 1000; i += 1) other.enqueue({ ...change(reviews[i] as string, i), call: { ...change('', i).call, callId: 1 + i } })
    await other.push(dana)
    const pullTimes: number[] = []
    let pulled = 0
    for (let i = 0; i < 5; i += 1) {
      const start = performance.now()
      const result = await pullTeamChanges(dana, before.cursor)
      pullTimes.push(performance.now() - start)
      pulled = result.assignments.length + result.reviews.length + result.templateVersions.length
    }
    if (pulled !== 5000) throw new Error(`pulled ${pulled} of 5,000 changes`)

    const pushMedian = percentile(pushTimes, 50)
    const pullMedian = percentile(pullTimes, 50)
    return [
      {
        name: 'team: push 10,000 queued review changes to a local PostgreSQL',
        target: '< 3 s',
        value: round(pushMedian / 1000, 3),
        unit: 's',
        pass: pushMedian < 3000,
        notes: `median of ${pushTimes.length} fresh databases; runs ${pushTimes.map((t) => round(t)).join(', ')} ms; batches of 500 in one transaction each; every change names its session (50), a third carry the review's notes`
      },
      {
        name: 'team: pull after a day offline with 5,000 team changes',
        target: '< 2 s',
        value: round(pullMedian / 1000, 3),
        unit: 's',
        pass: pullMedian < 2000,
        notes: `median of ${pullTimes.length}; runs ${pullTimes.map((t) => round(t)).join(', ')} ms; 4,000 assignments + 1,000 reviews`
      }
    ]
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)))
    await cluster.stop()
  }
}
