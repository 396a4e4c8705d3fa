/**
 * Turns the dashboard's query rows (team-dashboard.ts) into what the lead's screen and the
 * exports show: the time axis, the team per bucket, each dimension's busiest keys over time and
 * every key's totals, each criterion over time, calibration drift. Pure, so it is tested without
 * a database; averages are taken after summing, never averaged twice.
 */
import {
  MAX_DASHBOARD_KEYS,
  MAX_DASHBOARD_SERIES,
  TEAM_DASHBOARD_DIMENSIONS,
  type DashboardBreakdown,
  type DashboardFigures,
  type TeamDashboard,
  type TeamDashboardBucket,
  type TeamDashboardDimension,
  type TeamDashboardFilters
} from '@shared/ipc/contract/team-dashboard'
import type { CalibrationDrift, CriterionBucketRow, DashboardRange, ScoreSums } from './team-dashboard'

const DAY_MS = 86_400_000

function utcDay(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`)
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** The queries' half-open range [from, to): the filters' last day is included. */
export function queryRange(filters: Pick<TeamDashboardFilters, 'from' | 'to'>): DashboardRange {
  return { from: filters.from, to: isoDay(new Date(utcDay(filters.to).getTime() + DAY_MS)) }
}

/** The first day of the bucket holding `day`: itself, its ISO week's Monday, or the 1st of its month (PostgreSQL's date_trunc). */
export function bucketStart(day: string, bucket: TeamDashboardBucket): string {
  const date = utcDay(day)
  if (bucket === 'month') return `${day.slice(0, 8)}01`
  if (bucket === 'week') return isoDay(new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * DAY_MS))
  return day
}

/** Every bucket's first day from the one holding `from` to the one holding `to`, in order. */
export function bucketStarts(from: string, to: string, bucket: TeamDashboardBucket): string[] {
  const starts: string[] = []
  let at = utcDay(bucketStart(from, bucket))
  const end = utcDay(to)
  while (at <= end) {
    starts.push(isoDay(at))
    if (bucket === 'month') at = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1))
    else at = new Date(at.getTime() + (bucket === 'week' ? 7 : 1) * DAY_MS)
  }
  return starts
}

interface Sums {
  reviews: number
  scored: number
  scoreSum: number
  criticalFailures: number
}

const noSums = (): Sums => ({ reviews: 0, scored: 0, scoreSum: 0, criticalFailures: 0 })

function add(into: Sums, row: Sums): Sums {
  into.reviews += row.reviews
  into.scored += row.scored
  into.scoreSum += row.scoreSum
  into.criticalFailures += row.criticalFailures
  return into
}

function figures(sums: Sums): DashboardFigures {
  return {
    reviews: sums.reviews,
    averageScore: sums.scored > 0 ? Math.min(100, Math.max(0, sums.scoreSum / sums.scored)) : null,
    criticalFailures: sums.criticalFailures
  }
}

/** Busiest first; ties by key, so the order never depends on the database's. */
function byVolume<T extends { key: string; reviews: number }>(a: T, b: T): number {
  return b.reviews - a.reviews || a.key.localeCompare(b.key)
}

/** One dimension's rows: every key's totals (busiest first, capped) and the busiest keys over time. */
export function breakdown(rows: readonly ScoreSums[]): DashboardBreakdown {
  const perKey = new Map<string, Sums>()
  for (const row of rows) perKey.set(row.key, add(perKey.get(row.key) ?? noSums(), row))
  const totals = [...perKey].map(([key, sums]) => ({ key, ...figures(sums) })).sort(byVolume)
  const charted = new Set(totals.slice(0, MAX_DASHBOARD_SERIES).map((t) => t.key))
  const series = totals
    .filter((t) => charted.has(t.key))
    .map((t) => ({
      key: t.key,
      points: rows.filter((r) => r.key === t.key).map((r) => ({ bucket: r.bucket, ...figures(r) }))
    }))
  return { series, totals: totals.slice(0, MAX_DASHBOARD_KEYS), more: Math.max(0, totals.length - MAX_DASHBOARD_KEYS) }
}

/** The whole team per bucket, from one dimension's rows (each review counts once in every dimension). */
export function teamOverTime(rows: readonly ScoreSums[]): TeamDashboard['team'] {
  const perBucket = new Map<string, Sums>()
  for (const row of rows) perBucket.set(row.bucket, add(perBucket.get(row.bucket) ?? noSums(), row))
  return [...perBucket].sort(([a], [b]) => a.localeCompare(b)).map(([bucket, sums]) => ({ bucket, ...figures(sums) }))
}

interface CriterionSums {
  answered: number
  yes: number
  na: number
  ratings: number
  ratingSum: number
}

function criterionFigures(sums: CriterionSums): Omit<TeamDashboard['criteria'][number], 'criterion' | 'label' | 'points'> {
  const yesNo = sums.answered - sums.ratings
  return {
    answered: sums.answered,
    na: sums.na,
    passRate: yesNo > 0 ? Math.min(1, sums.yes / yesNo) : null,
    averageRating: sums.ratings > 0 ? sums.ratingSum / sums.ratings : null
  }
}

/** Each criterion over the range (most answered first) with its buckets; labels from the published scorecards. */
export function criteriaOverTime(rows: readonly CriterionBucketRow[], labels: ReadonlyMap<string, string>): TeamDashboard['criteria'] {
  const perCriterion = new Map<string, { sums: CriterionSums; rows: CriterionBucketRow[] }>()
  for (const row of rows) {
    const entry = perCriterion.get(row.criterion) ?? { sums: { answered: 0, yes: 0, na: 0, ratings: 0, ratingSum: 0 }, rows: [] }
    entry.sums.answered += row.answered
    entry.sums.yes += row.yes
    entry.sums.na += row.na
    entry.sums.ratings += row.ratings
    entry.sums.ratingSum += row.ratingSum
    entry.rows.push(row)
    perCriterion.set(row.criterion, entry)
  }
  return [...perCriterion]
    .map(([criterion, { sums, rows: own }]) => ({
      criterion,
      label: (labels.get(criterion) ?? criterion).slice(0, 200),
      ...criterionFigures(sums),
      points: own.map((r) => ({ bucket: r.bucket, ...criterionFigures(r) }))
    }))
    .sort((a, b) => b.answered - a.answered || a.label.localeCompare(b.label))
}

export interface DashboardRows {
  /** scoreSumsOverTime per dimension, over the filters' range and bucket. */
  scores: Record<TeamDashboardDimension, readonly ScoreSums[]>
  criteria: readonly CriterionBucketRow[]
  drift: readonly CalibrationDrift[]
  /** Criterion id → label, from the published scorecards. */
  labels: ReadonlyMap<string, string>
}

export function buildDashboard(filters: TeamDashboardFilters, rows: DashboardRows): TeamDashboard {
  const dimensions = Object.fromEntries(TEAM_DASHBOARD_DIMENSIONS.map((d) => [d, breakdown(rows.scores[d])])) as TeamDashboard['dimensions']
  return {
    filters: { from: filters.from, to: filters.to, bucket: filters.bucket },
    buckets: bucketStarts(filters.from, filters.to, filters.bucket),
    team: teamOverTime(rows.scores.reviewer),
    dimensions,
    criteria: criteriaOverTime(rows.criteria, rows.labels),
    drift: rows.drift.map((d) => ({ ...d, meanDeviation: Math.min(100, d.meanDeviation) }))
  }
}
