/**
 * A profile's offline library of calls, in `<profileDir>/library.sqlite`: every call
 * the app fetched, as the API sent it, with when it was fetched; indexed for every API filter;
 * full-text searchable (the index is `library-search.sqlite`, written on its own thread: see
 * search-index.ts); plus the local `reviewed` mark. One folder per profile, so profiles never
 * see each other's calls. Synchronous (better-sqlite3): each method is one short transaction.
 */
import { rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { CallRecordSchema, type CallRecord } from '@shared/convirza/schemas'
import type { CallQuery } from '@shared/convirza/query'
import type { CallChoices } from '@shared/ipc/contract/calls'
import type { Logger } from '../log'
import { CallListQueries, type CallListResult, type ListOptions } from './call-list-query'
import { LIBRARY_DATABASE_FILE, libraryBackups, openLibraryDatabase, searchPathFor } from './database'
import type { LibraryMigration } from './migrations'
import { LibraryThread, ThreadUnavailable, WriteConflict, type WriteRequest, type WriteStep } from './library-thread'
import { SearchIndex } from './search-index'
import { SEARCH_HIT_KEYS } from './search-snippet'
import type { StoredVersion } from './call-columns'
import { addToPlan, emptyPlan, prepareUpsertReads, runSteps, UPSERT_SQL, type UpsertReads } from './upsert-plan'

export interface CallLibraryOptions {
  log?: Logger
  /** Schema steps; the shipped ones by default (tests pass their own to exercise upgrades). */
  migrations?: readonly LibraryMigration[]
  /** Write the search index on its own thread (default true); false writes it in each transaction. */
  searchThread?: boolean
  /** Open the library thread for a sync's writes and large reads (default true); false does them on this connection. */
  libraryThread?: boolean
}

/** Records planned between two yields to the event loop (about 10 ms on a slow machine). */
const PLAN_SLICE = 50
/** Times a thread write is planned again after a call changed under it, before it is written here instead. */
const MAX_CONFLICTS = 3

/** One stored call, as `get` returns it. */
export interface StoredCall {
  record: CallRecord
  /** When the newest fetch that contributed to it arrived (ISO). */
  fetchedAt: string
  reviewed: boolean
  /**
   * When a complete sync found the server no longer lists this call (deleted or merged there);
   * null while it is listed. The library keeps the call either way.
   */
  unlistedAt: string | null
}

/** How long after a write the WAL is folded into the database file (see database.ts). */
const CHECKPOINT_DELAY_MS = 200

export interface UpsertResult {
  inserted: number
  updated: number
}

export class CallLibrary {
  readonly path: string
  /**
   * The open database. Shared with the library's own modules (recording index, sync state),
   * which live in the same file so one transaction can cover a page of calls and its progress.
   */
  readonly db: Database.Database
  private readonly log: Logger | undefined
  /** The full-text index; every change to it is staged inside `transaction`. */
  readonly search: SearchIndex
  private readonly queries: CallListQueries
  private readonly statements: ReturnType<typeof prepare>
  private readonly reads: UpsertReads
  /** The write statements of upserts, prepared on first use. */
  private readonly writes = new Map<string, Database.Statement>()
  private checkpointTimer: ReturnType<typeof setTimeout> | null = null
  private depth = 0
  /** The library thread (library-thread.ts); null when not opened. */
  readonly thread: LibraryThread | null
  /** Per thread write in flight: the calls stored on this connection since it was planned. */
  private readonly storedHere = new Set<Set<number>>()
  /** Thread writes in flight, and how many committed ones had their text handed to the index. */
  private readonly threadWrites = new Set<Promise<unknown>>()
  private handedOver = 0
  /** Pages shown before they were stored (storeShown), until each is committed or has failed. */
  private readonly shownWrites = new Set<Promise<void>>()

  constructor(profileDir: string, options: CallLibraryOptions = {}) {
    this.path = join(profileDir, LIBRARY_DATABASE_FILE)
    this.log = options.log
    this.db = openLibraryDatabase(this.path, options.migrations)
    try {
      this.search = new SearchIndex(this.db, searchPathFor(this.path), { log: options.log, thread: options.searchThread })
    } catch (error) {
      this.db.close()
      throw error
    }
    this.queries = new CallListQueries(this.db)
    this.statements = prepare(this.db)
    this.reads = prepareUpsertReads(this.db)
    this.thread = options.libraryThread === false ? null : new LibraryThread(this.path, UPSERT_SQL.selectVersion, options.log)
  }

  /**
   * Run `fn` in one transaction of the library's, nested ones included (SyncState stores a batch
   * of pages and their progress in one). When the outermost one ends, the search index is told
   * whether to commit what was staged in it, so search never shows text that was rolled back.
   */
  transaction<T>(fn: () => T): T {
    if (this.depth > 0) return this.db.transaction(fn)()
    // A transaction begun on the connection directly would leave staged search rows without an end.
    if (this.db.inTransaction)
      throw new Error('CallLibrary#transaction: a transaction is already open on the library connection; open it with CallLibrary#transaction.')
    this.depth += 1
    let committed = false
    try {
      // When this connection writes the index too (the thread's fall back), IMMEDIATE takes the
      // write locks of both files at the start, waiting for another writer of the index (busy_timeout):
      // a deferred transaction reads the index first, and if another connection commits to it
      // before this one writes, SQLite refuses the write at once (the snapshot went stale).
      // Not with the thread: IMMEDIATE locks every attached file, so it would wait for the thread.
      const transaction = this.db.transaction(fn)
      const result = this.search.threaded ? transaction() : transaction.immediate()
      committed = true
      return result
    } finally {
      this.depth -= 1
      this.search.end(committed)
    }
  }

  /**
   * Store fetched records in one transaction. An existing call is merged (see mergeVersions):
   * newest fetch wins per module, and the local `reviewed` mark is kept. Records are the
   * client's, already validated by CallRecordSchema; they are not parsed again here.
   */
  upsertCalls(records: readonly CallRecord[], fetchedAt: string): UpsertResult {
    const at = new Date(fetchedAt).toISOString()
    const plan = emptyPlan()
    const planned = new Map<number, StoredVersion & { hash: number }>()
    this.transaction(() => {
      addToPlan(plan, planned, this.reads, records, at)
      runSteps(this.db, plan.steps, this.writes)
      for (const row of plan.index) this.search.stage(row)
    })
    for (const ids of this.storedHere) for (const id of planned.keys()) ids.add(id)
    this.checkpointSoon()
    return { inserted: plan.inserted, updated: plan.updated }
  }

  /**
   * Store records as upsertCalls does, with `extra` steps (a sync's progress) in the same
   * transaction, on the library thread: planned here a slice at a time, yielding between slices,
   * so the main process is never held for long (docs/decisions/main-process-never-stalls.md).
   * Resolves with the `after` rows once committed, the text handed to the search index. If a
   * call changed here meanwhile, it is planned again; without the thread (not opened, failed,
   * closing) it is all done in one transaction on this connection, as before.
   */
  async upsertCallsOffThread(
    records: readonly CallRecord[],
    fetchedAt: string,
    extra: readonly WriteStep[],
    after?: WriteRequest['after']
  ): Promise<unknown[]> {
    const at = new Date(fetchedAt).toISOString()
    for (let attempt = 0; this.thread?.available && attempt < MAX_CONFLICTS; attempt += 1) {
      const storedHere = new Set<number>()
      this.storedHere.add(storedHere)
      const parked: number[] = []
      let settle = (): void => {}
      const settled = new Promise<void>((resolve) => (settle = resolve))
      this.threadWrites.add(settled)
      try {
        const plan = emptyPlan()
        const planned = new Map<number, StoredVersion & { hash: number }>()
        for (let i = 0; i < records.length; i += PLAN_SLICE) {
          if (i > 0) await new Promise((resolve) => setImmediate(resolve))
          const indexed = plan.index.length
          addToPlan(plan, planned, this.reads, records.slice(i, i + PLAN_SLICE), at)
          // The text goes to the index's thread now, a slice at a time, applied once committed.
          parked.push(this.search.park(plan.index.slice(indexed)))
        }
        const rows = await this.thread.write({ expect: plan.expect, steps: [...plan.steps, ...extra], ...(after ? { after } : {}) })
        const skip = [...storedHere].filter((id) => planned.has(id))
        for (const key of parked.splice(0)) this.search.applyParked(key, skip)
        this.handedOver += 1
        return rows
      } catch (error) {
        if (!(error instanceof WriteConflict || error instanceof ThreadUnavailable)) throw error
      } finally {
        for (const key of parked) this.search.dropParked(key)
        this.storedHere.delete(storedHere)
        this.threadWrites.delete(settled)
        settle()
      }
    }
    this.transaction(() => {
      this.upsertCalls(records, at)
      runSteps(this.db, extra, this.writes)
    })
    return after ? this.db.prepare(after.sql).all(...after.params) : []
  }

  /**
   * The calls a query matches, newest first (ties by call_id, so paging is stable), with the
   * total. With text, first waits (blocking) until every stored call is in the search index;
   * callers that can, await `whenSearchable()` first and pass what it resolved with as
   * `indexedUpTo`: then nothing blocks, even while a sync keeps committing (those later calls
   * are not waited for; they were not stored when the search began).
   */
  list(query: CallQuery, opts: ListOptions = {}): CallListResult {
    if (opts.text !== undefined) this.search.settle(opts.indexedUpTo)
    return this.queries.list(query, opts)
  }

  /** The campaigns, routes, agents and tags of the stored calls, for the pickers. */
  choices(): CallChoices {
    return this.queries.choices()
  }

  /** The stored records of these calls, parsed but not validated again (for search snippets); unreadable ones are left out. */
  rawRecords(callIds: readonly number[]): Map<number, CallRecord> {
    const records = new Map<number, CallRecord>()
    for (const id of callIds) {
      const json = this.statements.selectRecord.get(id) as string | undefined
      if (json === undefined) continue
      try {
        records.set(id, JSON.parse(json) as CallRecord)
      } catch {
        // Unreadable: `get` reports it when the call is opened; a snippet is only a courtesy.
      }
    }
    return records
  }

  /**
   * The fields of stored records a search's snippets read (search-snippet.ts SEARCH_HIT_KEYS),
   * read and parsed on the library thread; on this connection when it does not run.
   */
  async searchRecords(callIds: readonly number[]): Promise<Map<number, CallRecord>> {
    if (this.thread?.available) {
      try {
        const rows = await this.thread.records(UPSERT_SQL.selectRecord, callIds, SEARCH_HIT_KEYS)
        return new Map(rows as [number, CallRecord][])
      } catch (error) {
        if (!(error instanceof ThreadUnavailable)) this.log?.warn('library: the library thread could not read records; reading them here', { error })
      }
    }
    return this.rawRecords(callIds)
  }

  /**
   * Store a page that is being shown now, without making its answer wait: written as
   * upsertCallsOffThread writes (on the library thread), while the page's answer goes out. Until
   * it is committed, whenShownStored() waits for it, so what reads the library for what the
   * person sees (the list's next cached answer, a call opened, an export) finds it. Rejects when
   * the page could not be stored; reporting that is the caller's.
   */
  storeShown(records: readonly CallRecord[], fetchedAt: string): Promise<void> {
    const write = this.upsertCallsOffThread(records, fetchedAt, []).then(() => undefined)
    const settled = write.then(
      () => undefined,
      () => undefined
    )
    this.shownWrites.add(settled)
    void settled.then(() => this.shownWrites.delete(settled))
    return write
  }

  /** Resolves once every page stored with storeShown so far is committed (or has failed). */
  async whenShownStored(): Promise<void> {
    if (this.shownWrites.size > 0) await Promise.all(this.shownWrites)
  }

  /** Resolves once every call stored so far is in the search index (see SearchIndex), with the point reached (list's `indexedUpTo`). */
  async whenSearchable(): Promise<number> {
    // The thread committed a write whose answer (and so its text) has not arrived yet: wait for it.
    if (this.thread?.available && this.thread.committed > this.handedOver) await Promise.all(this.threadWrites)
    return this.search.whenSettled()
  }

  /** One call as stored, or null when it is not in the library (or its stored copy is unreadable: fetch it again). */
  get(callId: number): StoredCall | null {
    const row = this.statements.selectCall.get(callId) as
      { record_json: string; fetched_at: string; reviewed: number; unlisted_at: string | null } | undefined
    if (!row) return null
    const parsed = CallRecordSchema.safeParse(JSON.parse(row.record_json))
    if (!parsed.success) {
      this.log?.warn('library: a stored call no longer validates; treating it as not cached', { callId, issue: parsed.error.issues[0]?.message })
      return null
    }
    return { record: parsed.data, fetchedAt: row.fetched_at, reviewed: row.reviewed === 1, unlistedAt: row.unlisted_at }
  }

  /**
   * Mark calls the server was proven to no longer list (a sync read their range whole and they
   * were not in it). They stay in the library, with their reviews; the first time noticed is kept.
   * Returns how many calls were newly marked.
   */
  markUnlisted(callIds: readonly number[], at: string): number {
    let marked = 0
    this.transaction(() => {
      for (const id of callIds) marked += this.statements.markUnlisted.run(at, id).changes
    })
    return marked
  }

  /** The local "reviewed" mark (set by QA). False when the call is not in the library. */
  setReviewed(callId: number, reviewed: boolean): boolean {
    return this.statements.setReviewed.run(reviewed ? 1 : 0, callId).changes > 0
  }

  /**
   * The library's own size for the settings sheet: calls, and the bytes of the database with its
   * WAL, the copy kept from before the last migration, and the search index. Recordings are the RecordingCache's.
   */
  stats(): { calls: number; databaseBytes: number } {
    const files = [this.path, `${this.path}-wal`, ...libraryBackups(this.path), ...this.search.files()]
    return {
      calls: this.statements.countCalls.get() as number,
      databaseBytes: files.reduce((sum, file) => sum + fileBytes(file), 0)
    }
  }

  /**
   * Forget every cached call, recording entry and sync job (the cache-size setting and the
   * files on disk are the RecordingCache's to clear), and delete the copies taken before
   * migrations. The file is compacted so the size shown in settings drops at once.
   */
  clear(): void {
    // The thread is idle after this, so the index can be emptied on this connection.
    this.search.settle()
    this.transaction(() => {
      this.db.exec(`
        DELETE FROM sync_jobs;
        DELETE FROM recordings;
        DELETE FROM calls;
        DELETE FROM phone_tails;
        DELETE FROM phone_numbers;
      `)
      this.search.clearRows()
    })
    this.db.exec('VACUUM main')
    this.db.pragma('main.wal_checkpoint(TRUNCATE)')
    this.search.compact()
    for (const backup of libraryBackups(this.path)) rmSync(backup, { force: true })
  }

  /**
   * Fold the WAL into the database file shortly after writes, on an idle tick rather than inside
   * the write that crossed the threshold: the write returns sooner, and a burst of writes (a
   * sync's pages) shares one checkpoint. PASSIVE never waits for readers.
   */
  checkpointSoon(): void {
    if (this.checkpointTimer) return
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = null
      // main only: the search index's file is checkpointed by its own thread.
      if (!this.db.open) return
      this.db.pragma('main.wal_checkpoint(PASSIVE)')
      // The planner's statistics, taken again only when a table has grown or shrunk a lot (else
      // about 0.1 ms); see docs/decisions/planner-statistics.md. Never waited for: if the library
      // thread holds the write lock, ANALYZE would wait up to the busy timeout on this thread, so
      // it gives up at once and the next idle tick tries again.
      const busyTimeout = Number(this.db.pragma('busy_timeout', { simple: true }))
      try {
        this.db.pragma('busy_timeout = 0')
        this.db.pragma('main.optimize')
      } catch {
        // Busy (or a damaged file, which the next query reports): the statistics can wait.
      } finally {
        this.db.pragma(`busy_timeout = ${busyTimeout}`)
      }
    }, CHECKPOINT_DELAY_MS)
    this.checkpointTimer.unref()
  }

  close(): void {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer)
    this.checkpointTimer = null
    if (!this.db.open) return
    this.thread?.close()
    this.search.close()
    this.db.pragma('main.optimize')
    this.db.close()
  }
}

function prepare(db: Database.Database) {
  return {
    selectRecord: db.prepare(UPSERT_SQL.selectRecord).pluck(),
    selectCall: db.prepare(
      'SELECT r.record_json, c.fetched_at, c.reviewed, c.unlisted_at FROM calls c JOIN call_records r ON r.call_id = c.call_id WHERE c.call_id = ?'
    ),
    markUnlisted: db.prepare('UPDATE calls SET unlisted_at = ? WHERE call_id = ? AND unlisted_at IS NULL'),
    setReviewed: db.prepare('UPDATE calls SET reviewed = ? WHERE call_id = ?'),
    countCalls: db.prepare('SELECT count(*) FROM calls').pluck()
  }
}

function fileBytes(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}
