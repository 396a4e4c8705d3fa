/**
 * The renderer's only door to main: typed calls over `window.callReview`. A failed call throws
 * an `ApiError` carrying the typed error (kind, message, request_id) for the UI to show.
 */
import type { AppErrorInfo } from '@shared/errors'
import type { Channel, EventName, EventPayloadOf, RequestOf, ResponseOf } from '@shared/ipc/contract'

export class ApiError extends Error {
  readonly info: AppErrorInfo
  constructor(info: AppErrorInfo) {
    super(info.message)
    this.name = 'ApiError'
    this.info = info
  }
}

export async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await window.callReview.invoke(channel, request)
  if (!result.ok) throw new ApiError(result.error)
  return result.value
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayloadOf<E>) => void): () => void {
  return window.callReview.on(event, listener)
}

/** The error info of anything caught, for display. */
export function errorInfo(error: unknown): AppErrorInfo {
  if (error instanceof ApiError) return error.info
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) }
}
