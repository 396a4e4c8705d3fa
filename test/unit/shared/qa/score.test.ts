import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_CRITERIA } from '@shared/qa/default-template'
import { formatAnswer, formatPlaybackTime, formatProgress, formatScore } from '@shared/qa/format'
import { CriterionSchema, TemplateInputSchema, type Answer, type Answers, type Criterion } from '@shared/qa/schemas'
import { checkAnswer, computeScore } from '@shared/qa/score'
import { summariseReviews } from '@shared/qa/summary'

const yesNo = (id: string, weight = 1, naAllowed = true): Criterion => ({ id, label: id, weight, type: 'yes_no', naAllowed })
const scale = (id: string, weight = 1, naAllowed = true): Criterion => ({ id, label: id, weight, type: 'scale_1_5', naAllowed })

const criterionArb = fc.record({
  id: fc.constant('x'),
  label: fc.constant('x'),
  weight: fc.double({ min: 0.01, max: 1000, noNaN: true }),
  type: fc.constantFrom('yes_no' as const, 'scale_1_5' as const),
  naAllowed: fc.constant(true)
})
/** A scorecard with unique ids, and for each criterion an answer that fits it (or N/A, or blank). */
const scoredCardArb = fc.array(criterionArb, { minLength: 1, maxLength: 12 }).chain((raw) => {
  const criteria = raw.map((c, i) => ({ ...c, id: `c${i}`, label: `C${i}` }))
  const answerFor = (c: Criterion): fc.Arbitrary<Answer | undefined> =>
    c.type === 'yes_no'
      ? fc.constantFrom<Answer | undefined>('yes', 'no', 'na', undefined)
      : fc.constantFrom<Answer | undefined>(1, 2, 3, 4, 5, 'na', undefined)
  return fc.tuple(fc.constant(criteria), fc.tuple(...criteria.map(answerFor)))
})
function toAnswers(criteria: Criterion[], values: (Answer | undefined)[]): Answers {
  const answers: Answers = {}
  criteria.forEach((c, i) => {
    const v = values[i]
    if (v !== undefined) answers[c.id] = v
  })
  return answers
}

describe('computeScore', () => {
  it('weights yes as 1 and no as 0', () => {
    expect(computeScore([yesNo('a', 3), yesNo('b', 1)], { a: 'yes', b: 'no' })).toBe(75)
  })

  it('maps a 1–5 answer v to (v − 1) / 4, so 1 is 0 % and 5 is 100 %', () => {
    expect(computeScore([scale('s')], { s: 1 })).toBe(0)
    expect(computeScore([scale('s')], { s: 3 })).toBe(50)
    expect(computeScore([scale('s')], { s: 5 })).toBe(100)
    expect(computeScore([yesNo('a', 1), scale('s', 1)], { a: 'yes', s: 4 })).toBe(87.5)
  })

  it('leaves N/A and blank criteria out of both numerator and denominator', () => {
    const criteria = [yesNo('a', 1), yesNo('b', 5), scale('c', 2)]
    expect(computeScore(criteria, { a: 'yes', b: 'na' })).toBe(100)
    expect(computeScore(criteria, { a: 'no', c: 5 })).toBeCloseTo((2 / 3) * 100)
  })

  it('is null when everything is N/A or blank', () => {
    expect(computeScore([yesNo('a'), scale('b')], { a: 'na', b: 'na' })).toBeNull()
    expect(computeScore([yesNo('a')], {})).toBeNull()
  })

  it('ignores answers that do not fit their criterion or name no criterion', () => {
    expect(computeScore([yesNo('a'), scale('b')], { a: 3, b: 'yes', ghost: 'yes' })).toBeNull()
  })

  it('stays within 0..100 for any weights and answers', () => {
    fc.assert(
      fc.property(scoredCardArb, ([criteria, values]) => {
        const score = computeScore(criteria, toAnswers(criteria, values))
        if (score !== null) expect(score).toBeGreaterThanOrEqual(0)
        if (score !== null) expect(score).toBeLessThanOrEqual(100)
        const counted = values.some((v) => v !== undefined && v !== 'na')
        expect(score === null).toBe(!counted)
      })
    )
  })

  it('does not change when an N/A criterion is added, whatever its weight', () => {
    fc.assert(
      fc.property(scoredCardArb, fc.double({ min: 0.01, max: 1000, noNaN: true }), fc.boolean(), ([criteria, values], weight, isScale) => {
        const answers = toAnswers(criteria, values)
        const extra: Criterion = { id: 'extra', label: 'Extra', weight, type: isScale ? 'scale_1_5' : 'yes_no', naAllowed: true }
        const before = computeScore(criteria, answers)
        const after = computeScore([...criteria, extra], { ...answers, extra: 'na' })
        if (before === null) expect(after).toBeNull()
        else expect(after).toBeCloseTo(before, 9)
      })
    )
  })

  it('does not change when every weight is multiplied by the same factor', () => {
    fc.assert(
      fc.property(scoredCardArb, fc.double({ min: 0.001, max: 1000, noNaN: true }), ([criteria, values], factor) => {
        const answers = toAnswers(criteria, values)
        const scaled = criteria.map((c) => ({ ...c, weight: c.weight * factor }))
        const before = computeScore(criteria, answers)
        const after = computeScore(scaled, answers)
        if (before === null) expect(after).toBeNull()
        else expect(after).toBeCloseTo(before, 9)
      })
    )
  })

  it('is 100 when every counted answer is the best one and 0 when every one is the worst', () => {
    fc.assert(
      fc.property(scoredCardArb, ([criteria]) => {
        const best = Object.fromEntries(criteria.map((c) => [c.id, c.type === 'yes_no' ? 'yes' : 5])) as Answers
        const worst = Object.fromEntries(criteria.map((c) => [c.id, c.type === 'yes_no' ? 'no' : 1])) as Answers
        expect(computeScore(criteria, best)).toBeCloseTo(100, 9)
        expect(computeScore(criteria, worst)).toBe(0)
      })
    )
  })
})

describe('checkAnswer', () => {
  it('accepts yes/no for yes/no criteria and 1..5 for scale criteria', () => {
    expect(checkAnswer(yesNo('a'), 'yes')).toBeNull()
    expect(checkAnswer(yesNo('a'), 'no')).toBeNull()
    expect(checkAnswer(scale('s'), 1)).toBeNull()
    expect(checkAnswer(scale('s'), 5)).toBeNull()
  })

  it('refuses an answer of the wrong kind, saying what the criterion takes', () => {
    expect(checkAnswer(yesNo('Greeting'), 4)).toBe('"Greeting" is answered yes or no.')
    expect(checkAnswer(scale('Tone'), 'yes')).toBe('"Tone" is answered on a scale of 1 to 5.')
  })

  it('refuses N/A where the criterion does not allow it', () => {
    expect(checkAnswer(yesNo('Greeting', 1, false), 'na')).toBe('"Greeting" cannot be answered N/A.')
    expect(checkAnswer(yesNo('Greeting', 1, true), 'na')).toBeNull()
  })
})

describe('the default scorecard', () => {
  it('is a valid set of weighted criteria with unique ids, both kinds, and N/A where it makes sense', () => {
    expect(TemplateInputSchema.safeParse({ name: 'Default', criteria: DEFAULT_CRITERIA }).success).toBe(true)
    for (const c of DEFAULT_CRITERIA) expect(CriterionSchema.parse(c)).toEqual(c)
    const ids = DEFAULT_CRITERIA.map((c) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual(
      expect.arrayContaining(['greeting', 'identified-need', 'price-or-next-step', 'booked-appointment', 'politeness', 'hold-etiquette'])
    )
    expect(DEFAULT_CRITERIA.find((c) => c.id === 'booked-appointment')).toMatchObject({ naAllowed: true })
    expect(DEFAULT_CRITERIA.find((c) => c.id === 'greeting')).toMatchObject({ naAllowed: false })
    expect(DEFAULT_CRITERIA.some((c) => c.type === 'scale_1_5')).toBe(true)
  })
})

describe('summariseReviews', () => {
  const criteria = [yesNo('greet', 1), scale('tone', 2)]

  it('counts reviewed and flagged calls and averages the scores of reviewed ones', () => {
    const summary = summariseReviews({ criteria }, 5, [
      { reviewed: true, flaggedForFollowUp: false, answers: { greet: 'yes', tone: 5 } },
      { reviewed: true, flaggedForFollowUp: true, answers: { greet: 'no', tone: 3 } },
      { reviewed: true, flaggedForFollowUp: false, answers: { greet: 'na', tone: 'na' } },
      { reviewed: false, flaggedForFollowUp: true, answers: { greet: 'no', tone: 1 } }
    ])
    expect(summary).toMatchObject({ total: 5, reviewed: 3, flagged: 2, scored: 2 })
    // 100 and (0·1 + 0.5·2)/3 = 33.3…
    expect(summary.averageScore).toBeCloseTo((100 + 100 / 3) / 2)
  })

  it('gives the yes rate of yes/no criteria and the mean of 1–5 criteria, with N/A and blank counts', () => {
    const summary = summariseReviews({ criteria }, 4, [
      { reviewed: true, flaggedForFollowUp: false, answers: { greet: 'yes', tone: 5 } },
      { reviewed: true, flaggedForFollowUp: false, answers: { greet: 'no', tone: 2 } },
      { reviewed: true, flaggedForFollowUp: false, answers: { greet: 'yes', tone: 'na' } },
      { reviewed: true, flaggedForFollowUp: false, answers: {} }
    ])
    expect(summary.criteria).toEqual([
      {
        criterionId: 'greet',
        label: 'greet',
        type: 'yes_no',
        weight: 1,
        answered: 3,
        na: 0,
        unanswered: 1,
        yesRate: 2 / 3,
        critical: false,
        required: false,
        criticalFailures: 0,
        average: null
      },
      {
        criterionId: 'tone',
        label: 'tone',
        type: 'scale_1_5',
        weight: 2,
        answered: 2,
        na: 1,
        unanswered: 1,
        yesRate: null,
        critical: false,
        required: false,
        criticalFailures: 0,
        average: 3.5
      }
    ])
  })

  it('has no average score and no rates before anything is reviewed', () => {
    const summary = summariseReviews({ criteria }, 3, [])
    expect(summary).toMatchObject({ total: 3, reviewed: 0, flagged: 0, scored: 0, averageScore: null })
    expect(summary.criteria.map((c) => [c.yesRate, c.average])).toEqual([
      [null, null],
      [null, null]
    ])
  })
})

describe('QA formatting', () => {
  it('writes playback times as mm:ss, and h:mm:ss past an hour, never rounding up', () => {
    expect(formatPlaybackTime(0)).toBe('00:00')
    expect(formatPlaybackTime(83.9)).toBe('01:23')
    expect(formatPlaybackTime(3723)).toBe('1:02:03')
    expect(formatPlaybackTime(-4)).toBe('00:00')
  })

  it('writes progress as "12 / 40", scores with one decimal, and N/A answers as "N/A"', () => {
    expect(formatProgress(12, 40)).toBe('12 / 40')
    expect(formatScore(87.549)).toBe('87.5 %')
    expect(formatScore(null)).toBe('—')
    expect(formatAnswer('na')).toBe('N/A')
    expect(formatAnswer(4)).toBe('4')
    expect(formatAnswer(undefined)).toBe('')
  })
})
