/**
 * The library's full-text index (FTS5), kept in its own file beside the library
 * (`library-search.sqlite`) and written by its own thread, so that storing calls does not wait
 * for their text to be tokenised, which is most of the cost of storing calls and would block
 * the main process (docs/decisions/search-index-own-thread-and-file.md).
 *
 * - The library's connection ATTACHes the file as `search` and reads it (call-list-query.ts).
 * - A library transaction stages each changed call's text here; the rows go to the thread in
 *   chunks while the transaction runs, and the thread writes them in a transaction of its own
 *   that it commits or rolls back when it is told how the library's ended (CallLibrary#transaction).
 * - A search first waits until the thread has written everything already committed (`settle`),
 *   so results are never missing a stored call.
 * - Every indexed call's search hash is kept beside its text (`indexed_calls`). On open, any call
 *   whose hash differs from the library's, and any entry for a call the library no longer has,
 *   is indexed again or removed (`reconcile`): a crash or kill between the two commits, a
 *   damaged or deleted index file, or an index from another version (rebuilt from scratch) are
 *   all repaired from the library, which is the source of truth.
 * - If the thread cannot start, fails (disk full) or stops answering, the index is written on the
 *   library's own connection from then on, inside the library's transactions (`fallBack`).
 */
import { rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'
import type { CallRecord } from '@shared/convirza/schemas'
import type { Logger } from '../log'
import { tagNamesOf, toSearchRow, type SearchRow } from './call-columns'
import { databaseFiles } from './database'
import { SEARCH_WORKER_SOURCE } from './search-worker'

/** The index's schema; an index file of any other version is deleted and rebuilt from the library. */
export const SEARCH_SCHEMA_VERSION = 2

/** Rows sent to the thread at once while a transaction runs: small enough that it starts early, large enough that messages stay few. */
const CHUNK_ROWS = 250

/** How long a search waits for the thread before indexing on the main thread instead. */
const WAIT_LIMIT_MS = 30_000

/** How long close() waits for the thread to close its connection. */
const CLOSE_LIMIT_MS = 5_000

/**
 * Repairs up to this many calls are done during open; larger ones (the first open after an
 * upgrade, a deleted index: 100,000 calls take seconds) run in the background in chunks, so
 * the process stays responsive. A search meanwhile finishes the rest first (see settle).
 */
const REPAIR_AT_OPEN = 2_000
const REPAIR_CHUNK = 500

/** One call's text as the index takes it: `[call_id, hash, …SEARCH_COLUMNS]`, or `[call_id, null]` to remove it. */
export type IndexRow = [number, number, string, string, string, string, string, string, string, string] | [number, null]

/** The index's columns, in order. `phones` holds digit tails (call-columns.ts phoneTails), searched by number only. */
export const SEARCH_COLUMNS = ['transcription', 'summary', 'comments', 'tags', 'caller_identity', 'campaign', 'names', 'phones'] as const

export function toIndexRow(row: SearchRow, hash: number): IndexRow {
  return [row.rowid, hash, row.transcription, row.summary, row.comments, row.tags, row.caller_identity, row.campaign, row.names, row.phones]
}

const SCHEMA = `
  -- Contentless: the text lives in the library's call_records; rowid = call_id.
  CREATE VIRTUAL TABLE search.calls_fts USING fts5(
    transcription, summary, comments, tags, caller_identity, campaign, names, phones,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
  );
  -- The search hash (call-columns.ts) of the text each call was indexed with.
  CREATE TABLE search.indexed_calls (
    call_id INTEGER PRIMARY KEY,
    hash INTEGER NOT NULL
  ) STRICT;
`

/** The thread's connection: like the library's (database.ts), with its own page cache for a batch of text. */
const WORKER_PRAGMAS = ['journal_mode = WAL', 'synchronous = NORMAL', 'busy_timeout = 5000', 'cache_size = -65536']

/** The statements that apply an IndexRow, for a connection where the index is `schema` ('' in the thread, 'search.' on the library's). */
function indexSql(schema: string) {
  return {
    hash: `SELECT hash FROM ${schema}indexed_calls WHERE call_id = ?`,
    insert: `INSERT INTO ${schema}calls_fts (rowid, ${SEARCH_COLUMNS.join(', ')}) VALUES (?${', ?'.repeat(SEARCH_COLUMNS.length)})`,
    remove: `DELETE FROM ${schema}calls_fts WHERE rowid = ?`,
    mark: `INSERT INTO ${schema}indexed_calls (call_id, hash) VALUES (?, ?) ON CONFLICT (call_id) DO UPDATE SET hash = excluded.hash`,
    unmark: `DELETE FROM ${schema}indexed_calls WHERE call_id = ?`
  }
}

type IndexStatements = { [K in keyof ReturnType<typeof indexSql>]: Database.Statement }

/** Apply one row on the library's connection; the thread's copy of this is in search-worker.ts. */
function applyRow(s: IndexStatements, row: IndexRow): void {
  const [id, hash] = row
  const had = s.hash.get(id) as number | undefined
  if (hash === null) {
    if (had !== undefined) {
      s.remove.run(id)
      s.unmark.run(id)
    }
    return
  }
  if (had === hash) return
  if (had !== undefined) s.remove.run(id)
  s.insert.run(id, ...row.slice(2))
  s.mark.run(id, hash)
}

export interface SearchIndexOptions {
  log?: Logger
  /** Write the index on its own thread (the default); false writes it inside the library's transactions. */
  thread?: boolean
}

export class SearchIndex {
  readonly path: string
  private readonly db: Database.Database
  private readonly log: Logger | undefined
  /** [0]: the last transaction end the thread has applied; [1]: 1 once the thread failed; [2]: 1 once it closed its connection. */
  private readonly flags = new Int32Array(new SharedArrayBuffer(12))
  private worker: Worker | null = null
  private inline: IndexStatements | null = null
  /** Rows staged but not yet sent to the thread. */
  private rows: IndexRow[] = []
  /** Whether rows of the current transaction were sent to the thread. */
  private sent = false
  /** The last transaction end sent to the thread. */
  private ended = 0
  private readonly waiters = new Set<{ end: number; resolve: () => void }>()
  /** Rows parked while indexing on this connection (after a fall back): the thread keeps its own. */
  private readonly parked = new Map<number, readonly IndexRow[]>()
  private parkedKeys = 0
  /** A repair running in the background: the calls still to index. */
  private repair: { ids: number[]; next: number; done: Promise<void>; finish: () => void } | null = null

  constructor(db: Database.Database, path: string, options: SearchIndexOptions = {}) {
    this.db = db
    this.path = path
    this.log = options.log
    this.attach()
    if (options.thread === false) this.inline = this.prepareInline()
    else this.startThread()
    try {
      this.reconcile()
    } catch (error) {
      // The library will not open: do not leave the thread holding the file.
      this.close()
      throw error
    }
  }

  /** The index's files, for the size shown in settings. */
  files(): string[] {
    return [this.path, `${this.path}-wal`]
  }

  /** Whether the index is written on its own thread (false after a fall back). */
  get threaded(): boolean {
    return this.worker !== null
  }

  /** Calls a background repair has still to index (0 when none runs). */
  get repairing(): number {
    return this.repair ? this.repair.ids.length - this.repair.next : 0
  }

  /** Stage one call's text (or its removal) in the library's current transaction. */
  stage(row: IndexRow): void {
    if (this.inline) {
      applyRow(this.inline, row)
      return
    }
    this.rows.push(row)
    if (this.rows.length >= CHUNK_ROWS) this.send()
  }

  /**
   * Send the index rows of a write another connection is about to commit (the library thread's,
   * library-thread.ts) ahead, kept aside until `applyParked` or `dropParked`: so that applying
   * them once that write committed costs the main thread one small message, not the text.
   */
  park(rows: readonly IndexRow[]): number {
    const key = ++this.parkedKeys
    if (this.inline) this.parked.set(key, rows)
    else this.worker?.postMessage({ park: key, rows })
    return key
  }

  /**
   * The write a park was for committed: index its rows, but those of the calls in `skip` (written
   * again since, on this connection, whose own rows are newer), as one transaction of the index's.
   */
  applyParked(key: number, skip: readonly number[]): void {
    const rows = this.parked.get(key)
    this.parked.delete(key)
    if (this.inline) {
      // Parked with the thread, which failed since: the rows went with it, so repair from the library.
      if (!rows) {
        this.reconcile()
        return
      }
      const skipped = new Set(skip)
      this.batch(() => rows.filter((row) => !skipped.has(row[0])).forEach((row) => this.stage(row)))
      return
    }
    if (this.rows.length) this.send()
    this.worker?.postMessage({ apply: key, skip })
    this.sent = true
    this.end(true)
  }

  /** The write a park was for did not commit. */
  dropParked(key: number): void {
    this.parked.delete(key)
    this.worker?.postMessage({ drop: key })
  }

  /** The library's outermost transaction ended: the thread commits (or rolls back) what it was sent. */
  end(committed: boolean): void {
    if (this.inline) return
    if (committed) {
      if (this.rows.length) this.send()
    } else this.rows = []
    if (!this.sent) return
    this.sent = false
    this.ended += 1
    this.worker?.postMessage({ seq: this.ended, commit: committed })
    // The thread failed since: what it dropped is repaired now, not at the next search or open.
    if (Atomics.load(this.flags, 1)) this.fallBack('the search index thread failed')
  }

  /**
   * Block until every stored call is indexed: a background repair is finished here, then the
   * thread is waited for, up to transaction end `upTo` (every end sent so far by default). A
   * search passes what `whenSettled` resolved with, so it never waits here for writes committed
   * after it began: on the main process, only close() and clear() wait (docs/decisions/main-process-never-stalls.md).
   */
  settle(upTo?: number): void {
    // A repair finished here sends its own transactions: those are waited for too.
    const repaired = this.repair !== null
    if (this.repair) this.repairStep(this.repair, Infinity)
    if (this.inline) return
    const target = upTo === undefined || repaired ? this.ended : Math.min(upTo, this.ended)
    const deadline = performance.now() + WAIT_LIMIT_MS
    let failure: string | null = null
    while (failure === null) {
      if (Atomics.load(this.flags, 1)) failure = 'the search index thread failed'
      else {
        const done = Atomics.load(this.flags, 0)
        if (done >= target) return
        const left = deadline - performance.now()
        if (left <= 0) failure = `the search index thread did not finish within ${WAIT_LIMIT_MS / 1000} s`
        else waitWhile(this.flags, 0, done, Math.min(left, 100))
      }
    }
    this.fallBack(failure)
    // Indexing is on this thread now: finish the repair the fall back started.
    this.settle()
  }

  /**
   * Resolves once the thread has written every change committed so far, without blocking the
   * process, with the transaction end it waited for (pass it to `settle`).
   */
  whenSettled(): Promise<number> {
    if (this.repair) return this.repair.done.then(() => this.whenSettled())
    const end = this.ended
    if (this.inline || Atomics.load(this.flags, 0) >= end || Atomics.load(this.flags, 1)) return Promise.resolve(end)
    return new Promise((resolve) => this.waiters.add({ end, resolve: () => resolve(end) }))
  }

  /**
   * Make the index match the library: index every call whose text changed since it was indexed
   * (or never was), remove entries of calls the library no longer has. Returns how many calls
   * it found out of step. Runs at open and after a fall back; normally finds nothing (two joins
   * over the ids: about 20 ms for 100,000 calls). A large repair continues in the background.
   */
  reconcile(): number {
    this.stopRepair()
    const stale = this.db
      .prepare('SELECT c.call_id FROM calls c LEFT JOIN search.indexed_calls i ON i.call_id = c.call_id WHERE i.hash IS NOT c.search_hash')
      .pluck()
      .all() as number[]
    const gone = this.db
      .prepare('SELECT call_id FROM search.indexed_calls WHERE call_id NOT IN (SELECT call_id FROM calls)')
      .pluck()
      .all() as number[]
    if (!stale.length && !gone.length) return 0
    this.log?.info('library: bringing the search index up to date', {
      calls: stale.length,
      removed: gone.length,
      background: stale.length > REPAIR_AT_OPEN
    })
    if (gone.length) this.batch(() => gone.forEach((id) => this.stage([id, null])))
    let finish = (): void => {}
    const done = new Promise<void>((resolve) => (finish = resolve))
    const repair = { ids: stale, next: 0, done, finish }
    if (stale.length <= REPAIR_AT_OPEN) this.repairStep(repair, Infinity)
    else {
      this.repair = repair
      const step = (): void => {
        if (this.repair !== repair) return
        this.repairStep(repair, REPAIR_CHUNK)
        if (this.repair === repair) setImmediate(step)
      }
      setImmediate(step)
    }
    return stale.length + gone.length
  }

  /** Empty the index (the library is being cleared, in the same transaction on the library's connection). */
  clearRows(): void {
    this.db.exec(`DELETE FROM search.indexed_calls; INSERT INTO search.calls_fts (calls_fts) VALUES ('delete-all');`)
  }

  /** Give the emptied index's space back (after `clearRows` committed). */
  compact(): void {
    this.db.exec('VACUUM search')
    this.db.pragma('search.wal_checkpoint(TRUNCATE)')
  }

  /**
   * Wait for what was sent to the thread (bounded), then close its connection and wait for that,
   * so the files are left alone once this returns. A background repair is dropped: the next
   * open finds the calls it had not reached. The library closes its own connection.
   */
  close(): void {
    this.stopRepair()
    this.settle()
    const worker = this.worker
    this.worker = null
    if (!worker) return
    worker.removeAllListeners()
    worker.on('error', () => {})
    worker.postMessage({ close: true })
    const deadline = performance.now() + CLOSE_LIMIT_MS
    while (!Atomics.load(this.flags, 2) && performance.now() < deadline) waitWhile(this.flags, 2, 0, 100)
    this.releaseWaiters()
  }

  private attach(): void {
    try {
      this.db.prepare('ATTACH DATABASE ? AS search').run(this.path)
      const version = this.db.pragma('search.user_version', { simple: true }) as number
      if (version === SEARCH_SCHEMA_VERSION) return this.tune()
      const tables = this.db.prepare('SELECT count(*) FROM search.sqlite_schema').pluck().get() as number
      if (version !== 0 || tables !== 0) throw new Error(`the index has schema ${version}; this version builds ${SEARCH_SCHEMA_VERSION}`)
    } catch (error) {
      // Only derived data lives here: start it again, and reconcile fills it from the library.
      this.log?.warn('library: the search index is damaged or from another version; rebuilding it', { error })
      if ((this.db.pragma('database_list') as { name: string }[]).some((d) => d.name === 'search')) this.db.exec('DETACH DATABASE search')
      for (const file of databaseFiles(this.path)) rmSync(file, { force: true })
      this.db.prepare('ATTACH DATABASE ? AS search').run(this.path)
    }
    // As the library's own file (database.ts): 16 KB pages, WAL so the thread writes while the library reads.
    this.db.pragma('search.page_size = 16384')
    this.db.pragma('search.journal_mode = WAL')
    this.db.transaction(() => {
      this.db.exec(SCHEMA)
      this.db.pragma(`search.user_version = ${SEARCH_SCHEMA_VERSION}`)
    })()
    this.tune()
  }

  private tune(): void {
    // The library's connection only reads the index (searches); 32 MB of its pages can stay cached.
    this.db.pragma('search.cache_size = -32768')
  }

  private prepareInline(): IndexStatements {
    const sql = indexSql('search.')
    return {
      hash: this.db.prepare(sql.hash).pluck(),
      insert: this.db.prepare(sql.insert),
      remove: this.db.prepare(sql.remove),
      mark: this.db.prepare(sql.mark),
      unmark: this.db.prepare(sql.unmark)
    }
  }

  private startThread(): void {
    let worker: Worker
    try {
      worker = new Worker(SEARCH_WORKER_SOURCE, {
        eval: true,
        workerData: {
          // The same package the library loaded (its native build for this runtime), wherever it is installed.
          // In a package the module is unpacked from app.asar (electron-builder.config.ts asarUnpack),
          // and a worker thread loads it from there without relying on asar support.
          sqliteModule: createRequire(__filename)
            .resolve('better-sqlite3')
            .replace(/app\.asar([\\/])/, 'app.asar.unpacked$1'),
          path: this.path,
          sql: indexSql(''),
          pragmas: WORKER_PRAGMAS,
          state: this.flags.buffer
        }
      })
    } catch (error) {
      this.log?.warn('library: the search index thread could not start; indexing on the main thread', { error })
      this.inline = this.prepareInline()
      return
    }
    // The thread never keeps the app (or a test run) alive on its own.
    worker.unref()
    worker.on('message', (message: { seq?: number; failed?: string }) => {
      if (message.failed !== undefined) {
        this.log?.warn('library: the search index thread failed', { error: message.failed })
        this.releaseWaiters()
        return
      }
      for (const waiter of this.waiters)
        if (message.seq !== undefined && waiter.end <= message.seq) {
          this.waiters.delete(waiter)
          waiter.resolve()
        }
    })
    const lost = (reason: string) => (detail: unknown) => {
      this.log?.warn(`library: the search index thread ${reason}`, { detail })
      Atomics.store(this.flags, 1, 1)
      this.releaseWaiters()
    }
    worker.on('error', lost('stopped with an error'))
    worker.on('exit', lost('exited'))
    this.worker = worker
  }

  /** Index these calls from their stored records, in one batch. */
  private repairStep(repair: NonNullable<SearchIndex['repair']>, count: number): void {
    const ids = repair.ids.slice(repair.next, repair.next + count)
    repair.next += ids.length
    const read = this.db.prepare('SELECT c.search_hash, r.record_json FROM calls c JOIN call_records r ON r.call_id = c.call_id WHERE c.call_id = ?')
    this.batch(() => {
      for (const id of ids) {
        const row = read.get(id) as { search_hash: number; record_json: string } | undefined
        if (!row) continue // Gone since: nothing to index.
        let record: CallRecord
        try {
          record = JSON.parse(row.record_json) as CallRecord
        } catch {
          continue // Unreadable: `get` treats it as not cached, and the next fetch replaces it.
        }
        this.stage(toIndexRow(toSearchRow(record, tagNamesOf(record)), row.search_hash))
      }
    })
    if (repair.next < repair.ids.length) return
    if (this.repair === repair) this.repair = null
    repair.finish()
  }

  private stopRepair(): void {
    this.repair?.finish()
    this.repair = null
  }

  /** Stage rows outside any library transaction, as one batch of their own. */
  private batch(run: () => void): void {
    // Immediate, as CallLibrary#transaction is when it indexes on its own connection.
    if (this.inline) this.db.transaction(run).immediate()
    else {
      run()
      this.end(true)
    }
  }

  /** Index on the library's connection from now on, after repairing whatever the thread left undone. */
  private fallBack(reason: string): void {
    this.log?.warn(`library: ${reason}; the search index is written on the main thread from now on`)
    const worker = this.worker
    this.worker = null
    if (worker) {
      worker.removeAllListeners()
      worker.on('error', () => {})
      void worker.terminate()
    }
    this.rows = []
    this.sent = false
    this.inline = this.prepareInline()
    this.releaseWaiters()
    this.reconcile()
  }

  private releaseWaiters(): void {
    for (const waiter of this.waiters) waiter.resolve()
    this.waiters.clear()
  }

  private send(): void {
    this.worker?.postMessage({ rows: this.rows })
    this.rows = []
    this.sent = true
  }
}

/**
 * Sleep while `flags[index]` still holds `value`, up to `ms`. Node lets its main thread block on
 * Atomics.wait; where a runtime forbids it (it throws), poll for a few milliseconds instead.
 */
function waitWhile(flags: Int32Array, index: number, value: number, ms: number): void {
  try {
    Atomics.wait(flags, index, value, ms)
  } catch {
    const until = performance.now() + Math.min(ms, 5)
    while (performance.now() < until && Atomics.load(flags, index) === value);
  }
}
