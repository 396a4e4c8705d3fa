/**
 * "Make available offline" against a real local HTTP API and a real library: every
 * page stored, every recording downloaded, progress reported; cancel, failure and resume
 * without refetching what is complete or duplicating rows.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { CallRecordSchema, INCLUDE_MODULES } from '@shared/convirza/schemas'
import { AppError } from '@shared/errors'
import type { SyncProgress } from '@shared/ipc/contract/library'
import { RecordingCache } from '@main/services/library/recording-cache'
import { SyncJobs, type SyncJobsOptions } from '@main/services/library/sync-jobs'
import { wavBytes } from '@test/fixtures/library/audio-bytes'
import { OpenLibraries, tempProfileDir } from '@test/fixtures/library/library-setup'
import { startRecordingServer, type RecordingServer } from '@test/fixtures/library/recording-server'

let server: RecordingServer
beforeAll(async () => {
  server = await startRecordingServer()
})
afterAll(async () => server.close())

const libraries = new OpenLibraries()
const open: { cache: RecordingCache; jobs: SyncJobs }[] = []
afterEach(async () => {
  for (const { cache, jobs } of open.splice(0)) {
    jobs.abandon()
    await jobs.idle()
    await cache.close()
  }
  libraries.closeAll()
  server.files.clear()
  server.requests.clear()
  server.cut.clear()
  server.chunkDelayMs = 0
  server.pageOffsets.length = 0
  server.pageInputs.length = 0
  server.pagesDown = false
})

const QUERY = { start: '2026-03-01T00:00:00.000Z', end: '2026-03-31T00:00:00.000Z' }
const RECORDING_BYTES = 60_000

/** `count` calls on the server, every third without a recording. */
function seed(count: number): void {
  server.calls = Array.from({ length: count }, (_, i) =>
    CallRecordSchema.parse({
      call_id: 5000 + i,
      call_started: new Date(Date.parse('2026-03-20T00:00:00Z') - i * 60_000).toISOString(),
      transcription: `Caller: call number ${i}`,
      recording_details: i % 3 === 2 ? null : { url: `https://api.example.test/rec/${5000 + i}`, size: `${RECORDING_BYTES / 1000}kB` }
    })
  )
  for (const call of server.calls)
    if (call.recording_details) server.files.set(call.call_id, { bytes: wavBytes(RECORDING_BYTES, call.call_id), contentType: 'audio/wav' })
}

function setup(profileDir = tempProfileDir('sync-'), options: Partial<SyncJobsOptions> = {}) {
  const library = libraries.make(profileDir)
  const cache = new RecordingCache({ profileDir, library, openRecording: server.openRecording })
  const events: SyncProgress[] = []
  const jobs = new SyncJobs({
    library,
    cache,
    listPage: server.listPage,
    emit: (p) => events.push(p),
    pageSize: 20,
    progressIntervalMs: 0,
    ...options
  })
  open.push({ cache, jobs })
  return { profileDir, library, cache, jobs, events }
}

/**
 * `calls` seeded and a job started over a slowed server, then stopped as quitting the app stops
 * it once at least `recordingsDone` recordings have arrived; setup(profileDir) is the app started again.
 */
async function quitDuringJob(calls: number, profilePrefix: string, recordingsDone: number) {
  seed(calls)
  const profileDir = tempProfileDir(profilePrefix)
  const a = setup(profileDir)
  server.chunkDelayMs = 20
  const { jobId } = await a.jobs.start(QUERY)
  await expect.poll(() => a.events.at(-1)?.recordings.done ?? 0, { timeout: 10_000 }).toBeGreaterThanOrEqual(recordingsDone)
  a.jobs.abandon()
  await a.jobs.idle()
  await a.cache.close()
  a.library.close()
  server.chunkDelayMs = 0
  return { profileDir, jobId }
}

const countRows = (library: ReturnType<typeof setup>['library'], table: string) =>
  library.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number

describe('make available offline', () => {
  it('stores every call of the query, page by page, and downloads every recording, reporting progress to the end', async () => {
    seed(95)
    const { library, cache, jobs, events } = setup()
    const first = await jobs.start(QUERY)
    expect(first).toMatchObject({ state: 'running', calls: { done: 0 } })
    await jobs.idle()
    const last = events.at(-1) as SyncProgress
    const recordings = server.calls.filter((c) => c.recording_details).length
    expect(last).toEqual({
      jobId: first.jobId,
      state: 'done',
      calls: { done: 95, total: 95 },
      recordings: { done: recordings, total: recordings },
      bytes: recordings * RECORDING_BYTES,
      secondsLeft: 0,
      summary: { serverTotal: 95, stored: 95, refused: [], refusedCount: 0, degraded: 0, removed: 0, reconciled: null, complete: true }
    })
    expect(events.some((e) => e.state === 'running' && e.calls.done > 0 && e.calls.done < 95)).toBe(true)
    expect(events.some((e) => e.state === 'running' && e.recordings.done > 0 && e.recordings.done < recordings)).toBe(true)
    expect(library.stats().calls).toBe(95)
    for (const call of server.calls) expect(cache.has(call.call_id)).toBe(call.recording_details !== null)
    expect(jobs.status()).toMatchObject({ jobId: first.jobId, state: 'done' })
  })

  it('stores pages that arrive together in one transaction, and says so in one progress event', async () => {
    seed(300)
    const { library, jobs, events } = setup(undefined, { pageConcurrency: 4 })
    await jobs.start(QUERY)
    await jobs.idle()
    expect(events.at(-1)).toMatchObject({ state: 'done', calls: { done: 300, total: 300 } })
    // One event per stored batch (progressIntervalMs 0): the calls stored grow by a batch at a time.
    const stored = [...new Set(events.filter((e) => e.state === 'running').map((e) => e.calls.done))]
    const steps = stored.slice(1).map((done, i) => done - (stored[i] as number))
    expect(Math.max(...steps)).toBeGreaterThan(20)
    expect(steps.length).toBeLessThan(14)
    expect(countRows(library, 'sync_pages')).toBe(15)
    expect(countRows(library, 'sync_job_calls')).toBe(300)
  })

  it('stores a page that waits for others within a moment, so a slow network still shows progress', async () => {
    seed(60)
    const seen: number[] = []
    const { library, jobs } = setup(undefined, {
      pageConcurrency: 1,
      listPage: async (input, signal) => {
        await sleep(600)
        seen.push(countRows(library, 'sync_job_calls'))
        return server.listPage(input, signal)
      }
    })
    await jobs.start(QUERY)
    await jobs.idle()
    // Page 1 was stored while page 2 was on its way, not only once the pages ran out.
    expect(seen).toEqual([0, 20, 40])
    expect(countRows(library, 'sync_job_calls')).toBe(60)
  })

  it('asks for every include module, 200 calls or the set page size at a time, in the date range fixed at the start', async () => {
    seed(45)
    const { jobs } = setup()
    await jobs.start(QUERY)
    await jobs.idle()
    expect(server.pageOffsets.sort((a, b) => a - b)).toEqual([0, 20, 40])
    for (const input of server.pageInputs) {
      expect(input.include).toEqual([...INCLUDE_MODULES])
      expect(input).toMatchObject({ limit: 20, start: QUERY.start, end: QUERY.end })
    }
  })

  it('resumes a cancelled job without fetching done pages again, downloading twice, or duplicating rows', async () => {
    seed(100)
    const { library, jobs, events } = setup()
    server.chunkDelayMs = 20
    const { jobId } = await jobs.start(QUERY)
    await expect.poll(() => events.at(-1)?.recordings.done ?? 0, { timeout: 10_000 }).toBeGreaterThanOrEqual(3)
    const cancelled = await jobs.cancel(jobId)
    expect(cancelled.state).toBe('cancelled')
    expect(jobs.status()).toMatchObject({ jobId, state: 'cancelled' })
    const pagesBefore = server.pageOffsets.length
    const downloadedBefore = new Set([...server.requests.keys()])
    const requestsBefore = new Map(server.requests)

    server.chunkDelayMs = 0
    const resumed = await jobs.start({ ...QUERY })
    expect(resumed.jobId).toBe(jobId)
    await jobs.idle()
    expect(events.at(-1)).toMatchObject({ state: 'done', calls: { done: 100, total: 100 } })
    // No page is read again; the resumed run only asks for the latest count (limit 1) to check its pages still add up.
    expect(server.pageInputs.slice(pagesBefore).map((p) => p.limit)).toEqual(server.pageOffsets.length > pagesBefore ? [1] : [])
    for (const id of downloadedBefore) {
      // Finished before the cancel: not asked again. Cut short by the cancel: asked once more.
      expect((server.requests.get(id) ?? 0) - (requestsBefore.get(id) ?? 0)).toBeLessThanOrEqual(1)
    }
    expect(countRows(library, 'calls')).toBe(100)
    expect(countRows(library, 'sync_job_calls')).toBe(100)
    expect(countRows(library, 'sync_jobs')).toBe(1)
  })

  it('finishes as failed naming the recordings it could not get, keeps the rest, and retries only those next time', async () => {
    seed(30)
    const { cache, jobs, events } = setup()
    server.files.delete(5000)
    server.files.delete(5001)
    const { jobId } = await jobs.start(QUERY)
    await jobs.idle()
    const failed = events.at(-1) as SyncProgress
    expect(failed.state).toBe('failed')
    expect(failed.error).toMatch(/^2 recordings could not be downloaded \(call 500[01]: .*HTTP 404.*\)\. Everything else is available offline/)
    expect(failed.recordings).toEqual({ done: 18, total: 20 })

    seed(30)
    const before = new Map(server.requests)
    const again = await jobs.start(QUERY)
    expect(again.jobId).toBe(jobId)
    await jobs.idle()
    expect(events.at(-1)).toMatchObject({ state: 'done', recordings: { done: 20, total: 20 } })
    expect(cache.has(5000)).toBe(true)
    const asked = [...server.requests].filter(([id, n]) => n !== (before.get(id) ?? 0)).map(([id]) => id)
    expect(asked.sort()).toEqual([5000, 5001])
  })

  it('stops as failed when the network goes, saying so, and carries on from the pages it had', async () => {
    seed(100)
    let pages = 0
    const { jobs, events } = setup(undefined, {
      pageConcurrency: 1,
      listPage: async (input, signal) => {
        if (++pages === 3) server.pagesDown = true
        return server.listPage(input, signal)
      }
    })
    await jobs.start(QUERY)
    await jobs.idle()
    const failed = events.at(-1) as SyncProgress
    expect(failed.state).toBe('failed')
    expect(failed.error).toMatch(/Could not reach the test API.*What is already stored stays available offline; start again to carry on\./)
    expect(failed.calls).toEqual({ done: 40, total: 100 })
    expect(failed.recordings.done).toBe(0)

    server.pagesDown = false
    server.pageOffsets.length = 0
    await jobs.start(QUERY)
    await jobs.idle()
    expect(events.at(-1)).toMatchObject({ state: 'done', calls: { done: 100, total: 100 } })
    expect(server.pageOffsets.sort((a, b) => a - b)).toEqual([40, 60, 80])
  })

  it('keeps each profile’s jobs to itself', async () => {
    seed(20)
    const a = setup()
    const b = setup()
    await a.jobs.start(QUERY)
    await a.jobs.idle()
    expect(b.jobs.status()).toBeNull()
    expect(b.events).toEqual([])
    expect(b.library.stats().calls).toBe(0)
  })

  it('runs one job at a time: the same query answers with the running job, another is refused', async () => {
    seed(60)
    const { jobs } = setup()
    server.chunkDelayMs = 10
    const first = await jobs.start(QUERY)
    expect((await jobs.start({ ...QUERY })).jobId).toBe(first.jobId)
    await expect(jobs.start({ ...QUERY, disposition: ['BUSY'] })).rejects.toThrow(/Another list is being made available offline/)
    await jobs.cancel(first.jobId)
  })

  it('refuses a query that breaks the API’s rules, naming the field', async () => {
    const { jobs } = setup()
    const error = await jobs.start({ start: '2026-01-01T00:00:00Z', end: '2026-03-01T00:00:00Z' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).fields?.[0]?.field).toBe('start')
  })

  it('carries on a job the app was closed during, when the profile opens again', async () => {
    const { profileDir, jobId } = await quitDuringJob(80, 'sync-interrupted-', 2)
    const b = setup(profileDir)
    expect(b.jobs.status()).toMatchObject({ jobId, state: 'cancelled' })
    expect(b.jobs.resumeInterrupted()).toMatchObject({ jobId, state: 'running' })
    await b.jobs.idle()
    expect(b.events.at(-1)).toMatchObject({ jobId, state: 'done', calls: { done: 80, total: 80 } })
    expect(b.jobs.resumeInterrupted()).toBeNull()
  })
  it('keeps the bytes it received with the job, so a run resumed after a restart counts on from them', async () => {
    const { profileDir, jobId } = await quitDuringJob(60, 'sync-bytes-', 3)
    const b = setup(profileDir)
    const stored = b.jobs.status() as SyncProgress
    // What arrived, whole files and the part of any cut short by the stop.
    expect(stored.bytes).toBeGreaterThanOrEqual(stored.recordings.done * RECORDING_BYTES)
    expect(stored.recordings.done).toBeGreaterThanOrEqual(3)
    b.jobs.resumeInterrupted()
    await b.jobs.idle()
    const recordings = server.calls.filter((c) => c.recording_details).length
    const total = stored.bytes + (recordings - stored.recordings.done) * RECORDING_BYTES
    expect(b.events.at(-1)).toMatchObject({ jobId, state: 'done', recordings: { done: recordings, total: recordings }, bytes: total })
    expect(b.jobs.status()).toMatchObject({ jobId, bytes: total })
  })

  it('never evicts its own recordings under a cache limit below the list’s size, and says how many did not fit instead', async () => {
    seed(30)
    const { cache, jobs, events } = setup()
    // 20 recordings of 60 kB; room for 8.
    cache.setLimit(500_000)
    const { jobId } = await jobs.start(QUERY)
    await jobs.idle()
    const notice =
      /^12 recordings did not fit the 488\.3 KB recording cache limit; raise it in Settings, then make this list available offline again to get them\./
    const last = events.at(-1) as SyncProgress
    expect(last).toMatchObject({ jobId, state: 'failed', recordings: { done: 8, total: 20 }, bytes: 8 * RECORDING_BYTES })
    expect(last.error).toMatch(notice)
    expect(events.some((e) => e.state === 'running' && notice.test(e.error ?? ''))).toBe(true)
    expect(cache.totals()).toEqual({ count: 8, bytes: 8 * RECORDING_BYTES })
    // Nothing downloaded only to be thrown away.
    expect(server.requests.size).toBe(8)
    expect([...server.requests.values()].every((n) => n === 1)).toBe(true)

    // Resumed under the same limit: nothing is fetched again.
    await jobs.start(QUERY)
    await jobs.idle()
    expect(events.at(-1)).toMatchObject({ jobId, state: 'failed', recordings: { done: 8, total: 20 } })
    expect(server.requests.size).toBe(8)
    expect([...server.requests.values()].every((n) => n === 1)).toBe(true)

    // With the limit raised, the rest arrive, each once.
    cache.setLimit(10_000_000)
    await jobs.start(QUERY)
    await jobs.idle()
    expect(events.at(-1)).toMatchObject({ jobId, state: 'done', recordings: { done: 20, total: 20 } })
    expect(server.requests.size).toBe(20)
    expect([...server.requests.values()].every((n) => n === 1)).toBe(true)
  })

  it('leaves out recordings without a size hint once those downloaded so far show they would not fit', async () => {
    seed(30)
    server.calls = server.calls.map((c) =>
      c.recording_details ? CallRecordSchema.parse({ ...c, recording_details: { url: c.recording_details.url } }) : c
    )
    const { cache, jobs, events } = setup(undefined, { downloadConcurrency: 1 })
    cache.setLimit(500_000)
    await jobs.start(QUERY)
    await jobs.idle()
    const last = events.at(-1) as SyncProgress
    expect(last).toMatchObject({ state: 'failed', recordings: { done: 8, total: 20 } })
    expect(last.error).toMatch(/^12 recordings did not fit the 488\.3 KB recording cache limit/)
    expect(server.requests.size).toBe(8)
    expect(cache.totals()).toEqual({ count: 8, bytes: 8 * RECORDING_BYTES })
  })

  it('makes room for its recordings by evicting other cached ones, not its own', async () => {
    seed(30)
    const { cache, jobs, events, library } = setup()
    cache.setLimit(500_000)
    // Another list's recording, cached before the job: it is the one to go.
    const other = CallRecordSchema.parse({
      call_id: 9000,
      call_started: '2026-02-01T00:00:00.000Z',
      recording_details: { url: 'https://api.example.test/rec/9000' }
    })
    server.files.set(9000, { bytes: wavBytes(RECORDING_BYTES, 9000), contentType: 'audio/wav' })
    library.upsertCalls([other], '2026-04-01T00:00:00.000Z')
    await cache.download(9000)
    await jobs.start(QUERY)
    await jobs.idle()
    expect(events.at(-1)).toMatchObject({ recordings: { done: 8, total: 20 } })
    expect(server.requests.size).toBe(9)
    expect(cache.has(9000)).toBe(false)
    expect(cache.totals().bytes).toBeLessThanOrEqual(500_000)
  })
})
