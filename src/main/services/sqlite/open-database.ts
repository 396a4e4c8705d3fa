/**
 * The one way the app opens its SQLite databases (the offline library, the QA store): open,
 * apply the caller's pragmas, run versioned migrations with a copy taken first, and turn what
 * can go wrong into errors a user can act on —
 * - a file that is not a database or is corrupt: `damaged_file`, naming the file;
 * - a full or read-only disk: `disk_full` / `storage_unavailable` (disk-errors.ts);
 * - a schema from a newer Call Review: `internal`, saying to update.
 *
 * Every migration step runs in its own IMMEDIATE transaction: a second process opening the same
 * file waits for the write lock (busy_timeout) instead of failing with "database is locked".
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { AppError } from '@shared/errors'
import { diskError, errorCode } from '../disk-errors'

export type MigrationStep = (db: Database.Database) => void

export interface OpenDatabaseOptions {
  path: string
  /** What the user calls it, capitalised: "The QA database", "The offline library". */
  label: string
  /** Run in order right after opening (page_size first: it only takes effect on a new file). */
  pragmas: readonly string[]
  migrations: readonly MigrationStep[]
  /** Where the copy taken before migrating a version-`from` database goes. */
  backupPath: (from: number) => string
  /** After a successful upgrade, e.g. to delete older copies. */
  afterUpgrade?: (from: number) => void
  /** What to tell the user when a step fails for another reason. */
  preparationAdvice: string
  /** What to tell the user when the file is damaged (omitted: the caller offers its own way out). */
  damagedAdvice?: string
  /** Check the file's structure at open (cheap for a small database; off for large ones). */
  quickCheck?: boolean
}

/** SQLite's codes for a file that is not a database, or one whose pages are damaged. */
const DAMAGED = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_INDEX'])

/** Whether an error from SQLite means the file itself is damaged. */
export function isDamagedDatabaseError(error: unknown): boolean {
  return DAMAGED.has(errorCode(error) ?? '')
}

export function damagedDatabaseError(label: string, path: string, cause?: unknown, advice?: string): AppError {
  return new AppError('damaged_file', `${label} at ${path} is damaged and cannot be read.${advice ? ` ${advice}` : ''}`, { path, cause })
}

export function openDatabase(options: OpenDatabaseOptions): Database.Database {
  const { path, label } = options
  let db: Database.Database
  try {
    mkdirSync(dirname(path), { recursive: true })
    db = new Database(path)
  } catch (cause) {
    throw (
      diskError(cause, `Opening ${lower(label)}`, path) ??
      new AppError('internal', `${label} at ${path} could not be opened (${describe(cause)}). Check that the folder is writable.`, { cause })
    )
  }
  try {
    for (const pragma of options.pragmas) db.pragma(pragma)
    if (options.quickCheck) {
      const result = db.pragma('quick_check', { simple: true })
      if (result !== 'ok') throw damagedDatabaseError(label, path, new Error(String(result)), options.damagedAdvice)
    }
    migrate(db, options)
    return db
  } catch (error) {
    db.close()
    if (error instanceof AppError) throw error
    if (isDamagedDatabaseError(error)) throw damagedDatabaseError(label, path, error, options.damagedAdvice)
    throw (
      diskError(error, `Opening ${lower(label)}`, path) ??
      new AppError('internal', `${label} at ${path} could not be prepared (${describe(error)}). ${options.preparationAdvice}`, { cause: error })
    )
  }
}

function migrate(db: Database.Database, options: OpenDatabaseOptions): void {
  const { path, label, migrations } = options
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > migrations.length) {
    throw new AppError(
      'internal',
      `${label} at ${path} was written by a newer Call Review (schema ${current}, this version knows ${migrations.length}). Update Call Review to open it.`
    )
  }
  if (current === migrations.length) return
  if (current > 0) backupDatabase(db, options.backupPath(current))
  for (let version = current + 1; version <= migrations.length; version += 1) {
    const step = migrations[version - 1] as MigrationStep
    db.transaction(() => {
      step(db)
      db.pragma(`user_version = ${version}`)
    }).immediate()
  }
  if (current > 0) options.afterUpgrade?.(current)
}

/**
 * A consistent copy of an open database at `target` (VACUUM INTO reads one snapshot, WAL
 * included, so it holds every committed change even while the WAL is not checkpointed). Written
 * to a temp file first, so an interrupted copy never replaces a good one.
 */
export function backupDatabase(db: Database.Database, target: string): void {
  const temp = `${target}.${process.pid}.tmp`
  rmSync(temp, { force: true })
  try {
    db.prepare('VACUUM INTO ?').run(temp)
    renameSync(temp, target)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
}

/** Take a rolling copy at `target` unless the one there is younger than `maxAgeMs`. Best effort: returns the error, never throws. */
export function refreshRollingBackup(db: Database.Database, target: string, maxAgeMs: number, now: number): unknown {
  try {
    if (existsSync(target) && now - statSync(target).mtimeMs < maxAgeMs) return null
    backupDatabase(db, target)
    return null
  } catch (error) {
    return error
  }
}

function lower(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1)
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause)
}
