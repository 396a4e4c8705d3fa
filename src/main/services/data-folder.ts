/**
 * The app data folder must exist and take writes before anything is built on it. A read-only,
 * missing (an unplugged drive) or full disk is found here, at start, and said in words — the
 * Electron composition layer shows it in a dialog before quitting — instead of surfacing later
 * as a failure in whichever service touched the disk first.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '@shared/errors'
import { diskError, errorCode } from './disk-errors'

/** Throws an AppError (disk_full or storage_unavailable) naming the folder when it cannot be used. */
export function checkDataFolder(dataDir: string): void {
  const probe = join(dataDir, `.write-check-${process.pid}`)
  try {
    mkdirSync(dataDir, { recursive: true })
    const fd = openSync(probe, 'w')
    try {
      writeSync(fd, 'ok')
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch (error) {
    const typed = diskError(error, 'Starting Call Review', dataDir)
    if (typed) throw typed
    const code = errorCode(error)
    throw new AppError(
      'storage_unavailable',
      `Call Review cannot start: its data folder ${dataDir} ${
        code === 'ENOENT' || code === 'ENOTDIR'
          ? 'does not exist and cannot be created (is the drive it is on connected?)'
          : `cannot be used (${code ?? String(error)})`
      }. Reconnect or repair the disk, then start Call Review again.`,
      { path: dataDir, cause: error }
    )
  } finally {
    try {
      rmSync(probe, { force: true })
    } catch {
      // The folder itself is unusable: already reported above.
    }
  }
}
