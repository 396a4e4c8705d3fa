/**
 * Opens a profile's library database, `<profileDir>/library.sqlite`.
 *
 * - WAL: the list and search read while a sync writes, and a killed process leaves a database
 *   that opens (the WAL is replayed or ignored, never half-applied).
 * - synchronous=NORMAL: in WAL mode a commit is in the WAL file once the write returns, so a
 *   killed or crashed app keeps it; only a power cut or OS crash can lose the last few commits.
 *   Everything here but the `reviewed` flag is a cache of the server's data that the next fetch
 *   restores, and NORMAL spares an fsync per commit while a sync stores thousands of pages.
 *   (The QA store, which holds work that cannot be fetched again, uses FULL.)
 * - foreign keys ON, busy_timeout so a second connection (a test, a backup) waits, not fails.
 * - Versioned migrations run at open (sqlite/open-database.ts); an existing database is first
 *   copied to `library.sqlite.bak-v<from>` so a failed upgrade loses nothing; once it succeeded,
 *   older copies are deleted (only the newest is kept), and clearing the cached data deletes that too.
 */
import { readdirSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type Database from 'better-sqlite3'
import { openDatabase } from '../sqlite/open-database'
import { LIBRARY_MIGRATIONS, type LibraryMigration } from './migrations'

export const LIBRARY_DATABASE_FILE = 'library.sqlite'
/** The library's full-text index, beside it (search-index.ts): derived from it, rebuilt from it when missing. */
export const SEARCH_DATABASE_FILE = 'library-search.sqlite'

/** The search index belonging to the library at `path`. */
export function searchPathFor(path: string): string {
  return join(dirname(path), SEARCH_DATABASE_FILE)
}

/** Whether a file in a profile folder belongs to its library (database, WAL, backups, search index). */
export function isLibraryFile(name: string): boolean {
  return name.startsWith(LIBRARY_DATABASE_FILE) || name.startsWith(SEARCH_DATABASE_FILE)
}

/** Where the copy taken before migrating a version-`from` database goes. */
export function backupPathFor(path: string, from: number): string {
  return `${path}.bak-v${from}`
}

/** The copies taken before migrations (`<path>.bak-v<n>`), newest version first. */
export function libraryBackups(path: string): string[] {
  const prefix = `${basename(path)}.bak-v`
  let names: string[]
  try {
    names = readdirSync(dirname(path))
  } catch {
    return []
  }
  return names
    .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
    .sort((a, b) => Number(b.slice(prefix.length)) - Number(a.slice(prefix.length)))
    .map((name) => join(dirname(path), name))
}

/** A SQLite database's files in WAL mode: the database, its WAL and its shared-memory file. */
export function databaseFiles(path: string): string[] {
  return [path, `${path}-wal`, `${path}-shm`]
}

/**
 * Delete a library's files: the database, its WAL and shared-memory files, the copies taken
 * before migrations, and its search index. For clearing a library that no longer opens; the
 * database must be closed.
 */
export function deleteLibraryFiles(path: string): void {
  for (const file of [...databaseFiles(path), ...libraryBackups(path), ...databaseFiles(searchPathFor(path))]) rmSync(file, { force: true })
}

export function openLibraryDatabase(path: string, migrations: readonly LibraryMigration[] = LIBRARY_MIGRATIONS): Database.Database {
  const db = openDatabase({
    path,
    label: 'The offline library',
    pragmas: [
      // Records of 2–4 KB pack badly into 4 KB pages (one a page, the rest wasted); 16 KB pages
      // hold several. Only takes effect when the file is new.
      'page_size = 16384',
      'journal_mode = WAL',
      'synchronous = NORMAL',
      'foreign_keys = ON',
      'busy_timeout = 5000',
      // Up to 64 MB of pages, filled only as used: a large batch of calls (10,000 at once is about
      // 40 MB of pages here; their full-text index, 10 MB more, is written by its own connection,
      // see search-index.ts) then stays in memory until commit instead of spilling to the WAL and
      // being written again; measured 15–20% faster than 32 MB for such a batch.
      'cache_size = -65536',
      // CallLibrary checkpoints on an idle tick after its writes, so a write is not also made to
      // copy the WAL into the file and fsync it. This is only the backstop: 8192 pages = 128 MB.
      'wal_autocheckpoint = 8192'
    ],
    migrations,
    backupPath: (from) => backupPathFor(path, from),
    // Upgraded: the copy just taken is the one a user might need; older ones only take space.
    afterUpgrade: (from) => {
      for (const older of libraryBackups(path).filter((p) => p !== backupPathFor(path, from))) rmSync(older, { force: true })
    },
    preparationAdvice: 'Clear the cached data in Settings to start it afresh.',
    // Everything in it but the reviewed flags (kept in the QA database) comes back from the API.
    damagedAdvice: 'Clear the cached data in Settings to start it afresh.'
  })
  // Lets the planner learn the filter columns' spread once there is data (SQLite's advice for long-lived connections).
  db.pragma('optimize = 0x10002')
  return db
}
