/**
 * Opens a profile's QA database: WAL so readers never block the writer, foreign keys on, and
 * synchronous=FULL so a committed answer survives not only a killed process but a power cut —
 * a reviewer's scoring is work that cannot be fetched again. Migrations run at open; an
 * existing database is copied aside first (VACUUM INTO) so a failed upgrade loses nothing.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { AppError } from '../../../shared/errors'
import { MIGRATIONS, type Migration } from './migrations'

export function openQaDatabase(path: string, now: () => Date, migrations: readonly Migration[] = MIGRATIONS): Database.Database {
  mkdirSync(dirname(path), { recursive: true })
  let db: Database.Database
  try {
    db = new Database(path)
  } catch (cause) {
    throw new AppError('internal', `The QA database at ${path} could not be opened (${describe(cause)}). Check that the folder is writable.`, { cause })
  }
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    migrate(db, path, now, migrations)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

function migrate(db: Database.Database, path: string, now: () => Date, migrations: readonly Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > migrations.length) {
    throw new AppError(
      'internal',
      `The QA database at ${path} was written by a newer Call Review (schema ${current}, this version knows ${migrations.length}). Update Call Review to open it.`
    )
  }
  if (current === migrations.length) return
  if (current > 0) backup(db, `${path}.before-v${current + 1}.bak`)
  for (let version = current + 1; version <= migrations.length; version += 1) {
    const step = migrations[version - 1] as Migration
    db.transaction(() => {
      step(db, { now: now().toISOString() })
      db.pragma(`user_version = ${version}`)
    })()
  }
}

function backup(db: Database.Database, target: string): void {
  if (existsSync(target)) rmSync(target)
  db.prepare('VACUUM INTO ?').run(target)
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause)
}
