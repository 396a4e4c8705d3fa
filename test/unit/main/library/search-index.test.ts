/**
 * The search index in its own file, written by its own thread (search-index.ts): what a search
 * sees around transactions that commit or roll back, how the index is repaired from the library
 * at open, and what happens when the thread fails. Real SQLite files and a real worker thread.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { CallRecordSchema, type CallRecord } from '@shared/convirza/schemas'
import { SEARCH_DATABASE_FILE } from '@main/services/library/database'
import { SyncState } from '@main/services/library/sync-state'
import type { Logger } from '@main/services/log'
import { OpenLibraries, query, tempProfileDir } from '@test/fixtures/library/library-setup'
import { syntheticCalls } from '@test/fixtures/library/synthetic-calls'

const libraries = new OpenLibraries()
afterEach(() => libraries.closeAll())

const FETCHED = '2026-04-01T10:00:00.000Z'
const APRIL = query({ start: '2026-04-01T00:00:00Z', end: '2026-04-30T00:00:00Z' })

function call(id: number, transcription: string): CallRecord {
  return CallRecordSchema.parse({ call_id: id, call_started: `2026-04-${String(id).padStart(2, '0')}T12:00:00.000Z`, transcription })
}

function warnings(): { log: Logger; seen: string[] } {
  const seen: string[] = []
  const ignore = (): void => {}
  return { seen, log: { debug: ignore, info: ignore, error: ignore, addSecret: ignore, warn: (message) => void seen.push(message) } }
}

/** The index file as another program sees it (the library closed). */
function withIndexFile<T>(profileDir: string, fn: (db: Database.Database) => T): T {
  const db = new Database(join(profileDir, SEARCH_DATABASE_FILE))
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

const found = (library: ReturnType<OpenLibraries['make']>, text: string) => library.list(APRIL, { text }).items.map((i) => i.callId)

describe('the search index on its own thread', () => {
  it('finds calls the moment upsertCalls returns, and whenSearchable says when the thread has written them', async () => {
    const library = libraries.make()
    expect(library.search.threaded).toBe(true)
    const calls = syntheticCalls(2000, { seed: 3 })
    library.upsertCalls(calls, FETCHED)
    await library.whenSearchable()
    // Read without list(), which would wait itself: the thread has already written every row.
    expect(library.db.prepare('SELECT count(*) FROM search.indexed_calls').pluck().get()).toBe(2000)
    library.upsertCalls([call(1, 'Caller: the zeppelin needs a new roof')], FETCHED)
    expect(found(library, 'zeppelin')).toEqual([1])
  })

  it('never shows text from a transaction that rolled back, nested ones included', () => {
    const library = libraries.make()
    library.upsertCalls([call(1, 'Caller: an ordinary roof')], FETCHED)
    expect(() =>
      library.transaction(() => {
        // Enough calls that chunks of them reach the thread before the transaction fails.
        library.upsertCalls(
          [...syntheticCalls(600, { seed: 5 }), call(1, 'Caller: a walrus on the roof'), call(2, 'Caller: another walrus')],
          FETCHED
        )
        throw new Error('disk full')
      })
    ).toThrow('disk full')
    // A sync's batch fails after its calls were staged (SyncState#storePages: one transaction):
    // its progress rows name a job that does not exist (a foreign key).
    const page = { total: 601, calls: [...syntheticCalls(600, { seed: 6 }), call(3, 'Caller: a narwhal')] }
    expect(() => new SyncState(library).storePages('no-such-job', [{ index: 0, page }], FETCHED)).toThrow(/FOREIGN KEY/)
    expect(found(library, 'walrus')).toEqual([])
    expect(found(library, 'narwhal')).toEqual([])
    expect(found(library, 'ordinary')).toEqual([1])
    expect(library.db.prepare('SELECT count(*) FROM search.indexed_calls').pluck().get()).toBe(1)
  })

  it('refuses a transaction begun on the connection behind its back, which would leave staged text without an end', () => {
    const library = libraries.make()
    expect(() => library.db.transaction(() => library.upsertCalls([call(1, 'Caller: hello')], FETCHED))()).toThrow(/CallLibrary#transaction/)
    expect(library.stats().calls).toBe(0)
  })

  it('writes everything pending before close, so the next open has nothing to repair', () => {
    const dir = tempProfileDir()
    const library = libraries.make(dir)
    library.upsertCalls(syntheticCalls(1500, { seed: 4 }), FETCHED)
    library.close()
    expect(withIndexFile(dir, (db) => db.prepare('SELECT count(*) FROM indexed_calls').pluck().get())).toBe(1500)
    expect(libraries.make(dir).search.reconcile()).toBe(0)
  })

  it('shares the index file with a second library open on the same folder, both threads writing at once', async () => {
    // The app opens one library per profile, but a second process (or an upgrade test) may open another.
    const dir = tempProfileDir()
    const { log, seen } = warnings()
    const first = libraries.make(dir, { log })
    const second = libraries.make(dir, { log })
    for (let round = 0; round < 3; round += 1) {
      first.upsertCalls(syntheticCalls(1500, { seed: 20 + round }, round * 3000), FETCHED)
      second.upsertCalls(syntheticCalls(1500, { seed: 30 + round }, round * 3000 + 1500), FETCHED)
    }
    await Promise.all([first.whenSearchable(), second.whenSearchable()])
    expect(seen).toEqual([])
    expect([first.search.threaded, second.search.threaded]).toEqual([true, true])
    expect(first.db.prepare('SELECT count(*) FROM search.indexed_calls').pluck().get()).toBe(9000)
  })

  it('closes the thread’s connection with the library, so its files are left alone', () => {
    const dir = tempProfileDir()
    const library = libraries.make(dir)
    // Enough text that the thread's connection takes a while to fold its WAL into the file on close.
    library.upsertCalls(syntheticCalls(3000, { seed: 9 }), FETCHED)
    library.close()
    // SQLite deletes a WAL when the last connection closes: the library's, if the thread's closed first.
    expect(existsSync(join(dir, `${SEARCH_DATABASE_FILE}-wal`))).toBe(false)
    rmSync(dir, { recursive: true })
    expect(existsSync(dir)).toBe(false)
  })

  it('empties with "clear cached data", and indexes what is stored after', () => {
    const library = libraries.make()
    library.upsertCalls([call(1, 'Caller: zeppelin')], FETCHED)
    library.clear()
    expect(library.db.prepare('SELECT count(*) FROM search.indexed_calls').pluck().get()).toBe(0)
    expect(found(library, 'zeppelin')).toEqual([])
    library.upsertCalls([call(2, 'Caller: zeppelin again')], FETCHED)
    expect(found(library, 'zeppelin')).toEqual([2])
  })
})

describe('the search index is repaired from the library at open', () => {
  it('indexes calls committed to the library but not to the index (a kill between the two commits), and drops entries of calls it no longer has', () => {
    const dir = tempProfileDir()
    const first = libraries.make(dir)
    first.upsertCalls([call(1, 'Caller: a zeppelin'), call(2, 'Caller: a walrus'), call(3, 'Caller: a narwhal')], FETCHED)
    first.close()
    withIndexFile(dir, (db) => {
      // As if the thread's last transaction never committed: call 2 is missing, call 3 has old text.
      db.exec('DELETE FROM calls_fts WHERE rowid = 2; DELETE FROM indexed_calls WHERE call_id = 2')
      db.exec(
        "DELETE FROM calls_fts WHERE rowid = 3; INSERT INTO calls_fts (rowid, transcription) VALUES (3, 'an old walrus'); UPDATE indexed_calls SET hash = 7 WHERE call_id = 3"
      )
      // And an entry for a call the library does not hold.
      db.exec("INSERT INTO calls_fts (rowid, transcription) VALUES (9, 'a zeppelin ghost'); INSERT INTO indexed_calls (call_id, hash) VALUES (9, 1)")
    })
    const reopened = libraries.make(dir)
    expect(found(reopened, 'walrus')).toEqual([2])
    expect(found(reopened, 'narwhal')).toEqual([3])
    expect(reopened.db.prepare('SELECT call_id FROM search.indexed_calls ORDER BY call_id').pluck().all()).toEqual([1, 2, 3])
    expect(reopened.db.prepare("SELECT rowid FROM search.calls_fts WHERE calls_fts MATCH 'zeppelin'").pluck().all()).toEqual([1])
  })

  it('repairs a large index in the background after open, letting the process run between chunks', async () => {
    const dir = tempProfileDir()
    libraries.make(dir).upsertCalls(syntheticCalls(2600, { seed: 8 }), FETCHED)
    libraries.closeAll()
    rmSync(join(dir, SEARCH_DATABASE_FILE))
    const reopened = libraries.make(dir)
    // Open returned before indexing any of it; each turn of the event loop indexes one chunk of 500.
    expect(reopened.search.repairing).toBe(2600)
    await new Promise((resolve) => setImmediate(resolve))
    expect(reopened.search.repairing).toBe(2100)
    await reopened.whenSearchable()
    expect(reopened.search.repairing).toBe(0)
    expect(reopened.db.prepare('SELECT count(*) FROM search.indexed_calls').pluck().get()).toBe(2600)
  })

  it('finishes a background repair before a search, so the search misses nothing', () => {
    const dir = tempProfileDir()
    const calls = syntheticCalls(2600, { seed: 8 })
    libraries.make(dir).upsertCalls(calls, FETCHED)
    libraries.closeAll()
    rmSync(join(dir, SEARCH_DATABASE_FILE))
    const reopened = libraries.make(dir)
    const last = calls.filter((c) => c.call_started >= APRIL.start && c.call_started <= APRIL.end).at(-1)!
    expect(found(reopened, last.ai_caller_identity!)).toContain(last.call_id)
    expect(reopened.db.prepare('SELECT count(*) FROM search.indexed_calls').pluck().get()).toBe(2600)
  })

  it('drops a background repair when closed, and the next open carries it out', async () => {
    const dir = tempProfileDir()
    libraries.make(dir).upsertCalls(syntheticCalls(2600, { seed: 8 }), FETCHED)
    libraries.closeAll()
    rmSync(join(dir, SEARCH_DATABASE_FILE))
    libraries.make(dir).close()
    const again = libraries.make(dir)
    await again.whenSearchable()
    expect(again.db.prepare('SELECT count(*) FROM search.indexed_calls').pluck().get()).toBe(2600)
  })

  it.each([
    ['is damaged', (path: string) => writeFileSync(path, 'not a database at all, just some bytes'.repeat(200))],
    ['is from another version of the index', (path: string) => withIndexFile(join(path, '..'), (db) => db.pragma('user_version = 99'))]
  ])('rebuilds an index file that %s from the stored calls, and says so', (_what, spoil) => {
    const dir = tempProfileDir()
    libraries.make(dir).upsertCalls([call(1, 'Caller: a zeppelin'), call(2, 'Caller: a walrus')], FETCHED)
    libraries.closeAll()
    spoil(join(dir, SEARCH_DATABASE_FILE))
    const { log, seen } = warnings()
    const reopened = libraries.make(dir, { log })
    expect(seen.some((m) => /search index is damaged or from another version; rebuilding it/.test(m))).toBe(true)
    expect(found(reopened, 'zeppelin')).toEqual([1])
    expect(found(reopened, 'walrus')).toEqual([2])
  })
})

describe('when another connection writes the index file', () => {
  it('waits for its write lock and carries on, rather than failing on a snapshot that went stale', async () => {
    const dir = tempProfileDir()
    const { log, seen } = warnings()
    const library = libraries.make(dir, { log })
    library.upsertCalls([call(1, 'Caller: a zeppelin')], FETCHED)
    await library.whenSearchable()
    const other = new Database(join(dir, SEARCH_DATABASE_FILE))
    try {
      other.exec('BEGIN IMMEDIATE')
      library.upsertCalls([call(2, 'Caller: a walrus')], FETCHED)
      // The thread is now waiting for the lock; the other connection writes and commits meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 300))
      other.exec('INSERT INTO indexed_calls (call_id, hash) VALUES (999, 1)')
      other.exec('COMMIT')
    } finally {
      other.close()
    }
    await library.whenSearchable()
    expect(seen).toEqual([])
    expect(library.search.threaded).toBe(true)
    expect(found(library, 'walrus')).toEqual([2])
  })

  it('does the same when it indexes on the library’s connection', () => {
    const dir = tempProfileDir()
    const { log, seen } = warnings()
    // A second library on the folder whose thread is still writing the index when this one writes it.
    const writer = libraries.make(dir, { log })
    const library = libraries.make(dir, { log, searchThread: false })
    writer.upsertCalls(syntheticCalls(3000, { seed: 40 }), FETCHED)
    library.upsertCalls([call(2, 'Caller: a walrus')], FETCHED)
    expect(seen).toEqual([])
    expect(found(library, 'walrus')).toEqual([2])
  })
})

describe('when the search index thread fails', () => {
  it('indexes on the main thread from then on, repairing what the thread dropped, and says so', async () => {
    const dir = tempProfileDir()
    const { log, seen } = warnings()
    const library = libraries.make(dir, { log })
    library.upsertCalls([call(1, 'Caller: a zeppelin')], FETCHED)
    await library.whenSearchable()
    // Another program holds the index's write lock longer than the thread waits (busy_timeout 5 s).
    const holder = new Database(join(dir, SEARCH_DATABASE_FILE))
    holder.exec('BEGIN IMMEDIATE')
    try {
      library.upsertCalls([call(2, 'Caller: a walrus')], FETCHED)
      await library.whenSearchable()
    } finally {
      holder.exec('ROLLBACK')
      holder.close()
    }
    expect(seen.some((m) => /search index thread failed/.test(m))).toBe(true)
    expect(found(library, 'walrus')).toEqual([2])
    expect(library.search.threaded).toBe(false)
    expect(seen.some((m) => /written on the main thread from now on/.test(m))).toBe(true)
    library.upsertCalls([call(3, 'Caller: a narwhal')], FETCHED)
    expect(found(library, 'narwhal')).toEqual([3])
    expect(found(library, 'zeppelin')).toEqual([1])
  }, 20_000)
})
