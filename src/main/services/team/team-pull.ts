/**
 * Pulls what the team shares with this member since the last pull: published template
 * versions, assignments, calibrations (with their members and calls) and the reviews this
 * member may read (their own from another machine, and others' calibration reviews after a
 * reveal). Row-level security decides what "may read" means; this code only asks.
 *
 * The cursor is a transaction id, not a sequence number: a row is pulled when its last change
 * was made by a transaction at or after the previous pull's snapshot xmin. Every transaction
 * still open at that pull has an id at or above it, so a change that committed late is never
 * skipped (a sequence cursor would skip it). Some rows come twice; applying is idempotent.
 */
import type pg from 'pg'
import type { TeamNote } from './team-outbox'

export interface TeamPull {
  cursor: string
  templateVersions: Array<{ templateId: string; version: number; name: string; definition: unknown; publishedAt: string | null }>
  assignments: Array<{
    id: string
    account: string
    callId: number
    reviewer: string
    templateId: string
    templateVersion: number
    dueAt: string | null
  }>
  calibrations: Array<{
    id: string
    name: string
    templateId: string
    templateVersion: number
    deadline: string
    createdBy: string
    revealedAt: string | null
    revealed: boolean
  }>
  /** The calls of the calibrations in this pull (they are written with their calibration). */
  calibrationCalls: Array<{ calibrationId: string; account: string; callId: number }>
  calibrationMembers: Array<{ calibrationId: string; reviewer: string; submittedAt: string | null }>
  reviews: Array<{
    id: string
    reviewer: string
    account: string
    callId: number
    templateId: string
    templateVersion: number
    calibrationId: string | null
    answers: Record<string, unknown>
    comment: string
    flagged: boolean
    reviewed: boolean
    scorePercent: number | null
    finishedAt: string | null
    activeMs: number
    /** The review's notes pinned to moments, in playback order. */
    notes: TeamNote[]
    sessionId: string | null
    updatedAt: string
  }>
}

/** The cursor for a member that never pulled: everything. */
export const INITIAL_CURSOR = '0'

const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString())

export async function pullTeamChanges(client: pg.ClientBase, cursor: string = INITIAL_CURSOR): Promise<TeamPull> {
  if (!/^\d{1,20}$/.test(cursor)) throw new Error(`A team pull cursor is a transaction id (digits); got "${cursor.slice(0, 24)}".`)
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  try {
    const snapshot = await client.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin')
    const since = [cursor]
    const versions = await client.query(
      'SELECT template_id, version, name, definition, published_at FROM callreview.template_versions WHERE txid >= $1::xid8 ORDER BY seq',
      since
    )
    const assignments = await client.query(
      'SELECT id, account, call_id, reviewer, template_id, template_version, due_at FROM callreview.assignments WHERE txid >= $1::xid8 ORDER BY seq',
      since
    )
    const calibrations = await client.query(
      `SELECT id, name, template_id, template_version, deadline, created_by, revealed_at, callreview.is_revealed(id) AS revealed
       FROM callreview.calibrations WHERE txid >= $1::xid8 OR callreview.is_revealed(id) ORDER BY seq`,
      since
    )
    const calibrationCalls = await client.query(
      'SELECT calibration_id, account, call_id FROM callreview.calibration_calls WHERE calibration_id = ANY ($1::uuid[]) ORDER BY calibration_id, call_id',
      [calibrations.rows.map((r) => r.id)]
    )
    const members = await client.query(
      'SELECT calibration_id, reviewer, submitted_at FROM callreview.calibration_members WHERE txid >= $1::xid8 ORDER BY seq',
      since
    )
    // A reveal makes older reviews readable: those of revealed calibrations come whole each pull
    // until the client has them (they are few; a calibration is a handful of calls).
    const reviews = await client.query(
      `SELECT id, reviewer, account, call_id, template_id, template_version, calibration_id, answers, comment, flagged, reviewed,
              score_percent::float8 AS score_percent, finished_at, active_ms, notes, session_id, updated_at
       FROM callreview.reviews r
       WHERE r.txid >= $1::xid8 OR (r.calibration_id IS NOT NULL AND callreview.is_revealed(r.calibration_id))
       ORDER BY seq`,
      since
    )
    await client.query('COMMIT')
    return {
      cursor: snapshot.rows[0]?.xmin ?? cursor,
      templateVersions: versions.rows.map((r) => ({
        templateId: r.template_id,
        version: r.version,
        name: r.name,
        definition: r.definition,
        publishedAt: iso(r.published_at)
      })),
      assignments: assignments.rows.map((r) => ({
        id: r.id,
        account: r.account,
        callId: Number(r.call_id),
        reviewer: r.reviewer,
        templateId: r.template_id,
        templateVersion: r.template_version,
        dueAt: iso(r.due_at)
      })),
      calibrations: calibrations.rows.map((r) => ({
        id: r.id,
        name: r.name,
        templateId: r.template_id,
        templateVersion: r.template_version,
        deadline: (r.deadline as Date).toISOString(),
        createdBy: r.created_by,
        revealedAt: iso(r.revealed_at),
        revealed: r.revealed
      })),
      calibrationCalls: calibrationCalls.rows.map((r) => ({ calibrationId: r.calibration_id, account: r.account, callId: Number(r.call_id) })),
      calibrationMembers: members.rows.map((r) => ({ calibrationId: r.calibration_id, reviewer: r.reviewer, submittedAt: iso(r.submitted_at) })),
      reviews: reviews.rows.map((r) => ({
        id: r.id,
        reviewer: r.reviewer,
        account: r.account,
        callId: Number(r.call_id),
        templateId: r.template_id,
        templateVersion: r.template_version,
        calibrationId: r.calibration_id,
        answers: r.answers,
        comment: r.comment,
        flagged: r.flagged,
        reviewed: r.reviewed,
        scorePercent: r.score_percent,
        finishedAt: iso(r.finished_at),
        activeMs: Number(r.active_ms),
        notes: r.notes,
        sessionId: r.session_id,
        updatedAt: (r.updated_at as Date).toISOString()
      }))
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}
