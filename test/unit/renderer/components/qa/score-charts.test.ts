/**
 * The summary's charts of names (agents, sections) label each bar with its name cut to fit the
 * axis; the figure's label and the tables below keep it whole.
 */
import { describe, expect, it } from 'vitest'
import { shortName } from '@renderer/components/qa/summary/ScoreCharts'

describe('a bar’s name in a chart of names', () => {
  it('keeps a short name whole and ends a long one with "…" at 17 characters', () => {
    expect(shortName('Salt Lake Office')).toBe('Salt Lake Office')
    expect(shortName('morgan.chen@summithome.example')).toBe('morgan.chen@summ…')
    expect(shortName('morgan.chen@summithome.example')).toHaveLength(17)
    // No space is left before the ellipsis.
    expect(shortName('Quality and the team')).toBe('Quality and the…')
  })
})
