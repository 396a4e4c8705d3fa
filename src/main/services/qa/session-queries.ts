/**
 * Session lookups scoped to a reviewer: a session that belongs to someone else is "not found",
 * exactly like one that was deleted, so one reviewer never reads or edits another's work.
 */
import type Database from 'better-sqlite3'
import { z } from 'zod'
import { AppError } from '@shared/errors'
import type { SessionInfo } from '@shared/qa/schemas'

export interface SessionRow {
  id: string
  reviewer: string
  name: string
  template_id: string
  template_version: number
  query_json: string | null
  created_at: string
  updated_at: string
  position_index: number
  position_seconds: number
  archived: number
  deleted_at: string | null
  sample_json: string | null
}

interface SessionInfoRow extends SessionRow {
  template_name: string
  total: number
  reviewed_count: number
  flagged_count: number
}

const INFO = `SELECT s.*, v.name AS template_name,
    (SELECT COUNT(*) FROM session_calls c WHERE c.session_id = s.id) AS total,
    (SELECT COUNT(*) FROM reviews r WHERE r.session_id = s.id AND r.reviewed = 1) AS reviewed_count,
    (SELECT COUNT(*) FROM reviews r WHERE r.session_id = s.id AND r.flagged = 1) AS flagged_count
  FROM sessions s JOIN template_versions v ON v.template_id = s.template_id AND v.version = s.template_version
  WHERE s.deleted_at IS NULL`

const QuerySchema = z.record(z.string(), z.unknown())

export class SessionQueries {
  constructor(private readonly db: Database.Database) {}

  list(reviewer: string): SessionInfo[] {
    const rows = this.db
      .prepare(`${INFO} AND s.reviewer = ? ORDER BY s.updated_at DESC, s.created_at DESC, s.rowid DESC`)
      .all(reviewer) as SessionInfoRow[]
    return rows.map(toInfo)
  }

  /** In the order they were created (rowid breaks ties within one clock tick). */
  idsOldestFirst(reviewer: string): string[] {
    const rows = this.db.prepare('SELECT id FROM sessions WHERE reviewer = ? AND deleted_at IS NULL ORDER BY created_at, rowid').all(reviewer) as {
      id: string
    }[]
    return rows.map((r) => r.id)
  }

  info(reviewer: string, sessionId: string): SessionInfo {
    const row = this.db.prepare(`${INFO} AND s.id = ? AND s.reviewer = ?`).get(sessionId, reviewer) as SessionInfoRow | undefined
    if (!row) throw notFound()
    return toInfo(row)
  }

  require(reviewer: string, sessionId: string, { deleted = false } = {}): SessionRow {
    const row = this.db
      .prepare(`SELECT * FROM sessions WHERE id = ? AND reviewer = ? AND deleted_at IS ${deleted ? 'NOT ' : ''}NULL`)
      .get(sessionId, reviewer) as SessionRow | undefined
    if (!row) throw notFound()
    return row
  }

  requireCall(session: SessionRow, callId: number): void {
    const found = this.db.prepare('SELECT 1 FROM session_calls WHERE session_id = ? AND call_id = ?').get(session.id, callId)
    if (!found) {
      throw new AppError('not_found', `Call ${callId} is not in the session "${session.name}". Reload the session.`)
    }
  }

  /** The queue, in order. */
  callIds(sessionId: string): number[] {
    const rows = this.db.prepare('SELECT call_id FROM session_calls WHERE session_id = ? ORDER BY ord').all(sessionId) as { call_id: number }[]
    return rows.map((r) => r.call_id)
  }

  callCount(sessionId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM session_calls WHERE session_id = ?').get(sessionId) as { n: number }).n
  }

  touch(sessionId: string, now: string): void {
    this.db.prepare('UPDATE sessions SET updated_at = ? WHERE id = ?').run(now, sessionId)
  }
}

function notFound(): AppError {
  return new AppError('not_found', 'That QA session no longer exists, or belongs to another reviewer. Pick a session from the list.')
}

function parseRecord(json: string | null): Record<string, unknown> | null {
  if (!json) return null
  const parsed = QuerySchema.safeParse(JSON.parse(json))
  return parsed.success ? parsed.data : null
}

function toInfo(row: SessionInfoRow): SessionInfo {
  const query = parseRecord(row.query_json)
  return {
    id: row.id,
    name: row.name,
    reviewer: row.reviewer,
    templateId: row.template_id,
    templateVersion: row.template_version,
    templateName: row.template_name,
    query,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    total: row.total,
    reviewedCount: row.reviewed_count,
    flaggedCount: row.flagged_count,
    position: { index: row.position_index, seconds: row.position_seconds },
    archived: row.archived === 1,
    sample: parseRecord(row.sample_json)
  }
}
