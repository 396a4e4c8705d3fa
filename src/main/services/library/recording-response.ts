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

/** 416: the range asked for lies past the end of `size` bytes. */
function unsatisfiable(headers: Headers, size: number): Response {
  headers.set('Content-Range', `bytes */${size}`)
  return new Response(null, { status: 416, headers })
}

/** The headers of bytes start..end (inclusive) of `size`, answered as a 206. */
function setPart(headers: Headers, start: number, end: number, size: number): void {
  headers.set('Content-Length', String(Math.max(0, end - start + 1)))
  headers.set('Content-Range', `bytes ${start}-${end}/${size}`)
}

/** A file on disk, whole (200) or the part asked for (206), or 416 when the range lies past its end. */
export function fileResponse(path: string, size: number, contentType: string, request: Request): Response {
  const headers = new Headers({ 'Content-Type': contentType, 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store' })
  const range = parseRange(request.headers.get('range'), size)
  if (range.kind === 'unsatisfiable') return unsatisfiable(headers, size)
  const start = range.kind === 'part' ? range.start : 0
  const end = range.kind === 'part' ? range.end : size - 1
  const length = Math.max(0, end - start + 1)
  if (range.kind === 'part') setPart(headers, start, end, size)
  else headers.set('Content-Length', String(length))
  const status = range.kind === 'part' ? 206 : 200
  if (request.method === 'HEAD' || length === 0) return new Response(null, { status, headers })
  const stream = createReadStream(path, { start, end, highWaterMark: 64 * 1024 })
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status, headers })
}

const PASSED_HEADERS = ['content-type', 'content-length', 'content-range', 'accept-ranges']

/**
 * The API's answer to the same request, with only the headers that describe the bytes. A host
 * that ignores Range answers a seek with the whole file (200): the audio element would play it
 * from the start (a seek to 30:00 of a 40-minute call landed at 0:01). When the file's length is
 * known, the part asked for is cut out of that answer and sent as the 206 the page asked for
 * (the bytes before it are still read from the host, and dropped).
 */
export function passThroughResponse(upstream: Response, request: Pick<Request, 'method' | 'headers'>): Response {
  const headers = new Headers({ 'Cache-Control': 'no-store' })
  for (const name of PASSED_HEADERS) {
    const value = upstream.headers.get(name)
    if (value) headers.set(name, value)
  }
  const asked = request.headers.get('range')
  const size = Number(upstream.headers.get('content-length') ?? Number.NaN)
  // A compressed answer's length is not the file's (fetch has decoded it): nothing to cut by.
  const encoded = (upstream.headers.get('content-encoding') ?? 'identity').toLowerCase() !== 'identity'
  if (asked && upstream.status === 200 && !encoded && Number.isSafeInteger(size) && size >= 0) {
    const range = parseRange(asked, size)
    if (range.kind === 'unsatisfiable') {
      void upstream.body?.cancel().catch(() => {})
      headers.delete('content-length')
      return unsatisfiable(headers, size)
    }
    if (range.kind === 'part') {
      const length = range.end - range.start + 1
      setPart(headers, range.start, range.end, size)
      headers.set('Accept-Ranges', 'bytes')
      if (request.method === 'HEAD' || !upstream.body) {
        void upstream.body?.cancel().catch(() => {})
        return new Response(null, { status: 206, headers })
      }
      return new Response(sliceBody(upstream.body, range.start, length), { status: 206, headers })
    }
  }
  if (request.method === 'HEAD') {
    void upstream.body?.cancel().catch(() => {})
    return new Response(null, { status: upstream.status, headers })
  }
  return new Response(upstream.body, { status: upstream.status, headers })
}

/** `length` bytes of `body` from byte `start`; the rest is not read (the host's answer is cancelled). */
function sliceBody(body: ReadableStream<Uint8Array>, start: number, length: number): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  let skip = start
  let left = length
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const { done, value } = await reader.read()
        // Shorter than its length said: end here; the page sees a short answer, as from the host.
        if (done) return controller.close()
        let chunk = value
        if (skip > 0) {
          if (chunk.byteLength <= skip) {
            skip -= chunk.byteLength
            continue
          }
          chunk = chunk.subarray(skip)
          skip = 0
        }
        if (chunk.byteLength >= left) {
          controller.enqueue(chunk.subarray(0, left))
          left = 0
          controller.close()
          void reader.cancel().catch(() => {})
          return
        }
        left -= chunk.byteLength
        controller.enqueue(chunk)
        return
      }
    },
    cancel(reason) {
      return reader.cancel(reason)
    }
  })
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
