/**
 * The small HTTP layer every demo route shares: the envelope (docs/convirza-api.md "Responses":
 * `code`, `message`, `request_id`, `timestamp`), JSON bodies with a Content-Length, errors as
 * values, and JSON request bodies. Injected body faults (truncated or malformed JSON) are applied
 * here, at the one place JSON leaves the server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Fault, FaultKind } from './faults'

/** One request as the routes see it. */
export interface RequestContext {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  requestId: string
  now: () => Date
  /** Take the first queued fault of these kinds that matches this request (see faults.ts). */
  takeFault<K extends FaultKind>(kinds: readonly K[]): Extract<Fault, { kind: K }> | null
}

/** Thrown by a route to answer with an error envelope. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

export function envelope(context: RequestContext, status: number, message: string, data?: unknown): Record<string, unknown> {
  return {
    code: status,
    message,
    ...(data === undefined ? {} : { data }),
    request_id: context.requestId,
    timestamp: context.now().toISOString()
  }
}

/**
 * An array of values already encoded as JSON, one Buffer each, for `sendJson` to splice into a
 * body as it is. A listing page is 200 records the server has served before: encoding each once
 * and copying its bytes keeps a page's cost in the copying, not in building, stringifying and
 * UTF-8-encoding 300 KB again for every request.
 */
export class EncodedJsonArray {
  constructor(readonly items: readonly Buffer[]) {}
}

/** What stands for an EncodedJsonArray in the stringified body until its bytes are spliced in. */
const ENCODED_ARRAY_MARK = '\u0000encoded-json-array\u0000'
const ENCODED_ARRAY_TOKEN = JSON.stringify(ENCODED_ARRAY_MARK)
const COMMA = Buffer.from(',')
const OPEN = Buffer.from('[')
const CLOSE = Buffer.from(']')

/**
 * Encode `body` once, splicing in the encoded arrays it holds, in the order they stringified.
 * The chunks go to the socket as they are (one writev), not copied into one buffer first.
 */
function encodeBody(body: unknown): Buffer[] {
  const arrays: EncodedJsonArray[] = []
  const text = JSON.stringify(body, (_key, value: unknown) => {
    if (!(value instanceof EncodedJsonArray)) return value
    arrays.push(value)
    return ENCODED_ARRAY_MARK
  })
  if (arrays.length === 0) return [Buffer.from(text, 'utf8')]
  const parts = text.split(ENCODED_ARRAY_TOKEN)
  const chunks: Buffer[] = []
  parts.forEach((part, i) => {
    chunks.push(Buffer.from(part, 'utf8'))
    const array = arrays[i]
    if (!array) return
    chunks.push(OPEN)
    array.items.forEach((item, k) => {
      if (k > 0) chunks.push(COMMA)
      chunks.push(item)
    })
    chunks.push(CLOSE)
  })
  return chunks
}

/** Send `body` as JSON, unless a body fault says to break it. */
export function sendJson(context: RequestContext, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const { res } = context
  const fault = context.takeFault(['truncated-json', 'malformed-json'])?.kind ?? null
  res.statusCode = status
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  if (fault === 'malformed-json') {
    const out = Buffer.from(`{"code": ${status}, "message": "Success", data: [oops,}`, 'utf8')
    res.setHeader('Content-Length', out.length)
    res.end(out)
    return
  }
  // Encoded once: a Content-Length taken from a string and then writing that string would
  // encode a 300 KB page twice.
  const chunks = encodeBody(body)
  if (fault === 'truncated-json') {
    // A body cut off mid-stream: the status and headers are fine, the JSON ends too early.
    // Chunked (no Content-Length), so the HTTP exchange itself completes normally.
    const out = Buffer.concat(chunks)
    res.end(out.subarray(0, Math.max(1, Math.floor(out.length / 2))))
    return
  }
  res.setHeader(
    'Content-Length',
    chunks.reduce((sum, chunk) => sum + chunk.length, 0)
  )
  res.cork()
  for (const chunk of chunks) res.write(chunk)
  res.end()
  res.uncork()
}

export function sendError(context: RequestContext, status: number, message: string, headers: Record<string, string> = {}): void {
  sendJson(context, status, envelope(context, status, message), headers)
}

/** Read a JSON object body; a missing or broken body is a 400 that says so. */
export async function readJsonBody(req: IncomingMessage, limitBytes = 64 * 1024): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limitBytes) throw new HttpError(413, `The request body is larger than ${limitBytes} bytes.`)
    chunks.push(chunk)
  }
  const text = Buffer.concat(chunks).toString('utf8').trim()
  if (!text) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON; send a JSON object with Content-Type: application/json.')
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new HttpError(400, 'The request body must be a JSON object.')
  return parsed as Record<string, unknown>
}

/** The bearer token of the Authorization header, or null. */
export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null
  return match ? (match[1] as string) : null
}
