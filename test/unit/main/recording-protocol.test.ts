/**
 * The recording:// protocol's handler (src/main/services/recording-protocol.ts), called as
 * Electron's protocol.handle calls it — a Request in, a Response out — over a real recording
 * cache whose file came from a local HTTP server standing in for the API.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CallRecordSchema } from '@shared/convirza/schemas'
import { RecordingCache } from '@main/services/library/recording-cache'
import { createLogger } from '@main/services/log'
import { createRecordingHandler } from '@main/services/recording-protocol'
import { wavBytes } from '@test/fixtures/library/audio-bytes'
import { tempProfileDir } from '@test/fixtures/library/library-setup'
import { recordingCacheSetup } from '@test/fixtures/library/recording-cache-setup'

const fixture = recordingCacheSetup()
const { libraries, caches } = fixture

const log = createLogger({ file: join(mkdtempSync(join(tmpdir(), 'recording-protocol-log-')), 'main.log') })

/** A signed-in profile whose call 7 has a 300,000-byte recording cached. */
async function signedInWithRecording() {
  const profileDir = tempProfileDir('recording-protocol-')
  const library = libraries.make(profileDir)
  library.upsertCalls(
    [CallRecordSchema.parse({ call_id: 7, call_started: '2026-03-30T10:00:00.000Z', recording_details: { url: 'https://api.example.test/rec/7' } })],
    '2026-04-01T00:00:00.000Z'
  )
  const bytes = wavBytes(300_000, 7)
  fixture.server.files.set(7, { bytes, contentType: 'audio/wav' })
  const cache = new RecordingCache({ profileDir, library, openRecording: fixture.server.openRecording })
  caches.push(cache)
  await cache.download(7)
  const handler = createRecordingHandler({ activeDir: () => profileDir, recordings: () => cache, log })
  return { handler, bytes }
}

describe('the recording:// protocol handler', () => {
  it('answers a Range request with 206, Content-Range, Accept-Ranges and exactly those bytes', async () => {
    const { handler, bytes } = await signedInWithRecording()
    const response = await handler(new Request('recording://call/7', { headers: { Range: 'bytes=1000-4999' } }))
    expect(response.status).toBe(206)
    expect(response.headers.get('content-range')).toBe('bytes 1000-4999/300000')
    expect(response.headers.get('accept-ranges')).toBe('bytes')
    expect(response.headers.get('content-type')).toBe('audio/wav')
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes.subarray(1000, 5000))).toBe(true)
  })

  it('answers an address that names no call with 404, saying what address it expects', async () => {
    const { handler } = await signedInWithRecording()
    for (const url of ['recording://call/abc', 'recording://call/0', 'recording://call/']) {
      const response = await handler(new Request(url))
      expect(response.status).toBe(404)
      expect(await response.text()).toMatch(/is not a recording address; expected recording:\/\/call\/<call id>/)
    }
  })

  it('refuses anything but exactly recording://call/<digits>: extra path, query, fragment or another host', async () => {
    const { handler } = await signedInWithRecording()
    for (const url of [
      'recording://call/7/x',
      'recording://call/7?x=1',
      'recording://call/7#t',
      'recording://other/7',
      'recording://call/07',
      'recording://call/..%2F7',
      'http://example.com/recording/7'
    ]) {
      const response = await handler(new Request(url))
      expect(response.status, url).toBe(404)
    }
    expect((await handler(new Request('http://127.0.0.1:9/recording/7'))).status).toBe(200)
  })

  it('serves nothing for a profile that is signed out', async () => {
    const { bytes } = await signedInWithRecording()
    const handler = createRecordingHandler({
      activeDir: () => null,
      recordings: () => ({ serve: async () => new Response(new Uint8Array(bytes)) }),
      log
    })
    const response = await handler(new Request('recording://call/7'))
    expect(response.status).toBe(401)
  })

  it('answers a call the library does not hold with 404, saying so', async () => {
    const { handler } = await signedInWithRecording()
    const response = await handler(new Request('recording://call/99'))
    expect(response.status).toBe(404)
    expect(await response.text()).toMatch(/Call 99 is not in the offline library/)
  })

  it('asks to sign in when no one is signed in, and reports a cache that fails as a 500 with its reason', async () => {
    const signedOut = createRecordingHandler({ activeDir: () => null, recordings: () => ({ serve: async () => new Response('never') }), log })
    const out = await signedOut(new Request('recording://call/7'))
    expect(out.status).toBe(401)
    expect(await out.text()).toBe('Sign in to play recordings.')
    const failing = createRecordingHandler({
      activeDir: () => '/nowhere',
      recordings: () => {
        throw new Error('disk gone')
      },
      log
    })
    const failed = await failing(new Request('recording://call/7'))
    expect(failed.status).toBe(500)
    expect(await failed.text()).toMatch(/could not be loaded\. Try again\./)
  })
})
