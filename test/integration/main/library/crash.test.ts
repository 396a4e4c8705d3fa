/**
 * Crash safety of the offline library: a process storing calls is killed with
 * SIGKILL — no chance to flush or close — and the library then opens, passes SQLite's own
 * integrity check, and holds every batch the killed process had been told was committed.
 */
import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { CallLibrary } from '@main/services/library/call-library'
import { tempProfileDir } from '@test/fixtures/library/library-setup'

const REPO = resolve(__dirname, '../../../..')

type Report =
  { type: 'ready'; pid: number } | { type: 'committed'; batch: number; first: number; last: number; reviewed: number | null } | { type: 'finished' }

async function runAndKill(profileDir: string, batches: number): Promise<Report[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/library/crash-writer.ts', profileDir], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<void>((done) => child.on('close', () => done()))
  const reports: Report[] = []
  let writerPid: number | null = null
  let killed = false
  for await (const line of createInterface({ input: child.stdout })) {
    const report = JSON.parse(line) as Report
    reports.push(report)
    if (report.type === 'ready') writerPid = report.pid
    if (!killed && writerPid !== null && report.type === 'committed' && report.batch + 1 >= batches) {
      process.kill(writerPid, 'SIGKILL')
      killed = true
    }
  }
  await exited
  if (!killed) throw new Error(`The writer stopped before it was killed. stderr:\n${stderr}`)
  return reports
}

describe('the library survives a killed process', () => {
  it('opens, passes the integrity check and holds every batch reported as committed', async () => {
    const profileDir = tempProfileDir('library-crash-')
    const reports = await runAndKill(profileDir, 25)
    const committed = reports.flatMap((r) => (r.type === 'committed' ? [r] : []))
    expect(committed.length).toBeGreaterThanOrEqual(25)
    expect(reports.at(-1)?.type).not.toBe('finished')

    const raw = new Database(join(profileDir, 'library.sqlite'))
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(raw.pragma('foreign_key_check')).toEqual([])
    raw.close()
    // The search index, written by its own thread, was killed mid-write too.
    const search = new Database(join(profileDir, 'library-search.sqlite'))
    expect(search.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(search.prepare("INSERT INTO calls_fts (calls_fts, rank) VALUES ('integrity-check', 0)").run().changes).toBeGreaterThanOrEqual(0)
    search.close()

    const library = new CallLibrary(profileDir)
    try {
      const has = library.db.prepare('SELECT count(*) FROM calls WHERE call_id BETWEEN ? AND ?').pluck()
      for (const batch of committed) expect(has.get(batch.first, batch.last)).toBe(batch.last - batch.first + 1)
      for (const batch of committed) if (batch.reviewed !== null) expect(library.get(batch.reviewed)?.reviewed).toBe(true)
      // Stored calls are whole: every row has its record, and (once the index caught up with
      // what the killed process had not indexed yet) its search entry, indexed once.
      const calls = library.stats().calls
      expect(library.db.prepare('SELECT count(*) FROM call_records').pluck().get()).toBe(calls)
      library.search.settle()
      expect(library.db.prepare("SELECT count(*) FROM search.calls_fts WHERE calls_fts MATCH 'caller'").pluck().get()).toBe(calls)
      expect(library.db.prepare('SELECT count(*) FROM search.indexed_calls').pluck().get()).toBe(calls)
      // At most the one batch being written when the kill landed may be there unreported.
      expect(calls - committed.length * 100).toBeLessThanOrEqual(100)
    } finally {
      library.close()
    }
  }, 90_000)
})
