/**
 * A profile's recordings on disk, in `<profileDir>/recordings/<call_id>.<ext>`, with
 * their index in the library database. Downloads run at most N at once, one per call however
 * many ask for it; a file gets its final name only when whole (recording-download.ts); past
 * the size cap the least recently played files go first. `serve` answers the page's requests
 * (HTTP Range) from disk; a recording not on disk is passed through from the API for this
 * request while the whole file is cached in the background, so playback starts at once.
 */
import { lstatSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { AppError, type ErrorKind } from '@shared/errors'
import { keepNewest } from '@shared/recent-map'
import type { CallRecord } from '@shared/convirza/schemas'
import type { Logger } from '../log'
import type { CallLibrary } from './call-library'
import { diskError } from '../disk-errors'
import { PART_SUFFIX, writeRecording } from './recording-download'
import { RecordingIndex, type RecordingEntry } from './recording-index'
import { errorStatus, fileResponse, passThroughResponse, recordingCallId, textResponse } from './recording-response'
import { Semaphore } from './semaphore'

export type RecordingCall = Pick<CallRecord, 'call_id' | 'recording_details'>
/**
 * Opens a call's recording at the API: ConvirzaClient#openRecording, which renews an expired URL
 * itself and hands the re-fetched call to `onFreshRecord`.
 */
export type OpenRecording = (
  call: RecordingCall,
  opts: { range?: string; signal?: AbortSignal; onFreshRecord?: (record: CallRecord) => void }
) => Promise<Response>

export const RECORDINGS_FOLDER = 'recordings'
export const DEFAULT_MAX_DOWNLOADS = 3
/** After caching a played recording failed, how long its plays stream without trying again. */
const BACKGROUND_RETRY_AFTER_MS = 2 * 60_000
/** How many calls' last recording failures are kept for the page to ask about. */
const MAX_REMEMBERED_FAILURES = 20

export interface RecordingCacheOptions {
  profileDir: string
  library: CallLibrary
  /** Asked anew for every download, so it may follow the signed-in session. */
  openRecording: OpenRecording
  /** Downloads at once; default 3. */
  maxDownloads?: number
  clock?: () => Date
  log?: Logger
}

export interface DownloadOptions {
  /** Stops waiting; the download itself stops when no one else waits for it. */
  signal?: AbortSignal
  /** Bytes as they arrive, for progress. */
  onBytes?: (bytes: number) => void
  /** Started by playback: counts as played now for eviction. */
  played?: boolean
}

export interface DownloadResult {
  callId: number
  /** Bytes written by this download; 0 when the file was already cached. */
  bytes: number
  alreadyCached: boolean
}

interface InFlight {
  promise: Promise<number>
  controller: AbortController
  listeners: Set<(bytes: number) => void>
  waiters: number
  /** Someone waits without a signal (playback): never abort for lack of waiters. */
  pinned: boolean
}

export class RecordingCache {
  readonly dir: string
  private readonly index: RecordingIndex
  private readonly semaphore: Semaphore
  private readonly inFlight = new Map<number, InFlight>()
  /** Recordings eviction must not touch: the calls of each running "make available offline" job. */
  private readonly held = new Set<ReadonlySet<number>>()
  private readonly failures = new Map<number, { kind: ErrorKind; message: string }>()
  /** When caching a played recording last failed, per call: it is not tried again at once. */
  private readonly backgroundFailures = new Map<number, number>()
  private readonly clock: () => Date

  constructor(private readonly options: RecordingCacheOptions) {
    this.dir = join(options.profileDir, RECORDINGS_FOLDER)
    this.index = new RecordingIndex(options.library.db)
    this.semaphore = new Semaphore(options.maxDownloads ?? DEFAULT_MAX_DOWNLOADS)
    this.clock = options.clock ?? (() => new Date())
    mkdirSync(this.dir, { recursive: true })
    this.reconcile()
  }

  /** The recording is whole on disk. */
  has(callId: number): boolean {
    return this.index.get(callId) !== null
  }

  entry(callId: number): RecordingEntry | null {
    return this.index.get(callId)
  }

  /** Downloads running or waiting for a slot. */
  get pending(): number {
    return this.inFlight.size
  }

  /** Fetch a call's recording into the cache unless it is there; concurrent calls for one call share one download. */
  download(callId: number, opts: DownloadOptions = {}): Promise<DownloadResult> {
    if (this.has(callId)) return Promise.resolve({ callId, bytes: 0, alreadyCached: true })
    opts.signal?.throwIfAborted()
    let flight = this.inFlight.get(callId)
    // A download everyone gave up on is still settling: start afresh rather than share its failure.
    if (!flight || flight.controller.signal.aborted) {
      const controller = new AbortController()
      const listeners = new Set<(bytes: number) => void>()
      const fresh: InFlight = { promise: Promise.resolve(0), controller, listeners, waiters: 0, pinned: false }
      fresh.promise = this.fetchToDisk(callId, controller.signal, listeners, opts.played === true).finally(() => {
        if (this.inFlight.get(callId) === fresh) this.inFlight.delete(callId)
      })
      // Every waiter may have left (aborted) before it settles: its failure then concerns no one.
      fresh.promise.catch(() => {})
      flight = fresh
      this.inFlight.set(callId, flight)
    }
    return this.wait(callId, flight, opts)
  }

  /** Answer the page's request for `recording://call/<id>` or `http://host/recording/<id>`. */
  async serve(request: Request): Promise<Response> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Recordings can only be read.', { Allow: 'GET, HEAD' })
    const callId = recordingCallId(request.url)
    if (callId === null) return textResponse(404, `${request.url} is not a recording address; expected …/recording/<call id>.`)
    const entry = this.index.get(callId)
    if (entry) {
      const path = join(this.dir, entry.file)
      if (fileSize(path) === entry.bytes) {
        this.index.markPlayed(callId, this.clock().toISOString())
        this.noteFailure(callId, null)
        return fileResponse(path, entry.bytes, entry.contentType, request)
      }
      // Removed or changed behind our back: forget it and fetch it again.
      this.forget(entry)
    }
    return this.serveFromSource(callId, request)
  }

  limit(): number {
    return this.index.limit()
  }

  /** Change the size cap (bytes) and evict down to it at once. */
  setLimit(bytes: number): void {
    if (!Number.isSafeInteger(bytes) || bytes < 1)
      throw new AppError('validation', `The recording cache limit must be a positive number of bytes; got ${bytes}.`)
    this.index.setLimit(bytes)
    this.evict(null)
  }

  totals(): { count: number; bytes: number } {
    return this.index.totals()
  }

  /**
   * Keep these calls' recordings out of eviction until the returned release is called: a job
   * making a list available offline must not evict its own earlier downloads to make room for
   * its later ones (it would end "done" with files missing, and a resume would fetch them
   * again). On release the cache evicts down to its cap.
   */
  hold(callIds: ReadonlySet<number>): () => void {
    this.held.add(callIds)
    return () => {
      if (this.held.delete(callIds)) this.evict(null)
    }
  }

  /** Stop every download and delete every cached recording. */
  async clear(): Promise<void> {
    await this.stopDownloads()
    this.index.clear()
    for (const name of readdirSync(this.dir)) rmSync(join(this.dir, name), { force: true, recursive: true })
  }

  /** Stop every download (closing the profile). */
  async close(): Promise<void> {
    await this.stopDownloads()
  }

  private async stopDownloads(): Promise<void> {
    const flights = [...this.inFlight.values()]
    for (const flight of flights) flight.controller.abort(new AppError('cancelled', 'The download was stopped.'))
    await Promise.allSettled(flights.map((f) => f.promise))
  }

  private async wait(callId: number, flight: InFlight, opts: DownloadOptions): Promise<DownloadResult> {
    flight.waiters += 1
    if (!opts.signal) flight.pinned = true
    if (opts.onBytes) flight.listeners.add(opts.onBytes)
    const signal = opts.signal
    let onAbort: (() => void) | undefined
    try {
      const aborted = signal
        ? new Promise<never>((_, reject) => {
            onAbort = () => reject(signal.reason)
            signal.addEventListener('abort', onAbort, { once: true })
          })
        : null
      const bytes = await (aborted ? Promise.race([flight.promise, aborted]) : flight.promise)
      return { callId, bytes, alreadyCached: false }
    } finally {
      if (signal && onAbort) signal.removeEventListener('abort', onAbort)
      if (opts.onBytes) flight.listeners.delete(opts.onBytes)
      flight.waiters -= 1
      if (flight.waiters === 0 && !flight.pinned && this.inFlight.get(callId) === flight) flight.controller.abort(signal?.reason)
    }
  }

  private async fetchToDisk(callId: number, signal: AbortSignal, listeners: Set<(bytes: number) => void>, played: boolean): Promise<number> {
    const release = await this.semaphore.acquire(signal)
    try {
      const call = this.callWithRecording(callId)
      const response = await this.options.openRecording(call, { signal, onFreshRecord: this.storeFreshRecord })
      if (response.status !== 200) {
        await response.body?.cancel().catch(() => {})
        throw new AppError(
          'invalid_response',
          `The recording of call ${callId} answered HTTP ${response.status} instead of the file. Try again later.`,
          {
            status: response.status
          }
        )
      }
      const written = await writeRecording(
        response,
        { dir: this.dir, callId },
        {
          signal,
          onBytes: (n) => listeners.forEach((l) => l(n)),
          resume: (range) => this.options.openRecording(call, { range, signal, onFreshRecord: this.storeFreshRecord })
        }
      ).catch((error: unknown) => {
        // A full or read-only disk is named with the place; the partial file is already removed.
        throw diskError(error, `Saving the recording of call ${callId}`, this.dir) ?? error
      })
      const now = this.clock().toISOString()
      this.index.add({
        callId,
        file: written.file,
        bytes: written.bytes,
        contentType: written.type.contentType,
        downloadedAt: now,
        lastPlayed: played ? now : null
      })
      this.evict(callId)
      return written.bytes
    } finally {
      release()
    }
  }

  /**
   * A call the client re-fetched for a renewed recording URL (after a 410 or past expires_at):
   * stored, so the next uncached play uses the new URL instead of fetching the call again. The
   * library merges it with what it holds (it carries only the recordings module).
   */
  private readonly storeFreshRecord = (record: CallRecord): void => {
    try {
      this.options.library.upsertCalls([record], this.clock().toISOString())
    } catch (error) {
      this.options.log?.warn('recording: could not store the renewed recording URL', { callId: record.call_id, error })
    }
  }

  private callWithRecording(callId: number): RecordingCall {
    const stored = this.options.library.get(callId)
    if (!stored)
      throw new AppError('not_found', `Call ${callId} is not in the offline library, so its recording cannot be found. Load the call list again.`)
    if (!stored.record.recording_details)
      throw new AppError(
        'not_found',
        `Call ${callId} has no recording${stored.record.recording_details === undefined ? ' in the data fetched so far; open the call to load it' : ''}.`
      )
    return stored.record
  }

  /**
   * Why main could not serve a call's recording the last time it was asked, for the page (whose
   * audio element only learns "network error" or "not supported"); null once it was served since.
   */
  lastFailure(callId: number): { kind: ErrorKind; message: string } | null {
    return this.failures.get(callId) ?? null
  }

  private noteFailure(callId: number, failure: { kind: ErrorKind; message: string } | null): void {
    this.failures.delete(callId)
    if (!failure) return
    this.failures.set(callId, { kind: failure.kind, message: failure.message.slice(0, 2000) })
    // A few recent calls are enough: the page asks right after its own failure.
    keepNewest(this.failures, MAX_REMEMBERED_FAILURES)
  }

  private async serveFromSource(callId: number, request: Request): Promise<Response> {
    let call: RecordingCall
    try {
      call = this.callWithRecording(callId)
    } catch (error) {
      return textResponse(404, error instanceof Error ? error.message : `Call ${callId} has no recording.`)
    }
    // Kept while it plays; not started again on every seek after it failed (a host misreporting
    // the file's length would otherwise have each request fetch the whole file once more).
    const failedAt = this.backgroundFailures.get(callId)
    if (failedAt === undefined || this.clock().getTime() - failedAt > BACKGROUND_RETRY_AFTER_MS)
      void this.download(callId, { played: true }).then(
        () => this.backgroundFailures.delete(callId),
        (error: unknown) => {
          if (error instanceof AppError && error.kind === 'cancelled') return
          this.backgroundFailures.set(callId, this.clock().getTime())
          this.options.log?.warn('recording: caching in the background failed', { callId, error })
        }
      )
    const range = request.headers.get('range')
    try {
      const upstream = await this.options.openRecording(call, {
        ...(range ? { range } : {}),
        signal: request.signal,
        onFreshRecord: this.storeFreshRecord
      })
      this.noteFailure(callId, null)
      return passThroughResponse(upstream, request)
    } catch (error) {
      this.options.log?.warn('recording: could not stream from the API', { callId, error })
      // A request the page gave up itself (a seek elsewhere) is no failure to report.
      const asked = !request.signal.aborted
      if (error instanceof AppError) {
        if (asked) this.noteFailure(callId, error)
        return textResponse(errorStatus(error), error.message)
      }
      const message = `The recording of call ${callId} could not be loaded. Try again.`
      if (asked) this.noteFailure(callId, { kind: 'server', message })
      return textResponse(502, message)
    }
  }

  /** Delete least recently played files until the total fits the cap; never `keep` (the one just downloaded) nor a held one. */
  private evict(keep: number | null): void {
    const limit = this.index.limit()
    let { bytes } = this.index.totals()
    if (bytes <= limit) return
    for (const entry of this.index.leastRecentlyPlayed()) {
      if (bytes <= limit) break
      if (entry.callId === keep || this.isHeld(entry.callId)) continue
      if (this.forget(entry)) bytes -= entry.bytes
    }
  }

  private isHeld(callId: number): boolean {
    for (const ids of this.held) if (ids.has(callId)) return true
    return false
  }

  /** Remove a file and its row; false when the OS refuses (a file being read on Windows): it stays, and counts. */
  private forget(entry: RecordingEntry): boolean {
    try {
      rmSync(join(this.dir, entry.file), { force: true })
    } catch (error) {
      this.options.log?.warn('recording: could not delete a cached file', { callId: entry.callId, error })
      return false
    }
    this.index.remove(entry.callId)
    return true
  }

  /**
   * At open, make disk and index agree: a `.part` (a download cut short) is deleted, a row whose
   * file is gone or the wrong size is dropped, a file without a row (renamed just before a crash,
   * or left by clearing the library) is deleted. Only rows are served, so nothing partial is.
   */
  private reconcile(): void {
    const known = new Set<string>()
    for (const entry of this.index.all()) {
      if (fileSize(join(this.dir, entry.file)) === entry.bytes) known.add(entry.file)
      else this.index.remove(entry.callId)
    }
    for (const name of readdirSync(this.dir)) {
      if (known.has(name)) continue
      if (name.endsWith(PART_SUFFIX) && partInProgress(this.dir, name)) continue
      if (!name.endsWith(PART_SUFFIX)) this.options.log?.info('recording: removing a file the index does not know', { name })
      rmSync(join(this.dir, name), { force: true, recursive: true })
    }
  }
}

/** A regular file's size; null for anything else — a symlink in the cache is never followed or served. */
function fileSize(path: string): number | null {
  try {
    const stat = lstatSync(path)
    return stat.isFile() ? stat.size : null
  } catch {
    return null
  }
}

/** A `.part` not written to for this long belongs to a download that died. */
const STALE_PART_MS = 10 * 60 * 1000

/**
 * Whether a `.part` may still be written by a download in another process (a second copy of
 * the app, a test): its owner (the pid in its name, see partFileFor) is alive and it was written
 * to lately. Such a file is left alone; a dead owner's or a stale one is removed.
 */
function partInProgress(dir: string, name: string): boolean {
  const owner = /^\d+-(\d+)-\d+/.exec(name)
  if (!owner || Number(owner[1]) === process.pid) return false
  try {
    // The file system's clock, not the injected one: mtime is real time.
    if (Date.now() - lstatSync(join(dir, name)).mtimeMs > STALE_PART_MS) return false
    process.kill(Number(owner[1]), 0)
    return true
  } catch (error) {
    // EPERM: the process exists but is another user's — alive all the same.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
