/**
 * A second connection to the library, on its own thread, for the work that would otherwise stall
 * the main process: a sync's batches of calls are written there, and the reads a sync and a
 * search make over thousands of rows (progress counts, the records a search's snippets come from)
 * run there (docs/decisions/main-process-never-stalls.md). WAL lets the main thread read while it
 * writes. The rows to write are worked out on the main thread (CallLibrary#planUpsert), so the
 * thread only runs SQL (library-worker.ts).
 *
 * Requests are answered in order. If the thread cannot start or stops, every request fails with
 * `ThreadUnavailable` and callers do the work on the main thread's connection, as before.
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { Logger } from '../log'
import { LIBRARY_WORKER_SOURCE } from './library-worker'

/** How long close() waits for the thread to close its connection. */
const CLOSE_LIMIT_MS = 5_000

/** The thread's connection: as the library's own (database.ts), without migrating (the main thread did). */
const WORKER_PRAGMAS = ['journal_mode = WAL', 'synchronous = NORMAL', 'foreign_keys = ON', 'busy_timeout = 5000', 'cache_size = -65536']

/** `['run', sql, [params…]]`, or `['number', insertNumberSql, insertTailSql, number, tails]`: tails written only for a new number. */
export type WriteStep = ['run', string, readonly unknown[]] | ['number', string, string, string, readonly string[]]

export interface WriteRequest {
  /** `[call_id, modules, fetched_at]` as the plan read them (nulls: not stored); any other value now is a conflict. */
  expect: readonly [number, number | null, string | null][]
  steps: readonly WriteStep[]
  /** A read run once the transaction committed; its rows are the answer. */
  after?: { sql: string; params: readonly unknown[] }
}

/** The thread is not running (it could not start, failed, or was closed): do the work on the main thread. */
export class ThreadUnavailable extends Error {
  constructor(reason: string) {
    super(`The library thread is not available: ${reason}`)
    this.name = 'ThreadUnavailable'
  }
}

/** The thread's write was refused because a call changed since it was planned: plan again. */
export class WriteConflict extends Error {
  constructor() {
    super('A call changed while its write was planned.')
    this.name = 'WriteConflict'
  }
}

interface Pending {
  resolve: (rows: unknown[]) => void
  reject: (error: Error) => void
}

type Answer = { id: number; rows?: unknown[]; conflict?: true; error?: { message: string; code?: string } }

export class LibraryThread {
  /** [0]: writes the thread committed; [1]: 1 once it closed its connection. */
  private readonly flags = new Int32Array(new SharedArrayBuffer(8))
  private worker: Worker | null = null
  private readonly pending = new Map<number, Pending>()
  private next = 0
  private lost: string | null = null

  constructor(
    private readonly path: string,
    private readonly versionSql: string,
    private readonly log?: Logger
  ) {
    this.start()
  }

  /** Whether requests can go to the thread. */
  get available(): boolean {
    return this.worker !== null
  }

  /** Writes the thread has committed so far (read at any time, also before their answers arrive). */
  get committed(): number {
    return Atomics.load(this.flags, 0)
  }

  /** One transaction on the thread; resolves with the `after` rows once committed. Rejects with WriteConflict, ThreadUnavailable, or the SQLite error. */
  write(request: WriteRequest): Promise<unknown[]> {
    return this.ask({ op: 'write', ...request })
  }

  /** A read on the thread's connection. */
  all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.ask({ op: 'all', sql, params }) as Promise<T[]>
  }

  /** Stored records by call id (`sql` selects one record's JSON), parsed on the thread and cut down to `keys`. */
  records(sql: string, ids: readonly number[], keys: readonly string[]): Promise<[number, Record<string, unknown>][]> {
    return this.ask({ op: 'records', sql, ids, keys }) as Promise<[number, Record<string, unknown>][]>
  }

  /**
   * Close the thread's connection and wait for that (bounded), so the file is left alone once
   * this returns. A write still running on the thread finishes first (its transaction commits
   * or rolls back whole); requests not yet answered fail with ThreadUnavailable.
   */
  close(): void {
    const worker = this.worker
    this.worker = null
    this.fail('the library was closed')
    if (!worker) return
    worker.removeAllListeners()
    worker.on('error', () => {})
    worker.postMessage({ close: true })
    const deadline = performance.now() + CLOSE_LIMIT_MS
    while (!Atomics.load(this.flags, 1) && performance.now() < deadline) Atomics.wait(this.flags, 1, 0, 100)
  }

  private ask(message: Record<string, unknown>): Promise<unknown[]> {
    const worker = this.worker
    if (!worker) return Promise.reject(new ThreadUnavailable(this.lost ?? 'it was closed'))
    const id = ++this.next
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      worker.postMessage({ id, ...message })
    })
  }

  private start(): void {
    let worker: Worker
    try {
      worker = new Worker(LIBRARY_WORKER_SOURCE, {
        eval: true,
        workerData: {
          // As SearchIndex starts its thread: the package the library loaded, unpacked from app.asar in a package.
          sqliteModule: createRequire(__filename)
            .resolve('better-sqlite3')
            .replace(/app\.asar([\\/])/, 'app.asar.unpacked$1'),
          path: this.path,
          pragmas: WORKER_PRAGMAS,
          versionSql: this.versionSql,
          state: this.flags.buffer
        }
      })
    } catch (error) {
      this.log?.warn('library: the library thread could not start; writing on the main thread', { error })
      this.lost = 'it could not start'
      return
    }
    // The thread never keeps the app (or a test run) alive on its own.
    worker.unref()
    worker.on('message', (answer: Answer) => {
      const pending = this.pending.get(answer.id)
      if (!pending) return
      this.pending.delete(answer.id)
      if (answer.error) pending.reject(Object.assign(new Error(answer.error.message), answer.error.code ? { code: answer.error.code } : {}))
      else if (answer.conflict) pending.reject(new WriteConflict())
      else pending.resolve(answer.rows ?? [])
    })
    const lost = (reason: string) => (detail: unknown) => {
      this.log?.warn(`library: the library thread ${reason}; writing on the main thread from now on`, { detail })
      this.worker = null
      this.fail(`it ${reason}`)
    }
    worker.on('error', lost('stopped with an error'))
    worker.on('exit', lost('exited'))
    this.worker = worker
  }

  private fail(reason: string): void {
    this.lost ??= reason
    for (const pending of this.pending.values()) pending.reject(new ThreadUnavailable(reason))
    this.pending.clear()
  }
}
