import { AppError, type AppErrorInfo } from '../../shared/errors'

/**
 * The one place that turns any thrown value into what the user reads. Known failures are
 * `AppError`s with a user-facing message; anything else is a bug, reported without its stack
 * or message (which could hold anything) — the details go to the log.
 */
export function toErrorInfo(error: unknown): AppErrorInfo {
  if (error instanceof AppError) return error.toInfo()
  if (error instanceof Error && error.name === 'AbortError')
    return { kind: 'cancelled', message: 'The operation was cancelled.' }
  return {
    kind: 'internal',
    message: 'Something went wrong inside Call Review. Try again; if it keeps happening, the log has the details.'
  }
}
