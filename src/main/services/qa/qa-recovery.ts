/**
 * What to do when a profile's QA database is damaged. Nothing here deletes anything: the damaged
 * file (with its WAL and shared-memory files) is moved aside as `qa.sqlite.damaged-<time>`, and
 * only when the user asks, to restore the newest backup that is itself sound — the rolling copy
 * (`qa.sqlite.backup`) or one taken before an upgrade (`qa.sqlite.before-v<N>.bak`) — or to
 * start an empty database.
 */
import { copyFileSync, existsSync, readdirSync, renameSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { AppError } from '@shared/errors'
import type { QaHealth } from '@shared/ipc/contract/qa-recovery'
import { rollingBackupPath } from './database'
import { MIGRATIONS } from './migrations'
import { QA_DATABASE_FILE } from './qa-repository'
import type { QaRepositories } from './qa-repositories'

const UNAVAILABLE = new Set(['disk_full', 'storage_unavailable'])

/** Open the profile's QA database (through `stores`) and say whether it works, and if not why. */
export function qaHealth(stores: QaRepositories, profileDir: string): QaHealth {
  const path = join(profileDir, QA_DATABASE_FILE)
  try {
    stores.forProfile(profileDir)
    return { status: 'ok' }
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    if (error.kind === 'damaged_file') {
      const backup = newestGoodBackup(path)
      return {
        status: 'damaged',
        file: path,
        message: `${error.message} Calls are shown as not reviewed until it is repaired. ${
          backup
            ? 'Move it aside and restore the last backup, or start an empty one.'
            : 'There is no backup to restore; you can move it aside and start an empty one.'
        } Nothing is deleted.`,
        backup: backup ? { file: backup, takenAt: statSync(backup).mtime.toISOString() } : null
      }
    }
    if (UNAVAILABLE.has(error.kind)) return { status: 'unavailable', file: path, message: error.message }
    throw error
  }
}

/**
 * Move the damaged database aside and put the newest good backup (or nothing, for an empty
 * database) in its place. Refused while the database opens: a working file is never replaced.
 */
export function recoverQa(
  stores: QaRepositories,
  profileDir: string,
  action: 'restoreBackup' | 'startAfresh',
  now: Date
): { health: QaHealth; movedTo: string } {
  const before = qaHealth(stores, profileDir)
  if (before.status !== 'damaged') throw new AppError('validation', 'The QA database is not damaged, so nothing was moved or restored.')
  const path = before.file
  const backup = action === 'restoreBackup' ? newestGoodBackup(path) : null
  if (action === 'restoreBackup' && !backup)
    throw new AppError(
      'not_found',
      `There is no sound backup of ${path} to restore. You can start an empty QA database instead; the damaged file is kept.`
    )
  stores.close(profileDir)
  const movedTo = `${path}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, movedTo + suffix)
  // A copy: the backup itself stays where it is, in case this one is needed again.
  if (backup) copyFileSync(backup, path)
  return { health: qaHealth(stores, profileDir), movedTo }
}

/** The most recently written backup that opens, passes SQLite's quick check and is not from a newer version. */
export function newestGoodBackup(path: string): string | null {
  const folder = dirname(path)
  const prefix = `${basename(path)}.before-v`
  let names: string[]
  try {
    names = readdirSync(folder)
  } catch {
    return null
  }
  const candidates = [rollingBackupPath(path), ...names.filter((n) => n.startsWith(prefix) && n.endsWith('.bak')).map((n) => join(folder, n))]
    .filter((file) => existsSync(file))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
  return candidates.find(isSound) ?? null
}

function isSound(file: string): boolean {
  let db: Database.Database | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    return db.pragma('quick_check', { simple: true }) === 'ok' && (db.pragma('user_version', { simple: true }) as number) <= MIGRATIONS.length
  } catch {
    return false
  } finally {
    db?.close()
  }
}
