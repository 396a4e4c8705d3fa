/**
 * The one error vocabulary that crosses IPC. Main turns every failure into an `AppErrorInfo`
 * (see src/main/ipc/to-error-info.ts); the renderer shows `message` and, for API errors, the
 * server's `requestId`. Never a stack, never a token.
 */
import { z } from 'zod'

export const ERROR_KINDS = [
  'validation',
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'gone',
  'rate_limited',
  'server',
  'network',
  'timeout',
  'invalid_response',
  'keychain_unavailable',
  'not_signed_in',
  'cancelled',
  'internal'
] as const
export const ErrorKindSchema = z.enum(ERROR_KINDS)
export type ErrorKind = z.infer<typeof ErrorKindSchema>

export const AppErrorInfoSchema = z.object({
  kind: ErrorKindSchema,
  /** What failed, why, and what to do: shown to the user as is. */
  message: z.string(),
  /** The API's request_id, when the server sent one. */
  requestId: z.string().optional(),
  /** Field-level problems (query rules, form fields). */
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  /** Seconds to wait before retrying (429 Retry-After). */
  retryAfterSeconds: z.number().optional()
})
export type AppErrorInfo = z.infer<typeof AppErrorInfoSchema>

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorInfo }

/**
 * The one error class services throw. `message` is written for the user; `requestId` and
 * `status` come from the API when there was a response. It never holds a token or password.
 */
export class AppError extends Error {
  readonly kind: ErrorKind
  readonly requestId: string | undefined
  readonly status: number | undefined
  readonly fields: { field: string; message: string }[] | undefined
  readonly retryAfterSeconds: number | undefined
  /** The server's own `message`, already redacted; kept so an error built from this one can quote it. */
  readonly serverMessage: string | undefined

  constructor(
    kind: ErrorKind,
    message: string,
    options: {
      requestId?: string | undefined
      status?: number | undefined
      fields?: { field: string; message: string }[] | undefined
      retryAfterSeconds?: number | undefined
      serverMessage?: string | undefined
      cause?: unknown
    } = {}
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AppError'
    this.kind = kind
    this.requestId = options.requestId
    this.status = options.status
    this.fields = options.fields
    this.retryAfterSeconds = options.retryAfterSeconds
    this.serverMessage = options.serverMessage
  }

  /** The shape that crosses IPC: no stack, no cause. */
  toInfo(): AppErrorInfo {
    const info: AppErrorInfo = { kind: this.kind, message: this.message }
    if (this.requestId) info.requestId = this.requestId
    if (this.fields?.length) info.fields = this.fields
    if (this.retryAfterSeconds !== undefined) info.retryAfterSeconds = this.retryAfterSeconds
    return info
  }
}
