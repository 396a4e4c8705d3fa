/**
 * The library's injected interfaces met by the real thing: ConvirzaClient#listCalls as the
 * sync's page source and ConvirzaClient#openRecording as the recording source, against the
 * embedded demo server — including a recording URL that expired after the calls were stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConvirzaAuth } from '@main/services/convirza/auth'
import { ConvirzaClient } from '@main/services/convirza/client'
import { startDemoServer, type DemoServer } from '@main/services/demo-server/index'
import { RecordingCache } from '@main/services/library/recording-cache'
import { SyncJobs } from '@main/services/library/sync-jobs'
import { createLogger } from '@main/services/log'
import type { SyncProgress } from '@shared/ipc/contract/library'
import { OpenLibraries, tempProfileDir } from '@test/fixtures/library/library-setup'

const log = createLogger()
const libraries = new OpenLibraries()
let server: DemoServer
let client: ConvirzaClient
let serverNow = Date.now()

beforeAll(async () => {
  server = await startDemoServer({ calls: 600, seed: 11, now: () => new Date(serverNow) })
  const auth = new ConvirzaAuth({ oauthBaseUrl: server.oauthBaseUrl, fetch, log, persist: async () => {} })
  await auth.login({ email: server.login.email, password: server.login.password, orgUnitId: server.login.org_unit_id })
  client = new ConvirzaClient({ apiBaseUrl: server.apiBaseUrl, fetch, auth, log })
})
afterAll(async () => {
  libraries.closeAll()
  await server?.close()
})

describe('the library with the Convirza client and the demo server', () => {
  it('makes a week of calls available offline, then plays them from disk with Range, and fetches a recording whose link has expired', async () => {
    const profileDir = tempProfileDir('library-demo-')
    const library = libraries.make(profileDir)
    const cache = new RecordingCache({ profileDir, library, openRecording: (call, opts) => client.openRecording(call, opts), log })
    const events: SyncProgress[] = []
    const jobs = new SyncJobs({ library, cache, listPage: (input, signal) => client.listCalls(input, { signal }), emit: (p) => events.push(p), log })
    const end = new Date(serverNow).toISOString()
    const start = new Date(serverNow - 2 * 86_400_000).toISOString()

    await jobs.start({ start, end })
    await jobs.idle()
    const done = events.at(-1) as SyncProgress
    expect(done.state).toBe('done')
    expect(done.calls.total).toBeGreaterThan(0)
    expect(done.recordings.done).toBe(done.recordings.total)
    const listed = library.list({ start, end, limit: 200, offset: 0 })
    expect(listed.total).toBe(done.calls.total)
    const offline = listed.items.find((item) => item.recordingOffline && item.transcriptOffline)
    expect(offline).toBeDefined()

    const requestsBefore = server.faults.requestCount()
    const part = await cache.serve(new Request(`recording://call/${offline!.callId}`, { headers: { Range: 'bytes=0-15' } }))
    expect(part.status).toBe(206)
    expect(['audio/wav', 'audio/mpeg']).toContain(part.headers.get('content-type'))
    expect((await part.arrayBuffer()).byteLength).toBe(16)
    // Served from disk: the server saw nothing.
    expect(server.faults.requestCount()).toBe(requestsBefore)

    // Eight days later every stored link has expired; a recording no longer on disk still plays.
    serverNow += 8 * 86_400_000
    await cache.clear()
    const target = offline!.callId
    const storedLink = library.get(target)?.record.recording_details
    server.faults.resetStats()
    const fresh = await cache.serve(new Request(`recording://call/${target}`, { headers: { Range: 'bytes=0-' } }))
    expect(fresh.status).toBe(206)
    // The stored link answered 410, so the client fetched the call again for a fresh one.
    expect(server.faults.requests().some((r) => r.status === 410)).toBe(true)
    expect((await fresh.arrayBuffer()).byteLength).toBeGreaterThan(1000)
    await expect.poll(() => cache.has(target), { timeout: 10_000 }).toBe(true)

    // The renewed link was stored with the call: played again while not cached, it is used at
    // once, with no 410 and no second fetch of the call.
    const renewedLink = library.get(target)?.record.recording_details
    expect(renewedLink?.expires_at).toBeGreaterThan(storedLink?.expires_at as number)
    // Merged into what the library held: the transcript fetched earlier is still there.
    expect(library.get(target)?.record.transcription).toBeTruthy()
    await cache.clear()
    server.faults.resetStats()
    const again = await cache.serve(new Request(`recording://call/${target}`, { headers: { Range: 'bytes=0-99' } }))
    expect(again.status).toBe(206)
    expect((await again.arrayBuffer()).byteLength).toBe(100)
    await expect.poll(() => cache.has(target), { timeout: 10_000 }).toBe(true)
    const asked = server.faults.requests()
    expect(asked.some((r) => r.status === 410)).toBe(false)
    expect(asked.some((r) => r.path.startsWith('/v3/conversations/calls'))).toBe(false)

    // A recording host that ignores Range answers a seek with the whole file (200): the part asked
    // for is cut out of it, so the page gets the 206 it asked for, not the file's start.
    await cache.clear()
    const fault = server.faults.inject({ kind: 'ignore-range', path: '/v3/recordings', times: Infinity })
    const seek = await cache.serve(new Request(`recording://call/${target}`, { headers: { Range: 'bytes=1000-1099' } }))
    expect(seek.status).toBe(206)
    expect(seek.headers.get('content-range')).toMatch(/^bytes 1000-1099\/\d+$/)
    const cut = new Uint8Array(await seek.arrayBuffer())
    await expect.poll(() => cache.has(target), { timeout: 10_000 }).toBe(true)
    fault.cancel()
    const stored = await cache.serve(new Request(`recording://call/${target}`, { headers: { Range: 'bytes=1000-1099' } }))
    expect(cut).toEqual(new Uint8Array(await stored.arrayBuffer()))
    await cache.close()
  })
})
