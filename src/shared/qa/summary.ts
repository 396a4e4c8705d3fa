/**
 * A session's summary: how many calls were reviewed and flagged, the average score,
 * and how each criterion went. Only reviews marked reviewed count towards scores and criteria —
 * a half-scored call is work in progress, not a result. Pure, so the renderer can show it live.
 */
import { computeScore } from './score'
import type { Answers, Criterion, CriterionResult, SessionSummary } from './schemas'

/** What the summary needs of a review. */
export interface SummaryInput {
  reviewed: boolean
  flaggedForFollowUp: boolean
  answers: Answers
}

export function summariseReviews(criteria: readonly Criterion[], total: number, reviews: readonly SummaryInput[]): SessionSummary {
  const finished = reviews.filter((r) => r.reviewed)
  const scores = finished.map((r) => computeScore(criteria, r.answers)).filter((s): s is number => s !== null)
  return {
    total,
    reviewed: finished.length,
    flagged: reviews.filter((r) => r.flaggedForFollowUp).length,
    scored: scores.length,
    averageScore: scores.length ? clampPercent(scores.reduce((a, b) => a + b, 0) / scores.length) : null,
    criteria: criteria.map((c) => criterionResult(c, finished))
  }
}

function criterionResult(criterion: Criterion, reviews: readonly SummaryInput[]): CriterionResult {
  let na = 0
  let unanswered = 0
  let yes = 0
  const values: number[] = []
  for (const review of reviews) {
    const answer = review.answers[criterion.id]
    if (answer === undefined) unanswered += 1
    else if (answer === 'na') na += 1
    else if (criterion.type === 'yes_no' && (answer === 'yes' || answer === 'no')) {
      values.push(answer === 'yes' ? 1 : 0)
      if (answer === 'yes') yes += 1
    } else if (criterion.type === 'scale_1_5' && typeof answer === 'number') values.push(answer)
    else unanswered += 1
  }
  const answered = values.length
  return {
    criterionId: criterion.id,
    label: criterion.label,
    type: criterion.type,
    weight: criterion.weight,
    answered,
    na,
    unanswered,
    yesRate: criterion.type === 'yes_no' && answered ? yes / answered : null,
    average: criterion.type === 'scale_1_5' && answered ? values.reduce((a, b) => a + b, 0) / answered : null
  }
}

function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, value))
}
