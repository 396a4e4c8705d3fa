import { AppError, type AppErrorInfo } from '@shared/errors'
import { diskError } from '../services/disk-errors'
import { isDamagedDatabaseError } from '../services/sqlite/open-database'

/**
 * The one place that turns any thrown value into what the user reads. Known failures are
 * `AppError`s with a user-facing message; anything else is a bug, reported without its stack
 * or message (which could hold anything) — the details go to the log.
 */
export function toErrorInfo(error: unknown): AppErrorInfo {
  if (error instanceof AppError) return error.toInfo()
  if (error instanceof Error && error.name === 'AbortError') return { kind: 'cancelled', message: 'The operation was cancelled.' }
  // A full or read-only disk, or a damaged database, that no service put in its own words.
  const path = (error as { path?: unknown } | null)?.path
  const disk = diskError(error, 'Saving', typeof path === 'string' ? path : 'Call Review’s data folder')
  if (disk) return disk.toInfo()
  if (isDamagedDatabaseError(error))
    return {
      kind: 'damaged_file',
      message: 'One of Call Review’s database files is damaged. Restart Call Review; if it keeps happening, the log names the file.'
    }
  return {
    kind: 'internal',
    message: 'Something went wrong inside Call Review. Try again; if it keeps happening, the log has the details.'
  }
}
