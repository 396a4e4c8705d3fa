/**
 * Contract tests of the demo server's recordings (docs/convirza-api.md "Include modules"): signed URLs
 * valid for the TTL, 410 with the documented message once expired, and audio served with HTTP
 * Range on short fixture files and on the long generated WAVs alike.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoServer, RECORDING_EXPIRED_MESSAGE, type DemoServer } from '@main/services/demo-server'
import type { CallRecord } from '@shared/convirza/schemas'

const START = Date.parse('2026-03-01T12:00:00.000Z')
const TTL = 600
let clock = START
let server: DemoServer
let token: string

const fixture = (name: string): Buffer => readFileSync(resolve('resources/demo/recordings', name))
const CALL_FIXTURES = (JSON.parse(readFileSync(resolve('resources/demo/calls/index.json'), 'utf8')) as { id: string }[]).map((f) => f.id)
/** The ground-truth call (resources/demo/calls) a demo call plays, found by its transcript. */
function callFile(call: CallRecord, ext: 'wav' | 'mp3' | 'txt'): Buffer {
  const id = CALL_FIXTURES.find((f) => readFileSync(resolve('resources/demo/calls', `${f}.txt`), 'utf8').trim() === call.transcription)
  if (!id) throw new Error(`call ${call.call_id} plays none of the fixtures in resources/demo/calls`)
  return readFileSync(resolve('resources/demo/calls', `${id}.${ext}`))
}

async function freshCall(predicate: (c: CallRecord) => boolean): Promise<CallRecord> {
  const target = server.calls.find(predicate)
  if (!target) throw new Error('no seeded call matches')
  const res = await fetch(`${server.apiBaseUrl}/v3/conversations/calls?call_id=${target.call_id}&include=recordings,transcription`, {
    headers: { authorization: `Bearer ${token}` }
  })
  return ((await res.json()) as { data: { calls: CallRecord[] } }).data.calls[0] as CallRecord
}

async function download(
  url: string,
  headers: Record<string, string> = {},
  method = 'GET'
): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const res = await fetch(url, { headers, method })
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) }
}

const isLong = (c: CallRecord): boolean => (c.recording_details?.duration ?? '').startsWith('00:4')

beforeAll(async () => {
  server = await startDemoServer({ calls: 600, seed: 11, recordingTtlSeconds: TTL, now: () => new Date(clock) })
  const res = await fetch(`${server.oauthBaseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(server.login)
  })
  token = ((await res.json()) as { access_token: string }).access_token
})
afterAll(async () => {
  await server?.close()
})

describe('signed recording URLs', () => {
  it('point at /v3/recordings/<call_id> with expires, sig and an .mp3 file_name, expiring after the TTL', async () => {
    const call = await freshCall((c) => c.disposition === 'ANSWERED' && !isLong(c))
    const details = call.recording_details as NonNullable<CallRecord['recording_details']>
    const url = new URL(details.url as string)
    expect(`${url.origin}${url.pathname}`).toBe(`${server.apiBaseUrl}/v3/recordings/${call.call_id}`)
    expect(url.searchParams.get('file_name')).toBe(`${details.filename}.mp3`)
    expect(url.searchParams.get('sig')).toMatch(/^[\w-]{20,}$/)
    expect(Number(url.searchParams.get('expires'))).toBe(details.expires_at)
    expect(details.expires_at).toBe(Math.floor(START / 1000) + TTL)
  })

  it('answer 410 with the documented message once expired, and a re-fetched call gives a URL that works', async () => {
    const call = await freshCall((c) => c.disposition === 'ANSWERED' && !isLong(c))
    const url = call.recording_details?.url as string
    expect((await download(url)).status).toBe(200)
    clock = START + (TTL + 1) * 1000
    try {
      const gone = await download(url)
      expect(gone.status).toBe(410)
      expect(JSON.parse(gone.bytes.toString())).toMatchObject({ code: 410, message: RECORDING_EXPIRED_MESSAGE, request_id: expect.any(String) })
      expect(RECORDING_EXPIRED_MESSAGE).toBe('Recording URL has expired. Please re-fetch the call to get a fresh link.')
      const again = await freshCall((c) => c.call_id === call.call_id)
      expect((await download(again.recording_details?.url as string)).status).toBe(200)
    } finally {
      clock = START
    }
  })

  it('answer 410 when the signature or expiry was tampered with', async () => {
    const call = await freshCall((c) => c.disposition === 'ANSWERED' && !isLong(c))
    const url = new URL(call.recording_details?.url as string)
    const longer = new URL(url)
    longer.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 86_400))
    const forged = new URL(url)
    forged.searchParams.set('sig', 'A'.repeat(43))
    const otherCall = new URL(url)
    otherCall.pathname = `/v3/recordings/${call.call_id + 1}`
    for (const bad of [longer, forged, otherCall]) expect((await download(bad.href)).status).toBe(410)
  })
})

describe('serving the audio', () => {
  it.each([
    ['wav', 'audio/wav'],
    ['mp3', 'audio/mpeg']
  ])('serves a %s recording whole with its Content-Type read from the bytes, matching recording_details', async (format, type) => {
    const call = await freshCall((c) => c.recording_details?.format === format && !isLong(c))
    const details = call.recording_details as NonNullable<CallRecord['recording_details']>
    const { status, headers, bytes } = await download(details.url as string)
    expect(status).toBe(200)
    expect(headers.get('content-type')).toBe(type)
    expect(headers.get('accept-ranges')).toBe('bytes')
    expect(Number(headers.get('content-length'))).toBe(bytes.length)
    expect(bytes.equals(callFile(call, format as 'wav' | 'mp3'))).toBe(true)
    expect(details.size).toBe(`${Math.round(bytes.length / 1024)}kB`)
    // Duration from the bytes themselves: PCM bytes / 16000 for WAV, bits / bitrate for constant-rate MP3.
    const seconds = format === 'wav' ? (bytes.length - 44) / 16_000 : (bytes.length * 8) / 32_000
    const [h, m, s] = (details.duration as string).split(':').map(Number) as [number, number, number]
    expect(h * 3600 + m * 60 + s).toBeCloseTo(seconds, 1)
    expect(call.duration).toBe(Math.round(seconds))
    expect(call.transcription).toBe(callFile(call, 'txt').toString().trim())
  })

  it.each([
    ['bytes=0-99', 0, 99],
    ['bytes=1000-', 1000, undefined],
    ['bytes=-500', -500, undefined],
    ['bytes=200-99999999', 200, undefined]
  ])('answers Range %s with 206 and the matching Content-Range', async (range, from, to) => {
    const call = await freshCall((c) => c.recording_details?.format === 'wav' && c.disposition !== 'VOICEMAIL' && !isLong(c))
    const file = callFile(call, 'wav')
    const expected = from < 0 ? file.subarray(file.length + from) : file.subarray(from, to === undefined ? undefined : to + 1)
    const start = from < 0 ? file.length + from : from
    const { status, headers, bytes } = await download(call.recording_details?.url as string, { range })
    expect(status).toBe(206)
    expect(headers.get('content-range')).toBe(`bytes ${start}-${start + expected.length - 1}/${file.length}`)
    expect(Number(headers.get('content-length'))).toBe(expected.length)
    expect(bytes.equals(expected)).toBe(true)
  })

  it('answers an unsatisfiable range with 416 and Content-Range bytes */size', async () => {
    const call = await freshCall((c) => c.recording_details?.format === 'mp3' && !isLong(c))
    const size = (await download(call.recording_details?.url as string, {}, 'HEAD')).headers.get('content-length')
    const { status, headers } = await download(call.recording_details?.url as string, { range: `bytes=${size}-` })
    expect(status).toBe(416)
    expect(headers.get('content-range')).toBe(`bytes */${size}`)
    expect(headers.get('content-length')).not.toBeNull()
  })

  it('answers HEAD with the headers and no body', async () => {
    const call = await freshCall((c) => c.recording_details?.format === 'wav' && !isLong(c))
    const { status, headers, bytes } = await download(call.recording_details?.url as string, {}, 'HEAD')
    expect(status).toBe(200)
    expect(headers.get('content-type')).toBe('audio/wav')
    expect(Number(headers.get('content-length'))).toBeGreaterThan(0)
    expect(bytes.length).toBe(0)
  })
})

describe('long recordings (40 minutes and more, generated)', () => {
  const pcm = (() => {
    const wav = fixture('roof-inspection.wav')
    return wav.subarray(44, wav.length - ((wav.length - 44) % 2))
  })()
  const expectedAt = (offset: number, length: number): Buffer =>
    Buffer.from(Array.from({ length }, (_, i) => pcm[(offset + i - 44) % pcm.length] as number))

  it('seeds three answered calls with recordings of at least 40 minutes, described like the API example', () => {
    const long = server.calls.filter(isLong)
    expect(long).toHaveLength(3)
    expect(long.map((c) => c.recording_details?.duration)).toContain('00:41:36.60')
    const example = long.find((c) => c.recording_details?.duration === '00:41:36.60')
    expect(example?.recording_details).toMatchObject({ format: 'wav', size: '39009kB', bitrate: '128 kb/s', frequency: '8000 Hz' })
    for (const call of long) expect(call.duration).toBeGreaterThanOrEqual(2400)
  })

  it('starts with a WAV header whose data length matches the duration', async () => {
    const call = await freshCall((c) => c.recording_details?.duration === '00:41:36.60')
    const { status, headers, bytes } = await download(call.recording_details?.url as string, { range: 'bytes=0-43' })
    expect(status).toBe(206)
    expect(headers.get('content-type')).toBe('audio/wav')
    expect(headers.get('content-range')).toBe(`bytes 0-43/${44 + 2496.6 * 16000}`)
    expect(bytes.toString('ascii', 0, 4)).toBe('RIFF')
    expect(bytes.readUInt32LE(24)).toBe(8000)
    expect(bytes.readUInt16LE(34)).toBe(16)
    expect(bytes.readUInt32LE(40)).toBe(2496.6 * 16000)
  })

  it.each([20, 1_000_003, 20_000_000, 39_945_600])('serves the right bytes for a range starting at byte %i', async (offset) => {
    const call = await freshCall((c) => c.recording_details?.duration === '00:41:36.60')
    const size = 44 + 2496.6 * 16000
    const end = Math.min(offset + 4095, size - 1)
    const { status, headers, bytes } = await download(call.recording_details?.url as string, { range: `bytes=${offset}-${end}` })
    expect(status).toBe(206)
    expect(headers.get('content-range')).toBe(`bytes ${offset}-${end}/${size}`)
    const header = offset < 44 ? (await download(call.recording_details?.url as string, { range: 'bytes=0-43' })).bytes : Buffer.alloc(0)
    const expected = Buffer.concat([header.subarray(offset), expectedAt(Math.max(offset, 44), end - Math.max(offset, 44) + 1)])
    expect(bytes.equals(expected)).toBe(true)
  })

  it('streams the whole file with exactly Content-Length bytes', async () => {
    const call = await freshCall((c) => c.recording_details?.duration === '00:40:30.00')
    const res = await fetch(call.recording_details?.url as string)
    expect(res.status).toBe(200)
    const length = Number(res.headers.get('content-length'))
    expect(length).toBe(44 + 2430 * 16000)
    let received = 0
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) received += chunk.length
    expect(received).toBe(length)
  })

  it('has a transcript covering the whole recording', async () => {
    const call = await freshCall((c) => c.recording_details?.duration === '00:41:36.60')
    const turns = (call.transcription ?? '').split('\n')
    expect(turns.length).toBeGreaterThan(8 * 50)
    expect(turns.every((t) => /^(Agent|Caller): /.test(t))).toBe(true)
  })
})
