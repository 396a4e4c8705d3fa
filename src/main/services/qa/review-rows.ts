/**
 * Reading reviews and notes back from their rows. Untouched calls get an empty review so the
 * renderer always has one shape; scores are computed on read from the review's own template
 * version, never stored, so they cannot drift from the answers.
 */
import type Database from 'better-sqlite3'
import { scoreReview, type ScoringTemplate } from '@shared/qa/score'
import type { Answer, Answers, Note, Review } from '@shared/qa/schemas'

interface ReviewRow {
  id: string | null
  reviewer: string | null
  active_seconds: number
  call_id: number
  template_id: string
  template_version: number
  reviewed: number
  flagged: number
  comment: string
  reviewed_at: string | null
  updated_at: string
}

export interface NoteRow {
  id: string
  session_id: string
  call_id: number
  seconds: number
  text: string
  created_at: string
  updated_at: string
}

/** How an answer is stored: 'yes' | 'no' | 'na' | '1'..'5'. */
export function encodeAnswer(answer: Answer): string {
  return String(answer)
}

export function decodeAnswer(value: string): Answer {
  return value === 'yes' || value === 'no' || value === 'na' ? value : Number(value)
}

export function toNote(row: NoteRow): Note {
  return {
    id: row.id,
    sessionId: row.session_id,
    callId: row.call_id,
    seconds: row.seconds,
    text: row.text,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}

export interface SessionScope {
  sessionId: string
  templateId: string
  templateVersion: number
  template: ScoringTemplate
}

/** Narrows a read to one call, or to some calls (an export's chunk); every call of the session when absent. */
type CallFilter = number | readonly number[] | undefined

function callFilter(sessionId: string, only: CallFilter): { filter: string; args: (string | number)[] } {
  if (only === undefined) return { filter: '', args: [sessionId] }
  if (typeof only === 'number') return { filter: ' AND call_id = ?', args: [sessionId, only] }
  return { filter: ' AND call_id IN (SELECT value FROM json_each(?))', args: [sessionId, JSON.stringify(only)] }
}

/** Every review of a session by call id (or of the calls `only` names); calls never touched are absent. */
export function loadReviews(db: Database.Database, scope: SessionScope, only?: CallFilter): Map<number, Review> {
  const { filter, args } = callFilter(scope.sessionId, only)
  const answers = new Map<number, Answers>()
  const answerRows = db.prepare(`SELECT call_id, criterion_id, value FROM review_answers WHERE session_id = ?${filter}`).all(...args) as {
    call_id: number
    criterion_id: string
    value: string
  }[]
  for (const row of answerRows) {
    const forCall = answers.get(row.call_id) ?? {}
    forCall[row.criterion_id] = decodeAnswer(row.value)
    answers.set(row.call_id, forCall)
  }
  const reviews = new Map<number, Review>()
  const rows = db
    .prepare(
      `SELECT id, reviewer, active_seconds, call_id, template_id, template_version, reviewed, flagged, comment, reviewed_at, updated_at
       FROM reviews WHERE session_id = ?${filter}`
    )
    .all(...args) as ReviewRow[]
  for (const row of rows) {
    const given = answers.get(row.call_id) ?? {}
    reviews.set(row.call_id, {
      id: row.id,
      sessionId: scope.sessionId,
      callId: row.call_id,
      templateId: row.template_id,
      templateVersion: row.template_version,
      reviewed: row.reviewed === 1,
      flaggedForFollowUp: row.flagged === 1,
      answers: given,
      comment: row.comment,
      ...scoreReview(scope.template, given),
      reviewer: row.reviewed === 1 ? row.reviewer : null,
      reviewedAt: row.reviewed_at,
      activeSeconds: row.active_seconds,
      updatedAt: row.updated_at
    })
  }
  return reviews
}

/** The review a call has before anything was entered. */
export function emptyReview(scope: SessionScope, callId: number): Review {
  return {
    id: null,
    sessionId: scope.sessionId,
    callId,
    templateId: scope.templateId,
    templateVersion: scope.templateVersion,
    reviewed: false,
    flaggedForFollowUp: false,
    answers: {},
    comment: '',
    ...scoreReview(scope.template, {}),
    reviewer: null,
    reviewedAt: null,
    activeSeconds: 0,
    updatedAt: null
  }
}

/** Every note of a session by call id (or of the calls `only` names), each list in playback order. */
export function loadNotes(db: Database.Database, sessionId: string, only?: CallFilter): Map<number, Note[]> {
  const { filter, args } = callFilter(sessionId, only)
  const rows = db.prepare(`SELECT * FROM notes WHERE session_id = ?${filter} ORDER BY call_id, seconds, created_at, id`).all(...args) as NoteRow[]
  const notes = new Map<number, Note[]>()
  for (const row of rows) {
    const list = notes.get(row.call_id) ?? []
    list.push(toNote(row))
    notes.set(row.call_id, list)
  }
  return notes
}
