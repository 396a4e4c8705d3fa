/**
 * The computed score of a review: a weighted percentage over the criteria that were answered.
 * yes = 1 and no = 0; a 1–5 answer v counts (v − 1) / 4, so 1 is 0 % and 5 is 100 %. N/A and
 * blank criteria leave both numerator and denominator, so "not applicable" never lowers a
 * score. Pure, so the scorecard form shows the same number the export writes.
 */
import type { Answer, Answers, Criterion } from './schemas'

/** Why this answer does not fit this criterion, or null when it does. */
export function checkAnswer(criterion: Criterion, answer: Answer): string | null {
  if (answer === 'na') return criterion.naAllowed ? null : `"${criterion.label}" cannot be answered N/A.`
  if (criterion.type === 'yes_no') {
    return answer === 'yes' || answer === 'no' ? null : `"${criterion.label}" is answered yes or no.`
  }
  return typeof answer === 'number' && Number.isInteger(answer) && answer >= 1 && answer <= 5
    ? null
    : `"${criterion.label}" is answered on a scale of 1 to 5.`
}

/** The answer's value in 0..1; null when it does not count (N/A, blank, or not fitting the criterion). */
export function answerValue(criterion: Criterion, answer: Answer | undefined): number | null {
  if (answer === undefined || answer === 'na' || checkAnswer(criterion, answer) !== null) return null
  if (criterion.type === 'yes_no') return answer === 'yes' ? 1 : 0
  return ((answer as number) - 1) / 4
}

/** Weighted percentage 0..100, or null when no criterion counts (all N/A or blank). */
export function computeScore(criteria: readonly Criterion[], answers: Answers): number | null {
  let earned = 0
  let possible = 0
  for (const criterion of criteria) {
    const value = answerValue(criterion, answers[criterion.id])
    if (value === null) continue
    earned += criterion.weight * value
    possible += criterion.weight
  }
  if (possible === 0) return null
  // Clamp away floating-point dust (e.g. 100.00000000000001) so the 0..100 contract holds.
  return Math.min(100, Math.max(0, (earned / possible) * 100))
}
