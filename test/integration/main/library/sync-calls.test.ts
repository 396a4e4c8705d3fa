/**
 * "Make available offline" for calls selected in the list, against the embedded demo server
 * through the real Convirza client and a real library: records the library lacks are fetched,
 * every recording is downloaded, a call the server does not have is reported with why, and
 * starting the same calls again carries on without fetching what is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConvirzaAuth } from '@main/services/convirza/auth'
import { ConvirzaClient } from '@main/services/convirza/client'
import { startDemoServer, type DemoServer } from '@main/services/demo-server/index'
import { RecordingCache } from '@main/services/library/recording-cache'
import { SyncJobs } from '@main/services/library/sync-jobs'
import { createLogger } from '@main/services/log'
import { INCLUDE_MODULES, type CallRecord } from '@shared/convirza/schemas'
import { libraryChannels, type SyncProgress } from '@shared/ipc/contract/library'
import { OpenLibraries, tempProfileDir } from '@test/fixtures/library/library-setup'

const log = createLogger()
const libraries = new OpenLibraries()
let server: DemoServer
let client: ConvirzaClient
/** The demo's 50 newest calls of the last 30 days, with every module. */
let calls: CallRecord[] = []

beforeAll(async () => {
  server = await startDemoServer({ calls: 400, seed: 5 })
  const auth = new ConvirzaAuth({ oauthBaseUrl: server.oauthBaseUrl, fetch, log, persist: async () => {} })
  await auth.login({ email: server.login.email, password: server.login.password, orgUnitId: server.login.org_unit_id })
  client = new ConvirzaClient({ apiBaseUrl: server.apiBaseUrl, fetch, auth, log })
  const now = Date.now()
  const page = await client.listCalls({
    start: new Date(now - 30 * 86_400_000).toISOString(),
    end: new Date(now).toISOString(),
    limit: 50,
    include: [...INCLUDE_MODULES]
  })
  calls = page.calls
  // The demo's dates follow the clock; 400 calls over its span leave 50 in any 30 days.
  if (calls.length < 25) throw new Error(`the demo server listed only ${calls.length} calls`)
})
afterAll(async () => {
  libraries.closeAll()
  await server?.close()
})

function setup() {
  const profileDir = tempProfileDir('sync-calls-')
  const library = libraries.make(profileDir)
  const cache = new RecordingCache({ profileDir, library, openRecording: (call, opts) => client.openRecording(call, opts), log })
  const events: SyncProgress[] = []
  const jobs = new SyncJobs({
    library,
    cache,
    listPage: (input, signal) => client.listCalls(input, { signal }),
    getCall: (callId, signal) => client.getCall(callId, [...INCLUDE_MODULES], { signal }),
    emit: (p) => events.push(p),
    progressIntervalMs: 0,
    log
  })
  return { library, cache, jobs, events }
}

/** Requests for single calls (`call_id=`) the server saw since the last resetStats. */
const singleCallRequests = (): number => server.faults.requests().filter((r) => /[?&]call_id=/.test(r.search)).length

describe('making selected calls available offline', () => {
  it('fetches the records the library lacks, downloads every recording, and reports the call the server does not have', async () => {
    const withRecording = calls.filter((c) => c.recording_details?.url)
    expect(withRecording.length).toBeGreaterThanOrEqual(3)
    const [held, fetchedA, fetchedB] = withRecording as [CallRecord, CallRecord, CallRecord]
    const unknown = 987_654_321
    const { library, cache, jobs, events } = setup()
    library.upsertCalls([held], new Date().toISOString())
    server.faults.resetStats()

    const first = await jobs.startCalls([held.call_id, fetchedA.call_id, unknown, fetchedB.call_id])
    expect(first).toMatchObject({ state: 'running', selectedCalls: 4, calls: { total: 4 } })
    await jobs.idle()
    const last = events.at(-1) as SyncProgress
    expect(last).toMatchObject({
      jobId: first.jobId,
      state: 'failed',
      selectedCalls: 4,
      calls: { done: 3, total: 4 },
      recordings: { done: 3, total: 3 },
      summary: { serverTotal: 4, stored: 3, refusedCount: 1, complete: false }
    })
    expect(last.summary?.refused).toEqual([{ callId: unknown, reason: expect.stringMatching(/the server does not have this call/) as unknown }])
    expect(last.error).toMatch(
      /^3 of 4 calls stored; 1 could not be read \(call 987654321: .*\)\. Make the same calls available offline again to retry\./
    )
    // Progress was reported while it ran, not only at the end.
    expect(events.some((e) => e.state === 'running' && e.calls.done > 0 && e.calls.done < 3)).toBe(true)
    // The held call was not asked for again; the two others and the unknown one were.
    expect(singleCallRequests()).toBe(3)
    for (const call of [held, fetchedA, fetchedB]) {
      expect(library.get(call.call_id)?.record.transcription ?? null).toBe(call.transcription ?? null)
      expect(cache.has(call.call_id)).toBe(true)
    }
    expect(library.get(unknown)).toBeNull()

    // Started again: the same job, only the missing call asked for, nothing downloaded twice.
    server.faults.resetStats()
    const again = await jobs.startCalls([fetchedB.call_id, unknown, held.call_id, fetchedA.call_id])
    expect(again.jobId).toBe(first.jobId)
    await jobs.idle()
    expect(singleCallRequests()).toBe(1)
    expect(server.faults.requests().some((r) => r.path.startsWith('/v3/recordings/'))).toBe(false)
    expect(jobs.status()).toMatchObject({ jobId: first.jobId, state: 'failed', calls: { done: 3, total: 4 }, selectedCalls: 4 })
    await cache.close()
  })

  it('ends done when every selected call is stored, and another selection is refused while one runs', async () => {
    const chosen = calls.slice(10, 13)
    const { library, cache, jobs, events } = setup()
    const started = await jobs.startCalls(chosen.map((c) => c.call_id))
    await expect(jobs.startCalls([calls[20]?.call_id as number])).rejects.toMatchObject({ kind: 'bad_request' })
    await jobs.idle()
    const recordings = chosen.filter((c) => c.recording_details?.url).length
    expect(events.at(-1)).toMatchObject({
      jobId: started.jobId,
      state: 'done',
      calls: { done: 3, total: 3 },
      recordings: { done: recordings, total: recordings },
      summary: { serverTotal: 3, stored: 3, refusedCount: 0, complete: true }
    })
    for (const call of chosen) expect(library.get(call.call_id)).not.toBeNull()
    await cache.close()
  })

  it('counts a call the server failed to send, with the server’s words, and fetches it when started again', async () => {
    const chosen = calls.slice(4, 6)
    const { library, cache, jobs, events } = setup()
    library.upsertCalls([chosen[0] as CallRecord], new Date().toISOString())
    server.faults.inject({ kind: 'status', status: 500, times: 1, path: '/v3/conversations/calls' })
    const started = await jobs.startCalls(chosen.map((c) => c.call_id))
    await jobs.idle()
    const failed = events.at(-1) as SyncProgress
    expect(failed).toMatchObject({ jobId: started.jobId, state: 'failed', calls: { done: 1, total: 2 }, summary: { stored: 1, refusedCount: 1 } })
    expect(failed.summary?.refused[0]).toEqual({
      callId: chosen[1]?.call_id,
      reason: expect.stringMatching(/internal error \(HTTP 500\)/) as unknown
    })
    server.faults.clear()
    await jobs.startCalls(chosen.map((c) => c.call_id))
    await jobs.idle()
    expect(events.at(-1)).toMatchObject({ jobId: started.jobId, state: 'done', calls: { done: 2, total: 2 }, summary: { complete: true } })
    expect(library.get(chosen[1]?.call_id as number)).not.toBeNull()
    await cache.close()
  })

  it('refuses an empty selection and more than 10,000 calls at the IPC boundary', () => {
    const request = libraryChannels['sync:startCalls'].request
    expect(request.safeParse({ callIds: [] }).success).toBe(false)
    expect(request.safeParse({ callIds: Array.from({ length: 10_001 }, (_, i) => i + 1) }).success).toBe(false)
    expect(request.safeParse({ callIds: [1.5] }).success).toBe(false)
    expect(request.safeParse({ callIds: [1], query: {} }).success).toBe(false)
    expect(request.safeParse({ callIds: Array.from({ length: 10_000 }, (_, i) => i + 1) }).success).toBe(true)
  })
})
