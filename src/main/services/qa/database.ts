/**
 * Opens a profile's QA database: WAL so readers never block the writer, foreign keys on, and
 * synchronous=FULL so a committed answer survives not only a killed process but a power cut —
 * a reviewer's scoring is work that cannot be fetched again. Migrations run at open
 * (sqlite/open-database.ts); an existing database is copied aside first (`.before-v<N>.bak`) so a
 * failed upgrade loses nothing. The file is small, so its structure is checked at every open,
 * and a rolling copy (`qa.sqlite.backup`, at most a day old) is kept to restore from if it is
 * ever damaged (qa-recovery.ts).
 */
import type Database from 'better-sqlite3'
import { openDatabase, refreshRollingBackup } from '../sqlite/open-database'
import { MIGRATIONS, type Migration } from './migrations'

/** The copy taken before upgrading a version-`from` database. */
export function migrationBackupPath(path: string, from: number): string {
  return `${path}.before-v${from + 1}.bak`
}

/** The rolling copy, refreshed at open when older than ROLLING_BACKUP_MAX_AGE_MS. */
export function rollingBackupPath(path: string): string {
  return `${path}.backup`
}

export const ROLLING_BACKUP_MAX_AGE_MS = 24 * 60 * 60 * 1000

export function openQaDatabase(
  path: string,
  now: () => Date,
  migrations: readonly Migration[] = MIGRATIONS,
  onBackupFailed?: (error: unknown) => void
): Database.Database {
  const db = openDatabase({
    path,
    label: 'The QA database',
    pragmas: ['journal_mode = WAL', 'synchronous = FULL', 'foreign_keys = ON', 'busy_timeout = 5000'],
    migrations: migrations.map((step) => (db: Database.Database) => step(db, { now: now().toISOString() })),
    backupPath: (from) => migrationBackupPath(path, from),
    preparationAdvice: 'Check the disk, then restart Call Review.',
    quickCheck: true
  })
  // Real time, not the injected clock: it is compared with the file's mtime.
  const failed = refreshRollingBackup(db, rollingBackupPath(path), ROLLING_BACKUP_MAX_AGE_MS, Date.now())
  if (failed) onBackupFailed?.(failed)
  return db
}
