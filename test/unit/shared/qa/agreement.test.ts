import { describe, expect, it } from 'vitest'
import { agreement, calibrationReport, type Unit } from '@shared/qa/agreement'

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers,
// twelve units, missing values. Columns are units; rows are observers.
const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null]
const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3]
const C = [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null]
const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null]
const units: Unit[] = A.map((_, i) => [A[i] ?? null, B[i] ?? null, C[i] ?? null, D[i] ?? null])

describe('Krippendorff alpha', () => {
  it('reproduces the published nominal, ordinal and interval values of the worked example', () => {
    expect(agreement(units, 'nominal').alpha).toBeCloseTo(0.743, 3)
    expect(agreement(units, 'ordinal').alpha).toBeCloseTo(0.815, 3)
    expect(agreement(units, 'interval').alpha).toBeCloseTo(0.849, 3)
  })

  it('leaves out units with fewer than two values', () => {
    expect(agreement(units, 'nominal').pairableUnits).toBe(11)
  })

  it('is 1 for perfect agreement with variation, and null when there is nothing to compare', () => {
    expect(
      agreement(
        [
          ['yes', 'yes'],
          ['no', 'no']
        ],
        'nominal'
      ).alpha
    ).toBe(1)
    expect(agreement([['yes', 'yes']], 'nominal')).toEqual({ pairableUnits: 1, percentAgreement: 1, alpha: null })
    expect(agreement([['yes', null]], 'nominal').alpha).toBeNull()
  })

  it('goes below zero for systematic disagreement', () => {
    const result = agreement(
      [
        ['yes', 'no'],
        ['no', 'yes'],
        ['yes', 'no']
      ],
      'nominal'
    )
    expect(result.percentAgreement).toBe(0)
    expect(result.alpha).toBeLessThan(0)
  })
})

describe('calibrationReport', () => {
  const criteria = [
    { id: 'greeting', label: 'Greeting', type: 'yes_no' as const },
    { id: 'empathy', label: 'Empathy', type: 'scale_1_5' as const }
  ]
  const reviews = [
    { reviewer: 'ana', callId: 1, answers: { greeting: 'yes', empathy: 4 }, scorePercent: 90 },
    { reviewer: 'ben', callId: 1, answers: { greeting: 'yes', empathy: 2 }, scorePercent: 60 },
    { reviewer: 'ana', callId: 2, answers: { greeting: 'no', empathy: 3 }, scorePercent: 50 },
    { reviewer: 'ben', callId: 2, answers: { greeting: 'no', empathy: 'na' }, scorePercent: 40 }
  ]
  const reference = [
    { reviewer: 'lead', callId: 1, answers: { greeting: 'yes', empathy: 4 }, scorePercent: 88 },
    { reviewer: 'lead', callId: 2, answers: { greeting: 'no', empathy: 3 }, scorePercent: 52 }
  ]

  it('puts the criteria with disagreements first and measures each reviewer against the reference', () => {
    const report = calibrationReport(criteria, reviews, reference)
    expect(report.criteria.map((c) => c.criterionId)).toEqual(['empathy', 'greeting'])
    expect(report.criteria[0]?.disagreements).toBe(1)
    expect(report.criteria[1]?.result.percentAgreement).toBe(1)
    const ana = report.deviations.find((d) => d.reviewer === 'ana')
    const ben = report.deviations.find((d) => d.reviewer === 'ben')
    expect(ana?.matchesReference).toBe(1)
    expect(ana?.meanScoreDifference).toBe(2)
    // ben: greeting yes/yes, empathy 2/4, greeting no/no (empathy N/A left out) → 2 of 3.
    expect(ben?.matchesReference).toBeCloseTo(2 / 3, 6)
    expect(ben?.meanScoreDifference).toBe(20)
  })
})
