import { LOWER_THREAD_PRIORITY_SOURCE } from './worker-priority'

/**
 * The search index's writer thread (see search-index.ts), as the source a `Worker` runs with
 * `eval: true`. A source string rather than a module path because the library runs from four
 * loaders (electron-vite's bundle, Vitest, tsx for the bench, Playwright's for the e2e harness)
 * and a worker entry file would need its own path and transpiling in each; this runs unchanged
 * in all of them. It only applies rows: SQL, pragmas and the row format come from search-index.ts.
 *
 * Messages in: `{ rows }` rows to apply inside the open transaction (begun by the first);
 * `{ seq, commit }` the library's transaction ended: commit or roll back, then publish `seq`
 * in `state[0]` (Atomics.notify) and post `{ seq }`; `{ close: true }`: close the connection,
 * then set `state[2]`. `{ park: key, rows }` keeps rows aside; `{ apply: key, skip }` applies them
 * (but the calls in `skip`) like `{ rows }`; `{ drop: key }` forgets them. On any failure the
 * thread rolls back, sets `state[1]`, posts `{ failed }` and from then on only acknowledges:
 * the library then indexes on its own connection (SearchIndex#fallBack).
 */
export const SEARCH_WORKER_SOURCE = String.raw`
'use strict'
const { parentPort, workerData } = require('node:worker_threads')
${LOWER_THREAD_PRIORITY_SOURCE}
const { sqliteModule, path, sql, pragmas, state } = workerData
const flags = new Int32Array(state)
let db = null
let statements = null
let open = false
let failed = false

function fail(error) {
  failed = true
  try {
    if (open) db.exec('ROLLBACK')
  } catch {}
  open = false
  Atomics.store(flags, 1, 1)
  Atomics.notify(flags, 0)
  parentPort.postMessage({ failed: String((error && error.message) || error) })
}

try {
  const Database = require(sqliteModule)
  db = new Database(path)
  for (const pragma of pragmas) db.pragma(pragma)
  statements = {
    hash: db.prepare(sql.hash).pluck(),
    insert: db.prepare(sql.insert),
    remove: db.prepare(sql.remove),
    mark: db.prepare(sql.mark),
    unmark: db.prepare(sql.unmark)
  }
} catch (error) {
  fail(error)
}

// row: [call_id, hash, ...the index's columns (SEARCH_COLUMNS)], or [call_id, null] to remove.
// The same steps as applyRow in search-index.ts, which writes on the library's connection after
// a fall back; the search tests run in both modes, so the two cannot drift apart unnoticed.
function apply(row) {
  const id = row[0]
  const hash = row[1]
  const had = statements.hash.get(id)
  if (hash === null) {
    if (had !== undefined) {
      statements.remove.run(id)
      statements.unmark.run(id)
    }
    return
  }
  if (had === hash) return
  if (had !== undefined) statements.remove.run(id)
  statements.insert.run(id, ...row.slice(2))
  statements.mark.run(id, hash)
}

// Rows sent ahead of the library thread's transaction that holds them, by key, until told to apply or drop them.
const parked = new Map()

function takeParked(key, skip) {
  const rows = parked.get(key) || []
  parked.delete(key)
  const skipped = new Set(skip || [])
  return rows.filter((row) => !skipped.has(row[0]))
}

parentPort.on('message', (message) => {
  if (message.close) {
    try {
      if (open) db.exec('ROLLBACK')
      if (db) db.close()
    } catch {}
    // The library waits for this before it returns from close(): the files are then left alone.
    Atomics.store(flags, 2, 1)
    Atomics.notify(flags, 2)
    parentPort.close()
    return
  }
  if (message.park !== undefined) {
    parked.set(message.park, message.rows)
    return
  }
  if (message.drop !== undefined) {
    parked.delete(message.drop)
    return
  }
  if (!failed) {
    try {
      // Parked rows are applied in the transaction open now, as if they had been sent in it.
      const rows = message.apply !== undefined ? takeParked(message.apply, message.skip) : message.rows
      if (rows) {
        if (!open) {
          // IMMEDIATE: take the write lock now, waiting for another writer (busy_timeout). A
          // deferred transaction reads first, and if another connection commits before it
          // writes, SQLite refuses the write at once (the snapshot is stale) without waiting.
          db.exec('BEGIN IMMEDIATE')
          open = true
        }
        for (const row of rows) apply(row)
      } else if (open) {
        db.exec(message.commit ? 'COMMIT' : 'ROLLBACK')
        open = false
      }
    } catch (error) {
      fail(error)
    }
  }
  if (message.seq !== undefined) {
    Atomics.store(flags, 0, message.seq)
    Atomics.notify(flags, 0)
    parentPort.postMessage({ seq: message.seq })
  }
})
`
