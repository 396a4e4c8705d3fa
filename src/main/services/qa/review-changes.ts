/**
 * Writing one change to a review. The caller holds the transaction; this checks the answers
 * against the session's template version first, so a change with one bad answer writes nothing.
 */
import type Database from 'better-sqlite3'
import type { z } from 'zod'
import { AppError } from '@shared/errors'
import type { SaveReviewRequestSchema } from '@shared/ipc/contract/qa'
import { checkAnswer } from '@shared/qa/score'
import type { Answer, Template } from '@shared/qa/schemas'
import { encodeAnswer } from './review-rows'

export type ReviewChange = z.output<typeof SaveReviewRequestSchema>

/** Who is changing the review, and how new review ids are made. */
export interface ReviewAuthor {
  reviewer: string
  newId: () => string
}

export function applyReviewChange(db: Database.Database, template: Template, change: ReviewChange, now: string, author: ReviewAuthor): void {
  const answers = Object.entries(change.answers ?? {})
  checkAnswers(template, answers)
  const key = [change.sessionId, change.callId] as const
  db.prepare(
    `INSERT INTO reviews (id, session_id, call_id, template_id, template_version, updated_at) VALUES (?, ?, ?, ?, ?, '')
     ON CONFLICT DO NOTHING`
  ).run(author.newId(), ...key, template.id, template.version)
  if (change.addActiveSeconds) {
    db.prepare('UPDATE reviews SET active_seconds = active_seconds + ? WHERE session_id = ? AND call_id = ?').run(change.addActiveSeconds, ...key)
  }
  if (change.flaggedForFollowUp !== undefined) {
    db.prepare('UPDATE reviews SET flagged = ? WHERE session_id = ? AND call_id = ?').run(change.flaggedForFollowUp ? 1 : 0, ...key)
  }
  if (change.comment !== undefined) {
    db.prepare('UPDATE reviews SET comment = ? WHERE session_id = ? AND call_id = ?').run(change.comment, ...key)
  }
  const upsert = db.prepare(
    `INSERT INTO review_answers (session_id, call_id, criterion_id, value, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`
  )
  const remove = db.prepare('DELETE FROM review_answers WHERE session_id = ? AND call_id = ? AND criterion_id = ?')
  for (const [criterionId, answer] of answers) {
    if (answer === null) remove.run(...key, criterionId)
    else upsert.run(...key, criterionId, encodeAnswer(answer), now)
  }
  const missing = missingRequired(db, template, key)
  if (change.reviewed === true && missing.length > 0) {
    throw new AppError(
      'validation',
      `Not marked reviewed: answer the required ${missing.length === 1 ? 'criterion' : 'criteria'} first (${missing.map((c) => `"${c.label}"`).join(', ')}).`,
      { fields: missing.map((c) => ({ field: `answers.${c.id}`, message: 'Required.' })) }
    )
  }
  if (change.reviewed !== undefined) {
    // reviewed_at is when it was last marked reviewed, by whom; unmarking clears both.
    db.prepare(
      `UPDATE reviews SET reviewed = ?, reviewed_at = CASE WHEN ? THEN ? ELSE NULL END, reviewer = CASE WHEN ? THEN ? ELSE NULL END
       WHERE session_id = ? AND call_id = ? AND reviewed <> ?`
    ).run(change.reviewed ? 1 : 0, change.reviewed ? 1 : 0, now, change.reviewed ? 1 : 0, author.reviewer, ...key, change.reviewed ? 1 : 0)
  } else if (missing.length > 0) {
    // Clearing a required answer makes a finished review incomplete again: it stops counting.
    db.prepare('UPDATE reviews SET reviewed = 0, reviewed_at = NULL, reviewer = NULL WHERE session_id = ? AND call_id = ?').run(...key)
  }
  // Each save moves updated_at forward, a millisecond past the last one if the clock has not:
  // the team queue tells a save it has not queued by it (team-outbox.ts), so two saves in one
  // millisecond must not share it.
  db.prepare(
    `UPDATE reviews SET updated_at = CASE WHEN ? > updated_at THEN ? ELSE strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0.001 seconds') END
     WHERE session_id = ? AND call_id = ?`
  ).run(now, now, ...key)
}

function missingRequired(db: Database.Database, template: Template, key: readonly [string, number]): Template['criteria'] {
  const required = template.criteria.filter((c) => c.required === true)
  if (required.length === 0) return []
  const answered = new Set(
    (db.prepare('SELECT criterion_id FROM review_answers WHERE session_id = ? AND call_id = ?').all(...key) as { criterion_id: string }[]).map(
      (r) => r.criterion_id
    )
  )
  return required.filter((c) => !answered.has(c.id))
}

function checkAnswers(template: Template, answers: [string, Answer | null][]): void {
  const fields: { field: string; message: string }[] = []
  for (const [criterionId, answer] of answers) {
    const criterion = template.criteria.find((c) => c.id === criterionId)
    if (!criterion) fields.push({ field: `answers.${criterionId}`, message: `The scorecard "${template.name}" has no criterion "${criterionId}".` })
    else if (answer !== null) {
      const problem = checkAnswer(criterion, answer)
      if (problem) fields.push({ field: `answers.${criterionId}`, message: problem })
    }
  }
  if (fields.length) {
    throw new AppError('validation', `The review was not saved: ${fields.map((f) => f.message).join(' ')}`, { fields })
  }
}
