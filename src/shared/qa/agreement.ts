/**
 * How far reviewers agree in a calibration: percent agreement (easy to read) and
 * Krippendorff's alpha (agreement corrected for chance). Alpha rather than Fleiss' kappa because
 * it takes any number of reviewers, tolerates a missing answer (a reviewer who skipped a
 * criterion or chose N/A is left out of that unit, not the whole calibration), and has a metric
 * for ordered ratings — 4 against 5 on a 1–5 scale is a smaller disagreement than 1 against 5,
 * which kappa cannot express. See docs/decisions/team-qa-on-postgres.md.
 *
 * Reference: K. Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), whose worked
 * example the tests reproduce.
 */

export type AgreementMetric = 'nominal' | 'ordinal' | 'interval'

/** One unit (a criterion of one call): each rater's value, or null when they gave none. */
export type Unit = ReadonlyArray<number | string | null>

export interface AgreementResult {
  /** Units with at least two values: the only ones that say anything about agreement. */
  pairableUnits: number
  /** Share of agreeing pairs among all pairs of values within units, 0..1; null with no pairs. */
  percentAgreement: number | null
  /** 1 perfect, 0 chance level, below 0 systematic disagreement; null when undefined (no variation at all, or no pairs). */
  alpha: number | null
}

export function agreement(units: readonly Unit[], metric: AgreementMetric): AgreementResult {
  const values = units.map((u) => u.filter((v): v is number | string => v !== null)).filter((u) => u.length >= 2)
  if (values.length === 0) return { pairableUnits: 0, percentAgreement: null, alpha: null }

  let agreeingPairs = 0
  let pairs = 0
  for (const unit of values) {
    for (let i = 0; i < unit.length; i += 1) {
      for (let j = i + 1; j < unit.length; j += 1) {
        pairs += 1
        if (unit[i] === unit[j]) agreeingPairs += 1
      }
    }
  }

  // Coincidence matrix o[c][k]: each ordered pair within a unit, weighted 1 / (m_u - 1).
  const categories = [...new Set(values.flat())].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))
  )
  const index = new Map(categories.map((c, i) => [c, i]))
  const size = categories.length
  const o = Array.from({ length: size }, () => new Array<number>(size).fill(0))
  for (const unit of values) {
    const weight = 1 / (unit.length - 1)
    for (let i = 0; i < unit.length; i += 1) {
      for (let j = 0; j < unit.length; j += 1) {
        if (i === j) continue
        const row = o[index.get(unit[i] as number | string) as number] as number[]
        const col = index.get(unit[j] as number | string) as number
        row[col] = (row[col] as number) + weight
      }
    }
  }
  const nc = o.map((row) => row.reduce((s, x) => s + x, 0))
  const n = nc.reduce((s, x) => s + x, 0)
  const delta = distance(categories, nc, metric)

  let observed = 0
  let expected = 0
  for (let c = 0; c < size; c += 1) {
    for (let k = 0; k < size; k += 1) {
      const d = (delta[c] as number[])[k] as number
      observed += ((o[c] as number[])[k] as number) * d
      expected += (nc[c] as number) * (nc[k] as number) * d
    }
  }
  observed /= n
  expected /= n * (n - 1)
  const alpha = expected === 0 ? (observed === 0 ? null : 0) : 1 - observed / expected
  return { pairableUnits: values.length, percentAgreement: agreeingPairs / pairs, alpha }
}

function distance(categories: ReadonlyArray<number | string>, nc: readonly number[], metric: AgreementMetric): number[][] {
  const size = categories.length
  return Array.from({ length: size }, (_, c) =>
    Array.from({ length: size }, (_, k) => {
      if (c === k) return 0
      if (metric === 'nominal') return 1
      if (metric === 'interval') {
        const a = categories[c]
        const b = categories[k]
        if (typeof a !== 'number' || typeof b !== 'number') throw new Error('The interval metric needs numeric ratings.')
        return (a - b) ** 2
      }
      // Ordinal: the number of values between the two ranks, halving the ends.
      const lo = Math.min(c, k)
      const hi = Math.max(c, k)
      let sum = 0
      for (let g = lo; g <= hi; g += 1) sum += nc[g] as number
      return (sum - ((nc[c] as number) + (nc[k] as number)) / 2) ** 2
    })
  )
}

/** A criterion's answers as a unit value: 'na' and unanswered leave the rater out of the unit. */
export function answerValue(answer: unknown): number | string | null {
  if (answer === 'yes' || answer === 'no') return answer
  if (typeof answer === 'number' && Number.isFinite(answer)) return answer
  return null
}

export interface CalibrationCriterion {
  id: string
  label: string
  type: 'yes_no' | 'scale_1_5'
}

export interface CalibrationReview {
  reviewer: string
  callId: number
  answers: Readonly<Record<string, unknown>>
  scorePercent: number | null
}

export interface CriterionAgreement {
  criterionId: string
  label: string
  metric: AgreementMetric
  result: AgreementResult
  /** Calls where not everyone gave the same answer. */
  disagreements: number
}

export interface ReviewerDeviation {
  reviewer: string
  /** Share of answers equal to the reference's, 0..1; null when nothing comparable. */
  matchesReference: number | null
  /** Mean |score − reference score| in percentage points; null without reference scores. */
  meanScoreDifference: number | null
}

export interface CalibrationReport {
  criteria: CriterionAgreement[]
  overall: { nominal: AgreementResult }
  deviations: ReviewerDeviation[]
}

/**
 * The reveal's figures: agreement per criterion (disagreements first) and overall, and each
 * reviewer's deviation from the lead's reference answers.
 */
export function calibrationReport(
  criteria: readonly CalibrationCriterion[],
  reviews: readonly CalibrationReview[],
  reference: readonly CalibrationReview[] = []
): CalibrationReport {
  const raters = [...new Set(reviews.map((r) => r.reviewer))].sort()
  const callIds = [...new Set(reviews.map((r) => r.callId))].sort((a, b) => a - b)
  const byKey = new Map(reviews.map((r) => [`${r.reviewer}\u0000${r.callId}`, r]))
  const allUnits: Unit[] = []
  const perCriterion = criteria.map((criterion): CriterionAgreement => {
    const units = callIds.map((callId) => raters.map((rater) => answerValue(byKey.get(`${rater}\u0000${callId}`)?.answers[criterion.id])))
    allUnits.push(...units)
    const metric: AgreementMetric = criterion.type === 'scale_1_5' ? 'ordinal' : 'nominal'
    const disagreements = units.filter((u) => new Set(u.filter((v) => v !== null)).size > 1).length
    return { criterionId: criterion.id, label: criterion.label, metric, result: agreement(units, metric), disagreements }
  })
  perCriterion.sort((a, b) => b.disagreements - a.disagreements || (a.result.percentAgreement ?? 1) - (b.result.percentAgreement ?? 1))

  const referenceByCall = new Map(reference.map((r) => [r.callId, r]))
  const deviations = raters.map((reviewer): ReviewerDeviation => {
    let compared = 0
    let matched = 0
    let scoreDiffs = 0
    let scored = 0
    for (const review of reviews.filter((r) => r.reviewer === reviewer)) {
      const ref = referenceByCall.get(review.callId)
      if (!ref) continue
      for (const criterion of criteria) {
        const mine = answerValue(review.answers[criterion.id])
        const theirs = answerValue(ref.answers[criterion.id])
        if (mine === null || theirs === null) continue
        compared += 1
        if (mine === theirs) matched += 1
      }
      if (review.scorePercent !== null && ref.scorePercent !== null) {
        scored += 1
        scoreDiffs += Math.abs(review.scorePercent - ref.scorePercent)
      }
    }
    return { reviewer, matchesReference: compared === 0 ? null : matched / compared, meanScoreDifference: scored === 0 ? null : scoreDiffs / scored }
  })
  return { criteria: perCriterion, overall: { nominal: agreement(allUnits, 'nominal') }, deviations }
}
