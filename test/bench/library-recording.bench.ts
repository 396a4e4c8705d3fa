/**
 * The recording target is "a cached recording from protocol request to first audio in the
 * page: < 300 ms", measured in the page by library-recording-page.bench.ts. Here: the
 * main-process share of it, RecordingCache#serve's time to first byte for HTTP Range requests
 * into a cached 40 MB recording (a 41-minute call, docs/convirza-api.md), and, for comparison, the same
 * for a recording not cached yet and passed through from a loopback API.
 */
import { rmSync } from 'node:fs'
import type { CallRecord } from '@shared/convirza/schemas'
import { RecordingCache } from '@main/services/library/recording-cache'
import { wavBytes } from '../fixtures/library/audio-bytes'
import { OpenLibraries, tempProfileDir } from '../fixtures/library/library-setup'
import { startRecordingServer } from '../fixtures/library/recording-server'
import { percentile, round, type BenchResult } from './types'

const SIZE = 40 * 1024 * 1024
const RUNS = 60

/** Milliseconds from calling serve() to the first body bytes in hand. */
async function timeToFirstByte(cache: RecordingCache, callId: number, range: string): Promise<number> {
  const start = performance.now()
  const response = await cache.serve(new Request(`recording://call/${callId}`, { headers: { Range: range } }))
  if (response.status !== 206 || !response.body) throw new Error(`expected 206 with a body, got ${response.status}`)
  const reader = response.body.getReader()
  const first = await reader.read()
  const elapsed = performance.now() - start
  if (first.done || first.value.length === 0) throw new Error('no bytes')
  await reader.cancel()
  return elapsed
}

function ranges(count: number): string[] {
  // Where a listener seeks: the start, then anywhere in the file, open-ended as audio elements ask.
  return Array.from({ length: count }, (_, i) => (i === 0 ? 'bytes=0-' : `bytes=${Math.floor((((i * 7919) % 1000) / 1000) * SIZE)}-`))
}

export async function run(): Promise<BenchResult[]> {
  const server = await startRecordingServer()
  const libraries = new OpenLibraries()
  const profileDir = tempProfileDir('library-recording-bench-')
  try {
    const library = libraries.make(profileDir)
    const record = {
      call_id: 1,
      call_started: '2026-03-01T00:00:00.000Z',
      recording_details: { url: 'https://api.example.test/rec/1', format: 'wav', size: '41943kB' }
    }
    library.upsertCalls([record as CallRecord, { ...record, call_id: 2 } as CallRecord], '2026-03-02T00:00:00.000Z')
    const bytes = wavBytes(SIZE)
    server.files.set(1, { bytes, contentType: 'audio/wav' })
    server.files.set(2, { bytes, contentType: 'audio/wav' })
    const cache = new RecordingCache({ profileDir, library, openRecording: server.openRecording })
    await cache.download(1)

    const cached: number[] = []
    for (const range of ranges(RUNS)) cached.push(await timeToFirstByte(cache, 1, range))
    // Call 2's downloads are cut halfway, so it never gets cached and every request passes through.
    server.cut.add(2)
    const passThrough: number[] = []
    for (const range of ranges(20)) passThrough.push(await timeToFirstByte(cache, 2, range))
    await cache.close()

    const p95 = percentile(cached, 95)
    return [
      {
        name: 'cached 40 MB recording: serve() Range request to first byte',
        target: '< 300 ms (the whole request-to-audio budget; the page measures the rest)',
        value: round(p95),
        unit: 'ms p95',
        pass: p95 < 300,
        notes: `${RUNS} Range requests at spread offsets, streamed from disk; first ${round(cached[0] as number)} ms, p50 ${round(percentile(cached, 50))}, max ${round(Math.max(...cached))}`
      },
      {
        name: 'uncached recording: serve() passes the Range through from a loopback API, first byte',
        target: 'info',
        value: round(percentile(passThrough, 95)),
        unit: 'ms p95',
        pass: null,
        notes: `20 requests while a background download of the whole file runs; p50 ${round(percentile(passThrough, 50))}`
      }
    ]
  } finally {
    libraries.closeAll()
    await server.close()
    rmSync(profileDir, { recursive: true, force: true })
  }
}
