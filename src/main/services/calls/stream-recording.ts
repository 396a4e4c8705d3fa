/**
 * Answers the page's request for a call's recording: from disk when the recording is cached
 * (Range served from the file), otherwise streamed from the API with the page's Range header
 * passed upstream — so howler (html5 audio) can seek in a 40-minute file without anything reading
 * it whole — while the whole file is fetched into the cache in the background. The client
 * refreshes an expired signed URL itself.
 */
import type { CallLibrary } from '../library/call-library'
import type { ConvirzaClient } from '../convirza/client'
import type { Logger } from '../log'
import type { RecordingFiles } from '../offline/recording-files'
import { AppError } from '../../../shared/errors'

/** The call id is the last path segment: recording://call/<id> or http://127.0.0.1:P/recording/<id>. */
export function recordingCallId(url: string): number | null {
  const last = new URL(url).pathname.split('/').filter(Boolean).pop() ?? ''
  return /^\d+$/.test(last) ? Number(last) : null
}

const PASSED_HEADERS = ['content-type', 'content-length', 'content-range', 'accept-ranges']

export async function streamRecording(
  request: Request,
  deps: { library: () => CallLibrary; files: () => RecordingFiles; client: () => ConvirzaClient; log: Logger }
): Promise<Response> {
  const callId = recordingCallId(request.url)
  if (callId === null) return new Response('Not a recording address.', { status: 404 })
  try {
    const files = deps.files()
    const cached = files.serve(callId, request.headers.get('range'))
    if (cached) return cached
    const stored = deps.library().get(callId)
    if (!stored?.record.recording_details) return new Response(`Call ${callId} has no recording.`, { status: 404 })
    const client = deps.client()
    void files
      .download(stored.record, (record, opts) => client.openRecording(record, opts))
      .catch((error: unknown) => deps.log.warn('recording: background download failed', { callId, error }))
    const range = request.headers.get('range') ?? undefined
    const upstream = await client.openRecording(stored.record, { ...(range ? { range } : {}), signal: request.signal })
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
