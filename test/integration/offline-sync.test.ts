/**
 * "Make available offline" and the recording cache against the real demo server and a real
 * SQLite library: progress to completion, cancel and resume without refetching or duplicating,
 * recordings served from disk with Range, a partial file never served, eviction by last play.
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConvirzaAuth } from '../../src/main/services/convirza/auth'
import { ConvirzaClient } from '../../src/main/services/convirza/client'
import { startDemoServer, type DemoServer } from '../../src/main/services/demo-server/index'
import { CallLibrary } from '../../src/main/services/library/call-library'
import { writeCacheLimit } from '../../src/main/services/library/recording-index'
import { createLogger } from '../../src/main/services/log'
import { RecordingFiles, type OpenRecording } from '../../src/main/services/offline/recording-files'
import { SyncService } from '../../src/main/services/offline/sync-service'
import type { SyncProgress } from '../../src/shared/ipc/contract'

let server: DemoServer
let client: ConvirzaClient
const log = createLogger()

beforeAll(async () => {
  server = await startDemoServer({ calls: 2000, seed: 5 })
  const auth = new ConvirzaAuth({ oauthBaseUrl: server.oauthBaseUrl, fetch, log, persist: async () => {} })
  const { email, password, org_unit_id } = server.login
  await auth.login({ email, password, orgUnitId: org_unit_id })
  client = new ConvirzaClient({ apiBaseUrl: server.apiBaseUrl, fetch, auth, log })
})
afterAll(async () => server?.close())

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'offline-'))
  const library = new CallLibrary(dir, { log })
  const files = new RecordingFiles(dir, library)
  const events: SyncProgress[] = []
  const sync = new SyncService({ library, files, source: () => client, emit: (p) => events.push(p), log })
  return { dir, library, files, sync, events }
}

/** A query with a few hundred demo calls: the last 7 days, fixed once so a job can resume it. */
const end = new Date().toISOString()
const fixed = { start: new Date(Date.parse(end) - 7 * 86_400_000).toISOString(), end }
const query = () => ({ ...fixed })

describe('make available offline', () => {
  it('stores every call of the query and downloads every recording, reporting progress', async () => {
    const { library, files, sync, events } = setup()
    await sync.start(query())
    await sync.idle()
    const last = events.at(-1)!
    expect(last.state).toBe('done')
    expect(last.calls.total).toBeGreaterThan(200)
    expect(last.calls.done).toBe(last.calls.total)
    expect(last.recordings.total).toBeGreaterThan(0)
    expect(last.recordings.done).toBe(last.recordings.total)
    expect(last.bytes).toBeGreaterThan(0)
    expect(library.stats().calls).toBe(last.calls.total)
    expect(events.some((e) => e.state === 'running' && e.calls.done > 0 && e.calls.done < e.calls.total)).toBe(true)
    const someCall = library.list({ ...query(), limit: 200, offset: 0 } as never, {}).items.find((i) => files.has(i.callId))
    expect(someCall).toBeDefined()
  })

  it('resumes a cancelled job without fetching done pages again or duplicating rows', async () => {
    const { library, sync, events } = setup()
    const first = await sync.start(query())
    // Cancel as soon as the first page is stored.
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (events.some((e) => e.calls.done > 0)) {
          clearInterval(timer)
          resolve()
        }
      }, 5)
    })
    const cancelled = await sync.cancel(first.jobId)
    expect(cancelled.state).toBe('cancelled')
    expect(cancelled.calls.done).toBeGreaterThan(0)
    const before = server.faults.requests().length
    const resumed = await sync.start(query())
    expect(resumed.jobId).toBe(first.jobId)
    await sync.idle()
    const done = events.at(-1)!
    expect(done.state).toBe('done')
    // Only the pages not stored before the cancel are asked for again. (The request the cancel
    // aborted may still reach the server after it, hence distinct offsets.)
    const offsets = server.faults
      .requests()
      .slice(before)
      .filter((r) => r.path === '/v3/conversations/calls')
      .map((r) => Number(new URLSearchParams(r.search).get('offset')))
    const expected: number[] = []
    for (let o = cancelled.calls.done; o < done.calls.total; o += 200) expected.push(o)
    expect([...new Set(offsets)].sort((x, y) => x - y)).toEqual(expected)
    expect(library.stats().calls).toBe(done.calls.total)
  })

  it('serves a cached recording from disk with HTTP Range, and never a partial file', async () => {
    const { dir, library, files } = setup()
    const page = await client.listCalls({ ...query(), limit: 50, include: ['recordings'], disposition: ['ANSWERED'] })
    library.upsertCalls(page.calls, new Date().toISOString())
    const [a, b] = page.calls
    await files.download(a!, (r, o) => client.openRecording(r, o))
    const ranged = files.serve(a!.call_id, 'bytes=10-19')!
    expect(ranged.status).toBe(206)
    expect(ranged.headers.get('content-range')).toMatch(/^bytes 10-19\/\d+$/)
    expect((await ranged.arrayBuffer()).byteLength).toBe(10)
    expect(files.serve(a!.call_id, 'bytes=99999999-')!.status).toBe(416)
    // A .part file is what a crash leaves behind: never served, removed on the next open.
    writeFileSync(join(dir, 'recordings', `${b!.call_id}.mp3.part`), 'partial')
    expect(files.serve(b!.call_id, null)).toBeNull()
    new RecordingFiles(dir, library)
    expect(readdirSync(join(dir, 'recordings')).some((n) => n.endsWith('.part'))).toBe(false)
  })

  it('evicts the least recently played recordings past the cache limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'offline-'))
    const library = new CallLibrary(dir, { log })
    let tick = Date.parse('2026-01-01T00:00:00Z')
    const files = new RecordingFiles(dir, library, () => new Date((tick += 1000)))
    const page = await client.listCalls({ ...query(), limit: 200, include: ['recordings'], disposition: ['ANSWERED'] })
    library.upsertCalls(page.calls, new Date().toISOString())
    // Three recordings of the same size, so the limit below fits exactly two.
    const bySize = new Map<string, typeof page.calls>()
    for (const call of page.calls) bySize.set(call.recording_details?.size ?? '', [...(bySize.get(call.recording_details?.size ?? '') ?? []), call])
    const [a, b, c] = [...bySize.values()].find((group) => group.length >= 3)!
    const open: OpenRecording = (r, o) => client.openRecording(r, o)
    const size = await files.download(a!, open)
    await files.download(b!, open)
    files.serve(a!.call_id, null) // a is now played more recently than b
    writeCacheLimit(library.db, size * 2 + 1)
    await files.download(c!, open)
    expect(files.has(a!.call_id)).toBe(true)
    expect(files.has(b!.call_id)).toBe(false)
    expect(files.has(c!.call_id)).toBe(true)
    expect(existsSync(join(dir, 'recordings'))).toBe(true)
  })
})
