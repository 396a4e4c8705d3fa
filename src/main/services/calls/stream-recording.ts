/**
 * Answers the page's request for a call's recording by streaming it from the API: the page's
 * Range header goes upstream as is, so howler (html5 audio) can seek in a 40-minute file without
 * anything reading it whole. The client refreshes an expired signed URL itself.
 */
import type { CallLibrary } from '../library/call-library'
import type { ConvirzaClient } from '../convirza/client'
import type { Logger } from '../log'
import { AppError } from '../../../shared/errors'

/** The call id is the last path segment: recording://call/<id> or http://127.0.0.1:P/recording/<id>. */
export function recordingCallId(url: string): number | null {
  const last = new URL(url).pathname.split('/').filter(Boolean).pop() ?? ''
  return /^\d+$/.test(last) ? Number(last) : null
}

const PASSED_HEADERS = ['content-type', 'content-length', 'content-range', 'accept-ranges']

export async function streamRecording(
  request: Request,
  deps: { library: () => CallLibrary; client: () => ConvirzaClient; log: Logger }
): Promise<Response> {
  const callId = recordingCallId(request.url)
  if (callId === null) return new Response('Not a recording address.', { status: 404 })
  try {
    const stored = deps.library().get(callId)
    if (!stored?.record.recording_details) return new Response(`Call ${callId} has no recording.`, { status: 404 })
    const range = request.headers.get('range') ?? undefined
    const upstream = await deps.client().openRecording(stored.record, { ...(range ? { range } : {}), signal: request.signal })
    const headers = new Headers()
    for (const name of PASSED_HEADERS) {
      const value = upstream.headers.get(name)
      if (value) headers.set(name, value)
    }
    return new Response(upstream.body, { status: upstream.status, headers })
  } catch (error) {
    deps.log.warn('recording: could not stream', { callId, error })
    const message = error instanceof AppError ? error.message : 'The recording could not be loaded.'
    return new Response(message, { status: error instanceof AppError && error.status ? error.status : 502 })
  }
}
