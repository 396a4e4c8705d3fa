/**
 * The lead's team dashboard (docs/decisions/team-qa-on-postgres.md): scores over time by agent,
 * campaign, group, reviewer and criterion, critical failures, reviewer volume and calibration
 * drift, read from the team database's rollups. Only a lead may ask; the database refuses a
 * reviewer too (row-level security on the rollups).
 */
import { z } from 'zod'
import type { ChannelMap } from './types'
import { TEAM_DASHBOARD_BUCKETS, TEAM_DASHBOARD_DIMENSIONS, TEAM_DASHBOARD_EXPORT_FORMATS } from './values'

export { TEAM_DASHBOARD_BUCKETS, TEAM_DASHBOARD_DIMENSIONS, TEAM_DASHBOARD_EXPORT_FORMATS }
export type { TeamDashboardBucket, TeamDashboardDimension } from './values'

/** The longest range one dashboard covers, in days (two years, leap day included). */
export const MAX_DASHBOARD_DAYS = 731
/** The longest range shown in daily buckets: beyond it a chart has more points than it has pixels. */
export const MAX_DAILY_DASHBOARD_DAYS = 92
/** Keys charted per dimension (the busiest); every key stays in the dimension's table. */
export const MAX_DASHBOARD_SERIES = 8
/** Keys listed per dimension's table, busiest first. */
export const MAX_DASHBOARD_KEYS = 1000

const DAY_MS = 86_400_000
const IsoDateSchema = z.iso.date('Give dates as YYYY-MM-DD.').max(10)

/** Days from `from` to `to`, both included. */
export function dashboardDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1
}

/** A dashboard's filters: UTC days `from` to `to`, both included, and the bucket of the charts' time axis. */
export const TeamDashboardFiltersSchema = z
  .strictObject({
    from: IsoDateSchema,
    to: IsoDateSchema,
    bucket: z.enum(TEAM_DASHBOARD_BUCKETS)
  })
  .superRefine(({ from, to, bucket }, ctx) => {
    const days = dashboardDays(from, to)
    if (days < 1)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `The range ends (${to}) before it starts (${from}); choose a later end date.` })
    else if (days > MAX_DASHBOARD_DAYS)
      ctx.addIssue({
        code: 'custom',
        path: ['from'],
        message: `The range covers ${days} days; the dashboard shows at most ${MAX_DASHBOARD_DAYS} (two years). Choose a shorter range.`
      })
    else if (bucket === 'day' && days > MAX_DAILY_DASHBOARD_DAYS)
      ctx.addIssue({
        code: 'custom',
        path: ['bucket'],
        message: `Daily buckets cover at most ${MAX_DAILY_DASHBOARD_DAYS} days and the range covers ${days}; choose weeks or months, or a shorter range.`
      })
  })
export type TeamDashboardFilters = z.infer<typeof TeamDashboardFiltersSchema>

const KeySchema = z.string().max(500)
const BucketStartSchema = z.string().max(10)

export const DashboardFiguresSchema = z.strictObject({
  reviews: z.number().int().min(0),
  /** Mean score in percent of the scored reviews; null with none. */
  averageScore: z.number().min(0).max(100).nullable(),
  criticalFailures: z.number().int().min(0)
})
export type DashboardFigures = z.infer<typeof DashboardFiguresSchema>

const DashboardPointSchema = DashboardFiguresSchema.extend({ bucket: BucketStartSchema }).strict()
export type DashboardPoint = z.infer<typeof DashboardPointSchema>

/** One dimension: its busiest keys over time, and every key's totals over the range. */
export const DashboardBreakdownSchema = z.strictObject({
  series: z.array(z.strictObject({ key: KeySchema, points: z.array(DashboardPointSchema).max(800) })).max(MAX_DASHBOARD_SERIES),
  totals: z.array(DashboardFiguresSchema.extend({ key: KeySchema }).strict()).max(MAX_DASHBOARD_KEYS),
  /** Keys left out of `totals` beyond the limit (the quietest). */
  more: z.number().int().min(0)
})
export type DashboardBreakdown = z.infer<typeof DashboardBreakdownSchema>

const RateSchema = z.number().min(0).max(1).nullable()
const CriterionFiguresSchema = z.strictObject({
  answered: z.number().int().min(0),
  na: z.number().int().min(0),
  /** Share of "yes" among yes/no answers. */
  passRate: RateSchema,
  /** Mean 1–5 rating. */
  averageRating: z.number().min(0).max(5).nullable()
})

export const TeamDashboardSchema = z.strictObject({
  filters: z.strictObject({ from: BucketStartSchema, to: BucketStartSchema, bucket: z.enum(TEAM_DASHBOARD_BUCKETS) }),
  /** Every bucket's first day in the range, in order: the charts' time axis. */
  buckets: z.array(BucketStartSchema).max(800),
  /** The whole team per bucket: volume, average and critical failures. */
  team: z.array(DashboardPointSchema).max(800),
  dimensions: z.strictObject({
    agent: DashboardBreakdownSchema,
    campaign: DashboardBreakdownSchema,
    group: DashboardBreakdownSchema,
    reviewer: DashboardBreakdownSchema
  }),
  /** Each criterion over the range (most answered first) and per bucket. */
  criteria: z
    .array(
      CriterionFiguresSchema.extend({
        criterion: KeySchema,
        /** From the published scorecards; the id when no scorecard names it. */
        label: z.string().max(200),
        points: z.array(CriterionFiguresSchema.extend({ bucket: BucketStartSchema }).strict()).max(800)
      }).strict()
    )
    .max(500),
  /** Each reviewer's mean distance from the lead's reference scores, calibration by calibration (deadline in the range). */
  drift: z
    .array(
      z.strictObject({
        calibrationId: z.string().max(36),
        name: z.string().max(120),
        deadline: z.string().max(40),
        reviewer: KeySchema,
        meanDeviation: z.number().min(0).max(100),
        calls: z.number().int().min(0)
      })
    )
    .max(5000)
})
export type TeamDashboard = z.infer<typeof TeamDashboardSchema>

export const teamDashboardChannels = {
  /** The dashboard for a range (online, lead only). */
  'team:dashboard': { request: TeamDashboardFiltersSchema, response: TeamDashboardSchema },
  /**
   * Writes the dashboard where the user chooses, like the session summary's exports: CSV (one row
   * a figure) or the printable report (HTML, or the PDF of it). Cancelling fails with kind 'cancelled'.
   */
  'team:dashboardExport': {
    request: z.strictObject({ filters: TeamDashboardFiltersSchema, format: z.enum(TEAM_DASHBOARD_EXPORT_FORMATS) }),
    response: z.strictObject({ path: z.string().max(4096), format: z.enum(TEAM_DASHBOARD_EXPORT_FORMATS) })
  }
} as const satisfies ChannelMap
