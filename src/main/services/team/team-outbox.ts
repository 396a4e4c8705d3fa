/**
 * Local-first sync of review changes to the team database.
 *
 * A review change is saved locally first (as every review is) and also queued here, in the
 * profile's own SQLite file, with an operation id made on this machine. `push` sends the queue in
 * order, in batches, each batch in one PostgreSQL transaction; the team database remembers every
 * op id it applied (callreview.applied_ops), so a batch whose answer was lost — the connection
 * cut after the commit, the app killed before the queue was trimmed — is sent again and applies
 * nothing twice. Entries leave the queue only after their batch committed.
 */
import { randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
import type pg from 'pg'
import { z } from 'zod'
import { NOTE_MAX_SECONDS } from '@shared/qa/schemas'

/** A note pinned to a moment of the call, as the team database keeps it. */
export const TeamNoteSchema = z.strictObject({
  id: z.string().min(1).max(64),
  seconds: z.number().min(0).max(NOTE_MAX_SECONDS),
  text: z.string().min(1).max(2000)
})
export type TeamNote = z.infer<typeof TeamNoteSchema>

/** The review fields a change may carry, with the team database's column names. */
export const ReviewFieldsSchema = z
  .strictObject({
    answers: z.record(z.string().max(64), z.union([z.enum(['yes', 'no', 'na']), z.number().int().min(1).max(5), z.null()])).optional(),
    comment: z.string().max(20_000).optional(),
    flagged: z.boolean().optional(),
    reviewed: z.boolean().optional(),
    score_percent: z.number().min(0).max(100).nullable().optional(),
    critical_failures: z.number().int().min(0).max(1000).optional(),
    finished_at: z.string().max(40).nullable().optional(),
    active_ms: z.number().int().min(0).optional(),
    /** The review's notes pinned to moments, the whole list (a change of one note sends them all). */
    notes: z.array(TeamNoteSchema).max(1000).optional()
  })
  .refine((fields) => Object.keys(fields).length > 0, 'A review change carries at least one field.')
export type ReviewFields = z.infer<typeof ReviewFieldsSchema>

/** The facts of the reviewed call that team reports need (never transcript, recording or token). */
export const TeamCallFactsSchema = z.strictObject({
  account: z.string().min(1).max(200),
  callId: z.number().int().positive(),
  startedAt: z.string().min(1).max(40),
  campaign: z.string().max(200).nullable(),
  group: z.string().max(200).nullable(),
  agent: z.string().max(200).nullable(),
  durationSec: z.number().int().min(0).nullable()
})
export type TeamCallFacts = z.infer<typeof TeamCallFactsSchema>

/** The QA session a review was made in, as the team database keeps it (callreview.sessions). */
export const TeamSessionFactsSchema = z.strictObject({
  id: z.uuid(),
  name: z.string().min(1).max(200),
  templateId: z.string().min(1).max(64),
  templateVersion: z.number().int().positive(),
  callCount: z.number().int().min(0),
  createdAt: z.string().min(1).max(40)
})
export type TeamSessionFacts = z.infer<typeof TeamSessionFactsSchema>

export interface ReviewChange {
  reviewId: string
  call: TeamCallFacts
  /** The session the review belongs to; null for changes queued before sessions were sent. */
  session: TeamSessionFacts | null
  templateId: string
  templateVersion: number
  calibrationId: string | null
  fields: ReviewFields
}

export interface QueuedChange extends ReviewChange {
  seq: number
  opId: string
  queuedAt: string
  attempts: number
  lastError: string | null
}

export interface PushResult {
  /** Changes the team database applied now. */
  applied: number
  /** Changes it had applied before (a retried batch): removed from the queue, not applied again. */
  alreadyApplied: number
  remaining: number
}

export interface PushOptions {
  batchSize?: number
  /** Test seam: runs after a batch committed in PostgreSQL, before the local queue is trimmed. */
  afterCommit?: (batch: readonly QueuedChange[]) => void | Promise<void>
}

interface OutboxRow {
  seq: number
  op_id: string
  review_id: string
  call: string
  session: string | null
  template_id: string
  template_version: number
  calibration_id: string | null
  fields: string
  queued_at: string
  attempts: number
  last_error: string | null
}

export class TeamOutbox {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date()
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS team_outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      op_id TEXT NOT NULL UNIQUE,
      review_id TEXT NOT NULL,
      call TEXT NOT NULL,
      template_id TEXT NOT NULL,
      template_version INTEGER NOT NULL,
      calibration_id TEXT,
      fields TEXT NOT NULL,
      queued_at TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT
    )`)
    // Outboxes made before sessions were sent gain the column; their queued changes carry none.
    const columns = db.prepare("SELECT name FROM pragma_table_info('team_outbox')").pluck().all() as string[]
    if (!columns.includes('session')) db.exec('ALTER TABLE team_outbox ADD COLUMN session TEXT')
    // The local save (qa.sqlite) and the queue (this file) are two commits: a crash between them
    // would keep a change from the team. Each review's last queued change is remembered by the
    // review's own updated_at, so a review saved later than that is found and queued again on the
    // next start (requeueLostReviews). Reviews changed before this table existed were queued as
    // they were saved: only changes since `since` are checked, and each check moves it forward.
    db.exec(`CREATE TABLE IF NOT EXISTS team_queued_reviews (review_id TEXT PRIMARY KEY, updated_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS team_queued_since (id INTEGER PRIMARY KEY CHECK (id = 1), since TEXT NOT NULL)`)
    db.prepare('INSERT OR IGNORE INTO team_queued_since (id, since) VALUES (1, ?)').run(this.now().toISOString())
  }

  /**
   * Queues a change; returns its op id. Validates first, so a bad change never reaches the queue.
   * With `reviewUpdatedAt` (the saved review's updated_at), records in the same commit that the
   * review is queued up to that save.
   */
  enqueue(change: ReviewChange, reviewUpdatedAt?: string): string {
    const fields = ReviewFieldsSchema.parse(change.fields)
    const call = TeamCallFactsSchema.parse(change.call)
    const session = change.session === null ? null : TeamSessionFactsSchema.parse(change.session)
    const opId = randomUUID()
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO team_outbox (op_id, review_id, call, session, template_id, template_version, calibration_id, fields, queued_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
        )
        .run(
          opId,
          change.reviewId,
          JSON.stringify(call),
          session === null ? null : JSON.stringify(session),
          change.templateId,
          change.templateVersion,
          change.calibrationId,
          JSON.stringify(fields),
          this.now().toISOString()
        )
      if (reviewUpdatedAt !== undefined)
        this.db
          .prepare(
            `INSERT INTO team_queued_reviews (review_id, updated_at) VALUES (?, ?)
             ON CONFLICT (review_id) DO UPDATE SET updated_at = max(updated_at, excluded.updated_at)`
          )
          .run(change.reviewId, reviewUpdatedAt)
    })()
    return opId
  }

  /** Since when saved reviews are checked against what was queued (when this outbox first opened). */
  queuedSince(): string {
    return (this.db.prepare('SELECT since FROM team_queued_since WHERE id = 1').pluck().get() as string | undefined) ?? this.now().toISOString()
  }

  /** Moves the check's start forward to `at` (never back). */
  advanceQueuedSince(at: string): void {
    this.db.prepare('UPDATE team_queued_since SET since = ? WHERE id = 1 AND since < ?').run(at, at)
  }

  /** Of these saved reviews, the ids whose last save is later than their last queued change. */
  unqueued(reviews: readonly { id: string; updatedAt: string }[]): Set<string> {
    const queued = this.db.prepare('SELECT updated_at FROM team_queued_reviews WHERE review_id = ?').pluck()
    const since = this.queuedSince()
    const missing = new Set<string>()
    for (const review of reviews) {
      if (review.updatedAt < since) continue
      const upTo = queued.get(review.id) as string | undefined
      if (upTo === undefined || upTo < review.updatedAt) missing.add(review.id)
    }
    return missing
  }

  pending(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM team_outbox').get() as { n: number }).n
  }

  /** The reviews with changes waiting, each counted once however many saves it queued: what the top bar counts. */
  pendingReviews(): number {
    return (this.db.prepare('SELECT count(DISTINCT review_id) AS n FROM team_outbox').get() as { n: number }).n
  }

  peek(limit: number): QueuedChange[] {
    const rows = this.db.prepare('SELECT * FROM team_outbox ORDER BY seq LIMIT ?').all(limit) as OutboxRow[]
    return rows.map((row) => ({
      seq: row.seq,
      opId: row.op_id,
      reviewId: row.review_id,
      call: JSON.parse(row.call) as TeamCallFacts,
      session: row.session === null ? null : (JSON.parse(row.session) as TeamSessionFacts),
      templateId: row.template_id,
      templateVersion: row.template_version,
      calibrationId: row.calibration_id,
      fields: JSON.parse(row.fields) as ReviewFields,
      queuedAt: row.queued_at,
      attempts: row.attempts,
      lastError: row.last_error
    }))
  }

  /** Sends the queue in order until it is empty or a batch fails (the error is thrown, the queue kept). */
  async push(client: pg.ClientBase, options: PushOptions = {}): Promise<PushResult> {
    const batchSize = options.batchSize ?? 500
    let applied = 0
    let alreadyApplied = 0
    for (;;) {
      const batch = this.peek(batchSize)
      if (batch.length === 0) break
      let results: boolean[]
      try {
        results = await sendBatch(client, batch)
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        this.db.prepare('UPDATE team_outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?').run(message.slice(0, 500), batch[0]?.seq ?? 0)
        throw error
      }
      await options.afterCommit?.(batch)
      const last = batch[batch.length - 1] as QueuedChange
      this.db.prepare('DELETE FROM team_outbox WHERE seq <= ?').run(last.seq)
      for (const ok of results) {
        if (ok) applied += 1
        else alreadyApplied += 1
      }
    }
    return { applied, alreadyApplied, remaining: this.pending() }
  }
}

/** The calls' facts the team database keeps (for dashboards and assignments); a call already there is kept as it is. */
export async function insertTeamCalls(client: pg.ClientBase, calls: readonly TeamCallFacts[]): Promise<void> {
  await client.query(
    `INSERT INTO callreview.calls (account, call_id, started_at, campaign, group_name, agent, duration_sec)
     SELECT c.account, c.call_id, c.started_at, c.campaign, c.group_name, c.agent, c.duration_sec
     FROM jsonb_to_recordset($1::jsonb) AS c(account text, call_id bigint, started_at timestamptz, campaign text, group_name text, agent text, duration_sec int)
     ON CONFLICT (account, call_id) DO NOTHING`,
    [
      JSON.stringify(
        calls.map((c) => ({
          account: c.account,
          call_id: c.callId,
          started_at: c.startedAt,
          campaign: c.campaign,
          group_name: c.group,
          agent: c.agent,
          duration_sec: c.durationSec
        }))
      )
    ]
  )
}

/**
 * The reviewer's sessions the batch's changes were made in: new ones are added, known ones take
 * the latest name and size. Another reviewer's session (an id they chose) is left as it is, since
 * row-level security hides it, and a review put in it is refused by the database's trigger.
 */
async function upsertTeamSessions(client: pg.ClientBase, sessions: readonly TeamSessionFacts[]): Promise<void> {
  if (sessions.length === 0) return
  await client.query(
    `INSERT INTO callreview.sessions (id, name, template_id, template_version, call_count, created_at)
     SELECT s.id, s.name, s.template_id, s.template_version, s.call_count, s.created_at
     FROM jsonb_to_recordset($1::jsonb) AS s(id uuid, name text, template_id text, template_version int, call_count int, created_at timestamptz)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, call_count = excluded.call_count, updated_at = now()
     WHERE (sessions.name, sessions.call_count) IS DISTINCT FROM (excluded.name, excluded.call_count)`,
    [
      JSON.stringify(
        sessions.map((s) => ({
          id: s.id,
          name: s.name,
          template_id: s.templateId,
          template_version: s.templateVersion,
          call_count: s.callCount,
          created_at: s.createdAt
        }))
      )
    ]
  )
}

/** One transaction: the calls' facts, then the changes through callreview.apply_review_changes, in order. */
async function sendBatch(client: pg.ClientBase, batch: readonly QueuedChange[]): Promise<boolean[]> {
  const calls = new Map<string, TeamCallFacts>()
  const sessions = new Map<string, TeamSessionFacts>()
  for (const change of batch) {
    calls.set(`${change.call.account}\u0000${change.call.callId}`, change.call)
    // The batch's last word on each session (its name or size may have changed meanwhile).
    if (change.session) sessions.set(change.session.id, change.session)
  }
  await client.query('BEGIN')
  try {
    await insertTeamCalls(client, [...calls.values()])
    await upsertTeamSessions(client, [...sessions.values()])
    const result = await client.query<{ applied: boolean }>('SELECT applied FROM callreview.apply_review_changes($1::jsonb)', [
      JSON.stringify(
        batch.map((c, n) => ({
          n,
          op_id: c.opId,
          review_id: c.reviewId,
          account: c.call.account,
          call_id: c.call.callId,
          session_id: c.session?.id ?? null,
          template_id: c.templateId,
          template_version: c.templateVersion,
          calibration_id: c.calibrationId,
          fields: c.fields
        }))
      )
    ])
    await client.query('COMMIT')
    return result.rows.map((r) => r.applied)
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}
