/**
 * The computed score of a review (the formula is in README.md, "Scoring").
 *
 * - A counted answer has a value in 0..1: yes = 1, no = 0; a 1–5 answer v counts (v − 1) / 4,
 *   so 1 is 0 % and 5 is 100 %. N/A and blank criteria leave both numerator and denominator, so
 *   "not applicable" never lowers a score.
 * - A section's score is the weighted percentage of its counted criteria.
 * - The call's score is the weighted mean of the section scores (section weights), over the
 *   sections that have a score. A template without sections is one implied section, so its
 *   score is the plain weighted percentage of all criteria, as before sections existed.
 * - A critical criterion answered "No" (or 1 on a 1–5 scale) is an auto-fail: the call scores 0,
 *   or only its section does when the template's `autoFail` is 'section'.
 *
 * Pure, so the scorecard form shows the same number the export writes.
 */
import type { Answer, Answers, Criterion, SectionScore, Template } from './schemas'

/** The id of the section a template without sections implicitly has. */
export const IMPLIED_SECTION_ID = 'all'

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

/** Whether this answer fails a critical criterion: "No", or the lowest rating. */
export function failsCritical(criterion: Criterion, answer: Answer | undefined): boolean {
  return criterion.critical === true && answerValue(criterion, answer) === 0
}

/** Weighted percentage 0..100 of these criteria, or null when none counts (all N/A or blank). Ignores `critical`. */
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
  return clampPercent((earned / possible) * 100)
}

/** What a scorecard needs of a template. */
export type ScoringTemplate = Pick<Template, 'criteria' | 'sections' | 'autoFail'>

export interface ReviewScore {
  /** 0..100, or null when nothing counts. */
  score: number | null
  sectionScores: SectionScore[]
  /** Critical criteria failed, in template order. */
  criticalFailures: string[]
  /** Required criteria not answered (N/A is an answer), in template order. */
  missingRequired: string[]
}

/** The sections of a template with their criteria, in template order; one implied section when it has none. */
export function sectionsOf(template: ScoringTemplate): { id: string; label: string; weight: number; criteria: Criterion[] }[] {
  const sections = template.sections ?? []
  if (sections.length === 0) return [{ id: IMPLIED_SECTION_ID, label: 'All criteria', weight: 1, criteria: [...template.criteria] }]
  return sections.map((s) => ({ ...s, criteria: template.criteria.filter((c) => c.sectionId === s.id) }))
}

export function scoreReview(template: ScoringTemplate, answers: Answers): ReviewScore {
  const scope = template.autoFail ?? 'call'
  const criticalFailures = template.criteria.filter((c) => failsCritical(c, answers[c.id])).map((c) => c.id)
  const missingRequired = template.criteria.filter((c) => c.required === true && answers[c.id] === undefined).map((c) => c.id)
  let earned = 0
  let possible = 0
  const sectionScores = sectionsOf(template).map((section) => {
    const autoFailed = section.criteria.some((c) => criticalFailures.includes(c.id))
    const score = autoFailed && scope === 'section' ? 0 : computeScore(section.criteria, answers)
    if (score !== null) {
      earned += section.weight * score
      possible += section.weight
    }
    return { sectionId: section.id, label: section.label, score, autoFailed }
  })
  const overall = criticalFailures.length > 0 && scope === 'call' ? 0 : possible === 0 ? null : clampPercent(earned / possible)
  return { score: overall, sectionScores, criticalFailures, missingRequired }
}

// Clamp away floating-point dust (e.g. 100.00000000000001) so the 0..100 contract holds.
function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, value))
}
