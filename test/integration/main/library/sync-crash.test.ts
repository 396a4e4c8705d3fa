/**
 * Crash safety of "make available offline": the process running a job is killed with
 * SIGKILL, once while it stores pages and once while it downloads recordings. Each time the
 * library opens and passes SQLite's integrity check, nothing it reported as stored is lost, no
 * partial recording is ever served, and when the profile opens again the way the app opens it
 * (ProfileResources) the job resumes by itself to completion, without fetching a stored page
 * again or duplicating a row.
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CallRecordSchema } from '@shared/convirza/schemas'
import { createLogger } from '@main/services/log'
import { ProfileResources } from '@main/services/profile-resources'
import type { SyncProgress } from '@shared/ipc/contract/library'
import { wavBytes } from '@test/fixtures/library/audio-bytes'
import { tempProfileDir } from '@test/fixtures/library/library-setup'
import { startRecordingServer, type RecordingServer } from '@test/fixtures/library/recording-server'

const REPO = resolve(__dirname, '../../../..')
const CALLS = 120
const RECORDING_BYTES = 400_000

type Report = { type: 'ready'; pid: number } | { type: 'progress'; jobId: string; state: string; calls: number; recordings: number }

let server: RecordingServer
beforeAll(async () => {
  server = await startRecordingServer()
  server.calls = Array.from({ length: CALLS }, (_, i) =>
    CallRecordSchema.parse({
      call_id: 9000 + i,
      call_started: new Date(Date.parse('2026-03-20T00:00:00Z') - i * 60_000).toISOString(),
      transcription: `Caller: crash drill ${i}`,
      recording_details: i % 4 === 3 ? null : { url: `https://api.example.test/rec/${9000 + i}`, size: '400kB' }
    })
  )
  for (const call of server.calls)
    if (call.recording_details) server.files.set(call.call_id, { bytes: wavBytes(RECORDING_BYTES, call.call_id), contentType: 'audio/wav' })
})
afterAll(async () => server.close())

/**
 * Run the sync in a child process and SIGKILL it once `until` is true of a report and then,
 * polled every few milliseconds, `also` holds (a moment of the child's work seen on disk).
 */
async function runAndKill(
  profileDir: string,
  until: (r: Extract<Report, { type: 'progress' }>) => boolean,
  also: () => boolean = () => true
): Promise<Extract<Report, { type: 'progress' }>[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/library/sync-crash-runner.ts', profileDir, server.baseUrl], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<void>((done) => child.on('close', () => done()))
  const reports: Extract<Report, { type: 'progress' }>[] = []
  let pid: number | null = null
  let killed = false
  for await (const line of createInterface({ input: child.stdout })) {
    const report = JSON.parse(line) as Report
    if (report.type === 'ready') pid = report.pid
    else reports.push(report)
    if (!killed && pid !== null && report.type === 'progress' && until(report)) {
      killed = true
      const target = pid
      const startedAt = Date.now()
      const poll = (): void => {
        // Ten seconds at most: a child that never gets there is killed all the same, and the
        // test's own checks say what was missing.
        if (also() || Date.now() - startedAt > 10_000) process.kill(target, 'SIGKILL')
        else setTimeout(poll, 2)
      }
      poll()
    }
  }
  await exited
  if (!killed) throw new Error(`The sync finished or died before it was killed. stderr:\n${stderr}`)
  return reports
}

function checkWhole(profileDir: string, reported: { calls: number; recordings: number }): void {
  const db = new Database(join(profileDir, 'library.sqlite'))
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.pragma('foreign_key_check')).toEqual([])
    expect(db.prepare('SELECT count(*) FROM sync_job_calls').pluck().get()).toBeGreaterThanOrEqual(reported.calls)
    expect(db.prepare('SELECT count(*) FROM calls').pluck().get()).toBeGreaterThanOrEqual(reported.calls)
    // Every recording the index holds is whole on disk.
    const rows = db.prepare('SELECT call_id, file, bytes FROM recordings').all() as { call_id: number; file: string; bytes: number }[]
    expect(rows.length).toBeGreaterThanOrEqual(reported.recordings)
    for (const row of rows) {
      expect(row.bytes).toBe(RECORDING_BYTES)
      expect(statSync(join(profileDir, 'recordings', row.file)).size).toBe(RECORDING_BYTES)
    }
  } finally {
    db.close()
  }
}

describe('make available offline survives a killed process', () => {
  it('keeps what it stored, serves no partial recording, and resumes to the end without refetching or duplicating', async () => {
    const profileDir = tempProfileDir('library-sync-crash-')

    // 1. Killed while storing pages.
    server.pageDelayMs = 60
    const first = await runAndKill(profileDir, (r) => r.calls >= 40)
    checkWhole(profileDir, first.at(-1) as { calls: number; recordings: number })

    // 2. Started again (it resumes the same job), killed while downloading recordings.
    server.pageDelayMs = 0
    server.chunkDelayMs = 15
    server.pageOffsets.length = 0
    server.pageLimits.length = 0
    // After a few recordings are stored, at a moment a download is halfway through (a .part file
    // is on disk): a fixed delay after a report missed that moment on a loaded machine.
    const recordingsDir = join(profileDir, 'recordings')
    const downloading = (): boolean => existsSync(recordingsDir) && readdirSync(recordingsDir).some((name) => name.endsWith('.part'))
    const second = await runAndKill(profileDir, (r) => r.recordings >= 6, downloading)
    const jobId = (second.at(-1) as { jobId: string }).jobId
    expect(second.at(-1)?.state).toBe('running')
    expect(first.at(-1)?.jobId).toBe(jobId)
    // Pages stored before the kill are not fetched again (a one-call request for the latest
    // total, which checks that the pages still add up, is not a page).
    const before = new Set(server.pageOffsets.filter((_, i) => (server.pageLimits[i] ?? 0) > 1))
    expect(before.has(0)).toBe(false)
    expect(before.has(20)).toBe(false)
    checkWhole(profileDir, second.at(-1) as { calls: number; recordings: number })
    const parts = readdirSync(recordingsDir).filter((name) => name.endsWith('.part'))
    expect(parts.length).toBeGreaterThan(0)

    // 3. The profile opened again as the app opens it (ProfileResources): the .part files are
    // gone, and a call whose download was cut comes whole from the API.
    server.chunkDelayMs = 0
    const events: SyncProgress[] = []
    const resources = new ProfileResources({
      log: createLogger(),
      clock: () => new Date(),
      api: () => ({
        listCalls: (input, opts) => server.listPage(input, opts.signal as AbortSignal),
        getCall: async (callId) => server.calls.find((c) => c.call_id === callId) ?? null,
        openRecording: server.openRecording
      }),
      emit: (p) => events.push(p)
    })
    try {
      const cache = resources.recordings(profileDir)
      const library = resources.library(profileDir)
      expect(readdirSync(recordingsDir).filter((name) => name.endsWith('.part'))).toEqual([])
      const cut = Number(/^(\d+)-/.exec(parts[0] as string)?.[1])
      expect(cache.has(cut)).toBe(false)
      const served = await cache.serve(new Request(`recording://call/${cut}`))
      expect(Buffer.from(await served.arrayBuffer()).equals(server.files.get(cut)!.bytes)).toBe(true)

      // 4. Its offline jobs, opened, carry the killed job on to the end by themselves.
      const donePages = new Set(library.db.prepare('SELECT page_index FROM sync_pages WHERE job_id = ?').pluck().all(jobId) as number[])
      server.pageOffsets.length = 0
      server.pageLimits.length = 0
      const jobs = resources.syncJobs(profileDir)
      expect(jobs.status()).toMatchObject({ jobId, state: 'running' })
      await jobs.idle()
      const recordings = server.calls.filter((c) => c.recording_details).length
      expect(events.at(-1)).toMatchObject({
        jobId,
        state: 'done',
        calls: { done: CALLS, total: CALLS },
        recordings: { done: recordings, total: recordings }
      })
      const pagesAsked = server.pageOffsets.filter((_, i) => (server.pageLimits[i] ?? 0) > 1)
      for (const offset of pagesAsked) expect(donePages.has(offset / 20)).toBe(false)
      expect(library.stats().calls).toBe(CALLS)
      expect(library.db.prepare('SELECT count(*) FROM sync_job_calls').pluck().get()).toBe(CALLS)
      expect(library.db.prepare('SELECT count(*) FROM sync_jobs').pluck().get()).toBe(1)
      for (const call of server.calls) if (call.recording_details) expect(cache.entry(call.call_id)?.bytes).toBe(RECORDING_BYTES)
    } finally {
      await resources.closeAll()
    }
  }, 60_000)
})
