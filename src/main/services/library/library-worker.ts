import { LOWER_THREAD_PRIORITY_SOURCE } from './worker-priority'

/**
 * The library's writer thread (see library-thread.ts), as the source a `Worker` runs with
 * `eval: true`, for the reason search-worker.ts gives: the library runs from four loaders, and a
 * source string runs unchanged in all of them. It owns a second connection to `library.sqlite`
 * and only runs SQL it is sent; what to write is worked out on the main thread (CallLibrary#planUpsert).
 *
 * Messages in, each answered by `{ id, ... }`:
 * - `{ id, op: 'write', expect, steps, after }`: one IMMEDIATE transaction. First every `expect`
 *   entry `[call_id, modules, fetched_at]` (nulls: no such call) is compared with the stored
 *   call; if one differs (the main thread stored it meanwhile), it rolls back and answers
 *   `{ conflict: true }`. Otherwise it runs `steps` (`['run', sql, [params]]`, or `['number',
 *   sql, tailSql, number, tails]`: a number's digit tails are written only when the number is
 *   new), commits, counts the commit in `state[0]` before it answers `{ rows }` (the `after`
 *   query's rows, read once committed), then folds the WAL into the file (PASSIVE).
 * - `{ id, op: 'all', sql, params }`: `{ rows }`, a read.
 * - `{ id, op: 'records', sql, ids, keys }`: `{ rows: [[call_id, record]] }`, each stored record
 *   parsed here and cut down to `keys`, so the main thread neither reads nor parses the rest.
 * - `{ close: true }`: close the connection, then set `state[1]`.
 * A failure answers `{ error: { message, code } }` (code: SQLite's, e.g. SQLITE_FULL); if the
 * connection cannot open, every request is answered so, and the library writes on its own.
 */
export const LIBRARY_WORKER_SOURCE = String.raw`
'use strict'
const { parentPort, workerData } = require('node:worker_threads')
${LOWER_THREAD_PRIORITY_SOURCE}
const { sqliteModule, path, pragmas, versionSql, state } = workerData
const flags = new Int32Array(state)
let db = null
let openError = null
const statements = new Map()

try {
  const Database = require(sqliteModule)
  db = new Database(path)
  for (const pragma of pragmas) db.pragma(pragma)
} catch (error) {
  openError = error
}

function statement(sql) {
  let s = statements.get(sql)
  if (!s) {
    s = db.prepare(sql)
    statements.set(sql, s)
  }
  return s
}

function write(message) {
  const version = statement(versionSql)
  db.exec('BEGIN IMMEDIATE')
  try {
    for (const [callId, modules, fetchedAt] of message.expect) {
      const row = version.get(callId)
      if ((row ? row.modules : null) !== modules || (row ? row.fetched_at : null) !== fetchedAt) {
        db.exec('ROLLBACK')
        return { conflict: true }
      }
    }
    for (const step of message.steps) {
      if (step[0] === 'run') statement(step[1]).run(...step[2])
      else if (statement(step[1]).run(step[3]).changes > 0) for (const tail of step[4]) statement(step[2]).run(tail, step[3])
    }
    db.exec('COMMIT')
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK')
    throw error
  }
  Atomics.add(flags, 0, 1)
  Atomics.notify(flags, 0)
  const after = message.after
  return { rows: after ? statement(after.sql).all(...after.params) : [] }
}

function records(message) {
  const read = statement(message.sql).pluck()
  const rows = []
  for (const id of message.ids) {
    const json = read.get(id)
    if (json === undefined) continue
    let record
    try {
      record = JSON.parse(json)
    } catch {
      continue
    }
    const kept = {}
    for (const key of message.keys) if (record[key] !== undefined) kept[key] = record[key]
    rows.push([id, kept])
  }
  return { rows }
}

parentPort.on('message', (message) => {
  if (message.close) {
    try {
      if (db) db.close()
    } catch {}
    Atomics.store(flags, 1, 1)
    Atomics.notify(flags, 1)
    parentPort.close()
    return
  }
  let answer
  try {
    if (openError) throw openError
    if (message.op === 'write') answer = write(message)
    else if (message.op === 'records') answer = records(message)
    else answer = { rows: statement(message.sql).all(...message.params) }
  } catch (error) {
    answer = { error: { message: String((error && error.message) || error), code: error && typeof error.code === 'string' ? error.code : undefined } }
  }
  parentPort.postMessage({ id: message.id, ...answer })
  if (message.op === 'write' && answer.rows) {
    try {
      db.pragma('wal_checkpoint(PASSIVE)')
    } catch {}
    // Statistics for the planner once the calls table has grown a lot (a no-op otherwise, about
    // 0.1 ms): without them a sorted page over 100,000 calls sorts them all (70-130 ms) instead of
    // walking the sort's index (3 ms). See docs/decisions/planner-statistics.md.
    try {
      db.pragma('optimize')
    } catch {}
  }
})
`
