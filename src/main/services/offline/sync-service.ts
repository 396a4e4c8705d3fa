/**
 * "Make available offline" (issue 5): page through every call of a query, store each page, then
 * download every recording. A page's calls and the record that the page is done are written in
 * one transaction, so after a crash or a cancel the job resumes where it stopped: done pages are
 * not fetched again, upserts never duplicate rows, and recordings on disk are skipped.
 */
import { randomUUID } from 'node:crypto'
import { AppError } from '../../../shared/errors'
import { validateCallQuery, type CallQuery, type CallQueryInput } from '../../../shared/convirza/query'
import { INCLUDE_MODULES, type CallRecord, type CallsPage } from '../../../shared/convirza/schemas'
import type { SyncProgress } from '../../../shared/ipc/contract'
import type { CallLibrary } from '../library/call-library'
import type { Logger } from '../log'
import type { OpenRecording, RecordingFiles } from './recording-files'

export const SYNC_PAGE_SIZE = 200

export interface SyncSource {
  listCalls(input: CallQueryInput, opts?: { signal?: AbortSignal }): Promise<CallsPage & { query: CallQuery }>
  openRecording: OpenRecording
}

export interface SyncServiceOptions {
  library: CallLibrary
  files: RecordingFiles
  source: () => SyncSource
  emit: (progress: SyncProgress) => void
  log: Logger
  clock?: () => Date
  /** Recordings downloaded at once. */
  downloads?: number
}

interface JobRow {
  id: string
  query_json: string
  state: string
  total_calls: number | null
}

export class SyncService {
  private running: { jobId: string; controller: AbortController; done: Promise<void> } | null = null
  private last: SyncProgress | null = null
  /** Recording counts of the running job, kept in memory so a progress event reads no records. */
  private recordingCounts: { done: number; total: number } | null = null
  private readonly clock: () => Date

  constructor(private readonly o: SyncServiceOptions) {
    this.clock = o.clock ?? (() => new Date())
  }

  /** The running or last job; an unfinished job from an earlier run shows as cancelled (resumable). */
  status(): SyncProgress | null {
    if (this.last) return this.last
    const row = this.o.library.db.prepare(`SELECT * FROM sync_jobs ORDER BY updated_at DESC LIMIT 1`).get() as JobRow | undefined
    if (!row) return null
    const state = row.state === 'done' ? 'done' : row.state === 'failed' ? 'failed' : 'cancelled'
    return this.progress(row.id, state, 0, null)
  }

  /** Start a job for the query, or resume the unfinished one for the same query. */
  async start(input: CallQueryInput): Promise<SyncProgress> {
    if (this.running) throw new AppError('bad_request', 'A download for offline use is already running; cancel it first.')
    const key = JSON.stringify({ ...input, offset: undefined, limit: undefined })
    const db = this.o.library.db
    let row = db.prepare(`SELECT * FROM sync_jobs WHERE state != 'done' AND json_extract(query_json, '$.key') = ?`).get(key) as JobRow | undefined
    if (!row) {
      const checked = validateCallQuery({ ...input, offset: 0, limit: SYNC_PAGE_SIZE }, this.clock())
      if (!checked.ok)
        throw new AppError('validation', checked.violations.map((v) => v.message).join(' '), {
          fields: checked.violations.map((v) => ({ field: v.field, message: v.message }))
        })
      const now = this.clock().toISOString()
      const id = randomUUID()
      // The validated query fixes the date range now, so a resumed job pages the same calls.
      const { start, end } = checked.query
      db.prepare(
        `INSERT INTO sync_jobs (id, query_json, state, total_calls, page_size, created_at, updated_at) VALUES (?, ?, 'running', NULL, ?, ?, ?)`
      ).run(id, JSON.stringify({ key, input: { ...input, start, end } }), SYNC_PAGE_SIZE, now, now)
      row = db.prepare(`SELECT * FROM sync_jobs WHERE id = ?`).get(id) as JobRow
    }
    const jobId = row.id
    const controller = new AbortController()
    const first = this.publish(jobId, 'running', 0, null)
    const done = this.run(jobId, JSON.parse(row.query_json).input as CallQueryInput, controller.signal).catch((error: unknown) => {
      const cancelled = controller.signal.aborted
      this.setState(jobId, cancelled ? 'cancelled' : 'failed', cancelled ? null : messageOf(error))
      this.recordingCounts = null
      this.publish(jobId, cancelled ? 'cancelled' : 'failed', this.last?.bytes ?? 0, null, cancelled ? undefined : messageOf(error))
      if (!cancelled) this.o.log.warn('sync: failed', { jobId, error })
    })
    this.running = { jobId, controller, done: done.finally(() => (this.running = null)) }
    return first
  }

  async cancel(jobId: string): Promise<SyncProgress> {
    if (this.running?.jobId === jobId) {
      this.running.controller.abort()
      await this.running.done
    }
    return this.last ?? this.progress(jobId, 'cancelled', 0, null)
  }

  /** Stop the running job without waiting (closing the profile); it resumes on the next start. */
  abandon(): void {
    this.running?.controller.abort()
  }

  /** Wait for the running job (tests, shutdown). */
  async idle(): Promise<void> {
    await this.running?.done
  }

  private async run(jobId: string, input: CallQueryInput, signal: AbortSignal): Promise<void> {
    const db = this.o.library.db
    const started = Date.now()
    let bytes = 0
    const markPage = db.prepare(`INSERT OR IGNORE INTO sync_pages (job_id, page_index, calls) VALUES (?, ?, ?)`)
    const markCall = db.prepare(`INSERT OR IGNORE INTO sync_job_calls (job_id, call_id) VALUES (?, ?)`)
    const storePage = db.transaction((index: number, page: CallsPage) => {
      this.o.library.upsertCalls(page.calls, this.clock().toISOString())
      for (const call of page.calls) markCall.run(jobId, call.call_id)
      markPage.run(jobId, index, page.calls.length)
      db.prepare(`UPDATE sync_jobs SET total_calls = ?, updated_at = ? WHERE id = ?`).run(page.total, this.clock().toISOString(), jobId)
    })
    const donePages = (): Set<number> =>
      new Set((db.prepare(`SELECT page_index FROM sync_pages WHERE job_id = ?`).all(jobId) as { page_index: number }[]).map((r) => r.page_index))

    let total = (db.prepare(`SELECT total_calls FROM sync_jobs WHERE id = ?`).get(jobId) as { total_calls: number | null }).total_calls
    for (let index = 0; total === null || index * SYNC_PAGE_SIZE < total; index++) {
      signal.throwIfAborted()
      if (donePages().has(index)) continue
      const page = await this.o.source().listCalls(
        { ...input, offset: index * SYNC_PAGE_SIZE, limit: SYNC_PAGE_SIZE, include: [...INCLUDE_MODULES] },
        { signal }
      )
      storePage(index, page)
      total = page.total
      this.publish(jobId, 'running', bytes, estimate(started, this.last))
      if (page.calls.length === 0) break
    }

    const withRecording = this.jobRecords(jobId).filter((r) => r.recording_details?.url)
    const pending = withRecording.filter((r) => !this.o.files.has(r.call_id))
    this.recordingCounts = { done: withRecording.length - pending.length, total: withRecording.length }
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < pending.length) {
        signal.throwIfAborted()
        const record = pending[next++]!
        const source = this.o.source()
        bytes += await this.o.files.download(record, (r, opts) => source.openRecording(r, opts), signal)
        if (this.recordingCounts) this.recordingCounts.done++
        this.publish(jobId, 'running', bytes, estimate(started, this.last))
      }
    }
    await Promise.all(Array.from({ length: this.o.downloads ?? 3 }, worker))
    this.setState(jobId, 'done', null)
    this.publish(jobId, 'done', bytes, 0)
    this.recordingCounts = null
  }

  private jobRecords(jobId: string): CallRecord[] {
    const ids = this.o.library.db.prepare(`SELECT call_id FROM sync_job_calls WHERE job_id = ? ORDER BY call_id`).all(jobId) as { call_id: number }[]
    return ids.map((r) => this.o.library.get(r.call_id)?.record).filter((r): r is CallRecord => r !== undefined)
  }

  private setState(jobId: string, state: string, error: string | null): void {
    this.o.library.db
      .prepare(`UPDATE sync_jobs SET state = ?, error = ?, updated_at = ? WHERE id = ?`)
      .run(state, error, this.clock().toISOString(), jobId)
  }

  private progress(jobId: string, state: SyncProgress['state'], bytes: number, secondsLeft: number | null, error?: string): SyncProgress {
    const db = this.o.library.db
    const job = db.prepare(`SELECT total_calls FROM sync_jobs WHERE id = ?`).get(jobId) as { total_calls: number | null } | undefined
    const callsDone = (db.prepare(`SELECT coalesce(sum(calls), 0) AS n FROM sync_pages WHERE job_id = ?`).get(jobId) as { n: number }).n
    let recordings = this.running?.jobId === jobId || state === 'running' ? this.recordingCounts : null
    if (!recordings && state !== 'running') {
      const records = this.jobRecords(jobId).filter((r) => r.recording_details?.url)
      recordings = { done: records.filter((r) => this.o.files.has(r.call_id)).length, total: records.length }
    }
    return {
      jobId,
      state,
      calls: { done: callsDone, total: job?.total_calls ?? 0 },
      recordings: recordings ? { ...recordings } : { done: 0, total: 0 },
      bytes,
      secondsLeft,
      ...(error ? { error } : {})
    }
  }

  private publish(jobId: string, state: SyncProgress['state'], bytes: number, secondsLeft: number | null, error?: string): SyncProgress {
    this.last = this.progress(jobId, state, bytes, secondsLeft, error)
    this.o.emit(this.last)
    return this.last
  }
}

/** Seconds left from the share of work done so far (pages and recordings weigh alike). */
function estimate(startedMs: number, p: SyncProgress | null): number | null {
  if (!p) return null
  const total = p.calls.total / SYNC_PAGE_SIZE + p.recordings.total
  const done = p.calls.done / SYNC_PAGE_SIZE + p.recordings.done
  if (done <= 0 || total <= 0) return null
  const elapsed = (Date.now() - startedMs) / 1000
  return Math.max(0, Math.round((elapsed / done) * (total - done)))
}

function messageOf(error: unknown): string {
  return error instanceof AppError ? error.message : 'The download stopped unexpectedly; try again.'
}
