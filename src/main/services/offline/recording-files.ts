/**
 * Recordings on disk, one file a call under `<profileDir>/recordings/`. A download streams to a
 * `.part` file that is renamed only once its size matches Content-Length, so a partial file is
 * never served; files are evicted least-recently-played first past the cache limit (issue 5).
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { rename } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as NodeWebStream } from 'node:stream/web'
import { AppError } from '../../../shared/errors'
import type { CallRecord } from '../../../shared/convirza/schemas'
import type { CallLibrary } from '../library/call-library'
import { readCacheLimit, RecordingIndex } from '../library/recording-index'
import { parseRange } from './byte-range'

/** Opens a call's recording at the API (the client refreshes an expired URL itself). */
export type OpenRecording = (
  record: Pick<CallRecord, 'call_id' | 'recording_details'>,
  opts?: { signal?: AbortSignal }
) => Promise<Response>

export class RecordingFiles {
  private readonly dir: string
  private readonly index: RecordingIndex
  private readonly inFlight = new Map<number, Promise<number>>()

  constructor(
    profileDir: string,
    private readonly library: CallLibrary,
    private readonly clock: () => Date = () => new Date()
  ) {
    this.dir = join(profileDir, 'recordings')
    mkdirSync(this.dir, { recursive: true })
    this.index = new RecordingIndex(library.db)
    // A .part left by a crash is never served and never resumed from: remove it.
    for (const name of readdirSync(this.dir)) if (name.endsWith('.part')) rmSync(join(this.dir, name), { force: true })
  }

  /** Whether the call's recording is complete on disk. */
  has(callId: number): boolean {
    const entry = this.index.get(callId)
    return entry !== null && existsSync(join(this.dir, entry.file))
  }

  /**
   * Download a call's recording unless it is already here; returns the bytes written (0 when it
   * was already on disk). Concurrent requests for one call share one download.
   */
  download(record: CallRecord, open: OpenRecording, signal?: AbortSignal): Promise<number> {
    if (this.has(record.call_id)) return Promise.resolve(0)
    let running = this.inFlight.get(record.call_id)
    if (!running) {
      running = this.fetchToDisk(record, open, signal).finally(() => this.inFlight.delete(record.call_id))
      this.inFlight.set(record.call_id, running)
    }
    return running
  }

  private async fetchToDisk(record: CallRecord, open: OpenRecording, signal?: AbortSignal): Promise<number> {
    const callId = record.call_id
    const response = await open(record, signal ? { signal } : {})
    if (response.status !== 200 || !response.body)
      throw new AppError('invalid_response', `The recording of call ${callId} answered HTTP ${response.status}; try again later.`)
    const expected = Number(response.headers.get('content-length') ?? NaN)
    const contentType = response.headers.get('content-type')?.split(';')[0]?.trim() || 'application/octet-stream'
    const file = `${callId}${contentType === 'audio/wav' || contentType === 'audio/x-wav' ? '.wav' : '.mp3'}`
    const part = join(this.dir, `${file}.part`)
    try {
      await pipeline(Readable.fromWeb(response.body as NodeWebStream<Uint8Array>, { signal }), createWriteStream(part, { flush: true }))
      const written = statSync(part).size
      if (Number.isFinite(expected) && written !== expected)
        throw new AppError('invalid_response', `The recording of call ${callId} arrived incomplete (${written} of ${expected} bytes); it will be fetched again.`)
      await rename(part, join(this.dir, file))
      const now = this.clock().toISOString()
      this.index.add({ callId, file, bytes: written, contentType, downloadedAt: now, lastPlayed: null })
      this.evict(callId)
      return written
    } catch (error) {
      rmSync(part, { force: true })
      throw error
    }
  }

  /** Remove least-recently-played files until the total fits the cache limit (never `keep`). */
  private evict(keep: number): void {
    const limit = readCacheLimit(this.library.db)
    let { bytes } = this.index.totals()
    for (const entry of this.index.leastRecentlyPlayed()) {
      if (bytes <= limit) break
      if (entry.callId === keep) continue
      rmSync(join(this.dir, entry.file), { force: true })
      this.index.remove(entry.callId)
      bytes -= entry.bytes
    }
  }

  /** Answer a page's request from disk (HTTP Range aware), or null when the file is not here. */
  serve(callId: number, rangeHeader: string | null): Response | null {
    const entry = this.index.get(callId)
    if (!entry) return null
    const path = join(this.dir, entry.file)
    if (!existsSync(path)) {
      this.index.remove(callId)
      return null
    }
    this.index.markPlayed(callId, this.clock().toISOString())
    const size = statSync(path).size
    const headers = new Headers({ 'Content-Type': entry.contentType, 'Accept-Ranges': 'bytes' })
    const range = parseRange(rangeHeader, size)
    if (range === 'unsatisfiable') {
      headers.set('Content-Range', `bytes */${size}`)
      return new Response(null, { status: 416, headers })
    }
    const { start, end } = range ?? { start: 0, end: size - 1 }
    headers.set('Content-Length', String(end - start + 1))
    if (range) headers.set('Content-Range', `bytes ${start}-${end}/${size}`)
    const body = Readable.toWeb(createReadStream(path, { start, end })) as unknown as ReadableStream<Uint8Array>
    return new Response(body, { status: range ? 206 : 200, headers })
  }
}
