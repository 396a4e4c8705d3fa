/**
 * The lead's team dashboard over a year of a team's reviews: 1,000,000 finished reviews by 50
 * reviewers of calls handled by 200 agents in 20 campaigns and 10 groups, read through the
 * rollups (migration 2) as a lead, with row-level security on. Generation is timed for
 * information; the target is each dashboard query's p95.
 */
import pg from 'pg'
import { addMember, initTeam } from '@main/services/team/team-admin'
import { calibrationDrift, criterionOverTime, criterionResults, scoresOverTime } from '@main/services/team/team-dashboard'
import { pgUnavailableReason, startPgCluster } from '../fixtures/team/pg-cluster'
import { percentile, round, type BenchResult } from './types'

const REVIEWS = 1_000_000
const RUNS = 20

export async function run(): Promise<BenchResult[]> {
  const unavailable = pgUnavailableReason()
  if (unavailable) throw new Error(`team dashboard bench needs PostgreSQL: ${unavailable}`)
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
    const db = await cluster.createDatabase()
    const admin = await connect(db, cluster.superuser)
    await initTeam(admin, 'Bench QA')
    await addMember(admin, { login: 'lee', displayName: 'Lee', role: 'lead', password: 'bench password 123' })
    await admin.query(`INSERT INTO callreview.templates (id, name) VALUES ('core', 'Core')`)
    await admin.query(
      `INSERT INTO callreview.template_versions (template_id, version, name, definition, published_at) VALUES ('core', 1, 'Core', '{}', now())`
    )
    const genStart = performance.now()
    await admin.query(
      `INSERT INTO callreview.members (login, display_name, role) SELECT 'r' || g, 'Reviewer ' || g, 'reviewer' FROM generate_series(1, 50) g`
    )
    await admin.query(
      `INSERT INTO callreview.calls (account, call_id, started_at, campaign, group_name, agent, duration_sec)
       SELECT 'acct', g, timestamptz '2025-12-01' + (g % 365) * interval '1 day', 'Campaign ' || (g % 20), 'Group ' || (g % 10), 'Agent ' || (g % 200), 60 + g % 600
       FROM generate_series(1, ${REVIEWS}) g`
    )
    // Bulk load as a restore would: no per-row foreign-key triggers, then the rollups built in
    // one pass by the same function the triggers call.
    await admin.query(`SET session_replication_role = replica`)
    await admin.query(
      `INSERT INTO callreview.reviews (id, reviewer, account, call_id, template_id, template_version, answers, reviewed, score_percent, finished_at, critical_failures)
       SELECT gen_random_uuid(), 'r' || (g % 50 + 1), 'acct', g, 'core', 1,
              jsonb_build_object('greeting', CASE WHEN g % 3 = 0 THEN 'no' ELSE 'yes' END, 'empathy', g % 5 + 1,
                                 'resolution', CASE WHEN g % 7 = 0 THEN 'na' ELSE 'yes' END, 'closing', 'yes',
                                 'compliance', CASE WHEN g % 11 = 0 THEN 'no' ELSE 'yes' END),
              true, (g * 37) % 101, timestamptz '2025-12-01' + (g % 365) * interval '1 day' + (g % 86400) * interval '1 second', (g % 11 = 0)::int
       FROM generate_series(1, ${REVIEWS}) g`
    )
    await admin.query(`SET session_replication_role = DEFAULT`)
    await admin.query('BEGIN')
    await admin.query(
      `CREATE TEMP TABLE rollup_delta ON COMMIT DROP AS
       SELECT 1 AS sign, finished_at, reviewer, account, call_id, score_percent, critical_failures, answers FROM callreview.reviews`
    )
    await admin.query('SELECT callreview.rollup_delta_apply()')
    await admin.query('COMMIT')
    await admin.query('ANALYZE')
    const generationMs = performance.now() - genStart
    const rollupRows = (
      await admin.query(`SELECT (SELECT count(*) FROM callreview.score_daily)::int AS s, (SELECT count(*) FROM callreview.criterion_daily)::int AS c`)
    ).rows[0]

    const lead = await connect(db, 'lee')
    const year = { from: '2025-12-01', to: '2026-12-01' }
    const quarter = { from: '2026-08-01', to: '2026-11-01' }
    const queries: Array<[string, () => Promise<unknown[]>]> = [
      ['scores by agent per week, a year (10,400 points)', () => scoresOverTime(lead, { ...year, dimension: 'agent', bucket: 'week' })],
      [
        'scores by agent per month, a year, 5 agents',
        () => scoresOverTime(lead, { ...year, dimension: 'agent', bucket: 'month', keys: ['Agent 1', 'Agent 2', 'Agent 3', 'Agent 4', 'Agent 5'] })
      ],
      ['scores by reviewer per day, a quarter', () => scoresOverTime(lead, { ...quarter, dimension: 'reviewer', bucket: 'day' })],
      ['scores by campaign per month, a year', () => scoresOverTime(lead, { ...year, dimension: 'campaign', bucket: 'month' })],
      ['scores by group per week, a year', () => scoresOverTime(lead, { ...year, dimension: 'group', bucket: 'week' })],
      ['criteria for the team, a year', () => criterionResults(lead, year)],
      ['criteria for one agent, a year', () => criterionResults(lead, { ...year, agent: 'Agent 7' })],
      ['criteria for the team per week, a year (the criterion chart)', () => criterionOverTime(lead, { ...year, bucket: 'week' })],
      ['criteria for the team per day, a quarter', () => criterionOverTime(lead, { ...quarter, bucket: 'day' })],
      ['calibration drift, a year', () => calibrationDrift(lead, year)]
    ]
    const perQuery: string[] = []
    let worst = 0
    const all: number[] = []
    for (const [name, query] of queries) {
      await query()
      const times: number[] = []
      for (let i = 0; i < RUNS; i += 1) {
        const start = performance.now()
        await query()
        times.push(performance.now() - start)
      }
      const p95 = percentile(times, 95)
      worst = Math.max(worst, p95)
      all.push(...times)
      perQuery.push(`${name}: p95 ${round(p95)} ms`)
    }
    const plan = await lead.query(
      `EXPLAIN SELECT to_char(date_trunc('week', day), 'YYYY-MM-DD'), key, sum(reviews) FROM callreview.score_daily
       WHERE dimension = 'agent' AND day >= '2025-12-01' AND day < '2026-12-01' GROUP BY 1, 2`
    )
    const planText = plan.rows
      .map((r: Record<string, string>) => (r['QUERY PLAN'] ?? '').trim())
      .filter((l) => /Scan|Aggregate/.test(l))
      .map((l) => l.replace(/\s*\(cost=.*$/, ''))
      .join(' / ')
    return [
      {
        name: 'team dashboard: slowest query p95 over 1,000,000 reviews (50 reviewers, 200 agents, a year)',
        target: '< 200 ms p95',
        value: round(worst),
        unit: 'ms',
        pass: worst < 200,
        notes: `${perQuery.join('; ')}; all queries pooled p95 ${round(percentile(all, 95))} ms; ${RUNS} runs each as a lead with RLS on. Rollups: ${rollupRows.s} score rows, ${rollupRows.c} criterion rows. Plan (agent by week): ${planText}. Generating the year took ${round(generationMs / 1000, 1)} s.`
      }
    ]
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)))
    await cluster.stop()
  }
}
