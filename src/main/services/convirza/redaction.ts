/**
 * Keeps secrets out of error messages. The logger already redacts what reaches a log file; an
 * `AppError` message crosses IPC and is shown on screen, so it needs the same protection: the
 * server's own `message` is quoted verbatim and a buggy or hostile server could echo a token.
 */
import type { Logger } from '../log'

/** Matches the query string of any URL; signed recording URLs carry their credentials there. */
const URL_QUERY = /(https?:\/\/[^\s?#"'<>]+)\?[^\s#"'<>]*/gi
const BEARER = /\bBearer\s+[^\s"',]+/gi

/** The secrets of one sign-in (tokens, password), registered with the logger as well. */
export class SecretSet {
  private readonly values = new Set<string>()

  constructor(private readonly log: Logger) {}

  add(secret: string | null | undefined): void {
    if (!secret) return
    this.values.add(secret)
    this.log.addSecret(secret)
  }

  /** Remove every known secret, any `Bearer …` credential and any URL query string. */
  redact(text: string): string {
    let out = text.replace(URL_QUERY, '$1?[redacted]').replace(BEARER, 'Bearer [redacted]')
    for (const secret of this.values) out = out.split(secret).join('[redacted]')
    return out
  }
}

/** A URL fit for a log line: origin and path only, never the (possibly signed) query string. */
export function loggableUrl(url: string): string {
  try {
    const parsed = new URL(url)
    return parsed.origin + parsed.pathname
  } catch {
    return '(unparseable URL)'
  }
}
