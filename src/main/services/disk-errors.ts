/**
 * Turns a failure of the disk — full, read-only, no permission — into an `AppError` the user can
 * act on: what failed, that the disk is full or cannot be written, and where. Node reports these
 * as errno codes, better-sqlite3 as SQLite result codes; both are recognised here, once.
 */
import { AppError } from '@shared/errors'

const FULL = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL'])
const UNWRITABLE = new Set(['EROFS', 'EACCES', 'EPERM', 'SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_CANTOPEN', 'SQLITE_IOERR_WRITE'])

/** The errno or SQLite code of an error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

export function isDiskFull(error: unknown): boolean {
  return FULL.has(errorCode(error) ?? '')
}

/** Whether the disk failed (full, read-only, no permission), as opposed to anything else. */
export function isDiskFailure(error: unknown): boolean {
  const code = errorCode(error) ?? ''
  return FULL.has(code) || UNWRITABLE.has(code)
}

/**
 * The typed error for a disk failure while doing `what` (e.g. "Saving the review") in `where`
 * (a file or folder), or null when `error` is not a disk failure.
 */
export function diskError(error: unknown, what: string, where: string): AppError | null {
  if (error instanceof AppError) return null
  const code = errorCode(error) ?? ''
  if (FULL.has(code))
    return new AppError(
      'disk_full',
      `${what} failed: the disk holding ${where} is full. Free some space on it and try again; nothing saved before was lost.`,
      {
        path: where,
        cause: error
      }
    )
  if (UNWRITABLE.has(code))
    return new AppError(
      'storage_unavailable',
      `${what} failed: ${where} cannot be written (the disk is read-only or Call Review lacks permission). Check the disk and the folder's permissions, then try again; nothing saved before was lost.`,
      { path: where, cause: error }
    )
  return null
}

/** Run `work`; a disk failure becomes the typed error for `what` in `where`, anything else is rethrown as is. */
export function withDiskErrors<T>(what: string, where: string, work: () => T): T {
  try {
    return work()
  } catch (error) {
    throw diskError(error, what, where) ?? error
  }
}

/** `withDiskErrors` for async work. */
export async function withDiskErrorsAsync<T>(what: string, where: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw diskError(error, what, where) ?? error
  }
}
