/**
 * "Nothing lost": a reviewer process scoring a session is killed with SIGKILL — no
 * chance to flush or close — and reopening the profile's QA database finds every answer, note,
 * review mark and position the process had been told was saved.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { QaRepository } from '@main/services/qa/qa-repository'

const REVIEWER = 'qa@example.com'
const REPO = resolve(__dirname, '../../../..')

type Report =
  | { type: 'ready'; pid: number }
  | { type: 'session'; sessionId: string }
  | { type: 'answer'; callId: number; criterionId: string; answer: string | number }
  | { type: 'note'; callId: number; noteId: string; seconds: number; text: string }
  | { type: 'review'; callId: number; flagged: boolean; comment: string }
  | { type: 'position'; index: number }
  | { type: 'finished' }

/** Run the writer until it has reported `changes` saved changes, then SIGKILL it mid-stride. */
async function runAndKill(profileDir: string, changes: number): Promise<Report[]> {
  const child = spawn('npx', ['tsx', 'test/fixtures/qa/crash-writer.ts', profileDir, REVIEWER], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const reports: Report[] = []
  let writerPid: number | null = null
  let killed = false
  const exited = new Promise<void>((done) => child.on('close', () => done()))
  for await (const line of createInterface({ input: child.stdout })) {
    const report = JSON.parse(line) as Report
    reports.push(report)
    // npx and tsx are wrappers: kill the process that holds the database, not its parent.
    if (report.type === 'ready') writerPid = report.pid
    if (!killed && writerPid !== null && reports.length >= changes) {
      process.kill(writerPid, 'SIGKILL')
      killed = true
    }
  }
  await exited
  if (!killed) throw new Error(`The writer stopped before it was killed. stderr:\n${stderr}`)
  return reports
}

describe('QA sessions survive a killed process', () => {
  it('keeps every answer, note, review mark and position the killed process reported as saved', async () => {
    const profileDir = mkdtempSync(join(tmpdir(), 'qa-crash-'))
    const reports = await runAndKill(profileDir, 150)
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
