/**
 * Blind calibration (issue 19): a lead picks calls, a published template version, reviewers and a
 * deadline; each reviewer scores the calls in a local QA session whose reviews carry the
 * calibration's id (team-review-queue.ts calibrationOf) and go through the outbox like any other;
 * each reviewer then submits. Who may read whose scores, and when, is decided by the team
 * database (callreview.is_revealed and the reviews_read policy in team-migrations.ts): a reviewer
 * reads another's calibration review only once every member submitted or the deadline passed.
 *
 * Writes (create, submit) run on the live connection; the list and the result are computed from
 * the last pull, so they work offline and show exactly what row-level security let through.
 * The figures come from src/shared/qa/agreement.ts (percent agreement and Krippendorff's alpha;
 * docs/decisions/team-qa-on-postgres.md says why alpha).
 */
import type pg from 'pg'
import { AppError } from '@shared/errors'
import type { TeamCalibration, TeamCalibrationResult, TeamMember } from '@shared/ipc/contract/team'
import { answerValue, calibrationReport, type AgreementResult, type CalibrationReview } from '@shared/qa/agreement'
import { TemplateSchema, type Template } from '@shared/qa/schemas'
import type { TeamMembership } from './team-connection'
import { insertTeamCalls, type TeamCallFacts } from './team-outbox'
import type { TeamPull } from './team-pull'
import { requireLead } from './team-work'

export interface CreateCalibrationInput {
  name: string
  template: { id: string; version: number }
  calls: readonly TeamCallFacts[]
  reviewers: readonly string[]
  deadline: string
  now: Date
}

/** Creates the calibration with its calls (their facts recorded first) and reviewers, in one transaction; returns its id. */
export async function createCalibration(client: pg.ClientBase, member: TeamMembership, input: CreateCalibrationInput): Promise<string> {
  requireLead(member, 'create a calibration')
  const reviewers = [...new Set(input.reviewers)]
  if (reviewers.length < 2) throw new AppError('validation', 'Choose at least two reviewers: agreement needs two.')
  if (input.calls.length === 0) throw new AppError('validation', 'Choose the calls to calibrate on.')
  const deadline = new Date(input.deadline)
  if (!(deadline.getTime() > input.now.getTime())) throw new AppError('validation', 'The deadline has to be in the future.')
  await client.query('BEGIN')
  try {
    const known = await client.query<{ login: string }>('SELECT login FROM callreview.members WHERE login = ANY ($1::name[])', [reviewers])
    const unknown = reviewers.filter((r) => !known.rows.some((k) => k.login === r))
    if (unknown.length > 0)
      throw new AppError(
        'validation',
        `${unknown.map((u) => `"${u}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in the team; ask the admin to add them first.`
      )
    await insertTeamCalls(client, input.calls)
    const created = await client.query<{ id: string }>(
      `INSERT INTO callreview.calibrations (name, template_id, template_version, deadline) VALUES ($1, $2, $3, $4::timestamptz) RETURNING id`,
      [input.name, input.template.id, input.template.version, deadline.toISOString()]
    )
    const id = created.rows[0]?.id as string
    await client.query(
      `INSERT INTO callreview.calibration_calls (calibration_id, account, call_id)
       SELECT DISTINCT $1::uuid, c.account, c.call_id FROM jsonb_to_recordset($2::jsonb) AS c(account text, call_id bigint)`,
      [id, JSON.stringify(input.calls.map((c) => ({ account: c.account, call_id: c.callId })))]
    )
    await client.query('INSERT INTO callreview.calibration_members (calibration_id, reviewer) SELECT $1::uuid, unnest($2::name[])', [id, reviewers])
    await client.query('COMMIT')
    return id
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}

/**
 * Hands in this reviewer's scores: refused unless every call of the calibration has their
 * reviewed review in the team database (so push first), and once the deadline has passed.
 */
export async function submitCalibration(client: pg.ClientBase, member: TeamMembership, calibrationId: string, pending: number): Promise<void> {
  const mine = await client.query<{ submitted_at: Date | null; past: boolean }>(
    `SELECT m.submitted_at, c.deadline <= now() AS past FROM callreview.calibration_members m
     JOIN callreview.calibrations c ON c.id = m.calibration_id
     WHERE m.calibration_id = $1 AND m.reviewer = session_user`,
    [calibrationId]
  )
  const row = mine.rows[0]
  if (!row) throw new AppError('forbidden', `You (${member.displayName}) are not one of this calibration's reviewers.`)
  if (row.submitted_at !== null) return
  if (row.past) throw new AppError('validation', 'The deadline has passed: the calibration is revealed and can no longer be submitted.')
  const missing = await client.query<{ call_id: string }>(
    `SELECT cc.call_id FROM callreview.calibration_calls cc
     WHERE cc.calibration_id = $1 AND NOT EXISTS (
       SELECT 1 FROM callreview.reviews r
       WHERE r.calibration_id = cc.calibration_id AND r.account = cc.account AND r.call_id = cc.call_id
         AND r.reviewer = session_user AND r.reviewed)
     ORDER BY cc.call_id`,
    [calibrationId]
  )
  if (missing.rows.length > 0) {
    const ids = missing.rows.map((r) => r.call_id)
    const queued =
      pending > 0
        ? ` ${pending} review${pending === 1 ? ' has changes' : 's have changes'} still waiting to be sent; try again when the top bar says synced.`
        : ''
    throw new AppError(
      'validation',
      `Mark every call reviewed before submitting: ${ids.length} not yet (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}).${queued}`
    )
  }
  await client.query(
    'UPDATE callreview.calibration_members SET submitted_at = now() WHERE calibration_id = $1 AND reviewer = session_user AND submitted_at IS NULL',
    [calibrationId]
  )
}

/** A lead reveals a calibration before everyone submitted or the deadline passed (a reviewer is ill, say). */
export async function revealCalibration(client: pg.ClientBase, member: TeamMembership, calibrationId: string): Promise<void> {
  requireLead(member, 'reveal a calibration')
  const result = await client.query('UPDATE callreview.calibrations SET revealed_at = coalesce(revealed_at, now()) WHERE id = $1', [calibrationId])
  if (result.rowCount === 0) throw new AppError('not_found', 'This calibration is not in the team database any more.')
}

export interface PulledCalibrations {
  me: TeamMembership | null
  members: readonly TeamMember[]
  templateVersions: TeamPull['templateVersions']
  calibrations: TeamPull['calibrations']
  calibrationMembers: TeamPull['calibrationMembers']
  calibrationCalls: TeamPull['calibrationCalls']
  reviews: TeamPull['reviews']
  /** Local QA session by calibration id. */
  sessions: ReadonlyMap<string, string>
}

/** The calibrations this member may see, newest deadline first. */
export function calibrationsOf(input: PulledCalibrations): TeamCalibration[] {
  const names = new Map(input.members.map((m) => [m.login, m.displayName]))
  const me = input.me?.login ?? null
  return input.calibrations
    .map((c): TeamCalibration => {
      const members = input.calibrationMembers
        .filter((m) => m.calibrationId === c.id)
        .map((m) => ({ login: m.reviewer, displayName: names.get(m.reviewer) ?? m.reviewer, submittedAt: m.submittedAt }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName))
      const callIds = [...new Set(input.calibrationCalls.filter((cc) => cc.calibrationId === c.id).map((cc) => cc.callId))].sort((a, b) => a - b)
      const mine = members.find((m) => m.login === me)
      const reviewed = input.reviews.filter((r) => r.calibrationId === c.id && r.reviewer === me && r.reviewed).length
      return {
        id: c.id,
        name: c.name,
        templateId: c.templateId,
        templateVersion: c.templateVersion,
        templateName: input.templateVersions.find((v) => v.templateId === c.templateId && v.version === c.templateVersion)?.name ?? c.templateId,
        deadline: c.deadline,
        createdBy: c.createdBy ?? '',
        revealed: c.revealed,
        callIds,
        members,
        mine: mine ? { submittedAt: mine.submittedAt, reviewed } : null,
        sessionId: input.sessions.get(c.id) ?? null
      }
    })
    .sort((a, b) => b.deadline.localeCompare(a.deadline) || a.name.localeCompare(b.name))
}

type Answer = 'yes' | 'no' | 'na' | 1 | 2 | 3 | 4 | 5 | null
const shown = (value: unknown): Answer =>
  value === 'yes' || value === 'no' || value === 'na' || (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5)
    ? (value as Answer)
    : null
const figures = (r: AgreementResult) => ({ percentAgreement: r.percentAgreement, alpha: r.alpha, pairableUnits: r.pairableUnits })
const mean = (xs: readonly number[]): number | null => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length)

/**
 * Whether the reviewers gave one call the same answer to a criterion. Agreement needs two answers
 * to compare (N/A and no answer do not count), so with fewer it is null: not comparable, rather
 * than a "yes" nobody earned.
 */
export function agreedOf(answers: readonly { answer: Answer }[]): boolean | null {
  const values = answers.map((a) => answerValue(a.answer)).filter((v) => v !== null)
  if (values.length < 2) return null
  return new Set(values).size === 1
}

/**
 * The reveal's result from pulled rows. A reviewer gets it only once the calibration is revealed
 * (before that the database has not even sent them the others' reviews); a lead may look at any time.
 */
export function calibrationResultOf(
  calibration: TeamCalibration,
  input: Pick<PulledCalibrations, 'me' | 'templateVersions' | 'reviews'>
): TeamCalibrationResult {
  if (!calibration.revealed && input.me?.role !== 'lead') {
    const submitted = calibration.members.filter((m) => m.submittedAt !== null).length
    throw new AppError(
      'forbidden',
      `The scores stay hidden until every reviewer submits or the deadline (${calibration.deadline}) passes: ${submitted} of ${calibration.members.length} submitted so far.`
    )
  }
  const version = input.templateVersions.find((v) => v.templateId === calibration.templateId && v.version === calibration.templateVersion)
  const parsed = TemplateSchema.safeParse(version?.definition)
  if (!parsed.success)
    throw new AppError(
      'not_found',
      `The scorecard "${calibration.templateName}" version ${calibration.templateVersion} has not been pulled yet; sync and try again.`
    )
  const template: Template = parsed.data
  const raters = calibration.members.map((m) => m.login)
  const calls = new Set(calibration.callIds)
  const ofCalibration = input.reviews.filter((r) => r.calibrationId === calibration.id && calls.has(r.callId))
  const asReview = (r: TeamPull['reviews'][number]): CalibrationReview => ({
    reviewer: r.reviewer,
    callId: r.callId,
    answers: r.answers,
    scorePercent: r.scorePercent
  })
  const reviews = ofCalibration.filter((r) => raters.includes(r.reviewer)).map(asReview)
  const reference = ofCalibration.filter((r) => r.reviewer === calibration.createdBy && !raters.includes(r.reviewer)).map(asReview)
  const report = calibrationReport(template.criteria, reviews, reference)

  const byKey = new Map(reviews.map((r) => [`${r.reviewer}\u0000${r.callId}`, r]))
  const referenceOf = new Map(reference.map((r) => [r.callId, r]))
  const criteria = report.criteria.map((c) => ({
    criterionId: c.criterionId,
    label: c.label,
    metric: c.metric,
    agreement: figures(c.result),
    disagreements: c.disagreements,
    calls: calibration.callIds.map((callId) => {
      const answers = raters.map((reviewer) => ({ reviewer, answer: shown(byKey.get(`${reviewer}\u0000${callId}`)?.answers[c.criterionId]) }))
      return { callId, reference: shown(referenceOf.get(callId)?.answers[c.criterionId]), answers, agreed: agreedOf(answers) }
    })
  }))

  const scoreRows = calibration.callIds.map((callId) => ({
    callId,
    referenceScore: referenceOf.get(callId)?.scorePercent ?? null,
    scores: raters.map((reviewer) => ({ reviewer, scorePercent: byKey.get(`${reviewer}\u0000${callId}`)?.scorePercent ?? null }))
  }))
  const fromTeam = new Map<string, number[]>(raters.map((r) => [r, []]))
  for (const row of scoreRows) {
    const scored = row.scores.filter((s): s is { reviewer: string; scorePercent: number } => s.scorePercent !== null)
    if (scored.length < 2) continue
    const average = mean(scored.map((s) => s.scorePercent)) as number
    for (const s of scored) fromTeam.get(s.reviewer)?.push(Math.abs(s.scorePercent - average))
  }
  const deviations = calibration.members.map((m) => {
    const d = report.deviations.find((x) => x.reviewer === m.login)
    return {
      reviewer: m.login,
      displayName: m.displayName,
      matchesReference: d?.matchesReference ?? null,
      meanScoreDifference: d?.meanScoreDifference ?? null,
      meanDifferenceFromTeam: mean(fromTeam.get(m.login) ?? [])
    }
  })
  return { calibration, calls: scoreRows, criteria, overall: figures(report.overall.nominal), deviations }
}
