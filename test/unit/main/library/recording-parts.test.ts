import { describe, expect, it } from 'vitest'
import { sniffAudioType } from '@main/services/library/audio-type'
import { passThroughResponse, recordingCallId } from '@main/services/library/recording-response'
import { Semaphore } from '@main/services/library/semaphore'
import { parseSizeHint, SecondsLeft } from '@main/services/library/sync-estimate'
import { mp3Bytes, wavBytes } from '@test/fixtures/library/audio-bytes'

describe('sniffAudioType', () => {
  it('names files by their bytes, not their URL', () => {
    expect(sniffAudioType(wavBytes(100))).toEqual({ contentType: 'audio/wav', extension: 'wav' })
    expect(sniffAudioType(mp3Bytes(100))).toEqual({ contentType: 'audio/mpeg', extension: 'mp3' })
    expect(sniffAudioType(new Uint8Array([0xff, 0xfb, 0x90, 0x00]))).toEqual({ contentType: 'audio/mpeg', extension: 'mp3' })
    expect(sniffAudioType(new TextEncoder().encode('<html>oops</html>'))).toEqual({ contentType: 'application/octet-stream', extension: 'bin' })
    expect(sniffAudioType(new Uint8Array())).toEqual({ contentType: 'application/octet-stream', extension: 'bin' })
  })
})

describe('recordingCallId', () => {
  it.each([
    ['recording://call/987654', 987654],
    ['http://127.0.0.1:4000/recording/12', 12],
    ['http://127.0.0.1:4000/recording/12/', 12],
    ['recording://call/abc', null],
    ['recording://call/0', null],
    ['not a url', null]
  ])('reads %s as %j', (url, id) => {
    expect(recordingCallId(url)).toBe(id)
  })
})

describe('Semaphore', () => {
  it('lets N holders in at once and the next one in order as each leaves', async () => {
    const semaphore = new Semaphore(2)
    const order: string[] = []
    const a = await semaphore.acquire()
    const b = await semaphore.acquire()
    const c = semaphore.acquire().then((release) => (order.push('c'), release))
    const d = semaphore.acquire().then((release) => (order.push('d'), release))
    expect(semaphore.inUse).toBe(2)
    a()
    a()
    ;(await c)()
    b()
    ;(await d)()
    expect(order).toEqual(['c', 'd'])
    expect(semaphore.inUse).toBe(0)
  })

  it('drops a waiter whose signal aborts without giving it a slot', async () => {
    const semaphore = new Semaphore(1)
    const release = await semaphore.acquire()
    const controller = new AbortController()
    const waiting = semaphore.acquire(controller.signal)
    controller.abort(new Error('gave up'))
    await expect(waiting).rejects.toThrow('gave up')
    release()
    expect(semaphore.inUse).toBe(0)
  })
})

describe('time left', () => {
  it.each([
    ['39009kB', 39_009_000],
    ['12 MB', 12_000_000],
    ['1.5MiB', 1_572_864],
    ['500', 500],
    ['a lot', null],
    [null, null]
  ])('reads the size hint %j as %j bytes', (hint, bytes) => {
    expect(parseSizeHint(hint)).toBe(bytes)
  })

  it('estimates from the bytes still to come over the rate so far, and says nothing before it can', () => {
    let now = 0
    const left = new SecondsLeft(() => now)
    expect(left.seconds()).toBeNull()
    left.begin(['1000kB', '1000kB', '1000kB'])
    now = 500
    left.received(200_000)
    expect(left.seconds()).toBeNull()
    now = 2000
    left.received(800_000)
    left.finished('1000kB', 1_000_000)
    // 1 MB in 2 s; 2 MB to go.
    expect(left.seconds()).toBe(4)
  })

  it('counts a recording without a size hint as an average one once one is done', () => {
    let now = 0
    const left = new SecondsLeft(() => now)
    left.begin([null, null])
    now = 1000
    left.received(100_000)
    expect(left.seconds()).toBeNull()
    left.finished(null, 100_000)
    expect(left.seconds()).toBe(1)
  })
})

describe('passThroughResponse: a host that ignores Range', () => {
  const FILE = Uint8Array.from({ length: 1000 }, (_, i) => i % 251)

  /** The whole file as a host that ignores Range sends it: 200, in 64-byte chunks. */
  function wholeFile(headers: Record<string, string> = { 'content-length': '1000' }): Response {
    let at = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= FILE.length) return controller.close()
        controller.enqueue(FILE.slice(at, at + 64))
        at += 64
      }
    })
    return new Response(body, { status: 200, headers: { 'content-type': 'audio/wav', ...headers } })
  }

  const ask = (range?: string, method = 'GET'): Pick<Request, 'method' | 'headers'> => ({ method, headers: new Headers(range ? { range } : {}) })

  it('cuts the part asked for out of the whole file, as the 206 the page asked for', async () => {
    for (const [range, start, end] of [
      ['bytes=100-199', 100, 199],
      ['bytes=990-', 990, 999],
      ['bytes=-30', 970, 999],
      ['bytes=0-0', 0, 0],
      ['bytes=130-130000', 130, 999]
    ] as const) {
      const response = passThroughResponse(wholeFile(), ask(range))
      expect(response.status).toBe(206)
      expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/1000`)
      expect(response.headers.get('content-length')).toBe(String(end - start + 1))
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(FILE.slice(start, end + 1))
    }
  })

  it('says a range past the end is unsatisfiable, and passes a plain request or an unknown length through', async () => {
    const past = passThroughResponse(wholeFile(), ask('bytes=5000-'))
    expect(past.status).toBe(416)
    expect(past.headers.get('content-range')).toBe('bytes */1000')
    const plain = passThroughResponse(wholeFile(), ask())
    expect(plain.status).toBe(200)
    expect(new Uint8Array(await plain.arrayBuffer())).toEqual(FILE)
    const unknown = passThroughResponse(wholeFile({}), ask('bytes=100-199'))
    expect(unknown.status).toBe(200)
    const compressed = passThroughResponse(wholeFile({ 'content-length': '1000', 'content-encoding': 'gzip' }), ask('bytes=100-199'))
    expect(compressed.status).toBe(200)
  })

  it('passes a host’s own 206 through untouched', async () => {
    const part = new Response(FILE.slice(100, 200), { status: 206, headers: { 'content-range': 'bytes 100-199/1000', 'content-length': '100' } })
    const response = passThroughResponse(part, ask('bytes=100-199'))
    expect(response.status).toBe(206)
    expect(response.headers.get('content-range')).toBe('bytes 100-199/1000')
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(FILE.slice(100, 200))
  })
})
