/**
 * The lead's team dashboard, read from the rollups that migration 2 keeps (score_daily,
 * criterion_daily) so a year of a team's reviews answers in milliseconds. Only leads may read
 * them: a reviewer's query is refused by the database.
 *
 * Days are UTC days of the review's finish time; a range is [from, to) in ISO dates.
 */
import type pg from 'pg'
import { z } from 'zod'
import { TEAM_DASHBOARD_BUCKETS, TEAM_DASHBOARD_DIMENSIONS } from '@shared/ipc/contract/team-dashboard'

export const DASHBOARD_DIMENSIONS = TEAM_DASHBOARD_DIMENSIONS
export type DashboardDimension = (typeof DASHBOARD_DIMENSIONS)[number]
export const DASHBOARD_BUCKETS = TEAM_DASHBOARD_BUCKETS

export const DashboardRangeSchema = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date()
})
export type DashboardRange = z.infer<typeof DashboardRangeSchema>

export interface ScorePoint {
  bucket: string
  key: string
  reviews: number
  averageScore: number | null
  criticalFailures: number
}

function checkedRange(range: DashboardRange): DashboardRange {
  const parsed = DashboardRangeSchema.parse({ from: range.from, to: range.to })
  if (parsed.from >= parsed.to) throw new Error(`The dashboard range must end after it starts (from ${parsed.from} to ${parsed.to}).`)
  return parsed
}

export interface ScoreSums {
  bucket: string
  key: string
  reviews: number
  /** Reviews with a score (the rest have none: every criterion N/A). */
  scored: number
  scoreSum: number
  criticalFailures: number
}

type ScoreQuery = DashboardRange & { dimension: DashboardDimension; bucket: (typeof DASHBOARD_BUCKETS)[number]; keys?: readonly string[] }

/** The sums behind scoresOverTime, for callers that add buckets or keys up before averaging. */
export async function scoreSumsOverTime(client: pg.ClientBase, options: ScoreQuery): Promise<ScoreSums[]> {
  const { from, to } = checkedRange(options)
  const dimension = z.enum(DASHBOARD_DIMENSIONS).parse(options.dimension)
  const bucket = z.enum(DASHBOARD_BUCKETS).parse(options.bucket)
  const result = await client.query(
    `SELECT to_char(date_trunc($4, day), 'YYYY-MM-DD') AS bucket, key,
            sum(reviews)::int AS reviews, sum(scored)::int AS scored, sum(score_sum)::float8 AS score_sum, sum(critical_failures)::int AS critical
     FROM callreview.score_daily
     WHERE dimension = $5 AND day >= $1::date AND day < $2::date AND ($3::text[] IS NULL OR key = ANY ($3::text[]))
     GROUP BY 1, 2 ORDER BY 1, 2`,
    [from, to, options.keys ? [...options.keys] : null, bucket, dimension]
  )
  return result.rows.map((r) => ({
    bucket: r.bucket,
    key: r.key,
    reviews: r.reviews,
    scored: r.scored,
    scoreSum: r.score_sum,
    criticalFailures: r.critical
  }))
}

/** Average score and volume over time, per agent, campaign, group or reviewer. */
export async function scoresOverTime(client: pg.ClientBase, options: ScoreQuery): Promise<ScorePoint[]> {
  return (await scoreSumsOverTime(client, options)).map((r) => ({
    bucket: r.bucket,
    key: r.key,
    reviews: r.reviews,
    averageScore: r.scored > 0 ? r.scoreSum / r.scored : null,
    criticalFailures: r.criticalFailures
  }))
}

export interface CriterionPoint {
  criterion: string
  answered: number
  na: number
  /** Share of "yes" among answered yes/no answers; null when none. */
  passRate: number | null
  averageRating: number | null
}

/** Per-criterion results over a range, for the whole team or one agent. */
export async function criterionResults(client: pg.ClientBase, options: DashboardRange & { agent?: string }): Promise<CriterionPoint[]> {
  const { from, to } = checkedRange(options)
  const result = await client.query(
    `SELECT criterion, sum(answered)::int AS answered, sum(yes)::int AS yes, sum(na)::int AS na,
            sum(rating_n)::int AS rating_n, sum(rating_sum)::float8 AS rating_sum
     FROM callreview.criterion_daily
     WHERE agent = coalesce($3::text, '*') AND day >= $1::date AND day < $2::date
     GROUP BY criterion ORDER BY criterion`,
    [from, to, options.agent ?? null]
  )
  return result.rows.map((r) => {
    const yesNo = r.answered - r.rating_n
    return {
      criterion: r.criterion,
      answered: r.answered,
      na: r.na,
      passRate: yesNo > 0 ? r.yes / yesNo : null,
      averageRating: r.rating_n > 0 ? r.rating_sum / r.rating_n : null
    }
  })
}

export interface CriterionBucketRow {
  bucket: string
  criterion: string
  answered: number
  yes: number
  na: number
  /** Answers that were 1–5 ratings (the rest of `answered` are yes/no). */
  ratings: number
  ratingSum: number
}

/** The team's answers per criterion and bucket, as sums (rates are derived after adding buckets up). */
export async function criterionOverTime(
  client: pg.ClientBase,
  options: DashboardRange & { bucket: (typeof DASHBOARD_BUCKETS)[number] }
): Promise<CriterionBucketRow[]> {
  const { from, to } = checkedRange(options)
  const bucket = z.enum(DASHBOARD_BUCKETS).parse(options.bucket)
  const result = await client.query(
    `SELECT to_char(date_trunc($3, day), 'YYYY-MM-DD') AS bucket, criterion, sum(answered)::int AS answered, sum(yes)::int AS yes,
            sum(na)::int AS na, sum(rating_n)::int AS rating_n, sum(rating_sum)::float8 AS rating_sum
     FROM callreview.criterion_daily
     WHERE agent = '*' AND day >= $1::date AND day < $2::date
     GROUP BY 1, 2 ORDER BY 1, 2`,
    [from, to, bucket]
  )
  return result.rows.map((r) => ({
    bucket: r.bucket,
    criterion: r.criterion,
    answered: r.answered,
    yes: r.yes,
    na: r.na,
    ratings: r.rating_n,
    ratingSum: r.rating_sum
  }))
}

export interface CalibrationDrift {
  calibrationId: string
  name: string
  deadline: string
  reviewer: string
  /** Mean |reviewer's score − lead's reference score| over the calibration's calls, in points. */
  meanDeviation: number
  calls: number
}

/**
 * How far each reviewer's calibration scores sit from the lead's reference answers, calibration
 * by calibration: a reviewer drifting away shows a rising line.
 */
export async function calibrationDrift(client: pg.ClientBase, range: DashboardRange): Promise<CalibrationDrift[]> {
  const { from, to } = checkedRange(range)
  const result = await client.query(
    `SELECT c.id, c.name, c.deadline, r.reviewer, avg(abs(r.score_percent - ref.score_percent))::float8 AS deviation, count(*)::int AS calls
     FROM callreview.calibrations c
     JOIN callreview.reviews r ON r.calibration_id = c.id AND r.score_percent IS NOT NULL
     JOIN callreview.members m ON m.login = r.reviewer AND m.role = 'reviewer'
     JOIN callreview.reviews ref ON ref.calibration_id = c.id AND ref.account = r.account AND ref.call_id = r.call_id
       AND ref.reviewer = c.created_by AND ref.score_percent IS NOT NULL
     WHERE c.deadline >= $1::date AND c.deadline < $2::date
     GROUP BY c.id, c.name, c.deadline, r.reviewer
     ORDER BY c.deadline, r.reviewer`,
    [from, to]
  )
  return result.rows.map((r) => ({
    calibrationId: r.id,
    name: r.name,
    deadline: (r.deadline as Date).toISOString(),
    reviewer: r.reviewer,
    meanDeviation: r.deviation,
    calls: r.calls
  }))
}
