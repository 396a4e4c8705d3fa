/**
 * "Make available offline" for one profile: at most one job runs at a time; its
 * progress is pushed through `emit` (the `sync:progress` event) and answers `sync:status`.
 * Cancel stops it and keeps what it stored; starting the same query again resumes it. A job
 * cut short by quitting or a crash is still marked running in the library, and
 * `resumeInterrupted` (called when the profile opens) carries it on.
 */
import { randomUUID } from 'node:crypto'
import { AppError } from '@shared/errors'
import { validateCallQuery, MAX_LIMIT, type CallQueryInput } from '@shared/convirza/query'
import type { SyncProgress } from '@shared/ipc/contract/library'
import { diskError } from '../disk-errors'
import type { Logger } from '../log'
import type { CallLibrary } from './call-library'
import { DEFAULT_MAX_DOWNLOADS, type RecordingCache } from './recording-cache'
import { SyncRun, type GetCall, type ListPage } from './sync-run'
import { callIdsKey, queryKey, SyncState, type SyncJobRecord } from './sync-state'

export interface SyncJobsOptions {
  library: CallLibrary
  cache: RecordingCache
  /** One page of the calls list (ConvirzaClient#listCalls); asked per page, so it may follow the session. */
  listPage: ListPage
  /** One call with every module (ConvirzaClient#getCall): for jobs over selected calls the library does not hold yet. */
  getCall?: GetCall
  emit: (progress: SyncProgress) => void
  clock?: () => Date
  log?: Logger
  /** Calls per page; the API's maximum, 200, by default. */
  pageSize?: number
  /** Pages requested at once; default 2. */
  pageConcurrency?: number
  /** Recordings downloaded at once by the job (the cache caps all downloads too); default 3. */
  downloadConcurrency?: number
  progressIntervalMs?: number
  newId?: () => string
}

interface Running {
  job: SyncJobRecord
  run: SyncRun
  controller: AbortController
  done: Promise<void>
  /** Stopped because the profile closed: the job stays marked running, to resume next time. */
  abandoned: boolean
  last: SyncProgress
}

export class SyncJobs {
  private readonly state: SyncState
  private readonly clock: () => Date
  private running: Running | null = null
  private last: SyncProgress | null = null

  constructor(private readonly options: SyncJobsOptions) {
    this.state = new SyncState(options.library)
    this.clock = options.clock ?? (() => new Date())
  }

  /** Start making a query's calls and recordings available offline, or resume the unfinished job for the same query. */
  async start(input: CallQueryInput): Promise<SyncProgress> {
    const pageSize = this.options.pageSize ?? MAX_LIMIT
    const checked = validateCallQuery({ ...input, offset: 0, limit: pageSize }, this.clock())
    if (!checked.ok)
      throw new AppError('validation', `This list cannot be made available offline: ${checked.violations.map((v) => v.message).join(' ')}`, {
        fields: checked.violations.map((v) => ({ field: v.field, message: v.message }))
      })
    const key = queryKey(checked.query)
    if (this.running) {
      if (this.running.job.key === key) return this.running.last
      throw new AppError('bad_request', 'Another list is being made available offline. Cancel it, or wait until it finishes.')
    }
    const job =
      this.state.resumable(key) ?? this.state.create(this.options.newId?.() ?? randomUUID(), checked.query, pageSize, this.clock().toISOString())
    return this.launch(job)
  }

  /**
   * Make calls selected in the list available offline: their records (fetched when the library
   * does not hold them) and their recordings. Starting the same calls again resumes the job.
   */
  async startCalls(callIds: readonly number[]): Promise<SyncProgress> {
    const ids = [...new Set(callIds)]
    if (ids.length === 0) throw new AppError('validation', 'Select at least one call to make available offline.')
    const key = callIdsKey(ids)
    if (this.running) {
      if (this.running.job.key === key) return this.running.last
      throw new AppError('bad_request', 'Other calls are being made available offline. Cancel that, or wait until it finishes.')
    }
    const job = this.state.resumable(key) ?? this.state.createForCalls(this.options.newId?.() ?? randomUUID(), ids, this.clock().toISOString())
    return this.launch(job)
  }

  /** Carry on a job the app was closed or killed during; null when there is none. */
  resumeInterrupted(): SyncProgress | null {
    if (this.running) return this.running.last
    const job = this.state.interrupted()
    return job ? this.launch(job) : null
  }

  async cancel(jobId: string): Promise<SyncProgress> {
    const running = this.running
    if (running?.job.id === jobId) {
      running.controller.abort(new AppError('cancelled', 'Making the list available offline was cancelled.'))
      await running.done
      return this.last as SyncProgress
    }
    const job = this.state.get(jobId)
    if (!job) throw new AppError('not_found', 'That offline download no longer exists; it may have been cleared with the cached data.')
    if (job.state === 'running') this.state.setState(jobId, 'cancelled', null, this.clock().toISOString())
    return this.stored(jobId)
  }

  /** The running job's progress, else the last job's as stored (one cut short shows as cancelled), else null. */
  status(): SyncProgress | null {
    if (this.running) return this.running.last
    const latest = this.state.latest()
    return latest ? this.stored(latest.id) : null
  }

  /** Stop without marking the job cancelled (the profile is closing); `resumeInterrupted` carries it on. */
  abandon(): void {
    if (!this.running) return
    this.running.abandoned = true
    this.running.controller.abort(new AppError('cancelled', 'The profile was closed.'))
  }

  /** Resolves when no job runs (tests, shutdown). */
  async idle(): Promise<void> {
    await this.running?.done
  }

  private launch(job: SyncJobRecord): SyncProgress {
    this.state.setState(job.id, 'running', null, this.clock().toISOString())
    const controller = new AbortController()
    const run = new SyncRun(job, {
      state: this.state,
      cache: this.options.cache,
      listPage: this.options.listPage,
      ...(this.options.getCall ? { getCall: this.options.getCall } : {}),
      clock: this.clock,
      pageConcurrency: this.options.pageConcurrency ?? 2,
      downloadConcurrency: this.options.downloadConcurrency ?? DEFAULT_MAX_DOWNLOADS,
      ...(this.options.progressIntervalMs !== undefined ? { progressIntervalMs: this.options.progressIntervalMs } : {}),
      ...(this.options.log ? { log: this.options.log } : {}),
      onProgress: (progress) => this.publish(progress)
    })
    const first = run.progress('running')
    const running: Running = { job, run, controller, abandoned: false, last: first, done: Promise.resolve() }
    this.running = running
    running.done = run
      .run(controller.signal)
      .then((final) => this.publish(final))
      .catch((error: unknown) => this.stopped(running, error))
      .finally(() => {
        if (this.running === running) this.running = null
      })
    this.publish(first)
    return first
  }

  private stopped(running: Running, error: unknown): void {
    const { job, run, controller } = running
    const now = this.clock().toISOString()
    if (controller.signal.aborted) {
      if (running.abandoned) return
      this.state.setState(job.id, 'cancelled', null, now)
      this.publish(run.progress('cancelled'))
      return
    }
    // A full or read-only disk (a recording's file, or the library's own) is named with the place.
    const where = typeof (error as { path?: unknown } | null)?.path === 'string' ? (error as { path: string }).path : this.options.library.path
    const typed = error instanceof AppError ? error : diskError(error, 'Making the list available offline', where)
    const message = typed
      ? `${typed.message} What is already stored stays available offline; start again to carry on.`
      : 'Making the list available offline stopped unexpectedly. What is already stored stays available offline; start again to carry on.'
    this.options.log?.warn('sync: stopped', { jobId: job.id, error })
    try {
      this.state.setState(job.id, 'failed', message, now)
    } catch (stateError) {
      // On a full disk even this small write can fail; the job then reads as interrupted and
      // resumes at the next start, and the user is still told why it stopped.
      this.options.log?.warn('sync: could not record why the job stopped', { jobId: job.id, error: stateError })
    }
    this.publish(run.progress('failed', message))
  }

  private publish(progress: SyncProgress): void {
    this.last = progress
    if (this.running?.job.id === progress.jobId) this.running.last = progress
    this.options.emit(progress)
  }

  private stored(jobId: string): SyncProgress {
    const job = this.state.get(jobId) as SyncJobRecord
    const counts = this.state.counts(jobId)
    return {
      jobId,
      state: job.state === 'running' ? 'cancelled' : job.state,
      calls: { done: counts.callsDone, total: Math.max(job.totalCalls ?? 0, counts.callsDone) },
      recordings: { done: counts.recordingsDone, total: counts.recordingsTotal },
      bytes: job.bytes,
      secondsLeft: job.state === 'done' ? 0 : null,
      ...(job.error ? { error: job.error } : {}),
      ...(job.callIds ? { selectedCalls: job.callIds.length } : {}),
      ...(job.summary ? { summary: job.summary } : {})
    }
  }
}
