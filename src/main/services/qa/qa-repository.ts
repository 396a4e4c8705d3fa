/**
 * QA listening sessions for one profile, in `<profileDir>/qa.sqlite`. Every change is
 * one transaction committed before the method returns, so whatever the reviewer was told was
 * saved survives a crash. Changes run IMMEDIATE: the write lock is taken first, so a second
 * process writing the same file makes this one wait (busy_timeout) rather than fail with
 * "database is locked" when its read snapshot went stale. Sessions, and through them reviews and notes, belong to a reviewer
 * (the signed-in user's email, or "local"); templates are shared by the profile's team.
 */
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import type { z } from 'zod'
import { AppError } from '@shared/errors'
import {
  AddSessionCallsRequestSchema,
  CreateSessionRequestSchema,
  ExportSelectionSchema,
  SessionNameSchema,
  SaveReviewRequestSchema,
  MAX_SESSION_CALLS,
  type AddSessionCallsRequest,
  type CreateSessionRequest,
  type SaveReviewRequest
} from '@shared/ipc/contract/qa'
import {
  NoteSecondsSchema,
  NoteTextSchema,
  SessionPositionSchema,
  type Note,
  type QueueItem,
  type Review,
  type SessionDetail,
  type SessionInfo,
  type SessionPosition,
  type SessionSummary,
  type Template,
  type TemplateInput
} from '@shared/qa/schemas'
import { summariseReviews, summaryInputOf } from '@shared/qa/summary'
import { openQaDatabase } from './database'
import { QaSearch, type QaHit } from './qa-search'
import { applyReviewChange } from './review-changes'
import { emptyReview, loadNotes, loadReviews, toNote, type NoteRow, type SessionScope } from './review-rows'
import { SessionQueries } from './session-queries'
import { archiveTemplate, getTemplate, importTemplateVersion, listTemplates, saveTemplate } from './templates'
import { parseInput } from './validation'

export const QA_DATABASE_FILE = 'qa.sqlite'

/** One call of an export, with the session and template version it was reviewed in. */
export interface ExportItem {
  session: SessionInfo
  template: Template
  item: QueueItem
}

/** What an export covers, read as it is written (QaRepository#exportPlan). */
export interface ExportPlan {
  /** Each session of the export with its template version, in export order: the file's head and columns. */
  sessions: Pick<ExportItem, 'session' | 'template'>[]
  /** How many rows the export writes. */
  rows: number
  /** The rows in order, at most `size` at a time, each chunk read from the database when asked for. */
  chunks(size: number): Iterable<ExportItem[]>
}

export interface QaRepositoryOptions {
  /** Ids for templates, sessions and notes; random UUIDs by default. */
  newId?: () => string
}

export class QaRepository {
  readonly path: string
  private readonly db: Database.Database
  private readonly sessions: SessionQueries
  private readonly qaSearch: QaSearch
  private readonly newId: () => string

  constructor(
    profileDir: string,
    private readonly clock: () => Date = () => new Date(),
    options: QaRepositoryOptions = {}
  ) {
    this.path = join(profileDir, QA_DATABASE_FILE)
    this.db = openQaDatabase(this.path, clock)
    this.sessions = new SessionQueries(this.db)
    this.qaSearch = new QaSearch(this.db)
    this.newId = options.newId ?? randomUUID
    this.purgeDeleted()
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  listTemplates(includeArchived = false): Template[] {
    return listTemplates(this.db, includeArchived)
  }

  getTemplate(templateId: string, version?: number): Template {
    return getTemplate(this.db, templateId, version)
  }

  /** Create a template or save its next version; `author` is the reviewer saving it. */
  /** A version published by the team, kept under its own id and version (see templates.ts). */
  importTemplateVersion(template: Template): boolean {
    return importTemplateVersion(this.db, template, this.now())
  }

  saveTemplate(input: TemplateInput, author: string): Template {
    return saveTemplate(this.db, input, author, this.now(), this.newId)
  }

  archiveTemplate(templateId: string, archived: boolean): Template {
    return archiveTemplate(this.db, templateId, archived)
  }

  /**
   * A new session over the calls in the order given (repeats dropped), scored with the template's
   * latest version, or with `templateVersion` when given (a team calibration fixes its version).
   */
  createSession(reviewer: string, request: CreateSessionRequest, templateVersion?: number): SessionDetail {
    const { name, templateId, callIds, query, sample } = parseInput(CreateSessionRequestSchema, request, 'The session was not created')
    const id = this.newId()
    this.db
      .transaction(() => {
        const template = getTemplate(this.db, templateId, templateVersion)
        const now = this.now()
        this.db
          .prepare(
            `INSERT INTO sessions (id, reviewer, name, template_id, template_version, query_json, sample_json, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
          )
          .run(
            id,
            reviewer,
            name,
            template.id,
            template.version,
            query ? JSON.stringify(query) : null,
            sample ? JSON.stringify(sample) : null,
            now,
            now
          )
        const insert = this.db.prepare('INSERT INTO session_calls (session_id, ord, call_id) VALUES (?, ?, ?)')
        ;[...new Set(callIds)].forEach((callId, ord) => insert.run(id, ord, callId))
      })
      .immediate()
    return this.getSession(reviewer, id)
  }

  /**
   * Calls added at the end of a session's queue, in the order given; those already in it stay
   * where they are (their reviews with them). All or nothing: past MAX_SESSION_CALLS, none is added.
   */
  addCalls(reviewer: string, request: AddSessionCallsRequest): SessionDetail {
    const { sessionId, callIds } = parseInput(AddSessionCallsRequestSchema, request, 'No call was added to the session')
    this.db
      .transaction(() => {
        const session = this.sessions.require(reviewer, sessionId)
        const present = new Set(this.sessions.callIds(sessionId))
        const added = [...new Set(callIds)].filter((id) => !present.has(id))
        if (added.length === 0) return
        if (present.size + added.length > MAX_SESSION_CALLS) {
          throw new AppError(
            'validation',
            `The session "${session.name}" holds ${present.size} calls and a session holds at most ${MAX_SESSION_CALLS}; the ${added.length} new ones were not added. Start another session for them.`
          )
        }
        const last = this.db.prepare('SELECT COALESCE(MAX(ord), -1) AS ord FROM session_calls WHERE session_id = ?').get(sessionId) as { ord: number }
        const insert = this.db.prepare('INSERT INTO session_calls (session_id, ord, call_id) VALUES (?, ?, ?)')
        added.forEach((callId, n) => insert.run(sessionId, last.ord + 1 + n, callId))
        this.sessions.touch(sessionId, this.now())
      })
      .immediate()
    return this.getSession(reviewer, sessionId)
  }

  /** The reviewer's sessions, most recently used first, with progress; archived ones only when asked. */
  listSessions(reviewer: string, includeArchived = true): SessionInfo[] {
    const all = this.sessions.list(reviewer)
    return includeArchived ? all : all.filter((s) => !s.archived)
  }

  getSession(reviewer: string, sessionId: string): SessionDetail {
    const info = this.sessions.info(reviewer, sessionId)
    const template = getTemplate(this.db, info.templateId, info.templateVersion)
    const scope = scopeOf(info.id, template)
    const reviews = loadReviews(this.db, scope)
    const notes = loadNotes(this.db, info.id)
    const items = this.sessions.callIds(info.id).map((callId) => ({
      callId,
      review: reviews.get(callId) ?? emptyReview(scope, callId),
      notes: notes.get(callId) ?? []
    }))
    return { ...info, template, items }
  }

  /**
   * Delete a session: it disappears at once, but its rows stay until the next start (or
   * {@link purgeDeleted}) so that {@link restoreSession} can undo the delete.
   */
  deleteSession(reviewer: string, sessionId: string): void {
    this.db
      .transaction(() => {
        this.sessions.require(reviewer, sessionId)
        this.db.prepare('UPDATE sessions SET deleted_at = ? WHERE id = ?').run(this.now(), sessionId)
      })
      .immediate()
  }

  /** Undo a delete: the session comes back with its reviews and notes. */
  restoreSession(reviewer: string, sessionId: string): SessionInfo {
    this.db
      .transaction(() => {
        this.sessions.require(reviewer, sessionId, { deleted: true })
        this.db.prepare('UPDATE sessions SET deleted_at = NULL WHERE id = ?').run(sessionId)
      })
      .immediate()
    return this.sessions.info(reviewer, sessionId)
  }

  /** Remove for good the sessions deleted before `before` (ISO; every deleted one by default). */
  purgeDeleted(before?: string): number {
    const result = this.db.prepare('DELETE FROM sessions WHERE deleted_at IS NOT NULL AND deleted_at < ?').run(before ?? '9999')
    return result.changes
  }

  renameSession(reviewer: string, sessionId: string, name: string): SessionInfo {
    const parsed = parseInput(SessionNameSchema, name, 'The session was not renamed')
    this.db
      .transaction(() => {
        this.sessions.require(reviewer, sessionId)
        this.db.prepare('UPDATE sessions SET name = ? WHERE id = ?').run(parsed, sessionId)
      })
      .immediate()
    return this.sessions.info(reviewer, sessionId)
  }

  archiveSession(reviewer: string, sessionId: string, archived: boolean): SessionInfo {
    this.db
      .transaction(() => {
        this.sessions.require(reviewer, sessionId)
        this.db.prepare('UPDATE sessions SET archived = ? WHERE id = ?').run(archived ? 1 : 0, sessionId)
      })
      .immediate()
    return this.sessions.info(reviewer, sessionId)
  }

  /** Remember where the reviewer is, so the session resumes there. */
  updatePosition(reviewer: string, sessionId: string, position: SessionPosition): SessionPosition {
    const { index, seconds } = parseInput(SessionPositionSchema, position, 'The position was not saved')
    this.db
      .transaction(() => {
        this.sessions.require(reviewer, sessionId)
        const total = this.sessions.callCount(sessionId)
        if (index >= total) {
          throw new AppError('validation', `The position ${index + 1} is past the end of this ${total}-call session.`, {
            fields: [{ field: 'index', message: `At most ${total - 1}.` }]
          })
        }
        this.db
          .prepare('UPDATE sessions SET position_index = ?, position_seconds = ?, updated_at = ? WHERE id = ?')
          .run(index, seconds, this.now(), sessionId)
      })
      .immediate()
    return { index, seconds }
  }

  /** Apply a change to one call's review: only the keys given change; a null answer clears it. */
  saveReview(reviewer: string, request: SaveReviewRequest): Review {
    const change = parseInput(SaveReviewRequestSchema, request, 'The review was not saved')
    return this.db
      .transaction(() => {
        const session = this.sessions.require(reviewer, change.sessionId)
        this.sessions.requireCall(session, change.callId)
        const template = getTemplate(this.db, session.template_id, session.template_version)
        const now = this.now()
        applyReviewChange(this.db, template, change, now, { reviewer, newId: this.newId })
        this.sessions.touch(session.id, now)
        return loadReviews(this.db, scopeOf(session.id, template), change.callId).get(change.callId) as Review
      })
      .immediate()
  }

  /** Pin a note to a moment of a call's recording. */
  addNote(reviewer: string, note: { sessionId: string; callId: number; seconds: number; text: string }): Note {
    const seconds = parseInput(NoteSecondsSchema, note.seconds, 'The note was not saved')
    const text = parseInput(NoteTextSchema, note.text, 'The note was not saved')
    const id = this.newId()
    return this.db
      .transaction(() => {
        const session = this.sessions.require(reviewer, note.sessionId)
        this.sessions.requireCall(session, note.callId)
        const now = this.now()
        this.db
          .prepare('INSERT INTO notes (id, session_id, call_id, seconds, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(id, session.id, note.callId, seconds, text, now, now)
        this.notesChanged(reviewer, session, note.callId, now)
        return this.requireNote(reviewer, id)
      })
      .immediate()
  }

  updateNote(reviewer: string, noteId: string, change: { text?: string | undefined; seconds?: number | undefined }): Note {
    const text = change.text === undefined ? undefined : parseInput(NoteTextSchema, change.text, 'The note was not saved')
    const seconds = change.seconds === undefined ? undefined : parseInput(NoteSecondsSchema, change.seconds, 'The note was not saved')
    return this.db
      .transaction(() => {
        const existing = this.requireNote(reviewer, noteId)
        const now = this.now()
        this.db
          .prepare('UPDATE notes SET text = ?, seconds = ?, updated_at = ? WHERE id = ?')
          .run(text ?? existing.text, seconds ?? existing.seconds, now, noteId)
        this.notesChanged(reviewer, this.sessions.require(reviewer, existing.sessionId), existing.callId, now)
        return this.requireNote(reviewer, noteId)
      })
      .immediate()
  }

  /** Delete a note; returns it as it was. */
  deleteNote(reviewer: string, noteId: string): Note {
    return this.db
      .transaction(() => {
        const existing = this.requireNote(reviewer, noteId)
        this.db.prepare('DELETE FROM notes WHERE id = ?').run(noteId)
        this.notesChanged(reviewer, this.sessions.require(reviewer, existing.sessionId), existing.callId, this.now())
        return existing
      })
      .immediate()
  }

  /** One call's review in a session, with its notes in playback order (an empty review when untouched). */
  reviewWithNotes(reviewer: string, sessionId: string, callId: number): { review: Review; notes: Note[] } {
    const info = this.sessions.info(reviewer, sessionId)
    const scope = scopeOf(info.id, getTemplate(this.db, info.templateId, info.templateVersion))
    return {
      review: loadReviews(this.db, scope, [callId]).get(callId) ?? emptyReview(scope, callId),
      notes: loadNotes(this.db, info.id, [callId]).get(callId) ?? []
    }
  }

  /** A session as the session list shows it. */
  sessionInfo(reviewer: string, sessionId: string): SessionInfo {
    return this.sessions.info(reviewer, sessionId)
  }

  summary(reviewer: string, sessionId: string): SessionSummary {
    const session = this.getSession(reviewer, sessionId)
    return summariseReviews(session.template, session.total, session.items.map(summaryInputOf))
  }

  /**
   * The reviews an export covers: the given sessions in the order given (every session of the
   * reviewer, oldest first, when none are named), each in queue order, narrowed to `callIds`.
   * Only the call ids are read here; the reviews and notes are read `size` calls at a time as
   * the export writes them, so an export of 40,000 reviews holds a chunk's worth in memory, not all.
   */
  exportPlan(reviewer: string, selection: z.input<typeof ExportSelectionSchema>): ExportPlan {
    const { sessionIds, callIds, reviewedOnly } = parseInput(ExportSelectionSchema, selection, 'Nothing was exported')
    const ids = sessionIds ?? this.sessions.idsOldestFirst(reviewer)
    const wanted = callIds ? new Set(callIds) : null
    const parts = this.db.transaction(() =>
      ids.map((id) => {
        const session = this.sessions.info(reviewer, id)
        const template = getTemplate(this.db, session.templateId, session.templateVersion)
        const reviewed = reviewedOnly
          ? new Set(this.db.prepare('SELECT call_id FROM reviews WHERE session_id = ? AND reviewed = 1').pluck().all(id) as number[])
          : null
        const calls = this.sessions.callIds(id).filter((callId) => (!wanted || wanted.has(callId)) && (!reviewed || reviewed.has(callId)))
        return { session, template, calls }
      })
    )()
    const db = this.db
    return {
      // Only sessions with a row in the export give the file its columns, as the rows would.
      sessions: parts.filter((p) => p.calls.length > 0).map(({ session, template }) => ({ session, template })),
      rows: parts.reduce((sum, p) => sum + p.calls.length, 0),
      *chunks(size) {
        for (const { session, template, calls } of parts) {
          const scope = scopeOf(session.id, template)
          for (let start = 0; start < calls.length; start += size) {
            const slice = calls.slice(start, start + size)
            const { reviews, notes } = db.transaction(() => ({ reviews: loadReviews(db, scope, slice), notes: loadNotes(db, session.id, slice) }))()
            yield slice.map((callId) => ({
              session,
              template,
              item: { callId, review: reviews.get(callId) ?? emptyReview(scope, callId), notes: notes.get(callId) ?? [] }
            }))
          }
        }
      }
    }
  }

  /** Every item of an export at once (tests and small callers); the export itself reads them in chunks ({@link exportPlan}). */
  exportItems(reviewer: string, selection: z.input<typeof ExportSelectionSchema>): ExportItem[] {
    return [...this.exportPlan(reviewer, selection).chunks(500)].flat()
  }

  /** Which of these calls the reviewer has marked reviewed in any session (the call list's "reviewed" column). */
  reviewedCallIds(reviewer: string, callIds: readonly number[]): Set<number> {
    if (!callIds.length) return new Set()
    const rows = this.db
      .prepare(
        `SELECT DISTINCT r.call_id FROM reviews r JOIN sessions s ON s.id = r.session_id
         WHERE s.reviewer = ? AND s.deleted_at IS NULL AND r.reviewed = 1 AND r.call_id IN (SELECT value FROM json_each(?))`
      )
      .all(reviewer, JSON.stringify(callIds)) as { call_id: number }[]
    return new Set(rows.map((r) => r.call_id))
  }

  /** The calls whose notes, review comments or flag (for "flagged") match a search, with where (qa-search.ts). */
  searchText(reviewer: string, input: string): Map<number, QaHit> {
    return this.qaSearch.search(reviewer, input)
  }

  /** The calls the reviewer's notes, comments or flags match (ids only: what a list query needs). */
  searchTextCalls(reviewer: string, input: string): number[] {
    return this.qaSearch.matchingCalls(reviewer, input)
  }

  /** Where the reviewer's own QA text matched each of these calls (a page's). */
  searchTextHits(reviewer: string, input: string, callIds: readonly number[]): Map<number, QaHit> {
    return this.qaSearch.search(reviewer, input, callIds)
  }

  /**
   * The reviewer's reviews saved at or after `since` (ISO), in sessions not deleted: what the team
   * queue checks for a save whose queue entry a crash lost (team-review-queue.ts).
   */
  reviewsChangedSince(reviewer: string, since: string): Review[] {
    const rows = this.db
      .prepare(
        `SELECT r.session_id AS sessionId, r.call_id AS callId FROM reviews r JOIN sessions s ON s.id = r.session_id
         WHERE s.reviewer = ? AND s.deleted_at IS NULL AND r.id IS NOT NULL AND r.updated_at >= ? ORDER BY r.updated_at`
      )
      .all(reviewer, since) as { sessionId: string; callId: number }[]
    const bySession = new Map<string, number[]>()
    for (const row of rows) bySession.set(row.sessionId, [...(bySession.get(row.sessionId) ?? []), row.callId])
    const reviews: Review[] = []
    for (const [sessionId, callIds] of bySession) {
      const info = this.sessions.info(reviewer, sessionId)
      const scope = scopeOf(info.id, getTemplate(this.db, info.templateId, info.templateVersion))
      reviews.push(...loadReviews(this.db, scope, callIds).values())
    }
    return reviews
  }

  /** Every call the reviewer marked reviewed, in any session (the list's sort by "reviewed"). */
  allReviewedCallIds(reviewer: string): number[] {
    return this.db
      .prepare('SELECT DISTINCT r.call_id FROM reviews r JOIN sessions s ON s.id = r.session_id WHERE s.reviewer = ? AND r.reviewed = 1')
      .pluck()
      .all(reviewer) as number[]
  }

  /** Every call the reviewer flagged for follow-up, in a session not deleted (the list's flagged filter). */
  allFlaggedCallIds(reviewer: string): number[] {
    return this.db
      .prepare(
        'SELECT DISTINCT r.call_id FROM reviews r JOIN sessions s ON s.id = r.session_id WHERE s.reviewer = ? AND s.deleted_at IS NULL AND r.flagged = 1'
      )
      .pluck()
      .all(reviewer) as number[]
  }

  /**
   * A note belongs to its call's review: a note change creates the review if it has none yet and
   * moves its updated_at, in the note's own transaction, so the change reaches the team queue like
   * any other save of the review (and is found again if a crash lost it before it was queued).
   */
  private notesChanged(reviewer: string, session: { id: string; template_id: string; template_version: number }, callId: number, now: string): void {
    const template = getTemplate(this.db, session.template_id, session.template_version)
    applyReviewChange(this.db, template, { sessionId: session.id, callId }, now, { reviewer, newId: this.newId })
    this.sessions.touch(session.id, now)
  }

  private requireNote(reviewer: string, noteId: string): Note {
    const row = this.db
      .prepare('SELECT n.* FROM notes n JOIN sessions s ON s.id = n.session_id WHERE n.id = ? AND s.reviewer = ?')
      .get(noteId, reviewer) as NoteRow | undefined
    if (!row) throw new AppError('not_found', 'That note no longer exists; it may have been deleted. Reload the session.')
    return toNote(row)
  }

  private now(): string {
    return this.clock().toISOString()
  }
}

function scopeOf(sessionId: string, template: Template): SessionScope {
  return { sessionId, templateId: template.id, templateVersion: template.version, template }
}
