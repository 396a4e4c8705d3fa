/**
 * "Nothing lost": a reviewer process scoring a session is killed with SIGKILL — no
 * chance to flush or close — and reopening the profile's QA database finds every answer, note,
 * review mark and position the process had been told was saved.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { QaRepository } from '@main/services/qa/qa-repository'
import { runWriterUntilKilled } from '@test/fixtures/crash-writer'

const REVIEWER = 'qa@example.com'

type Report =
  | { type: 'ready'; pid: number }
  | { type: 'session'; sessionId: string }
  | { type: 'answer'; callId: number; criterionId: string; answer: string | number }
  | { type: 'note'; callId: number; noteId: string; seconds: number; text: string }
  | { type: 'review'; callId: number; flagged: boolean; comment: string }
  | { type: 'position'; index: number }
  | { type: 'finished' }

describe('QA sessions survive a killed process', () => {
  it('keeps every answer, note, review mark and position the killed process reported as saved', async () => {
    const profileDir = mkdtempSync(join(tmpdir(), 'qa-crash-'))
    // Run the writer until it has reported 150 saved changes, then SIGKILL it mid-stride.
    const reports = await runWriterUntilKilled<Report>('test/fixtures/qa/crash-writer.ts', [profileDir, REVIEWER], (r) => r.length >= 150)
    expect(reports.at(-1)?.type).not.toBe('finished')

    // The database is whole: it opens, passes SQLite's own check, and the store reads it.
    const raw = new Database(join(profileDir, 'qa.sqlite'))
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(raw.pragma('foreign_key_check')).toEqual([])
    raw.close()
    const store = new QaRepository(profileDir)
    try {
      const sessionId = reports.flatMap((r) => (r.type === 'session' ? [r.sessionId] : []))[0] as string
      const session = store.getSession(REVIEWER, sessionId)
      const byCall = new Map(session.items.map((item) => [item.callId, item]))

      const answers = reports.filter((r) => r.type === 'answer')
      const notes = reports.filter((r) => r.type === 'note')
      const reviews = reports.filter((r) => r.type === 'review')
      const positions = reports.filter((r) => r.type === 'position')
      expect(answers.length).toBeGreaterThan(100)
      expect(notes.length).toBeGreaterThan(5)
      for (const a of answers) expect(byCall.get(a.callId)?.review.answers[a.criterionId]).toBe(a.answer)
      for (const n of notes) {
        expect(byCall.get(n.callId)?.notes).toContainEqual(expect.objectContaining({ id: n.noteId, seconds: n.seconds, text: n.text }))
      }
      for (const r of reviews) {
        expect(byCall.get(r.callId)?.review).toMatchObject({ reviewed: true, flaggedForFollowUp: r.flagged, comment: r.comment })
      }
      // The last reported position, or the one change after it that was committed but not yet reported.
      const last = positions.at(-1)?.index ?? 0
      expect([last, last + 1]).toContain(session.position.index)
    } finally {
      store.close()
    }
  }, 90_000)
})
