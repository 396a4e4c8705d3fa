/**
 * One run of a "make available offline" job (issue 5): page through every call of the query
 * (limit 200, every include module), storing each page as it arrives, then download every
 * recording the calls have. Whatever a run stores is kept: a later run of the same job skips
 * the pages marked done and the recordings on disk, so a cancel, a crash or a lost network
 * costs only the work in flight.
 */
import { AppError } from '../../../shared/errors'
import type { CallQueryInput } from '../../../shared/convirza/query'
import { INCLUDE_MODULES, type CallRecord } from '../../../shared/convirza/schemas'
import type { SyncProgress } from '../../../shared/ipc/contract/library'
import type { Logger } from '../log'
import type { RecordingCache } from './recording-cache'
import { SecondsLeft } from './sync-estimate'
import type { JobState, SyncJobRecord, SyncState } from './sync-state'

/** One page of the API's calls list: ConvirzaClient#listCalls in the app. */
export type ListPage = (input: CallQueryInput, signal: AbortSignal) => Promise<{ total: number; calls: readonly CallRecord[] }>

export interface SyncRunOptions {
  state: SyncState
  cache: RecordingCache
  listPage: ListPage
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
const STOPS_THE_JOB = new Set(['network', 'timeout', 'unauthorized', 'not_signed_in', 'forbidden', 'rate_limited', 'cancelled'])

export class SyncRun {
  private bytes = 0
  private lastEmitMs = Number.NEGATIVE_INFINITY
  private readonly estimate: SecondsLeft
  private readonly nowMs: () => number

  constructor(
    private readonly job: SyncJobRecord,
    private readonly o: SyncRunOptions
  ) {
    this.nowMs = o.nowMs ?? Date.now
    this.estimate = new SecondsLeft(this.nowMs)
  }

  /** Progress as stored, plus this run's bytes and estimate. */
  progress(state: JobState, error?: string): SyncProgress {
    const counts = this.o.state.counts(this.job.id)
    const total = this.o.state.get(this.job.id)?.totalCalls ?? 0
    return {
      jobId: this.job.id,
      state,
      calls: { done: counts.callsDone, total: Math.max(total, counts.callsDone) },
      recordings: { done: counts.recordingsDone, total: counts.recordingsTotal },
      bytes: this.bytes,
      secondsLeft: state === 'done' ? 0 : state === 'running' ? this.estimate.seconds() : null,
      ...(error ? { error } : {})
    }
  }

  /** Runs to the end; throws when cancelled (the signal) or stopped by the connection or session. */
  async run(signal: AbortSignal): Promise<SyncProgress> {
    await this.storePages(signal)
    const failures = await this.downloadRecordings(signal)
    const now = this.o.clock().toISOString()
    if (failures.length === 0) {
      this.o.state.setState(this.job.id, 'done', null, now)
      return this.progress('done')
    }
    const first = failures[0] as { callId: number; message: string }
    const message =
      `${failures.length} recording${failures.length === 1 ? '' : 's'} could not be downloaded (call ${first.callId}: ${first.message}). ` +
      'Everything else is available offline; make the same list available offline again to retry them.'
    this.o.state.setState(this.job.id, 'failed', message, now)
    return this.progress('failed', message)
  }

  private async storePages(signal: AbortSignal): Promise<void> {
    const { state, pageConcurrency } = this.o
    const size = this.job.pageSize
    const done = state.donePages(this.job.id)
    let total = state.get(this.job.id)?.totalCalls ?? null
    if (total === null || !done.has(0)) {
      total = this.storePage(0, await this.fetchPage(0, signal))
      done.add(0)
    }
    const todo = Array.from({ length: Math.ceil(total / size) }, (_, i) => i).filter((i) => !done.has(i))
    await pool(todo, pageConcurrency, async (index) => {
      this.storePage(index, await this.fetchPage(index, signal))
    })
  }

  private fetchPage(index: number, signal: AbortSignal): Promise<{ total: number; calls: readonly CallRecord[] }> {
    signal.throwIfAborted()
    const size = this.job.pageSize
    return this.o.listPage({ ...this.job.query, offset: index * size, limit: size, include: [...INCLUDE_MODULES] }, signal)
  }

  private storePage(index: number, page: { total: number; calls: readonly CallRecord[] }): number {
    this.o.state.storePage(this.job.id, index, page, this.o.clock().toISOString())
    this.tick(true)
    return page.total
  }

  private async downloadRecordings(signal: AbortSignal): Promise<{ callId: number; message: string }[]> {
    const pending = this.o.state.pendingRecordings(this.job.id)
    this.estimate.begin(pending.map((p) => p.sizeHint))
    const failures: { callId: number; message: string }[] = []
    const onBytes = (n: number): void => {
      this.bytes += n
      this.estimate.received(n)
      this.tick(false)
    }
    await pool(pending, this.o.downloadConcurrency, async ({ callId, sizeHint }) => {
      signal.throwIfAborted()
      try {
        const result = await this.o.cache.download(callId, { signal, onBytes })
        this.estimate.finished(sizeHint, result.bytes)
      } catch (error) {
        if (signal.aborted || (error instanceof AppError && STOPS_THE_JOB.has(error.kind))) throw error
        this.estimate.finished(sizeHint, 0)
        failures.push({ callId, message: error instanceof AppError ? error.message : String(error) })
        this.o.log?.warn('sync: a recording could not be downloaded', { jobId: this.job.id, callId, error })
      }
      this.tick(true)
    })
    return failures
  }

  /** Emit progress, at most once per interval unless a page or recording just completed. */
  private tick(completed: boolean): void {
    const now = this.nowMs()
    const interval = this.o.progressIntervalMs ?? 250
    if (!completed && now - this.lastEmitMs < interval) return
    if (completed && now - this.lastEmitMs < interval / 5) return
    this.lastEmitMs = now
    this.o.onProgress(this.progress('running'))
  }
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
