/**
 * What the team dashboard screen derives from main's answer: default filters, values on the
 * time axis, criterion and drift lines, and the sentence a chart says to a screen reader.
 */
import { describe, expect, it } from 'vitest'
import type { TeamDashboard } from '@shared/ipc/contract'
import { TeamDashboardFiltersSchema } from '@shared/ipc/contract'
import { chartRows, criterionSeries, defaultDashboardFilters, describeTrend, driftSeries, onBuckets } from '@renderer/lib/team-dashboard'

const empty = { series: [], totals: [], more: 0 }
function dashboard(rest: Partial<TeamDashboard>): TeamDashboard {
  return {
    filters: { from: '2026-11-01', to: '2026-11-21', bucket: 'week' },
    buckets: ['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16'],
    team: [],
    dimensions: { agent: empty, campaign: empty, group: empty, reviewer: empty },
    criteria: [],
    drift: [],
    ...rest
  }
}

describe('team dashboard screen', () => {
  it('opens on the last twelve weeks to today, by week, which main accepts', () => {
    const filters = defaultDashboardFilters(new Date(2026, 11, 5, 9, 0))
    expect(filters).toEqual({ from: '2026-09-13', to: '2026-12-05', bucket: 'week' })
    expect(TeamDashboardFiltersSchema.safeParse(filters).success).toBe(true)
  })

  it('puts points on the time axis and leaves the buckets without reviews empty', () => {
    const d = dashboard({})
    const points = [
      { bucket: '2026-11-02', reviews: 2, averageScore: 80, criticalFailures: 0 },
      { bucket: '2026-11-16', reviews: 1, averageScore: 0, criticalFailures: 1 }
    ]
    expect(onBuckets(d.buckets, points, 'averageScore')).toEqual([null, 80, null, 0])
    expect(onBuckets(d.buckets, points, 'criticalFailures')).toEqual([null, 0, null, 1])
    expect(chartRows(['a', 'b'], [{ name: 'x', values: [1] }])).toEqual([
      { label: 'a', values: [1] },
      { label: 'b', values: [null] }
    ])
  })

  it('charts pass rates in percent for yes/no criteria only', () => {
    const d = dashboard({
      criteria: [
        {
          criterion: 'greeting',
          label: 'Greeting',
          answered: 4,
          na: 0,
          passRate: 0.5,
          averageRating: null,
          points: [{ bucket: '2026-11-09', answered: 4, na: 0, passRate: 0.5, averageRating: null }]
        },
        { criterion: 'empathy', label: 'Empathy', answered: 2, na: 0, passRate: null, averageRating: 3, points: [] }
      ]
    })
    expect(criterionSeries(d, 8)).toEqual([{ name: 'Greeting', values: [null, null, 50, null] }])
  })

  it('draws drift as one line per reviewer across calibrations in deadline order', () => {
    const drift = [
      { calibrationId: 'a', name: 'Week 44', deadline: '2026-10-30T00:00:00.000Z', reviewer: 'sam', meanDeviation: 12, calls: 2 },
      { calibrationId: 'b', name: 'Week 45', deadline: '2026-11-06T00:00:00.000Z', reviewer: 'dana', meanDeviation: 20, calls: 1 },
      { calibrationId: 'b', name: 'Week 45', deadline: '2026-11-06T00:00:00.000Z', reviewer: 'sam', meanDeviation: 4, calls: 1 }
    ]
    expect(driftSeries(drift)).toEqual({
      labels: ['Week 44', 'Week 45'],
      series: [
        { name: 'dana', values: [null, 20] },
        { name: 'sam', values: [12, 4] }
      ]
    })
  })

  it('says each line’s first and last value in words', () => {
    expect(
      describeTrend(
        ['2026-11-02', '2026-11-09', '2026-11-16'],
        [
          { name: 'Maria', values: [80, null, 72.25] },
          { name: 'Tom', values: [null, 60, null] },
          { name: 'Ann', values: [null, null, null] }
        ],
        ' %'
      )
    ).toBe('Maria: 80 % on 2026-11-02 to 72.3 % on 2026-11-16; Tom: 60 % on 2026-11-09; Ann: no data')
    expect(describeTrend([], [], ' %')).toBe('No data in this range.')
  })
})
