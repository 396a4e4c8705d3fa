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
  // The disk holding the app's data (or an export's folder) is full, or cannot be written.
  'disk_full',
  'storage_unavailable',
  // A file the app owns is damaged; `path` names it.
  'damaged_file',
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
  retryAfterSeconds: z.number().optional(),
  /** The file or folder a disk or damaged-file error is about, so the user can find it. */
  path: z.string().optional()
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
  /** The file or folder a disk or damaged-file error is about. */
  readonly path: string | undefined

  constructor(
    kind: ErrorKind,
    message: string,
    options: {
      requestId?: string | undefined
      status?: number | undefined
      fields?: { field: string; message: string }[] | undefined
      retryAfterSeconds?: number | undefined
      serverMessage?: string | undefined
      path?: string | undefined
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
    this.path = options.path
  }

  /** The shape that crosses IPC: no stack, no cause. */
  toInfo(): AppErrorInfo {
    const info: AppErrorInfo = { kind: this.kind, message: this.message }
    if (this.requestId) info.requestId = this.requestId
    if (this.fields?.length) info.fields = this.fields
    if (this.retryAfterSeconds !== undefined) info.retryAfterSeconds = this.retryAfterSeconds
    if (this.path) info.path = this.path
    return info
  }
}
