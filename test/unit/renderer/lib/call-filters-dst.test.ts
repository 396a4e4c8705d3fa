/**
 * Custom date ranges across a clock change, in a zone that has one. Set before any date is
 * made; this file runs in its own process (pool: forks), so no other test sees the zone.
 */
process.env.TZ = 'America/New_York'

import { describe, expect, it } from 'vitest'
import { buildQuery, DEFAULT_DRAFT, type FilterDraft } from '@renderer/lib/call-query'
import { validateCallQuery } from '@shared/convirza/query'

const NOW = new Date(2026, 10, 28, 15, 0, 0)
const custom = (start: string, end: string): FilterDraft => ({ ...DEFAULT_DRAFT, preset: 'custom', start, end })
const HOUR = 3_600_000

describe('custom date range across a clock change (America/New_York)', () => {
  it('runs in a zone whose clocks go back on 1 Nov 2026', () => {
    expect(new Date(2026, 9, 15).getTimezoneOffset()).toBe(240)
    expect(new Date(2026, 10, 14).getTimezoneOffset()).toBe(300)
  })

  it('accepts 31 calendar days that take in the end of daylight saving time, and says what the API cannot cover', () => {
    const { applied, errors, rangeNote } = buildQuery(custom('2026-10-15', '2026-11-14'), NOW)
    expect(errors).toEqual({})
    if (!applied) throw new Error('the range was refused')
    // The 25-hour day makes these 31 days 745 hours; the API allows 744, so the first hour goes.
    expect(applied.query.start).toBe(new Date(2026, 9, 15, 1, 0, 0).toISOString())
    expect(applied.query.end).toBe(new Date(2026, 10, 14, 23, 59, 59, 999).toISOString())
    expect(Date.parse(applied.query.end) - Date.parse(applied.query.start)).toBeLessThanOrEqual(31 * 24 * HOUR)
    expect(validateCallQuery(applied.query, NOW).ok).toBe(true)
    expect(rangeNote).toBe('The clock change makes these 31 days an hour longer than the API allows, so calls before 1:00 AM on Oct 15 are left out.')
  })

  it('still refuses 32 calendar days across the clock change', () => {
    const { applied, errors } = buildQuery(custom('2026-10-14', '2026-11-14'), NOW)
    expect(applied).toBeNull()
    expect(errors.range).toMatch(/at most 31 days/)
  })

  it('keeps whole days when the clocks go forward (a 23-hour day) and has nothing to say', () => {
    const { applied, errors, rangeNote } = buildQuery(custom('2026-02-20', '2026-03-22'), NOW)
    expect(errors).toEqual({})
    expect(applied?.query.start).toBe(new Date(2026, 1, 20).toISOString())
    expect(rangeNote).toBeNull()
    expect(buildQuery(custom('2026-02-19', '2026-03-22'), NOW).errors.range).toMatch(/at most 31 days/)
  })

  it('leaves a 31-day range that crosses no clock change whole', () => {
    const { applied, rangeNote } = buildQuery(custom('2026-11-02', '2026-12-02'), new Date(2026, 11, 5))
    expect(applied?.query.start).toBe(new Date(2026, 10, 2).toISOString())
    expect(rangeNote).toBeNull()
  })
})
