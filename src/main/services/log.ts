/**
 * The app's logger. Every line passes through `redact`, which removes each registered secret
 * (tokens, passwords) wherever it appears, so a secret can never reach a log file even if a
 * caller passes it by mistake. Services register secrets the moment they hold them.
 *
 * The logger never throws: it is called from catch blocks and from the IPC dispatcher, so a full
 * or read-only disk must not turn a typed error into a raw rejection or stop the app starting.
 * A line that cannot be written is dropped (the first such failure is reported once on stderr).
 * The file is rotated by size — `main.log`, `main.log.1`, … — so logs never fill the disk.
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname } from 'node:path'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
  /** Never write this value; replace it with [redacted] wherever it appears. */
  addSecret(secret: string | null | undefined): void
}

export interface LoggerOptions {
  /** Append JSON lines here; omitted: write nothing to disk. */
  file?: string
  /** Also echo to stderr (development). */
  console?: boolean
  clock?: () => Date
  /** Rotate once the file would grow past this many bytes (default 5 MB). */
  maxBytes?: number
  /** How many rotated files to keep beside the current one (default 3). */
  keep?: number
}

export const DEFAULT_LOG_MAX_BYTES = 5 * 1024 * 1024
export const DEFAULT_LOG_KEEP = 3

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = new Set<string>()
  const clock = options.clock ?? (() => new Date())
  const file = options.file ? createLogFile(options.file, options.maxBytes ?? DEFAULT_LOG_MAX_BYTES, options.keep ?? DEFAULT_LOG_KEEP) : undefined

  const redact = (text: string): string => {
    let out = text
    for (const s of secrets) out = out.split(s).join('[redacted]')
    return out
  }
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    let line: string
    try {
      line = redact(JSON.stringify({ time: clock().toISOString(), level, message, ...(fields ? serialise(fields) : {}) }))
    } catch {
      // A field that cannot be serialised (a cycle, a BigInt) must not lose the message.
      line = redact(JSON.stringify({ time: new Date().toISOString(), level, message, fields: '[unserialisable]' }))
    }
    file?.append(line + '\n')
    if (options.console) safeStderr(line + '\n')
  }
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    addSecret: (s) => {
      // Short strings would redact ordinary words; real tokens and passwords are longer.
      if (s && s.length >= 4) secrets.add(s)
    }
  }
}

/** A size-capped, rotating log file whose writes never throw. */
function createLogFile(path: string, maxBytes: number, keep: number): { append: (text: string) => void } {
  let size = -1
  let reported = false
  const failed = (error: unknown): void => {
    if (reported) return
    reported = true
    safeStderr(`Call Review could not write its log at ${path} (${error instanceof Error ? error.message : String(error)}); log lines are dropped.\n`)
  }
  const rotate = (): void => {
    rmSync(`${path}.${keep}`, { force: true })
    for (let n = keep - 1; n >= 1; n -= 1) {
      try {
        renameSync(`${path}.${n}`, `${path}.${n + 1}`)
      } catch {
        // That generation does not exist yet.
      }
    }
    if (keep >= 1) renameSync(path, `${path}.1`)
    else rmSync(path, { force: true })
    size = 0
  }
  return {
    append: (text) => {
      try {
        if (size < 0) {
          mkdirSync(dirname(path), { recursive: true })
          try {
            size = statSync(path).size
          } catch {
            size = 0
          }
        }
        const bytes = Buffer.byteLength(text)
        if (size > 0 && size + bytes > maxBytes) rotate()
        appendFileSync(path, text)
        size += bytes
        reported = false
      } catch (error) {
        // Re-read the size next time: a rotation may have half happened.
        size = -1
        failed(error)
      }
    }
  }
}

function safeStderr(text: string): void {
  try {
    process.stderr.write(text)
  } catch {
    // Nowhere left to report to.
  }
}

function serialise(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v instanceof Error ? { name: v.name, message: v.message, ...errnoFields(v) } : v
  }
  return out
}

/** A Node system error's code and path: what a reader of the log needs for a disk problem. */
function errnoFields(error: Error): Record<string, unknown> {
  const { code, path } = error as NodeJS.ErrnoException
  return { ...(code ? { code } : {}), ...(path ? { path } : {}) }
}
