/**
 * What a "make available offline" job has done, in the library database next to the calls it
 * stored: its query (with the date range fixed when it started, so offsets stay valid), the
 * pages stored, and the calls they held. A page's calls and its "done" mark are written in one
 * transaction, so after a kill or a cancel a resumed job skips exactly the pages it stored.
 */
import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { CallQuery, CallQueryInput } from '@shared/convirza/query'
import type { CallRecord, RecordIssue } from '@shared/convirza/schemas'
import { SyncProgressSchema, type SyncProgress } from '@shared/ipc/contract/library'
import type { CallLibrary } from './call-library'
import type { WriteStep } from './library-thread'

export type JobState = SyncProgress['state']
/** Whether a job's calls add up against the server (see sync-run.ts). */
export type SyncSummary = NonNullable<SyncProgress['summary']>

/** The filters a job may have for "every call of its range" to be what the server lists; others the library cannot judge exactly. */
const RANGE_ONLY_KEYS: ReadonlySet<string> = new Set(['start', 'end', 'limit', 'offset', 'include'])

/** Whether a job's query is a plain date range (no filter), so the library can tell which of its calls the range holds. */
export function isRangeOnly(query: CallQueryInput): boolean {
  return Object.entries(query).every(([key, value]) => value === undefined || RANGE_ONLY_KEYS.has(key))
}

export interface SyncJobRecord {
  id: string
  /** The query as first validated: fixed start and end. */
  query: CallQueryInput
  /** Identifies "the same query" for resuming a cancelled job. */
  key: string
  state: JobState
  totalCalls: number | null
  pageSize: number
  error: string | null
  updatedAt: string
  /** Recording bytes this job received in its runs so far (a download cut short counts what arrived). */
  bytes: number
  /** The last run's check against the server, kept so it is shown again after a restart; null before one. */
  summary: SyncSummary | null
  /** Set for a job over calls selected in the list (their ids), instead of a query's pages. */
  callIds: number[] | null
}

/** How far a job is: the calls it holds, and their recordings (all, and those on disk). */
export interface JobCounts {
  callsDone: number
  recordingsTotal: number
  recordingsDone: number
}

export interface PendingRecording {
  callId: number
  /** From the record's `recording_details.size` (e.g. "39009kB"), for time-left estimates. */
  sizeHint: string | null
}

interface JobRow {
  id: string
  query_json: string
  state: string
  total_calls: number | null
  page_size: number
  error: string | null
  updated_at: string
  downloaded_bytes: number
  summary_json: string | null
}

const STATES: readonly JobState[] = ['running', 'done', 'cancelled', 'failed']

/** The same query, whatever page of it: offset, limit and include do not change which calls it holds. */
export function queryKey(query: CallQueryInput): string {
  const { offset: _offset, limit: _limit, include: _include, ...rest } = query
  return JSON.stringify(Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b))))
}

/** The same selected calls, in whatever order they were selected. */
export function callIdsKey(callIds: readonly number[]): string {
  const sorted = [...new Set(callIds)].sort((a, b) => a - b)
  return `calls:${createHash('sha256').update(sorted.join(',')).digest('hex')}`
}

function toRecord(row: JobRow): SyncJobRecord {
  // `input` is how an earlier interim job store wrote its query; both are read.
  const stored = JSON.parse(row.query_json) as { key?: string; query?: CallQueryInput; input?: CallQueryInput; callIds?: unknown }
  const query = stored.query ?? stored.input ?? {}
  const callIds = Array.isArray(stored.callIds) ? stored.callIds.filter((id): id is number => Number.isSafeInteger(id)) : null
  return {
    id: row.id,
    query,
    key: stored.key ?? queryKey(query),
    state: STATES.includes(row.state as JobState) ? (row.state as JobState) : 'failed',
    totalCalls: row.total_calls,
    pageSize: row.page_size,
    error: row.error,
    updatedAt: row.updated_at,
    bytes: row.downloaded_bytes,
    summary: readSummary(row.summary_json),
    callIds
  }
}

/** A stored summary, or null when there is none or it no longer reads (it is only shown, never acted on). */
function readSummary(json: string | null): SyncSummary | null {
  if (json === null) return null
  try {
    const parsed = SyncProgressSchema.shape.summary.safeParse(JSON.parse(json))
    return parsed.success ? (parsed.data ?? null) : null
  } catch {
    return null
  }
}

/** One page of the API's list as a job stores it. */
export interface StoredPage {
  total: number
  calls: readonly CallRecord[]
  /** Records the page refused (no usable call_id), which `total` still counts. */
  issues?: readonly RecordIssue[]
  /** Records kept with fields emptied (named in each record's client_notes). */
  degraded?: readonly RecordIssue[]
}

/** A page with its place in the job (offset = index × page size). */
export interface NumberedPage {
  index: number
  page: StoredPage
}

export class SyncState {
  private readonly db: Database.Database
  private readonly s: ReturnType<typeof prepare>

  constructor(private readonly library: CallLibrary) {
    this.db = library.db
    this.s = prepare(this.db)
  }

  create(id: string, query: CallQuery, pageSize: number, now: string): SyncJobRecord {
    const { offset: _offset, limit: _limit, ...pageless } = query
    this.s.insert.run(id, JSON.stringify({ key: queryKey(query), query: pageless }), pageSize, now, now)
    return this.get(id) as SyncJobRecord
  }

  /** A job over selected calls: no query, no pages; its total is the number of calls. */
  createForCalls(id: string, callIds: readonly number[], now: string): SyncJobRecord {
    const ids = [...new Set(callIds)]
    this.s.insert.run(id, JSON.stringify({ key: callIdsKey(ids), query: {}, callIds: ids }), 1, now, now)
    this.s.setTotal.run(ids.length, now, id)
    return this.get(id) as SyncJobRecord
  }

  /** Which of these calls the library holds a record of. */
  inLibrary(callIds: readonly number[]): Set<number> {
    return new Set(callIds.filter((callId) => this.s.hasCall.get(callId) !== undefined))
  }

  /** Records fetched for the job are stored, and they and the calls the library already held belong to the job, in one transaction. */
  storeCalls(id: string, records: readonly CallRecord[], held: readonly number[], now: string): void {
    if (records.length === 0 && held.length === 0) return
    this.library.transaction(() => {
      if (records.length) this.library.upsertCalls(records, now)
      for (const call of records) this.s.addCall.run(id, call.call_id)
      for (const callId of held) this.s.addCall.run(id, callId)
      this.s.touch.run(now, id)
    })
  }

  get(id: string): SyncJobRecord | null {
    const row = this.s.get.get(id) as JobRow | undefined
    return row ? toRecord(row) : null
  }

  /** The newest job, whatever its state. */
  latest(): SyncJobRecord | null {
    const row = this.s.latest.get() as JobRow | undefined
    return row ? toRecord(row) : null
  }

  /** The newest job not finished for this query (cancelled, failed, or cut short), to resume. */
  resumable(key: string): SyncJobRecord | null {
    for (const row of this.s.unfinished.all() as JobRow[]) {
      const job = toRecord(row)
      if (job.key === key) return job
    }
    return null
  }

  /** A job still marked running: the app stopped (or was killed) while it ran. */
  interrupted(): SyncJobRecord | null {
    const row = this.s.interrupted.get() as JobRow | undefined
    return row ? toRecord(row) : null
  }

  donePages(id: string): Set<number> {
    return new Set(this.s.donePages.all(id) as number[])
  }

  /**
   * Store several pages' calls and mark them done, in one transaction: a commit rewrites every
   * index and full-text page it touched, so several pages in one cost much less than a
   * commit each (see PageWriter). The total is the last page's.
   */
  storePages(id: string, pages: readonly NumberedPage[], now: string): void {
    const last = pages.at(-1)
    if (!last) return
    this.library.transaction(() => {
      this.library.upsertCalls(
        pages.flatMap(({ page }) => page.calls),
        now
      )
      for (const { index, page } of pages) {
        for (const call of page.calls) this.s.addCall.run(id, call.call_id)
        this.s.markPage.run(id, index, page.calls.length)
      }
      this.s.setTotal.run(last.page.total, now, id)
    })
  }

  /**
   * storePages on the library thread (CallLibrary#upsertCallsOffThread), so the main process is
   * not held while the batch is written: the same rows and marks in one transaction. Resolves
   * with the job's counts as committed, so progress needs no count here.
   */
  async storePagesOffThread(id: string, pages: readonly NumberedPage[], now: string): Promise<JobCounts> {
    const last = pages.at(-1)
    if (!last) return this.counts(id)
    const steps: WriteStep[] = []
    for (const { index, page } of pages) {
      for (const call of page.calls) steps.push(['run', PAGE_SQL.addCall, [id, call.call_id]])
      steps.push(['run', PAGE_SQL.markPage, [id, index, page.calls.length]])
    }
    steps.push(['run', PAGE_SQL.setTotal, [last.page.total, now, id]])
    const calls = pages.flatMap(({ page }) => page.calls)
    const [counts] = await this.library.upsertCallsOffThread(calls, now, steps, { sql: PAGE_SQL.counts, params: [id, id, id] })
    return counts as JobCounts
  }

  /** The job's counts, read on the library thread when it runs (they join every call of the job: tens of milliseconds at 10,000). */
  async countsOffThread(id: string): Promise<JobCounts> {
    const [counts] = await this.readOffThread<JobCounts>(PAGE_SQL.counts, [id, id, id], () => [this.counts(id)])
    return counts ?? this.counts(id)
  }

  /** Every call the job holds, with its start time in ms: what the reconciliation compares with the server. */
  callTimes(id: string): Map<number, number> {
    const rows = this.s.callTimes.all(id) as { callId: number; started: string }[]
    return new Map(rows.map((r) => [r.callId, Date.parse(r.started)]))
  }

  /**
   * What closing the gaps found, in one transaction: calls read again are stored and belong to
   * the job; calls the server no longer has in the range leave the job (the library keeps their
   * record, as it keeps every call it was given). The total becomes the server's latest.
   */
  reconcile(id: string, upserts: readonly CallRecord[], removed: readonly number[], serverTotal: number, now: string): void {
    this.library.transaction(() => {
      if (upserts.length) this.library.upsertCalls(upserts, now)
      for (const call of upserts) this.s.addCall.run(id, call.call_id)
      for (const callId of removed) this.s.removeCall.run(id, callId)
      // Kept in the library, marked: the user sees the server no longer lists them.
      this.library.markUnlisted(removed, now)
      this.s.setTotal.run(serverTotal, now, id)
    })
  }

  /**
   * After a complete sync of a plain date range: the library's other calls of that range
   * (`start ≤ call_started < end`, as the API filters) are no longer listed by the server, so
   * they are marked (and kept). Calls fetched since the run began are left alone: that fetch is
   * newer news than the run's listing. Returns how many were marked.
   */
  markUnlistedInRange(id: string, range: { start: string; end: string }, runStarted: string, now: string): number {
    const ids = this.s.unlistedInRange.all(new Date(range.start).toISOString(), new Date(range.end).toISOString(), runStarted, id) as number[]
    return ids.length ? this.library.markUnlisted(ids, now) : 0
  }

  /** Keep the run's summary with the job, so `sync:status` shows it after a restart. */
  setSummary(id: string, summary: SyncSummary): void {
    this.s.setSummary.run(JSON.stringify(summary), id)
  }

  setState(id: string, state: JobState, error: string | null, now: string): void {
    this.s.setState.run(state, error, now, id)
  }

  counts(id: string): JobCounts {
    return this.s.counts.get(id, id, id) as JobCounts
  }

  /** The bytes the job has received so far, so a resumed run reports them from where it stopped. */
  setBytes(id: string, bytes: number): void {
    this.s.setBytes.run(bytes, id)
  }

  /** Every call the job has stored so far. */
  callIds(id: string): number[] {
    return this.s.callIds.all(id) as number[]
  }

  /** Bytes of the job's recordings already on disk. */
  cachedBytes(id: string): number {
    return this.s.cachedBytes.get(id) as number
  }

  /**
   * Keeps the bytes downloaded so far without waiting for them to be written: on the library
   * thread when it runs, since a write here can wait behind the thread's transaction or a WAL
   * checkpoint (160 ms seen in the main-loop bench). The run's end writes its bytes on the main
   * connection (setBytes), which a write still queued here may follow: the stored count is the
   * largest written (SET_BYTES_SQL), so the run's total stands.
   */
  setBytesSoon(id: string, bytes: number): void {
    const thread = this.library.thread
    if (!thread?.available) return this.setBytes(id, bytes)
    thread.write({ expect: [], steps: [['run', SET_BYTES_SQL, [bytes, id]]] }).catch(() => undefined)
  }

  /** The job's calls that have a recording not yet on disk. */
  pendingRecordings(id: string): PendingRecording[] {
    return this.s.pending.all(id) as PendingRecording[]
  }

  /**
   * The same, read on the library thread when it runs: it reads every stored record's size hint
   * (240 ms at 10,000 calls in the main-loop bench), which would stall the main process.
   */
  pendingRecordingsOffThread(id: string): Promise<PendingRecording[]> {
    return this.readOffThread<PendingRecording>(PENDING_SQL, [id], () => this.pendingRecordings(id))
  }

  /** Rows read on the library thread when it runs; `here` reads them on this connection when it does not. */
  private async readOffThread<T>(sql: string, params: readonly unknown[], here: () => T[]): Promise<T[]> {
    const thread = this.library.thread
    if (thread?.available) {
      try {
        return await thread.all<T>(sql, params)
      } catch {
        // The thread is gone: read here.
      }
    }
    return here()
  }
}

/**
 * A job's bytes only grow (each run starts from the stored count and adds what arrives), so a write
 * never lowers them: a count queued on the library thread (setBytesSoon) can land after the run's
 * last count, written on the main connection, and must not undo it.
 */
const SET_BYTES_SQL = 'UPDATE sync_jobs SET downloaded_bytes = max(downloaded_bytes, ?) WHERE id = ?'
const PENDING_SQL = `
  SELECT j.call_id AS callId, json_extract(cr.record_json, '$.recording_details.size') AS sizeHint
  FROM sync_job_calls j
  JOIN calls c ON c.call_id = j.call_id
  JOIN call_records cr ON cr.call_id = j.call_id
  WHERE j.job_id = ? AND c.has_recording = 1 AND NOT EXISTS (SELECT 1 FROM recordings r WHERE r.call_id = j.call_id)
  ORDER BY c.call_started DESC, c.call_id DESC`

/** The statements a batch of pages writes, and the progress counts, shared with the library thread's write of a batch. */
const PAGE_SQL = {
  addCall: 'INSERT OR IGNORE INTO sync_job_calls (job_id, call_id) VALUES (?, ?)',
  markPage: 'INSERT OR REPLACE INTO sync_pages (job_id, page_index, calls) VALUES (?, ?, ?)',
  setTotal: 'UPDATE sync_jobs SET total_calls = ?, updated_at = ? WHERE id = ?',
  counts: `
      SELECT
        (SELECT count(*) FROM sync_job_calls WHERE job_id = ?) AS callsDone,
        (SELECT count(*) FROM sync_job_calls j JOIN calls c ON c.call_id = j.call_id WHERE j.job_id = ? AND c.has_recording = 1) AS recordingsTotal,
        (SELECT count(*) FROM sync_job_calls j JOIN calls c ON c.call_id = j.call_id JOIN recordings r ON r.call_id = j.call_id
          WHERE j.job_id = ? AND c.has_recording = 1) AS recordingsDone`
} as const

function prepare(db: Database.Database) {
  return {
    insert: db.prepare(
      "INSERT INTO sync_jobs (id, query_json, state, total_calls, page_size, created_at, updated_at) VALUES (?, ?, 'running', NULL, ?, ?, ?)"
    ),
    get: db.prepare('SELECT * FROM sync_jobs WHERE id = ?'),
    latest: db.prepare('SELECT * FROM sync_jobs ORDER BY updated_at DESC, rowid DESC LIMIT 1'),
    unfinished: db.prepare("SELECT * FROM sync_jobs WHERE state != 'done' ORDER BY updated_at DESC, rowid DESC"),
    interrupted: db.prepare("SELECT * FROM sync_jobs WHERE state = 'running' ORDER BY updated_at DESC, rowid DESC LIMIT 1"),
    donePages: db.prepare('SELECT page_index FROM sync_pages WHERE job_id = ?').pluck(),
    addCall: db.prepare(PAGE_SQL.addCall),
    removeCall: db.prepare('DELETE FROM sync_job_calls WHERE job_id = ? AND call_id = ?'),
    callTimes: db.prepare(
      'SELECT j.call_id AS callId, c.call_started AS started FROM sync_job_calls j JOIN calls c ON c.call_id = j.call_id WHERE j.job_id = ?'
    ),
    markPage: db.prepare(PAGE_SQL.markPage),
    setTotal: db.prepare(PAGE_SQL.setTotal),
    touch: db.prepare('UPDATE sync_jobs SET updated_at = ? WHERE id = ?'),
    hasCall: db.prepare('SELECT 1 FROM calls WHERE call_id = ?').pluck(),
    setState: db.prepare('UPDATE sync_jobs SET state = ?, error = ?, updated_at = ? WHERE id = ?'),
    setBytes: db.prepare(SET_BYTES_SQL),
    setSummary: db.prepare('UPDATE sync_jobs SET summary_json = ? WHERE id = ?'),
    unlistedInRange: db
      .prepare(
        `SELECT c.call_id FROM calls c
        WHERE c.call_started >= ? AND c.call_started < ? AND c.unlisted_at IS NULL AND c.fetched_at < ?
          AND NOT EXISTS (SELECT 1 FROM sync_job_calls j WHERE j.job_id = ? AND j.call_id = c.call_id)`
      )
      .pluck(),
    callIds: db.prepare('SELECT call_id FROM sync_job_calls WHERE job_id = ?').pluck(),
    cachedBytes: db
      .prepare('SELECT coalesce(sum(r.bytes), 0) FROM sync_job_calls j JOIN recordings r ON r.call_id = j.call_id WHERE j.job_id = ?')
      .pluck(),
    counts: db.prepare(PAGE_SQL.counts),
    pending: db.prepare(PENDING_SQL)
  }
}
