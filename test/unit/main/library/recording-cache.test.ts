import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CallRecordSchema } from '@shared/convirza/schemas'
import { AppError } from '@shared/errors'
import type { CallLibrary } from '@main/services/library/call-library'
import { RecordingCache, type OpenRecording } from '@main/services/library/recording-cache'
import { mp3Bytes, wavBytes } from '@test/fixtures/library/audio-bytes'
import { tempProfileDir } from '@test/fixtures/library/library-setup'
import { recordingCacheSetup } from '@test/fixtures/library/recording-cache-setup'

const fixture = recordingCacheSetup()
const { libraries, caches } = fixture

let clockMs = Date.parse('2026-04-01T00:00:00Z')
const clock = () => new Date((clockMs += 1000))

/** Calls 1..n in the library, each with a recording served by the test server. */
function setup(opts: { calls?: number; bytes?: number; maxDownloads?: number; openRecording?: OpenRecording; profileDir?: string } = {}) {
  const profileDir = opts.profileDir ?? tempProfileDir('recordings-')
  const library = libraries.make(profileDir)
  const count = opts.calls ?? 3
  const records = Array.from({ length: count }, (_, i) =>
    CallRecordSchema.parse({
      call_id: i + 1,
      call_started: '2026-03-30T10:00:00.000Z',
      recording_details: { url: `https://api.example.test/rec/${i + 1}.mp3`, expires_at: 1775462400, format: 'wav' }
    })
  )
  library.upsertCalls(records, '2026-04-01T00:00:00.000Z')
  for (const r of records) fixture.server.files.set(r.call_id, { bytes: wavBytes(opts.bytes ?? 200_000, r.call_id), contentType: 'audio/wav' })
  const cache = makeCache(profileDir, library, opts)
  return { profileDir, library, cache }
}

function makeCache(profileDir: string, library: CallLibrary, opts: { maxDownloads?: number; openRecording?: OpenRecording } = {}) {
  const cache = new RecordingCache({
    profileDir,
    library,
    openRecording: opts.openRecording ?? fixture.server.openRecording,
    clock,
    ...(opts.maxDownloads ? { maxDownloads: opts.maxDownloads } : {})
  })
  caches.push(cache)
  return cache
}

async function bytesOf(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer())
}

const get = (id: number | string, headers: Record<string, string> = {}, base = 'recording://call') => new Request(`${base}/${id}`, { headers })

describe('RecordingCache: downloading', () => {
  it('writes the recording to recordings/<call_id>.<ext> named by its bytes, and indexes it', async () => {
    const { cache, profileDir } = setup()
    fixture.server.files.set(2, { bytes: mp3Bytes(50_000), contentType: 'application/octet-stream' })
    expect(await cache.download(1)).toEqual({ callId: 1, bytes: 200_000, alreadyCached: false })
    await cache.download(2)
    expect(readdirSync(join(profileDir, 'recordings')).sort()).toEqual(['1.wav', '2.mp3'])
    expect(cache.entry(1)).toMatchObject({ file: '1.wav', bytes: 200_000, contentType: 'audio/wav', lastPlayed: null })
    expect(cache.entry(2)).toMatchObject({ contentType: 'audio/mpeg' })
    expect(await cache.download(1)).toEqual({ callId: 1, bytes: 0, alreadyCached: true })
    expect(fixture.server.requests.get(1)).toBe(1)
  })

  it('refuses a download whose size differs from Content-Length and keeps nothing of it', async () => {
    const lying: OpenRecording = async () => new Response(new Uint8Array(1000), { headers: { 'Content-Length': '4000' } })
    const { cache, profileDir } = setup({ openRecording: lying })
    await expect(cache.download(1)).rejects.toThrow(/arrived incomplete \(1000 of 4000 bytes\)/)
    expect(cache.has(1)).toBe(false)
    expect(readdirSync(join(profileDir, 'recordings'))).toEqual([])
  })

  it('says a file longer than announced was misreported, not incomplete, and does not fetch it again on every play', async () => {
    let asked = 0
    const longer: OpenRecording = async () => {
      asked += 1
      return new Response(new Uint8Array(5000), { headers: { 'Content-Length': '4000' } })
    }
    const { cache } = setup({ openRecording: longer })
    await expect(cache.download(1)).rejects.toThrow(/longer than its host announced \(5000 bytes where 4000 were announced\)/)
    // Played three times (seeks): each request streams from the host, but the failed background
    // copy is not started again for each of them.
    asked = 0
    for (let i = 0; i < 3; i++) {
      await (await cache.serve(get(1, { Range: `bytes=${i * 100}-` }))).arrayBuffer()
      // Each play's background copy has failed before the next play.
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    // Three streams and one background copy, not three copies.
    expect(asked).toBe(4)
  })

  it('keeps no file when the connection drops halfway', async () => {
    const { cache, profileDir } = setup({ bytes: 1_000_000 })
    fixture.server.cut.add(1)
    await expect(cache.download(1)).rejects.toThrow()
    expect(cache.has(1)).toBe(false)
    expect(readdirSync(join(profileDir, 'recordings'))).toEqual([])
  })

  it('says why when the call has no recording or is not in the library', async () => {
    const { cache, library } = setup()
    library.upsertCalls(
      [CallRecordSchema.parse({ call_id: 50, call_started: '2026-03-30T10:00:00.000Z', recording_details: null })],
      '2026-04-01T00:00:00.000Z'
    )
    await expect(cache.download(50)).rejects.toThrow(/Call 50 has no recording/)
    await expect(cache.download(99)).rejects.toThrow(/Call 99 is not in the offline library/)
  })

  it('runs at most N downloads at once and one download per call however many ask', async () => {
    const { cache } = setup({ calls: 6, bytes: 400_000, maxDownloads: 2 })
    fixture.server.chunkDelayMs = 5
    const results = await Promise.all([1, 2, 3, 4, 5, 6, 1, 1, 2].map((id) => cache.download(id)))
    expect(fixture.server.maxActive).toBe(2)
    for (const id of [1, 2, 3, 4, 5, 6]) expect(fixture.server.requests.get(id)).toBe(1)
    expect(results.every((r) => r.bytes === 400_000)).toBe(true)
  })

  it('stops a download when everyone waiting for it gives up, but not while someone still waits', async () => {
    const { cache, profileDir } = setup({ bytes: 3_000_000 })
    fixture.server.chunkDelayMs = 10
    const first = new AbortController()
    const second = new AbortController()
    const a = cache.download(1, { signal: first.signal })
    const b = cache.download(1, { signal: second.signal })
    await new Promise((r) => setTimeout(r, 50))
    first.abort()
    await expect(a).rejects.toThrow()
    expect(cache.pending).toBe(1)
    second.abort()
    await expect(b).rejects.toThrow()
    // The download winds down once its reader notices the abort; how soon depends on the machine's load.
    await expect.poll(() => cache.pending, { timeout: 5000 }).toBe(0)
    expect(cache.has(1)).toBe(false)
    expect(readdirSync(join(profileDir, 'recordings'))).toEqual([])
  })

  it('reports bytes as they arrive', async () => {
    const { cache } = setup({ bytes: 500_000 })
    let seen = 0
    await cache.download(1, { onBytes: (n) => (seen += n) })
    expect(seen).toBe(500_000)
  })
})

describe('RecordingCache: the size cap', () => {
  it('evicts the least recently played recordings past the cap, never the one just downloaded', async () => {
    const { cache } = setup({ calls: 4, bytes: 100_000 })
    cache.setLimit(350_000)
    await cache.download(1)
    await cache.download(2)
    await cache.download(3)
    // Playing 1 makes 2 the least recently used.
    await (await cache.serve(get(1))).arrayBuffer()
    await cache.download(4)
    expect([1, 2, 3, 4].map((id) => cache.has(id))).toEqual([true, false, true, true])
    expect(cache.totals()).toEqual({ count: 3, bytes: 300_000 })
  })

  it('never evicts held recordings (a running offline job’s), and evicts down to the cap once they are released', async () => {
    const { cache } = setup({ calls: 3, bytes: 100_000 })
    cache.setLimit(250_000)
    const release = cache.hold(new Set([1, 2]))
    await cache.download(1)
    await cache.download(2)
    await cache.download(3)
    // 1 and 2 are held and 3 was just downloaded: over the cap until the hold ends.
    expect([cache.has(1), cache.has(2), cache.has(3)]).toEqual([true, true, true])
    release()
    expect(cache.has(1)).toBe(false)
    expect(cache.totals()).toEqual({ count: 2, bytes: 200_000 })
  })

  it('evicts at once when the cap is lowered, and keeps the cap in the library', async () => {
    const { cache, library, profileDir } = setup({ calls: 3, bytes: 100_000 })
    for (const id of [1, 2, 3]) await cache.download(id)
    expect(cache.limit()).toBe(5 * 1024 ** 3)
    cache.setLimit(150_000)
    expect(cache.totals().count).toBe(1)
    expect(cache.has(3)).toBe(true)
    // A cache opened again over the same library (the next run) reads the cap back.
    expect(makeCache(profileDir, library).limit()).toBe(150_000)
    expect(() => cache.setLimit(0)).toThrow(AppError)
  })
})

describe('RecordingCache: serving the page', () => {
  it('serves a cached file whole with its sniffed type and length', async () => {
    const { cache } = setup()
    await cache.download(1)
    const response = await cache.serve(get(1))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('audio/wav')
    expect(response.headers.get('accept-ranges')).toBe('bytes')
    expect(response.headers.get('content-length')).toBe('200000')
    expect((await bytesOf(response)).equals(fixture.server.files.get(1)!.bytes)).toBe(true)
    expect(cache.entry(1)?.lastPlayed).not.toBeNull()
  })

  it.each([
    ['bytes=100-199', 100, 199],
    ['bytes=199000-', 199_000, 199_999],
    ['bytes=-500', 199_500, 199_999],
    ['bytes=150000-999999999', 150_000, 199_999]
  ])('answers Range %s with 206 and exactly those bytes', async (range, start, end) => {
    const { cache } = setup()
    await cache.download(1)
    const response = await cache.serve(get(1, { Range: range }))
    expect(response.status).toBe(206)
    expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/200000`)
    expect(response.headers.get('content-length')).toBe(String(end - start + 1))
    expect((await bytesOf(response)).equals(fixture.server.files.get(1)!.bytes.subarray(start, end + 1))).toBe(true)
  })

  it('answers 416 for a range past the end, and the whole file for ranges it does not honour', async () => {
    const { cache } = setup()
    await cache.download(1)
    const past = await cache.serve(get(1, { Range: 'bytes=200000-' }))
    expect(past.status).toBe(416)
    expect(past.headers.get('content-range')).toBe('bytes */200000')
    for (const range of ['bytes=0-10, 20-30', 'items=0-10', 'bytes=50-10']) {
      const whole = await cache.serve(get(1, { Range: range }))
      expect(whole.status).toBe(200)
      expect((await bytesOf(whole)).length).toBe(200_000)
    }
  })

  it('reads the call id from recording://call/<id> and http://host/recording/<id>, and answers HEAD without a body', async () => {
    const { cache } = setup()
    await cache.download(2)
    expect((await cache.serve(get(2, {}, 'http://127.0.0.1:5555/recording'))).status).toBe(200)
    const head = await cache.serve(new Request('recording://call/2', { method: 'HEAD', headers: { Range: 'bytes=0-9' } }))
    expect(head.status).toBe(206)
    expect(head.headers.get('content-length')).toBe('10')
    expect(head.body).toBeNull()
  })

  it('refuses addresses that name no call, and anything but reading', async () => {
    const { cache } = setup()
    expect((await cache.serve(get('abc'))).status).toBe(404)
    expect((await cache.serve(get(424242))).status).toBe(404)
    expect(await (await cache.serve(get(424242))).text()).toMatch(/Call 424242 is not in the offline library/)
    expect((await cache.serve(new Request('recording://call/1', { method: 'POST', body: 'x' }))).status).toBe(405)
  })

  it('streams an uncached recording from the API with the page’s Range, and caches the whole file meanwhile', async () => {
    const { cache } = setup({ bytes: 300_000 })
    const response = await cache.serve(get(3, { Range: 'bytes=1000-1999' }))
    expect(response.status).toBe(206)
    expect(response.headers.get('content-range')).toBe('bytes 1000-1999/300000')
    expect((await bytesOf(response)).equals(fixture.server.files.get(3)!.bytes.subarray(1000, 2000))).toBe(true)
    expect(fixture.server.ranges).toContain('bytes=1000-1999')
    await expect.poll(() => cache.has(3)).toBe(true)
    // Started by playback, so it counts as played.
    expect(cache.entry(3)?.lastPlayed).not.toBeNull()
    const requestsBefore = fixture.server.requests.get(3)
    expect((await cache.serve(get(3, { Range: 'bytes=0-0' }))).status).toBe(206)
    expect(fixture.server.requests.get(3)).toBe(requestsBefore)
  })

  it('says the recording cannot be reached when the API is down and the file is not cached', async () => {
    const down: OpenRecording = async () => {
      throw new AppError('network', 'Could not reach Convirza. Check your connection.')
    }
    const { cache } = setup({ openRecording: down })
    const response = await cache.serve(get(1))
    expect(response.status).toBe(503)
    expect(await response.text()).toMatch(/Could not reach Convirza/)
  })

  it('keeps why it could not serve a recording for the page to ask, until it serves it', async () => {
    let refuse = true
    const flaky: OpenRecording = async (call, opts) => {
      if (refuse) throw new AppError('gone', 'Loading the recording failed: the recording host refused the link. Close the call and open it again.')
      return fixture.server.openRecording(call, opts)
    }
    const { cache } = setup({ openRecording: flaky })
    expect(cache.lastFailure(1)).toBeNull()
    expect((await cache.serve(get(1, { Range: 'bytes=0-9' }))).status).toBe(410)
    expect(cache.lastFailure(1)).toEqual({ kind: 'gone', message: expect.stringContaining('refused the link') })
    expect(cache.lastFailure(2)).toBeNull()
    refuse = false
    expect((await cache.serve(get(1, { Range: 'bytes=0-9' }))).status).toBe(206)
    expect(cache.lastFailure(1)).toBeNull()
  })
})

describe('RecordingCache: after a crash', () => {
  it('removes .part files and files the index does not know, drops rows without files, and never serves a partial file', async () => {
    const { profileDir, library, cache } = setup({ calls: 3 })
    await cache.download(1)
    await cache.download(2)
    await cache.close()
    const dir = join(profileDir, 'recordings')
    writeFileSync(join(dir, '3.part'), wavBytes(1000))
    writeFileSync(join(dir, '7.wav'), wavBytes(1000))
    writeFileSync(join(dir, '2.wav'), wavBytes(10)) // damaged: not the size the index holds
    const reopened = makeCache(profileDir, library)
    expect(readdirSync(dir).sort()).toEqual(['1.wav'])
    expect([1, 2, 3].map((id) => reopened.has(id))).toEqual([true, false, false])
    // Call 3 is fetched from the API, never from what was its .part.
    const response = await reopened.serve(get(3))
    expect((await bytesOf(response)).equals(fixture.server.files.get(3)!.bytes)).toBe(true)
  })

  it('leaves another running process’s download in progress alone, but removes a dead one’s', async () => {
    const { profileDir, library, cache } = setup({ calls: 3 })
    await cache.close()
    const dir = join(profileDir, 'recordings')
    // The test runner's parent process is alive; pid 2^22+1 is above Linux's pid limit, so never alive.
    const otherProcess = `3-${process.ppid}-1.part`
    const deadProcess = `2-${2 ** 22 + 1}-1.part`
    writeFileSync(join(dir, otherProcess), wavBytes(1000))
    writeFileSync(join(dir, deadProcess), wavBytes(1000))
    makeCache(profileDir, library)
    expect(readdirSync(dir)).toContain(otherProcess)
    expect(readdirSync(dir)).not.toContain(deadProcess)
  })

  it('never follows a symlink planted in the cache: the recording is fetched again instead', async () => {
    const { cache, profileDir } = setup({ calls: 1, bytes: 4000 })
    await cache.download(1)
    const dir = join(profileDir, 'recordings')
    const [file] = readdirSync(dir)
    const secret = join(mkdtempSync(join(tmpdir(), 'outside-')), 'secret.txt')
    writeFileSync(secret, Buffer.alloc(readFileSync(join(dir, file!)).length, 'S'))
    rmSync(join(dir, file!))
    symlinkSync(secret, join(dir, file!))
    const body = await bytesOf(await cache.serve(get(1)))
    expect(body.includes(Buffer.from('SSSSSSSS'))).toBe(false)
    expect(body.equals(fixture.server.files.get(1)!.bytes)).toBe(true)
  })

  it('downloads again after its folder was deleted behind its back', async () => {
    const { cache, profileDir } = setup()
    rmSync(join(profileDir, 'recordings'), { recursive: true, force: true })
    await cache.download(1)
    expect(existsSync(join(profileDir, 'recordings', '1.wav'))).toBe(true)
  })

  it('clears every file and entry', async () => {
    const { cache, profileDir } = setup()
    await cache.download(1)
    await cache.clear()
    expect(cache.totals()).toEqual({ count: 0, bytes: 0 })
    expect(existsSync(join(profileDir, 'recordings', '1.wav'))).toBe(false)
  })
})
