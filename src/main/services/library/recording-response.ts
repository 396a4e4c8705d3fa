/**
 * Responses for the page's recording requests (the recording:// protocol in the app, loopback
 * HTTP in the test harness): a cached file streamed from disk with HTTP Range, so the audio
 * element can seek in a 40-minute file without anything reading it whole, or the API's own
 * answer passed through while the file is not cached yet.
 */
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import type { AppError } from '@shared/errors'
import { parseRange } from '../http-range'

/** The call id is the URL's last path segment: recording://call/<id> or http://127.0.0.1:P/recording/<id>. */
export function recordingCallId(url: string): number | null {
  let pathname: string
  try {
    pathname = new URL(url).pathname
  } catch {
    return null
  }
  const last = pathname.split('/').filter(Boolean).pop() ?? ''
  if (!/^\d{1,15}$/.test(last)) return null
  const id = Number(last)
  return id > 0 ? id : null
}

export function textResponse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers } })
}

/** A file on disk, whole (200) or the part asked for (206), or 416 when the range lies past its end. */
export function fileResponse(path: string, size: number, contentType: string, request: Request): Response {
  const headers = new Headers({ 'Content-Type': contentType, 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store' })
  const range = parseRange(request.headers.get('range'), size)
  if (range.kind === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${size}`)
    return new Response(null, { status: 416, headers })
  }
  const start = range.kind === 'part' ? range.start : 0
  const end = range.kind === 'part' ? range.end : size - 1
  const length = Math.max(0, end - start + 1)
  headers.set('Content-Length', String(length))
  if (range.kind === 'part') headers.set('Content-Range', `bytes ${start}-${end}/${size}`)
  const status = range.kind === 'part' ? 206 : 200
  if (request.method === 'HEAD' || length === 0) return new Response(null, { status, headers })
  const stream = createReadStream(path, { start, end, highWaterMark: 64 * 1024 })
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status, headers })
}

const PASSED_HEADERS = ['content-type', 'content-length', 'content-range', 'accept-ranges']

/** The API's answer to the same request, with only the headers that describe the bytes. */
export function passThroughResponse(upstream: Response, method: string): Response {
  const headers = new Headers({ 'Cache-Control': 'no-store' })
  for (const name of PASSED_HEADERS) {
    const value = upstream.headers.get(name)
    if (value) headers.set(name, value)
  }
  if (method === 'HEAD') {
    void upstream.body?.cancel().catch(() => {})
    return new Response(null, { status: upstream.status, headers })
  }
  return new Response(upstream.body, { status: upstream.status, headers })
}

/** The HTTP status that tells the page what kind of failure an AppError is. */
export function errorStatus(error: AppError): number {
  switch (error.kind) {
    case 'network':
    case 'timeout':
      return 503
    case 'not_found':
      return 404
    case 'gone':
      return 410
    case 'unauthorized':
    case 'not_signed_in':
      return 401
    case 'forbidden':
      return 403
    case 'rate_limited':
      return 429
    default:
      return error.status && error.status >= 400 ? error.status : 502
  }
}
