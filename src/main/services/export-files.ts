/**
 * What every export shares, whatever it writes (QA reviews, call facts): where the file goes
 * (the Save dialog in the app, a chosen path in the harness and tests), writing it whole, and
 * the paths "Show in folder" and "Open" accept from the renderer — only files written in this run.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, extname, isAbsolute, join } from 'node:path'
import { AppError } from '@shared/errors'
import { toLocalDateTime } from './qa/export-format'

/**
 * Where exports go and how the user gets at them: Electron's Save dialog and shell in the app
 * (src/main/index.ts); in the harness and tests, a chosen path and recorders.
 */
export interface ExportFilesPort {
  /** Ask where to save; null when the user cancels. `suggested` is a full path in the export folder. */
  chooseSavePath: (suggested: string, format: 'csv' | 'json' | 'html' | 'pdf') => Promise<string | null>
  showInFolder: (path: string) => void
  open: (path: string) => Promise<void>
}

/**
 * The path to write: the suggested one, or where the user chose through the Save dialog.
 * `what` names the export in the messages ("The export", "The report").
 */
export async function chooseExportPath(
  files: ExportFilesPort | undefined,
  suggested: string,
  format: 'csv' | 'json' | 'html' | 'pdf',
  what: string
): Promise<string> {
  const path = files ? await files.chooseSavePath(suggested, format) : suggested
  if (path === null) throw new AppError('cancelled', `${what} was cancelled; no file was written.`)
  if (!isAbsolute(path) || extname(path).toLowerCase() !== `.${format}`) {
    throw new AppError('validation', `Save ${what.charAt(0).toLowerCase()}${what.slice(1)} as a .${format} file; "${path}" was not written.`)
  }
  return path
}

/** Exports written in this run: the only paths "Show in folder" and "Open" accept from the renderer. */
export class WrittenExports {
  private readonly paths = new Set<string>()

  add(path: string): void {
    this.paths.add(path)
  }

  require(path: string): string {
    if (!this.paths.has(path)) throw new AppError('not_found', 'That file is not an export written in this session of Call Review; export again.')
    if (!existsSync(path)) throw new AppError('not_found', `The export ${path} is no longer there; it may have been moved or deleted.`)
    return path
  }
}

/** Write a file whole through a temp file and a rename: a reader never sees half a file, a failure leaves none. */
export function writeWhole(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true })
  const temp = `${path}.${process.pid}.tmp`
  try {
    writeFileSync(temp, content)
    renameSync(temp, path)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
}

/**
 * "<dir>/<base>-2026-03-01-101500.csv" in the reviewer's time zone ("…-demo.csv" for the demo
 * account), never overwriting an earlier export.
 */
export function freshExportPath(dir: string, base: string, now: Date, timeZone: string, ext: string, demo = false): string {
  const stamp = (toLocalDateTime(now, timeZone)?.text ?? now.toISOString()).replace(/[^0-9]+/g, '').replace(/^(\d{8})/, '$1-')
  const stem = join(dir, `${base}-${stamp}${demo ? '-demo' : ''}`)
  let path = `${stem}.${ext}`
  for (let n = 2; existsSync(path); n += 1) path = `${stem}-${n}.${ext}`
  return path
}
