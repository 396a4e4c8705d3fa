/**
 * From a saved QA review to the team outbox. A review is always saved locally first (qa:saveReview
 * commits to qa.sqlite before this runs); then, when the profile is connected to a team and the
 * review is scored with a template version the team published, the change is queued in the
 * profile's team outbox and pushed by TeamSync. Reviews on a private template stay on this
 * computer only: the team database could not hold them (its reviews reference published versions).
 *
 * Only what the change touched is sent, so two machines of one reviewer editing different fields
 * both keep theirs, and the later change of one field wins by the database's order
 * (docs/decisions/team-qa-on-postgres.md).
 */
import type { SaveReviewRequest } from '@shared/ipc/contract/qa'
import type { Note, Review, SessionInfo } from '@shared/qa/schemas'
import type { Logger } from '../log'
import type { Profile } from '../profiles/profile-repository'
import type { CallFacts, GetCallFacts } from '../qa/export'
import type { ReviewChange, ReviewFields, TeamSessionFacts } from './team-outbox'
import type { TeamSync } from './team-sync'

export type TeamQueueResult =
  /** No team connected for this profile: nothing to do. */
  | 'off'
  /** The review's template is not one the team published: it stays local. */
  | 'private'
  | 'queued'
  /** It could not be queued; the team status says why (the local save stands). */
  | 'failed'

export interface TeamReviewQueueDeps {
  /** The active profile's running sync, or null with no team. */
  sync: () => TeamSync | null
  /** The Convirza account the calls belong to (the same for every member of that account). */
  account: () => string
  getCallFacts: GetCallFacts
  log: Logger
  /** Which calibration a review belongs to, if any (a calibration's own sessions); null otherwise. */
  calibrationOf?: (review: Review) => string | null
  /** The session a review was made in, from this computer's QA library. */
  sessionOf: (review: Review) => SessionInfo
  /** A review's notes pinned to moments, in playback order (for a review queued again whole). */
  notesOf: (review: Review) => readonly Note[]
}

/** A saved change to a review: the fields the save touched, or its notes (the whole list) after a note changed. */
export type ReviewEdit = Omit<SaveReviewRequest, 'sessionId' | 'callId'> & { notes?: readonly Note[] }

/** The session facts the team keeps. */
export function teamSessionOf(session: SessionInfo): TeamSessionFacts {
  return {
    id: session.id,
    name: session.name,
    templateId: session.templateId,
    templateVersion: session.templateVersion,
    callCount: session.total,
    createdAt: session.createdAt
  }
}

/** The team change for a saved review: the fields the edit touched, plus the score they imply. */
export function teamChangeOf(
  request: ReviewEdit,
  review: Review,
  facts: CallFacts,
  account: string,
  calibrationId: string | null,
  session: TeamSessionFacts | null = null
): ReviewChange {
  if (review.id === null) throw new Error(`The review of call ${review.callId} has no id yet; save it again.`)
  if (!facts.startedAt) throw new Error(`Call ${review.callId} has no start time in the library; the team's reports need one.`)
  const fields: ReviewFields = {}
  const touchesScore = request.answers !== undefined || request.reviewed !== undefined
  if (request.answers !== undefined) fields.answers = { ...request.answers }
  if (request.comment !== undefined) fields.comment = request.comment
  if (request.flaggedForFollowUp !== undefined) fields.flagged = request.flaggedForFollowUp
  if (request.reviewed !== undefined) {
    fields.reviewed = review.reviewed
    fields.finished_at = review.reviewed ? review.reviewedAt : null
  }
  if (touchesScore) {
    fields.score_percent = review.score === null ? null : Math.round(review.score * 100) / 100
    fields.critical_failures = review.criticalFailures.length
  }
  if (request.addActiveSeconds !== undefined) fields.active_ms = Math.round(review.activeSeconds * 1000)
  if (request.notes !== undefined) fields.notes = request.notes.map((note) => ({ id: note.id, seconds: note.seconds, text: note.text }))
  return {
    reviewId: review.id,
    call: {
      account,
      callId: review.callId,
      startedAt: facts.startedAt,
      campaign: facts.campaign,
      group: facts.group,
      agent: facts.agent,
      durationSec: facts.durationSeconds === null ? null : Math.max(0, Math.round(facts.durationSeconds))
    },
    session,
    templateId: review.templateId,
    templateVersion: review.templateVersion,
    calibrationId,
    fields
  }
}

/**
 * Queues a saved review's change for the team. Never throws: the review is already saved on
 * this computer, so a failure here is reported on the team status (with what to do) and logged.
 */
export async function queueTeamReview(deps: TeamReviewQueueDeps, request: ReviewEdit, review: Review): Promise<TeamQueueResult> {
  const sync = deps.sync()
  if (!sync) return 'off'
  const published = sync.templateVersions().some((v) => v.templateId === review.templateId && v.version === review.templateVersion)
  if (!published) return 'private'
  try {
    const facts = await deps.getCallFacts(review.callId)
    if (!facts) throw new Error(`Call ${review.callId} is not in this computer's library`)
    const change = teamChangeOf(request, review, facts, deps.account(), deps.calibrationOf?.(review) ?? null, teamSessionOf(deps.sessionOf(review)))
    sync.enqueue(change, review.updatedAt ?? undefined)
    return 'queued'
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    deps.log.warn('team: a saved review could not be queued for the team', { callId: review.callId, error })
    sync.report(
      `The review of call ${review.callId} is saved on this computer but was not queued for the team: ${reason.replace(/\.$/, '')}. Open the call and save the review again.`
    )
    return 'failed'
  }
}

/** Every field a review carries, notes included, as a save that touched them all (a lost change's fields are not known). */
function wholeReview(review: Review, notes: readonly Note[]): ReviewEdit {
  return {
    answers: review.answers,
    comment: review.comment,
    flaggedForFollowUp: review.flaggedForFollowUp,
    reviewed: review.reviewed,
    addActiveSeconds: 0,
    notes
  }
}

/**
 * Queues again, whole, each review on a published template saved after its last queued change:
 * a save whose queue entry a crash lost between the two commits (qa.sqlite, then the outbox).
 * Run when a profile's team sync starts. Never throws; returns how many were queued.
 */
export async function requeueLostReviews(deps: TeamReviewQueueDeps & { changedSince: (since: string) => Review[] }): Promise<number> {
  const sync = deps.sync()
  if (!sync) return 0
  try {
    const checkedAt = new Date().toISOString()
    const published = new Set(sync.templateVersions().map((v) => `${v.templateId}\u0000${v.version}`))
    const saved = deps
      .changedSince(sync.queuedSince())
      .filter((review): review is Review & { id: string; updatedAt: string } => review.id !== null && review.updatedAt !== null)
      .filter((review) => published.has(`${review.templateId}\u0000${review.templateVersion}`))
    const lost = sync.unqueuedReviews(saved)
    let queued = 0
    let firstFailed: string | null = null
    for (const review of saved) {
      if (!lost.has(review.id)) continue
      const result = await queueTeamReview(deps, wholeReview(review, deps.notesOf(review)), review)
      if (result === 'queued') queued += 1
      else if (firstFailed === null || review.updatedAt < firstFailed) firstFailed = review.updatedAt
    }
    // The next start reads only what is saved from now on (or from the first review that could
    // not be queued, to try it again), not every review since the team was connected.
    sync.advanceQueuedSince(firstFailed ?? checkedAt)
    if (queued > 0) deps.log.warn('team: reviews saved but never queued (the app stopped between the two) were queued again', { count: queued })
    return queued
  } catch (error) {
    deps.log.warn('team: could not check for saved reviews missing from the team queue', { error })
    return 0
  }
}

/**
 * The account a profile's calls belong to, as the team database records it: the Convirza org
 * unit the profile signed in to, so every member working on that account names it alike.
 */
export function teamAccountOf(profile: Pick<Profile, 'name' | 'user'> | null): string {
  if (profile?.user) return `ou-${profile.user.orgUnitId}`
  return profile ? `profile-${profile.name}`.slice(0, 200) : 'local'
}
