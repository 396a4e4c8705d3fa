/**
 * The team dashboard built from query rows (team-dashboard-view.ts), its filters' limits (the IPC
 * contract) and its exports (team-dashboard-export.ts), without a database. The queries against
 * PostgreSQL are in test/integration/main/team/dashboard.test.ts.
 */
import { describe, expect, it } from 'vitest'
import type { ScoreSums } from '@main/services/team/team-dashboard'
import { criterionLabels } from '@main/services/team/team-dashboard-handlers'
import { dashboardCsv, renderDashboardReport } from '@main/services/team/team-dashboard-export'
import { breakdown, bucketStart, bucketStarts, buildDashboard, queryRange } from '@main/services/team/team-dashboard-view'
import { MAX_DASHBOARD_SERIES, TeamDashboardFiltersSchema } from '@shared/ipc/contract/team-dashboard'

const sums = (bucket: string, key: string, reviews: number, scored: number, scoreSum: number, criticalFailures = 0): ScoreSums => ({
  bucket,
  key,
  reviews,
  scored,
  scoreSum,
  criticalFailures
})

describe('dashboard filters', () => {
  const parse = (filters: object) => TeamDashboardFiltersSchema.safeParse(filters)
  const message = (filters: object) => parse(filters).error?.issues[0]?.message

  it('takes a range with both days included, up to two years', () => {
    expect(parse({ from: '2026-01-01', to: '2026-01-01', bucket: 'day' }).success).toBe(true)
    expect(parse({ from: '2025-01-01', to: '2026-12-31', bucket: 'month' }).success).toBe(true)
  })

  it('refuses a range that ends before it starts, saying which dates', () => {
    expect(message({ from: '2026-03-02', to: '2026-03-01', bucket: 'week' })).toBe(
      'The range ends (2026-03-01) before it starts (2026-03-02); choose a later end date.'
    )
  })

  it('refuses more than two years, and daily buckets over more than 92 days', () => {
    expect(message({ from: '2024-01-01', to: '2026-01-02', bucket: 'month' })).toMatch(/covers 733 days; the dashboard shows at most 731/)
    expect(parse({ from: '2026-01-01', to: '2026-04-02', bucket: 'day' }).success).toBe(true)
    expect(message({ from: '2026-01-01', to: '2026-04-03', bucket: 'day' })).toMatch(
      /Daily buckets cover at most 92 days and the range covers 93; choose weeks or months/
    )
    expect(parse({ from: '2026-01-01', to: '2026-04-03', bucket: 'week' }).success).toBe(true)
  })

  it('refuses a date that is not YYYY-MM-DD, an unknown bucket and unknown keys', () => {
    expect(message({ from: '01/02/2026', to: '2026-03-01', bucket: 'week' })).toBe('Give dates as YYYY-MM-DD.')
    expect(parse({ from: '2026-01-01', to: '2026-03-01', bucket: 'year' }).success).toBe(false)
    expect(parse({ from: '2026-01-01', to: '2026-03-01', bucket: 'week', agent: 'x' }).success).toBe(false)
  })
})

describe('dashboard time axis', () => {
  it('queries up to the day after the last day shown', () => {
    expect(queryRange({ from: '2026-02-01', to: '2026-02-28' })).toEqual({ from: '2026-02-01', to: '2026-03-01' })
    expect(queryRange({ from: '2026-12-01', to: '2026-12-31' })).toEqual({ from: '2026-12-01', to: '2027-01-01' })
  })

  it('starts weeks on Monday and months on the 1st, as PostgreSQL date_trunc does', () => {
    expect(bucketStart('2026-11-08', 'week')).toBe('2026-11-02') // a Sunday
    expect(bucketStart('2026-11-09', 'week')).toBe('2026-11-09') // a Monday
    expect(bucketStart('2026-11-30', 'month')).toBe('2026-11-01')
    expect(bucketStart('2026-11-30', 'day')).toBe('2026-11-30')
  })

  it('lists every bucket from the one holding the first day to the one holding the last', () => {
    expect(bucketStarts('2026-11-04', '2026-11-17', 'week')).toEqual(['2026-11-02', '2026-11-09', '2026-11-16'])
    expect(bucketStarts('2026-11-15', '2027-02-01', 'month')).toEqual(['2026-11-01', '2026-12-01', '2027-01-01', '2027-02-01'])
    expect(bucketStarts('2026-02-27', '2026-03-01', 'day')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01'])
  })
})

describe('dashboard breakdowns', () => {
  it('averages each key over the range from sums, not by averaging bucket averages', () => {
    const result = breakdown([sums('2026-11-02', 'Maria', 1, 1, 90), sums('2026-11-09', 'Maria', 3, 3, 150)])
    // (90 + 150) / 4 = 60, where the mean of the two weeks' averages would say 70.
    expect(result.totals).toEqual([{ key: 'Maria', reviews: 4, averageScore: 60, criticalFailures: 0 }])
    expect(result.series).toEqual([
      {
        key: 'Maria',
        points: [
          { bucket: '2026-11-02', reviews: 1, averageScore: 90, criticalFailures: 0 },
          { bucket: '2026-11-09', reviews: 3, averageScore: 50, criticalFailures: 0 }
        ]
      }
    ])
  })

  it('charts the busiest keys only, lists all of them busiest first, and has no average without a score', () => {
    const rows = Array.from({ length: MAX_DASHBOARD_SERIES + 2 }, (_, n) => sums('2026-11-02', `Agent ${n}`, n + 1, n, n * 80, n % 2))
    const result = breakdown(rows)
    expect(result.totals.map((t) => t.key)).toEqual(rows.map((r) => r.key).reverse())
    expect(result.series.map((s) => s.key)).toEqual(
      rows
        .map((r) => r.key)
        .reverse()
        .slice(0, MAX_DASHBOARD_SERIES)
    )
    expect(result.totals.at(-1)).toEqual({ key: 'Agent 0', reviews: 1, averageScore: null, criticalFailures: 0 })
    expect(result.more).toBe(0)
  })

  it('builds the team per bucket from the reviewer rows, criteria with labels, and the time axis', () => {
    const dashboard = buildDashboard(
      { from: '2026-11-01', to: '2026-11-15', bucket: 'week' },
      {
        scores: {
          agent: [sums('2026-11-02', 'Maria', 3, 3, 210, 1)],
          campaign: [],
          group: [],
          reviewer: [sums('2026-11-02', 'dana', 2, 2, 150, 1), sums('2026-11-02', 'sam', 1, 1, 60), sums('2026-11-09', 'sam', 1, 0, 0)]
        },
        criteria: [
          { bucket: '2026-11-02', criterion: 'greeting', answered: 3, yes: 1, na: 0, ratings: 0, ratingSum: 0 },
          { bucket: '2026-11-09', criterion: 'greeting', answered: 1, yes: 1, na: 0, ratings: 0, ratingSum: 0 },
          { bucket: '2026-11-02', criterion: 'empathy', answered: 2, yes: 0, na: 1, ratings: 2, ratingSum: 7 }
        ],
        drift: [],
        labels: criterionLabels([{ definition: { criteria: [{ id: 'greeting', label: 'Greeting' }] } }, { definition: 'not a scorecard' }])
      }
    )
    expect(dashboard.buckets).toEqual(['2026-10-26', '2026-11-02', '2026-11-09'])
    expect(dashboard.team).toEqual([
      { bucket: '2026-11-02', reviews: 3, averageScore: 70, criticalFailures: 1 },
      { bucket: '2026-11-09', reviews: 1, averageScore: null, criticalFailures: 0 }
    ])
    expect(dashboard.criteria.map((c) => [c.criterion, c.label, c.answered, c.passRate, c.averageRating])).toEqual([
      ['greeting', 'Greeting', 4, 0.5, null],
      ['empathy', 'empathy', 2, null, 3.5]
    ])
    expect(dashboard.criteria[0]?.points.map((p) => [p.bucket, p.passRate])).toEqual([
      ['2026-11-02', 1 / 3],
      ['2026-11-09', 1]
    ])
  })
})

describe('dashboard exports', () => {
  const dashboard = buildDashboard(
    { from: '2026-11-01', to: '2026-11-30', bucket: 'month' },
    {
      scores: {
        agent: [sums('2026-11-01', '=HYPERLINK("x")', 2, 2, 150, 1)],
        campaign: [],
        group: [],
        reviewer: [sums('2026-11-01', 'dana', 2, 2, 150, 1)]
      },
      criteria: [],
      drift: [{ calibrationId: 'c1', name: 'Week <45>', deadline: '2026-11-06T00:00:00.000Z', reviewer: 'dana', meanDeviation: 33, calls: 1 }],
      labels: new Map()
    }
  )

  it('writes every figure as a CSV row, with spreadsheet formulas defused', () => {
    const lines = dashboardCsv(dashboard)
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
    expect(lines[0]).toBe(
      'section,bucket,key,reviews,average_score,critical_failures,answered,na,pass_rate,average_rating,calibration,deadline,mean_deviation,calls'
    )
    expect(lines).toContain('team,2026-11-01,,2,75,1,,,,,,,,')
    expect(lines).toContain(`agent total,,"'=HYPERLINK(""x"")",2,75,1,,,,,,,,`)
    expect(lines).toContain('calibration drift,,dana,,,,,,,,Week <45>,2026-11-06T00:00:00.000Z,33,1')
  })

  it('writes a printable report with the figures as tables and nothing a name holds turned into markup', () => {
    const html = renderDashboardReport(dashboard, {
      timeZone: 'UTC',
      now: new Date('2026-12-01T09:30:00Z'),
      preparedBy: 'Lee Park',
      teamName: 'Summit QA'
    })
    expect(html).toContain('<title>Team dashboard: 2026-11-01 to 2026-11-30</title>')
    expect(html).toContain('Team Summit QA. Prepared by Lee Park on 2026-12-01 09:30 (UTC).')
    expect(html).toContain('<th scope="row">2026-11-01</th><td>2</td><td>75.0 %</td><td>1</td>')
    expect(html).toContain('Week &lt;45&gt;')
    expect(html).not.toContain('Week <45>')
    expect(html).toMatch(/<svg role="img" aria-label="Team average score per bucket: 2026-11-01: 75.0 %"/)
  })
})
