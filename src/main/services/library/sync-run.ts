/**
 * One run of a "make available offline" job: page through every call of the query
 * (limit 200, every include module), storing the pages as they arrive, then download every
 * recording the calls have. Whatever a run stores is kept: a later run of the same job skips
 * the pages marked done and the recordings on disk, so a cancel, a crash or a lost network
 * costs only the work in flight.
 */
import { AppError } from '@shared/errors'
import type { CallQueryInput } from '@shared/convirza/query'
import { INCLUDE_MODULES, type CallRecord, type RecordIssue } from '@shared/convirza/schemas'
import type { SyncProgress } from '@shared/ipc/contract/library'
import type { Logger } from '../log'
import type { RecordingCache } from './recording-cache'
import { PageWriter } from './page-writer'
import { parseSizeHint, SecondsLeft } from './sync-estimate'
import { reconcileRange, type PassSignals } from '../convirza/reconcile'
import {
  isRangeOnly,
  type JobState,
  type JobCounts,
  type NumberedPage,
  type PendingRecording,
  type StoredPage,
  type SyncJobRecord,
  type SyncState,
  type SyncSummary
} from './sync-state'

/** One page of the API's calls list: ConvirzaClient#listCalls in the app. */
export type ListPage = (input: CallQueryInput, signal: AbortSignal) => Promise<StoredPage>

/** One call with every module, or null when the server does not have it: ConvirzaClient#getCall in the app. */
export type GetCall = (callId: number, signal: AbortSignal) => Promise<CallRecord | null>

export interface SyncRunOptions {
  state: SyncState
  cache: RecordingCache
  listPage: ListPage
  /** For jobs over selected calls: fetches the records the library does not hold. */
  getCall?: GetCall
  onProgress: (progress: SyncProgress) => void
  clock: () => Date
  /** Milliseconds for rates; Date.now by default. */
  nowMs?: () => number
  pageConcurrency: number
  downloadConcurrency: number
  /** Least time between two progress events. */
  progressIntervalMs?: number
  log?: Logger
}

/** Errors about the connection or the session stop the whole job; others concern one recording. */
const STOPS_THE_JOB = new Set([
  'network',
  'timeout',
  'unauthorized',
  'not_signed_in',
  'forbidden',
  'rate_limited',
  'cancelled',
  // A full or read-only disk fails every next recording the same way: stop and say so once.
  'disk_full',
  'storage_unavailable'
])

export class SyncRun {
  /** Recording bytes received: the job's earlier runs' (stored) plus this run's as they arrive. */
  private bytes: number
  /** Recordings left out because they would not fit the cache limit, said in every later progress. */
  private notice: string | null = null
  private leftOut = 0
  private lastEmitMs = Number.NEGATIVE_INFINITY
  /** Whether the stored calls add up, once the pages are stored and checked. */
  private summary: SyncSummary | null = null
  private readonly estimate: SecondsLeft
  private readonly nowMs: () => number
  /** When this run began (ISO): calls fetched after it are newer news than its listing. */
  private startedAt = ''
  /**
   * The job's counts as last read (they join every call of the job: tens of milliseconds at
   * 10,000, too long to repeat on the main process at every progress event); null: read them when needed.
   */
  private counts: JobCounts | null = null

  constructor(
    private readonly job: SyncJobRecord,
    private readonly options: SyncRunOptions
  ) {
    this.nowMs = options.nowMs ?? Date.now
    this.bytes = job.bytes
    this.estimate = new SecondsLeft(this.nowMs)
  }

  /** Progress as stored, plus this run's bytes and estimate. */
  progress(state: JobState, error?: string): SyncProgress {
    const counts = (this.counts ??= this.options.state.counts(this.job.id))
    const total = this.options.state.get(this.job.id)?.totalCalls ?? 0
    return {
      jobId: this.job.id,
      state,
      calls: { done: counts.callsDone, total: Math.max(total, counts.callsDone) },
      recordings: { done: counts.recordingsDone, total: counts.recordingsTotal },
      bytes: this.bytes,
      secondsLeft: state === 'done' ? 0 : state === 'running' ? this.estimate.seconds() : null,
      ...(error || this.notice ? { error: error ?? (this.notice as string) } : {}),
      ...(this.job.callIds ? { selectedCalls: this.job.callIds.length } : {}),
      ...(this.summary ? { summary: this.summary } : {})
    }
  }

  /** Runs to the end; throws when cancelled (the signal) or stopped by the connection or session. */
  async run(signal: AbortSignal): Promise<SyncProgress> {
    this.startedAt = this.options.clock().toISOString()
    try {
      return await this.runSteps(signal)
    } finally {
      // However the run ends (done, failed, cancelled, the profile closing), its bytes are kept.
      this.options.state.setBytes(this.job.id, this.bytes)
    }
  }

  private async runSteps(signal: AbortSignal): Promise<SyncProgress> {
    if (this.job.callIds) await this.storeCalls(this.job.callIds, signal)
    else await this.storePages(signal)
    const failures = await this.downloadRecordings(signal)
    this.counts = await this.options.state.countsOffThread(this.job.id)
    const now = this.options.clock().toISOString()
    const shortfall = this.summary && !this.summary.complete ? describeShortfall(this.summary, this.job.callIds ? 'calls' : 'list') : null
    if (failures.length === 0 && this.notice === null && shortfall === null) {
      this.options.state.setState(this.job.id, 'done', null, now)
      return this.progress('done')
    }
    const first = failures[0]
    const message = [
      shortfall,
      this.notice,
      first
        ? `${failures.length} recording${failures.length === 1 ? '' : 's'} could not be downloaded (call ${first.callId}: ${first.message}). ` +
          `Everything else is available offline; make the same ${this.job.callIds ? 'calls' : 'list'} available offline again to retry them.`
        : null
    ]
      .filter(Boolean)
      .join(' ')
    this.options.state.setState(this.job.id, 'failed', message, now)
    return this.progress('failed', message)
  }

  private async storePages(signal: AbortSignal): Promise<void> {
    const { state, pageConcurrency } = this.options
    const size = this.job.pageSize
    const done = state.donePages(this.job.id)
    const signals: PassSignals = { totals: [], duplicates: 0, shortPages: 0, refused: 0 }
    const seen = new Set<number>()
    const refused: RecordIssue[] = []
    let degraded = 0
    let largestPage = 0
    /** Totals in the order the requests went out, the order the server saw them in (see reconcile.ts). */
    const totalsBySend: (number | undefined)[] = []
    let sent = 0
    const fetchWatched = async (index: number): Promise<StoredPage> => {
      const slot = sent++
      const page = await this.fetchPage(index, signal)
      totalsBySend[slot] = page.total
      return page
    }
    /** What each page says about whether the offsets held. */
    const watch = (index: number, page: StoredPage, pageCount: number): void => {
      const received = page.calls.length + (page.issues?.length ?? 0)
      largestPage = Math.max(largestPage, received)
      if (index < pageCount - 1 && received < size) signals.shortPages++
      for (const call of page.calls) {
        if (seen.has(call.call_id)) signals.duplicates++
        seen.add(call.call_id)
      }
      refused.push(...(page.issues ?? []))
      degraded += page.degraded?.length ?? 0
    }
    let total = state.get(this.job.id)?.totalCalls ?? null
    if (total === null || !done.has(0)) {
      const first = await fetchWatched(0)
      watch(0, first, Math.ceil(first.total / size))
      await this.store([{ index: 0, page: first }])
      total = first.total
      done.add(0)
    }
    const pageCount = Math.ceil(total / size)
    const todo = Array.from({ length: pageCount }, (_, i) => i).filter((i) => !done.has(i))
    // Pages that arrive close together are stored together (see PageWriter); whatever arrived is
    // stored however the pool ends, so a cancel or a lost network keeps the pages it had.
    const writer = new PageWriter((pages) => this.store(pages))
    try {
      await pool(todo, pageConcurrency, async (index) => {
        const page = await fetchWatched(index)
        watch(index, page, pageCount)
        await writer.add(index, page)
      })
    } finally {
      await writer.close()
    }
    signals.totals = totalsBySend.filter((t): t is number => t !== undefined)
    await this.reconcile(signals, refused, degraded, largestPage, signal)
  }

  /**
   * A job over selected calls: those the library holds belong to the job at once; the others are
   * fetched one by one (every module) and stored as they arrive. A call the server does not have,
   * or sends unreadable, is counted with why, never dropped; a lost connection or session stops
   * the job (what was stored stays, and a new start carries on from there).
   */
  private async storeCalls(callIds: readonly number[], signal: AbortSignal): Promise<void> {
    const { state } = this.options
    const already = new Set(state.callIds(this.job.id))
    const todo = callIds.filter((id) => !already.has(id))
    const held = state.inLibrary(todo)
    state.storeCalls(this.job.id, [], [...held], this.options.clock().toISOString())
    this.counts = null
    this.tick(true)
    const missing = todo.filter((id) => !held.has(id))
    const refused: RecordIssue[] = []
    const getCall = this.options.getCall
    await pool(missing, this.options.pageConcurrency, async (callId) => {
      signal.throwIfAborted()
      if (!getCall) {
        refused.push({ callId, index: 0, path: 'call_id', message: 'this build cannot fetch single calls' })
        return
      }
      try {
        const record = await getCall(callId, signal)
        if (record) {
          state.storeCalls(this.job.id, [record], [], this.options.clock().toISOString())
          this.counts = null
          this.tick(true)
        } else
          refused.push({
            callId,
            index: 0,
            path: 'call_id',
            message: 'the server does not have this call (deleted, merged, or outside your account)'
          })
      } catch (error) {
        if (signal.aborted || (error instanceof AppError && STOPS_THE_JOB.has(error.kind))) throw error
        refused.push({ callId, index: 0, path: 'call_id', message: error instanceof AppError ? error.message : String(error) })
        this.options.log?.warn('sync: a selected call could not be fetched', { jobId: this.job.id, callId, error })
      }
    })
    this.counts = null
    const stored = state.counts(this.job.id).callsDone
    this.summary = {
      serverTotal: callIds.length,
      stored,
      refused: refused.slice(0, 100).map((i) => ({ callId: i.callId, reason: `${i.path}: ${i.message}`.slice(0, 500) })),
      refusedCount: refused.length,
      degraded: 0,
      removed: 0,
      reconciled: null,
      complete: refused.length === 0 && stored >= callIds.length
    }
    state.setSummary(this.job.id, this.summary)
    this.tick(true)
  }

  /**
   * Check the stored calls against the server's latest total and close the gaps (see
   * reconcile.ts). Runs on every run, a resumed one too: calls may have been logged late or
   * deleted while the job waited.
   */
  private async reconcile(signals: PassSignals, refused: RecordIssue[], degraded: number, largestPage: number, signal: AbortSignal): Promise<void> {
    const { state } = this.options
    const range = { start: this.job.query.start as string, end: this.job.query.end as string }
    signals.refused = refused.length
    const local = state.callTimes(this.job.id)
    const size = this.job.pageSize
    const result = await reconcileRange({
      range,
      local,
      signals,
      pageSize: Math.max(1, Math.min(size, largestPage || size)),
      concurrency: this.options.pageConcurrency,
      signal,
      fetch: async (window, offset, limit, s) => {
        const page = await this.options.listPage({ ...this.job.query, ...window, offset, limit, include: [...INCLUDE_MODULES] }, s ?? signal)
        return { total: page.total, calls: page.calls, issues: page.issues ?? [], degraded: page.degraded ?? [] }
      }
    })
    state.reconcile(this.job.id, result.upserts, result.removed, result.serverTotal, this.options.clock().toISOString())
    const finalRefused = result.reason === null ? refused : result.refused
    this.counts = await state.countsOffThread(this.job.id)
    const stored = this.counts.callsDone
    const complete = result.complete && finalRefused.length === 0 && stored >= result.serverTotal
    // Only a listing that adds up proves what the server no longer has; only a plain range lets
    // the library tell which of its calls that range holds.
    const unlisted =
      complete && isRangeOnly(this.job.query) ? state.markUnlistedInRange(this.job.id, range, this.startedAt, this.options.clock().toISOString()) : 0
    this.summary = {
      serverTotal: result.serverTotal,
      stored,
      refused: finalRefused.slice(0, 100).map((i) => ({ callId: i.callId, reason: `${i.path}: ${i.message}`.slice(0, 500) })),
      refusedCount: finalRefused.length,
      degraded: degraded + result.degraded.length,
      removed: result.removed.length + unlisted,
      reconciled: result.reason,
      complete
    }
    state.setSummary(this.job.id, this.summary)
    if (result.reason !== null)
      this.options.log?.info('sync: the pages did not add up; gaps closed', {
        jobId: this.job.id,
        ...this.summary,
        refused: undefined,
        requests: result.requests
      })
    this.tick(true)
  }

  private fetchPage(index: number, signal: AbortSignal): Promise<StoredPage> {
    signal.throwIfAborted()
    const size = this.job.pageSize
    return this.options.listPage({ ...this.job.query, offset: index * size, limit: size, include: [...INCLUDE_MODULES] }, signal)
  }

  /** Store pages in one transaction (on the library thread), marking them done, and report progress. */
  private async store(pages: readonly NumberedPage[]): Promise<void> {
    this.counts = await this.options.state.storePagesOffThread(this.job.id, pages, this.options.clock().toISOString())
    this.tick(true)
  }

  private async downloadRecordings(signal: AbortSignal): Promise<{ callId: number; message: string }[]> {
    // While the job runs its recordings are never evicted, so it only starts what fits the cap.
    const release = this.options.cache.hold(new Set(this.options.state.callIds(this.job.id)))
    try {
      return await this.downloadFitting(signal)
    } finally {
      release()
    }
  }

  /**
   * The pending recordings that fit the cache limit beside the job's recordings already on disk
   * (other recordings make room), by the records' size hints, decided before any download so
   * the progress says at once how many will not fit, instead of downloading files the cap
   * would throw away again. One without a hint is decided when its turn comes (see download).
   */
  private fitToLimit(pending: readonly PendingRecording[], room: number): PendingRecording[] {
    const fitting: PendingRecording[] = []
    for (const recording of pending) {
      const bytes = parseSizeHint(recording.sizeHint) ?? 0
      if (bytes > room) this.leftOut += 1
      else {
        room -= bytes
        fitting.push(recording)
      }
    }
    return fitting
  }

  private updateNotice(limit: number): void {
    const left = this.leftOut
    this.notice =
      left === 0
        ? null
        : `${left} recording${left === 1 ? '' : 's'} did not fit the ${formatLimit(limit)} recording cache limit; raise it in Settings, then make this list available offline again to get ${left === 1 ? 'it' : 'them'}.`
  }

  private async downloadFitting(signal: AbortSignal): Promise<{ callId: number; message: string }[]> {
    const limit = this.options.cache.limit()
    /** Bytes the job may still add to the cache: what it started counts by its hint until it is on disk. */
    let room = limit - this.options.state.cachedBytes(this.job.id)
    const pending = this.fitToLimit(await this.options.state.pendingRecordingsOffThread(this.job.id), room)
    this.updateNotice(limit)
    if (this.notice) this.options.log?.info('sync: recordings left out by the cache limit', { jobId: this.job.id, notice: this.notice })
    this.estimate.begin(pending.map((p) => p.sizeHint))
    const failures: { callId: number; message: string }[] = []
    let downloaded = { count: 0, bytes: 0 }
    const onBytes = (n: number): void => {
      this.bytes += n
      this.estimate.received(n)
      this.tick(false)
    }
    await pool(pending, this.options.downloadConcurrency, async ({ callId, sizeHint }) => {
      signal.throwIfAborted()
      // Without a hint, a recording is taken to be as large as the average so far.
      const expected = parseSizeHint(sizeHint) ?? (downloaded.count > 0 ? downloaded.bytes / downloaded.count : 0)
      if (expected > room) {
        this.leftOut += 1
        this.updateNotice(limit)
        this.estimate.finished(sizeHint, 0)
        this.tick(true)
        return
      }
      room -= expected
      try {
        const result = await this.options.cache.download(callId, { signal, onBytes })
        const size = result.alreadyCached ? (this.options.cache.entry(callId)?.bytes ?? 0) : result.bytes
        room += expected - size
        downloaded = { count: downloaded.count + 1, bytes: downloaded.bytes + size }
        // One more of the job's recordings on disk (read again, exactly, when the downloads end).
        if (this.counts) this.counts = { ...this.counts, recordingsDone: this.counts.recordingsDone + 1 }
        this.options.state.setBytesSoon(this.job.id, this.bytes)
        this.estimate.finished(sizeHint, result.bytes)
      } catch (error) {
        room += expected
        if (signal.aborted || (error instanceof AppError && STOPS_THE_JOB.has(error.kind))) throw error
        this.estimate.finished(sizeHint, 0)
        failures.push({ callId, message: error instanceof AppError ? error.message : String(error) })
        this.options.log?.warn('sync: a recording could not be downloaded', { jobId: this.job.id, callId, error })
      }
      this.tick(true)
    })
    return failures
  }

  /** Emit progress, at most once per interval unless a page or recording just completed. */
  private tick(completed: boolean): void {
    const now = this.nowMs()
    const interval = this.options.progressIntervalMs ?? 250
    if (!completed && now - this.lastEmitMs < interval) return
    if (completed && now - this.lastEmitMs < interval / 5) return
    this.lastEmitMs = now
    this.options.onProgress(this.progress('running'))
  }
}

export type { SyncSummary } from './sync-state'

/**
 * "9,995 of 10,005 calls stored; 10 could not be read (call 12: call_id: …)." — what an
 * incomplete library is missing and why, so the user never reads "done" on it.
 */
export function describeShortfall(summary: SyncSummary, what: 'list' | 'calls' = 'list'): string {
  const n = (value: number): string => value.toLocaleString('en-US')
  const missing = Math.max(0, summary.serverTotal - summary.stored)
  const parts = [`${n(summary.stored)} of ${n(summary.serverTotal)} calls stored`]
  if (summary.refusedCount > 0) {
    const first = summary.refused[0]
    parts.push(
      `${n(summary.refusedCount)} could not be read (${first ? `call ${first.callId ?? 'without an id'}: ${first.reason}` : 'the server sent them without a usable call id'})`
    )
  }
  const unexplained = missing - summary.refusedCount
  if (unexplained > 0) parts.push(`${n(unexplained)} could not be listed because the account kept changing while it was read`)
  return `${parts.join('; ')}. Make the same ${what} available offline again to retry.`
}

/** "5 GB", "500 MB": the limit as the user set it (binary units, like the settings sheet). */
function formatLimit(bytes: number): string {
  const [size, unit] = bytes >= 1024 ** 3 ? [bytes / 1024 ** 3, 'GB'] : bytes >= 1024 ** 2 ? [bytes / 1024 ** 2, 'MB'] : [bytes / 1024, 'KB']
  return `${Number(size.toFixed(1))} ${unit}`
}

/** Run `work` over `items`, `concurrency` at a time; after the first failure no new item starts, and the failure is thrown once all running items settle. */
async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  let failure: { error: unknown } | null = null
  const worker = async (): Promise<void> => {
    while (failure === null && next < items.length) {
      const item = items[next++] as T
      try {
        await work(item)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
  if (failure !== null) throw (failure as { error: unknown }).error
}
