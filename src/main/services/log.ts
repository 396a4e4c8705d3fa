/**
 * The app's logger. Every line passes through `redact`, which removes each registered secret
 * (tokens, passwords) wherever it appears, so a secret can never reach a log file even if a
 * caller passes it by mistake. Services register secrets the moment they hold them.
 */
import { appendFileSync, mkdirSync } from 'node:fs'
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
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = new Set<string>()
  const clock = options.clock ?? (() => new Date())
  if (options.file) mkdirSync(dirname(options.file), { recursive: true })

  const redact = (text: string): string => {
    let out = text
    for (const s of secrets) out = out.split(s).join('[redacted]')
    return out
  }
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    const line = redact(
      JSON.stringify({ time: clock().toISOString(), level, message, ...(fields ? serialise(fields) : {}) })
    )
    if (options.file) appendFileSync(options.file, line + '\n')
    if (options.console) process.stderr.write(line + '\n')
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

function serialise(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v instanceof Error ? { name: v.name, message: v.message } : v
  }
  return out
}
