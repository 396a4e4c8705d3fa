/**
 * compareSummaries lines two sessions up row by row: matched by label so two versions of a
 * template still compare where their criteria agree, "—" and no difference where only one
 * session has a row, and no difference for a criterion whose type changed between versions.
 */
import { describe, expect, it } from 'vitest'
import { compareSummaries } from '@shared/qa/compare'
import { summariseReviews, type SummaryInput } from '@shared/qa/summary'
import { criterion } from '@test/fixtures/qa/criteria'

const reviewed = (answers: SummaryInput['answers'], agent: string): SummaryInput => ({
  reviewed: true,
  flaggedForFollowUp: false,
  answers,
  updatedAt: '2026-03-01T10:00:00Z',
  agent
})

const V1 = { criteria: [criterion('greeting', 'all'), criterion('empathy', 'all', { type: 'scale_1_5' }), criterion('hold', 'all')] }
// Version 2 dropped "hold", added "close", and made empathy a yes/no question.
const V2 = { criteria: [criterion('greeting', 'all'), criterion('empathy', 'all'), criterion('close', 'all')] }

const THIS = summariseReviews(V1, 2, [reviewed({ greeting: 'yes', empathy: 5, hold: 'no' }, 'Ana'), reviewed({ greeting: 'yes', empathy: 3 }, 'Ben')])
const OTHER = summariseReviews(V2, 1, [reviewed({ greeting: 'no', empathy: 'yes', close: 'yes' }, 'Ana')])

describe('compareSummaries', () => {
  const rows = compareSummaries(THIS, OTHER)
  const byLabel = new Map(rows.map((r) => [r.label, r]))

  it('gives each criterion of either session a row, matched by label, with the signed difference', () => {
    expect(rows.filter((r) => r.group === 'criterion').map((r) => r.label)).toEqual([
      'greeting (pass rate)',
      'empathy (average rating)',
      'hold (pass rate)',
      'close (pass rate)'
    ])
    expect(byLabel.get('greeting (pass rate)')).toMatchObject({ mine: '100.0 %', theirs: '0.0 %', difference: '+100.0 pt', delta: 100 })
  })

  it('shows "—" and no difference where only one session has the row', () => {
    expect(byLabel.get('hold (pass rate)')).toMatchObject({ mine: '0.0 %', theirs: '—', difference: '', delta: null })
    expect(byLabel.get('close (pass rate)')).toMatchObject({ mine: '—', theirs: '100.0 %', difference: '', delta: null })
    expect(byLabel.get('Agent: Ben')).toMatchObject({ theirs: '—', difference: '' })
  })

  it('does not set a 1–5 rating against a yes/no pass rate', () => {
    expect(byLabel.get('empathy (average rating)')).toMatchObject({ mine: '4.0 / 5', theirs: '—', delta: null })
  })

  it('leaves out the section rows when both templates have one implied section', () => {
    expect(rows.some((r) => r.group === 'section')).toBe(false)
  })

  it('writes counts without a unit and a fall with a minus sign', () => {
    expect(byLabel.get('Reviewed')).toMatchObject({ mine: '2', theirs: '1', difference: '+1' })
    expect(compareSummaries(OTHER, THIS).find((r) => r.label === 'Reviewed')?.difference).toBe('−1')
  })
})
