/**
 * The one HTTP wrapper of the Convirza client (docs/architecture.md "A request, end to end"): injected
 * fetch, a per-request timeout combined with the caller's AbortSignal, retries (p-retry) with
 * exponential backoff and jitter (`backoffDelayMs`), and a typed `AppError` for every failure.
 *
 * Retry policy: network errors, 429 (after waiting Retry-After) and
 * 502/503/504 are retried; 400/401/403/404/410 never are. 500 is not retried either: the docs
 * list it as the API's own failure for a request it received, which repeats for the same
 * request, and retrying would triple the load on a failing server and the user's wait before
 * they see the message. 502/503/504 come from gateways in front of a server that is restarting
 * or overloaded, which a short wait usually cures. Timeouts are not retried, so a user waits at
 * most `timeoutMs` for an unresponsive server. Invalid bodies are not retried: a server that
 * answers nonsense once will usually do it again.
 */
import pRetry from 'p-retry'
import { AppError } from '@shared/errors'
import type { Logger } from '../log'
import { errorForStatus, parseRetryAfter, serverDetail, type StatusWording } from './http-errors'
import { loggableUrl, type SecretSet } from './redaction'

/** Injected transport and the retry/timeout policy; tests shorten the delays. */
export interface HttpOptions {
  fetch: typeof fetch
  log: Logger
  secrets: SecretSet
  clock?: () => Date
  /** Per attempt, until the whole JSON body (or a stream's headers) arrived. Default 30 s. */
  timeoutMs?: number
  /** Retries after the first attempt. Default 3. */
  retries?: number
  /** The first backoff delay; later ones double, each multiplied by a random 1–2 (jitter). Default 500 ms. */
  minRetryDelayMs?: number
  /** The jitter's random source, 0 ≤ x < 1. Default Math.random; tests inject one to see the delays. */
  random?: () => number
  /** A longer Retry-After is not waited out silently: the user gets the rate_limited error (and a countdown). Default 30 s. */
  maxRetryAfterSeconds?: number
}

/** One logical request; retries of it are this wrapper's business, not the caller's. */
export interface HttpRequest {
  /** What the user was doing, as messages start: "Loading calls". */
  action: string
  url: string
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  /** Sent as a JSON body. */
  json?: unknown
  signal?: AbortSignal | undefined
  /** false: send at most once (a single-use refresh token must never be sent twice). */
  retry?: boolean
  /** This request's own wording of some failures. */
  wording?: StatusWording
}

/** A successful JSON answer, before the caller checks its shape. */
export interface JsonResponse {
  status: number
  body: unknown
  /** X-Request-Id, when the server sent one (the body's request_id is read by the caller). */
  requestId: string | undefined
}

const RETRIED_STATUSES = new Set([429, 502, 503, 504])
const MAX_BACKOFF_MS = 10_000
const SUCCESS = [200, 201, 202, 203, 204]
/** Connection failures in which no byte of the request reached a server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'])

/** The system error code under a fetch failure (undici wraps it as `cause`), if any. */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

/** True when the request certainly never reached a server, so sending it again is safe. */
export function requestNeverSent(error: unknown): boolean {
  const code = networkErrorCode(error)
  return error instanceof AppError && error.kind === 'network' && code !== undefined && NOT_SENT_CODES.has(code)
}

/**
 * The wait before retry number `retry` (1 for the first): exponential backoff with full-range
 * jitter, `minDelayMs × 2^(retry−1) × (1 + random)`, at most 10 s. The jitter keeps clients that
 * failed together (a gateway restart) from all coming back in the same instant.
 */
export function backoffDelayMs(retry: number, minDelayMs: number, random: () => number): number {
  return Math.min(MAX_BACKOFF_MS, Math.round(minDelayMs * 2 ** (retry - 1) * (1 + random())))
}

function isRetried(error: unknown, maxRetryAfterSeconds: number): boolean {
  if (!(error instanceof AppError)) return false
  if (error.kind === 'network') return true
  if (error.status === 429) return (error.retryAfterSeconds ?? 0) <= maxRetryAfterSeconds
  return error.status !== undefined && RETRIED_STATUSES.has(error.status)
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** The wrapper itself: one per host (the OAuth host and the API host each get one). */
export class ConvirzaHttp {
  private readonly fetch: typeof fetch
  private readonly log: Logger
  private readonly secrets: SecretSet
  private readonly clock: () => Date
  private readonly timeoutMs: number
  private readonly retries: number
  private readonly minRetryDelayMs: number
  private readonly random: () => number
  private readonly maxRetryAfterSeconds: number

  constructor(options: HttpOptions) {
    this.fetch = options.fetch
    this.log = options.log
    this.secrets = options.secrets
    this.clock = options.clock ?? (() => new Date())
    this.timeoutMs = options.timeoutMs ?? 30_000
    this.retries = options.retries ?? 3
    this.minRetryDelayMs = options.minRetryDelayMs ?? 500
    this.random = options.random ?? Math.random
    this.maxRetryAfterSeconds = options.maxRetryAfterSeconds ?? 30
  }

  /** A request whose answer is a JSON document; the whole body is read within the timeout. */
  json(request: HttpRequest): Promise<JsonResponse> {
    return this.withRetries(request, SUCCESS, async (response) => {
      const text = await response.text()
      if (looksLikeWebPage(text, response.headers.get('content-type'))) throw webPageAnswered(request, response, text)
      let body: unknown = null
      try {
        // An empty success (a 204 from revoke, say) is not malformed; callers that need a body check its shape.
        if (text.trim() !== '') body = JSON.parse(text)
      } catch {
        throw notJsonAnswered(request, response, this.secrets.redact(text))
      }
      return { status: response.status, body, requestId: response.headers.get('x-request-id') ?? undefined }
    })
  }

  /**
   * A request whose body the caller streams (recordings). The timeout covers the wait for the
   * headers only: a 40-minute recording may take longer than any timeout to download, and only
   * the caller's signal may stop it once it flows.
   */
  stream(request: HttpRequest, okStatuses: readonly number[] = [200, 206]): Promise<Response> {
    return this.withRetries(request, okStatuses, async (response) => response)
  }

  private async withRetries<T>(request: HttpRequest, okStatuses: readonly number[], read: (response: Response) => Promise<T>): Promise<T> {
    try {
      return await pRetry((attempt) => this.attempt(request, attempt, okStatuses, read), {
        retries: request.retry === false ? 0 : this.retries,
        // p-retry runs the attempts; the backoff is waited below, where its random source can be injected.
        minTimeout: 0,
        randomize: false,
        signal: request.signal,
        shouldRetry: ({ error }) => isRetried(error, this.maxRetryAfterSeconds),
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
          if (retriesLeft <= 0 || !isRetried(error, this.maxRetryAfterSeconds)) return
          const retryAfter = error instanceof AppError ? error.retryAfterSeconds : undefined
          const backoffMs = backoffDelayMs(attemptNumber, this.minRetryDelayMs, this.random)
          this.log.warn('convirza request will be retried', {
            action: request.action,
            url: loggableUrl(request.url),
            attempt: attemptNumber,
            kind: error instanceof AppError ? error.kind : 'unknown',
            status: error instanceof AppError ? error.status : undefined,
            retryAfterSeconds: retryAfter,
            backoffMs
          })
          // The backoff comes on top of Retry-After, so the server gets at least the pause it asked for.
          await sleep((retryAfter ?? 0) * 1000 + backoffMs, request.signal)
        }
      })
    } catch (error) {
      if (error instanceof AppError) throw error
      if (request.signal?.aborted) throw this.cancelled(request)
      throw error
    }
  }

  private async attempt<T>(
    request: HttpRequest,
    attempt: number,
    okStatuses: readonly number[],
    read: (response: Response) => Promise<T>
  ): Promise<T> {
    // Not AbortSignal.timeout(): that cannot be disarmed, and would cut a recording stream off
    // mid-download once the headers have arrived.
    const timeout = new AbortController()
    const timer = setTimeout(() => timeout.abort(), this.timeoutMs)
    const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal
    const started = performance.now()
    const method = request.method ?? 'GET'
    try {
      const headers: Record<string, string> = { accept: 'application/json', ...request.headers }
      if (request.json !== undefined) headers['content-type'] = 'application/json'
      const response = await this.fetch(request.url, {
        method,
        headers,
        body: request.json === undefined ? undefined : JSON.stringify(request.json),
        signal
      })
      this.log.debug('convirza response', {
        method,
        url: loggableUrl(request.url),
        status: response.status,
        attempt,
        ms: Math.round(performance.now() - started)
      })
      if (!okStatuses.includes(response.status)) throw await this.statusError(request, response)
      return await read(response)
    } catch (error) {
      throw this.toAppError(request, error, timeout.signal)
    } finally {
      clearTimeout(timer)
    }
  }

  private async statusError(request: HttpRequest, response: Response): Promise<AppError> {
    let text = ''
    try {
      text = await response.text()
    } catch {
      // The body of an error is a courtesy; its status already says what happened.
    }
    const detail = serverDetail(text, response.headers)
    if (detail.message) detail.message = this.secrets.redact(detail.message)
    const retryAfter = response.status === 429 ? parseRetryAfter(response.headers.get('retry-after'), this.clock()) : undefined
    return errorForStatus(request.action, response.status, detail, {
      ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
      ...(request.wording ? { wording: request.wording } : {}),
      host: safeHost(request.url)
    })
  }

  private toAppError(request: HttpRequest, error: unknown, timeout: AbortSignal): AppError {
    if (error instanceof AppError) return error
    if (request.signal?.aborted) return this.cancelled(request)
    const host = safeHost(request.url)
    if (timeout.aborted)
      return new AppError(
        'timeout',
        `${request.action} failed: ${host} did not answer within ${Math.round(this.timeoutMs / 1000)} seconds. Check your connection and try again.`,
        { cause: error }
      )
    const code = networkErrorCode(error)
    this.log.warn('convirza network error', { action: request.action, url: loggableUrl(request.url), code, error })
    return new AppError(
      'network',
      `${request.action} failed: could not reach ${host}${code ? ` (${code})` : ''}. Check your internet connection or proxy settings and try again.`,
      { cause: error }
    )
  }

  private cancelled(request: HttpRequest): AppError {
    return new AppError('cancelled', `${request.action} was cancelled.`)
  }
}

/** An HTML document where JSON was expected: a proxy's, a captive portal's or a gateway's page. */
export function looksLikeWebPage(text: string, contentType: string | null): boolean {
  if (contentType && /text\/html|application\/xhtml/i.test(contentType)) return true
  return /^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text.slice(0, 512))
}

/**
 * Names a web page that answered instead of the API for what it is: a proxy, captive portal
 * (hotel or guest Wi-Fi sign-in) or gateway in between, not the server misbehaving.
 */
function webPageAnswered(request: HttpRequest, response: Response, text: string): AppError {
  const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(text)?.[1]?.trim()
  const login = /type=["']?password|sign[ -]?in|log[ -]?in|captive|portal|accept.{0,20}terms/i.test(text)
  const what = login ? 'a sign-in page' : 'a web page'
  return new AppError(
    'invalid_response',
    `${request.action} failed: ${what}${title ? ` ("${title}")` : ''} answered instead of Convirza's API (HTTP ${response.status} from ${safeHost(request.url)}). ` +
      'Check your proxy, or open a browser to complete the network sign-in, then try again.',
    { status: response.status, requestId: response.headers.get('x-request-id') ?? undefined }
  )
}

/**
 * An answer that is not JSON: cut off (it began as JSON), or a line of text from whatever answered
 * (a proxy's or gateway's "Service Unavailable"), quoted so the user sees who spoke.
 */
function notJsonAnswered(request: HttpRequest, response: Response, text: string): AppError {
  const trimmed = text.trim()
  const details = { status: response.status, requestId: response.headers.get('x-request-id') ?? undefined }
  const host = safeHost(request.url)
  if (/^[{[]/.test(trimmed) || hasControlCharacters(trimmed.slice(0, 512)))
    return new AppError(
      'invalid_response',
      `${request.action} failed: the answer from ${host} was cut off or is not valid JSON (${text.length} bytes received). Try again; if it keeps happening, the server is misbehaving.`,
      details
    )
  const line = trimmed.replace(/\s+/g, ' ')
  const quoted = line.length > 160 ? `${line.slice(0, 160)}…` : line
  return new AppError(
    'invalid_response',
    `${request.action} failed: ${host} answered with a line of text instead of Convirza's data: "${quoted}" (HTTP ${response.status}). ` +
      'If your network uses a proxy, it may be answering for Convirza: check the address, or try again later.',
    details
  )
}

/** True for text with control characters other than tabs and line breaks: binary, not a message. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 9 || (code > 13 && code < 32)) return true
  }
  return false
}

function safeHost(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return 'the server'
  }
}
