/**
 * A session's summary: progress, the average and distribution of scores, per-section and
 * per-criterion results, critical failures, results per agent and campaign, and the flagged
 * calls with their notes. Only reviews marked reviewed count towards scores — a half-scored
 * call is work in progress, not a result; the summary says how many are incomplete. Pure, so
 * the renderer shows it live and main's qa:summary and the printable report give the same numbers.
 */
import { answerValue, failsCritical, scoreReview, sectionsOf, type ScoringTemplate } from './score'
import type { Answers, Criterion, CriterionResult, GroupResult, QueueItem, SessionSummary } from './schemas'

/** What the summary needs of a queue item. */
export interface SummaryInput {
  callId?: number
  reviewed: boolean
  flaggedForFollowUp: boolean
  answers: Answers
  comment?: string
  /** Null for a call never touched. */
  updatedAt?: string | null
  notes?: readonly { seconds: number; text: string }[]
  agent?: string | null
  campaign?: string | null
}

const UNKNOWN = 'Unknown'

/** A queue item as the summary reads it (agent and campaign when main filled the call in). */
export function summaryInputOf(item: QueueItem): SummaryInput {
  return { ...item.review, notes: item.notes, agent: item.call?.agent ?? null, campaign: item.call?.campaign ?? null }
}

export function summariseReviews(template: ScoringTemplate, total: number, reviews: readonly SummaryInput[]): SessionSummary {
  const finished = reviews.filter((r) => r.reviewed)
  const scored = finished.map((r) => ({ review: r, result: scoreReview(template, r.answers) }))
  const scores = scored.map((s) => s.result.score).filter((s): s is number => s !== null)
  const distribution = new Array<number>(10).fill(0)
  for (const score of scores) distribution[Math.min(9, Math.floor(score / 10))] = (distribution[Math.min(9, Math.floor(score / 10))] ?? 0) + 1
  const incomplete = reviews.filter((r) => !r.reviewed && r.updatedAt !== null && r.updatedAt !== undefined).length
  const sections = sectionsOf(template).map((section, index) => {
    const values = scored.map((s) => s.result.sectionScores[index]?.score ?? null).filter((v): v is number => v !== null)
    return {
      sectionId: section.id,
      label: section.label,
      weight: section.weight,
      averageScore: mean(values),
      autoFailed: scored.filter((s) => s.result.sectionScores[index]?.autoFailed === true).length
    }
  })
  return {
    total,
    reviewed: finished.length,
    incomplete,
    notStarted: Math.max(0, total - finished.length - incomplete),
    flagged: reviews.filter((r) => r.flaggedForFollowUp).length,
    scored: scores.length,
    averageScore: mean(scores),
    distribution,
    criticalFailures: scored.filter((s) => s.result.criticalFailures.length > 0).length,
    sections,
    criteria: template.criteria.map((c) => criterionResult(c, finished)),
    byAgent: groupResults(scored, (r) => r.agent),
    byCampaign: groupResults(scored, (r) => r.campaign),
    flaggedCalls: reviews
      .filter((r) => r.flaggedForFollowUp && r.callId !== undefined)
      .map((r) => ({
        callId: r.callId as number,
        score: r.reviewed ? scoreReview(template, r.answers).score : null,
        comment: r.comment ?? '',
        notes: (r.notes ?? []).map((n) => ({ seconds: n.seconds, text: n.text }))
      }))
  }
}

type Scored = { review: SummaryInput; result: ReturnType<typeof scoreReview> }

function groupResults(scored: readonly Scored[], key: (r: SummaryInput) => string | null | undefined): GroupResult[] {
  const groups = new Map<string, Scored[]>()
  for (const s of scored) {
    const name = key(s.review) || UNKNOWN
    const list = groups.get(name)
    if (list) list.push(s)
    else groups.set(name, [s])
  }
  return [...groups.entries()]
    .map(([name, list]) => ({
      name,
      reviewed: list.length,
      averageScore: mean(list.map((s) => s.result.score).filter((v): v is number => v !== null)),
      criticalFailures: list.filter((s) => s.result.criticalFailures.length > 0).length
    }))
    .sort((a, b) => b.reviewed - a.reviewed || a.name.localeCompare(b.name))
}

function criterionResult(criterion: Criterion, reviews: readonly SummaryInput[]): CriterionResult {
  let na = 0
  let unanswered = 0
  let yes = 0
  let failed = 0
  const values: number[] = []
  for (const review of reviews) {
    const answer = review.answers[criterion.id]
    if (failsCritical(criterion, answer)) failed += 1
    if (answer === undefined) unanswered += 1
    else if (answer === 'na') na += 1
    else if (answerValue(criterion, answer) === null) unanswered += 1
    else if (criterion.type === 'yes_no') {
      values.push(answer === 'yes' ? 1 : 0)
      if (answer === 'yes') yes += 1
    } else values.push(answer as number)
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
    critical: criterion.critical === true,
    required: criterion.required === true,
    criticalFailures: failed,
    average: criterion.type === 'scale_1_5' && answered ? values.reduce((a, b) => a + b, 0) / answered : null
  }
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null
  return Math.min(100, Math.max(0, values.reduce((a, b) => a + b, 0) / values.length))
}
