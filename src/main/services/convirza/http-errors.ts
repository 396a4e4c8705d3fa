/**
 * What each HTTP outcome means to the user. docs/convirza-api.md documents 200, 400, 401, 403, 404 and
 * 500 for the data API, 410 for an expired recording URL, and says to honour Retry-After on 429.
 * Every message says what failed, why, and what to do; the server's `message` is quoted and its
 * `request_id` travels on the error so support can trace the request.
 */
import { AppError, type ErrorKind } from '@shared/errors'
import { EnvelopeSchema } from '@shared/convirza/schemas'

/** What the server said about a failure, taken from its envelope (or the X-Request-Id header). */
export interface ServerDetail {
  message?: string | undefined
  requestId?: string | undefined
}

const MAX_QUOTED = 300

/** Pull `message` and `request_id` out of an error body; tolerate any shape (docs/convirza-api.md "Responses"). */
export function serverDetail(bodyText: string, headers: Headers): ServerDetail {
  const detail: ServerDetail = { requestId: headers.get('x-request-id') ?? undefined }
  try {
    const parsed = EnvelopeSchema.safeParse(JSON.parse(bodyText))
    if (parsed.success) {
      detail.message = parsed.data.message ?? undefined
      detail.requestId = parsed.data.request_id ?? detail.requestId
    }
  } catch {
    // Not JSON (a proxy's HTML page, say): there is no server message to quote.
  }
  return detail
}

/** ` The server said: "…".`, or '' when the server gave no message; used by every error that quotes it. */
export function quoted(detail: ServerDetail): string {
  const message = detail.message?.trim()
  if (!message) return ''
  const text = message.length > MAX_QUOTED ? `${message.slice(0, MAX_QUOTED)}…` : message
  // A quote that ends its own sentence ("…org unit.") takes no second full stop after it.
  return ` The server said: "${text}"${/[.!?…]$/.test(text) ? '' : '.'}`
}

/**
 * An error about a refused session built on top of the server's own refusal: keeps its status,
 * request id and (already redacted) message, so the user and support still see what the server said.
 */
export function fromServerRefusal(kind: ErrorKind, what: string, todo: string, refusal: AppError | undefined): AppError {
  return new AppError(kind, `${what}${quoted({ message: refusal?.serverMessage })} ${todo}`, {
    status: refusal?.status,
    requestId: refusal?.requestId,
    serverMessage: refusal?.serverMessage,
    cause: refusal
  })
}

interface Meaning {
  kind: ErrorKind
  why: string
  todo: string
}

/**
 * A request's own wording for some statuses (sign-in: a 401 is about credentials, not a
 * session), and, where a status means something else for it, its own kind.
 */
export type StatusWording = Partial<Record<number, { why: string; todo: string; kind?: ErrorKind }>>

function meaningOf(status: number, retryAfterSeconds: number | undefined, host: string | undefined): Meaning {
  const server = host ?? 'the server'
  switch (status) {
    case 400:
      return { kind: 'bad_request', why: 'the server refused the request as invalid', todo: 'Check the filters and try again.' }
    case 401:
      return { kind: 'unauthorized', why: 'your sign-in is no longer valid', todo: 'Sign in again.' }
    case 403:
      return {
        kind: 'forbidden',
        why: 'the org unit is outside your account',
        todo: 'Choose an org unit from your own account, or ask your Convirza admin for access.'
      }
    case 404:
      return { kind: 'not_found', why: 'the server has no such item', todo: 'Refresh the list; it may have been removed.' }
    case 410:
      return { kind: 'gone', why: 'the link has expired', todo: 'Fetch the call again to get a fresh link.' }
    case 429:
      return {
        kind: 'rate_limited',
        why: 'too many requests were made in a short time',
        todo:
          retryAfterSeconds === undefined
            ? 'Wait a minute and try again.'
            : `Wait ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'} and try again.`
      }
    // 502 and 504 come from a gateway or proxy in front of the server (it got a bad answer, or
    // none in time): say so, since a proxy of the user's own network may be the one failing.
    case 502:
      return {
        kind: 'server',
        why: `${server} is temporarily unavailable (HTTP 502: a gateway or proxy in front of it got no valid answer from it)`,
        todo: 'Try again in a few minutes. If it keeps happening and your network uses a proxy, check that the proxy is working.'
      }
    case 503:
      return { kind: 'server', why: `${server} is temporarily unavailable (HTTP 503)`, todo: 'Try again in a few minutes.' }
    case 504:
      return {
        kind: 'server',
        why: `${server} did not answer in time (HTTP 504: a gateway or proxy in front of it gave up waiting)`,
        todo: 'Try again in a few minutes. If it keeps happening and your network uses a proxy, check that the proxy is working.'
      }
    default:
      if (status >= 500)
        return {
          kind: 'server',
          why: `the Convirza server had an internal error (HTTP ${status})`,
          todo: 'Try again later; if it keeps happening, send the request id to Convirza support.'
        }
      return { kind: 'bad_request', why: `the server refused the request (HTTP ${status})`, todo: 'Check the input and try again.' }
  }
}

export interface StatusContext {
  retryAfterSeconds?: number
  /** The request's own wording for some statuses. */
  wording?: StatusWording
  /** The host that answered, named where a gateway's status leaves the user guessing who failed. */
  host?: string
}

/** The typed error for a non-success status. */
export function errorForStatus(
  action: string,
  status: number,
  detail: ServerDetail,
  { retryAfterSeconds, wording, host }: StatusContext = {}
): AppError {
  const meaning = { ...meaningOf(status, retryAfterSeconds, host), ...wording?.[status] }
  return new AppError(meaning.kind, `${action} failed: ${meaning.why}.${quoted(detail)} ${meaning.todo}`, {
    status,
    requestId: detail.requestId,
    retryAfterSeconds,
    serverMessage: detail.message
  })
}

/**
 * Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). Returns whole seconds
 * to wait (0 for a date in the past), or undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, Math.ceil((date - now.getTime()) / 1000))
}
