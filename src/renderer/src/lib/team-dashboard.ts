/**
 * What the team dashboard screen derives from main's answer (team:dashboard): the default
 * filters, chart rows on the dashboard's time axis, and the sentence a chart says to a screen
 * reader. Pure, so it is tested without a browser.
 */
import { format, subDays } from 'date-fns'
import type { DashboardPoint, TeamDashboard, TeamDashboardFilters } from '@shared/ipc/contract'

/** The last twelve weeks to today (the lead's local day), by week. */
export function defaultDashboardFilters(now: Date): TeamDashboardFilters {
  return { from: format(subDays(now, 83), 'yyyy-MM-dd'), to: format(now, 'yyyy-MM-dd'), bucket: 'week' }
}

/** One line of a chart: a name and its value per point of the axis (null where there is none). */
export interface ChartSeries {
  name: string
  values: (number | null)[]
}

/** Chart rows for recharts: one per axis label, each line's value at `values[n]`. */
export function chartRows(labels: readonly string[], series: readonly ChartSeries[]): { label: string; values: (number | null)[] }[] {
  return labels.map((label, n) => ({ label, values: series.map((s) => s.values[n] ?? null) }))
}

/** A dimension's (or the team's) points as values on the dashboard's buckets. */
export function onBuckets(
  buckets: readonly string[],
  points: readonly DashboardPoint[],
  metric: 'averageScore' | 'reviews' | 'criticalFailures'
): (number | null)[] {
  const at = new Map(points.map((p) => [p.bucket, p[metric]]))
  return buckets.map((b) => at.get(b) ?? null)
}

/** Each criterion's pass rate (percent) per bucket; ratings-only criteria have none and are left out. */
export function criterionSeries(dashboard: TeamDashboard, limit: number): ChartSeries[] {
  return dashboard.criteria
    .filter((c) => c.passRate !== null)
    .slice(0, limit)
    .map((c) => {
      const at = new Map(c.points.map((p) => [p.bucket, p.passRate === null ? null : p.passRate * 100]))
      return { name: c.label, values: dashboard.buckets.map((b) => at.get(b) ?? null) }
    })
}

/** Calibration drift as lines per reviewer over the calibrations, in deadline order. */
export function driftSeries(
  drift: TeamDashboard['drift'],
  nameOf: (login: string) => string = (login) => login
): { labels: string[]; series: ChartSeries[] } {
  const calibrations: { id: string; label: string }[] = []
  for (const d of drift) if (!calibrations.some((c) => c.id === d.calibrationId)) calibrations.push({ id: d.calibrationId, label: d.name })
  const reviewers = [...new Set(drift.map((d) => d.reviewer))].sort()
  return {
    labels: calibrations.map((c) => c.label),
    series: reviewers.map((reviewer) => ({
      name: nameOf(reviewer),
      values: calibrations.map((c) => drift.find((d) => d.calibrationId === c.id && d.reviewer === reviewer)?.meanDeviation ?? null)
    }))
  }
}

function spokenValue(value: number, unit: string): string {
  return `${Math.round(value * 10) / 10}${unit}`
}

/**
 * What a trend chart says without sight: per line, its first and last value and where ("Maria:
 * 80 % on 2026-11-02 to 75 % on 2026-11-23"); the full figures are in the table beside the chart.
 */
export function describeTrend(labels: readonly string[], series: readonly ChartSeries[], unit: string): string {
  if (series.length === 0) return 'No data in this range.'
  return series
    .map((s) => {
      const known = s.values.map((v, n) => ({ v, at: labels[n] ?? '' })).filter((p): p is { v: number; at: string } => p.v !== null)
      const first = known[0]
      const last = known[known.length - 1]
      if (!first || !last) return `${s.name}: no data`
      if (first === last) return `${s.name}: ${spokenValue(first.v, unit)} on ${first.at}`
      return `${s.name}: ${spokenValue(first.v, unit)} on ${first.at} to ${spokenValue(last.v, unit)} on ${last.at}`
    })
    .join('; ')
}
