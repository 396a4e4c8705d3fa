/**
 * Small JSON documents in the app data folder (preferences, profiles, window state). Never for
 * secrets.
 *
 * Written durably: a temp file is written and fsynced, the current file is kept as
 * `<name>.prev`, the temp file is renamed over it and the folder is fsynced, so neither a crash
 * nor a power cut leaves half a file. A failed write removes its temp file and throws a typed
 * disk error. A file that cannot be read or parsed falls back to its previous copy, then to the
 * caller's default, with a log line either way — a damaged file never stops the app.
 */
import { closeSync, copyFileSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import type { z } from 'zod'
import { diskError } from './disk-errors'
import type { Logger } from './log'

/** The copy of the file as it was before the last write. */
export function previousCopyPath(path: string): string {
  return `${path}.prev`
}

type Read<T> = { ok: true; value: T } | { ok: false; reason: 'missing' | 'unreadable' | 'invalid' }

function tryRead<S extends z.ZodType>(path: string, schema: S): Read<z.output<S>> {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    return { ok: false, reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable' }
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text))
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: 'invalid' }
  } catch {
    return { ok: false, reason: 'invalid' }
  }
}

export interface ReadJsonOptions {
  /** Where a damaged file is reported. */
  log?: Logger | undefined
}

/** What was read, and whether it came from the file itself, its previous copy or the default. */
export interface JsonFileRead<T> {
  value: T
  source: 'file' | 'previous' | 'default'
  /** True when the file existed but could not be read or parsed. */
  damaged: boolean
}

/** Like `readJsonFile`, but says where the value came from (for callers that rebuild a damaged file). */
export function readJsonFileDetailed<S extends z.ZodType>(
  path: string,
  schema: S,
  fallback: z.output<S>,
  options: ReadJsonOptions = {}
): JsonFileRead<z.output<S>> {
  const current = tryRead(path, schema)
  if (current.ok) return { value: current.value, source: 'file', damaged: false }
  if (current.reason === 'missing') return { value: fallback, source: 'default', damaged: false }
  const previous = tryRead(previousCopyPath(path), schema)
  if (previous.ok) {
    options.log?.warn(`settings: ${basename(path)} is damaged; using its previous copy`, { path, reason: current.reason })
    return { value: previous.value, source: 'previous', damaged: true }
  }
  options.log?.warn(`settings: ${basename(path)} is damaged and has no usable previous copy; using defaults`, { path, reason: current.reason })
  return { value: fallback, source: 'default', damaged: true }
}

export function readJsonFile<S extends z.ZodType>(path: string, schema: S, fallback: z.output<S>, options: ReadJsonOptions = {}): z.output<S> {
  return readJsonFileDetailed(path, schema, fallback, options).value
}

export function writeJsonFile(path: string, value: unknown): void {
  const temp = `${path}.${process.pid}.tmp`
  try {
    mkdirSync(dirname(path), { recursive: true })
    const fd = openSync(temp, 'w')
    try {
      writeSync(fd, JSON.stringify(value, null, 2))
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    keepPrevious(path)
    renameSync(temp, path)
    fsyncFolder(dirname(path))
  } catch (error) {
    rmSync(temp, { force: true })
    throw diskError(error, `Saving ${basename(path)}`, path) ?? error
  }
}

/** Keep the file as it is now, unless it is itself unreadable (then the older copy is the better one). */
function keepPrevious(path: string): void {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return
  }
  try {
    JSON.parse(text)
  } catch {
    return
  }
  copyFileSync(path, previousCopyPath(path))
}

/** Make a rename durable: on POSIX the folder entry is only on disk once the folder is fsynced. */
function fsyncFolder(folder: string): void {
  if (process.platform === 'win32') return // Windows cannot open a folder for fsync; NTFS journals the rename.
  const fd = openSync(folder, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
