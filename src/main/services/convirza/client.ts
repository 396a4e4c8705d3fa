/**
 * The Convirza V3 data API for the main process (calls-api.md): the calls list with every
 * documented parameter, one call by `call_id`, every page of a query, the org-unit tree, and a
 * call's recording. Queries are checked against the documented rules before any request; a 401
 * renews the session once (through ConvirzaAuth's single in-flight refresh) and retries once.
 */
import { AppError } from '../../../shared/errors'
import {
  parseCallsPage,
  type CallRecord,
  type CallsPage,
  type GroupNode,
  type IncludeModule,
  type RecordIssue
} from '../../../shared/convirza/schemas'
import { toQueryString, validateCallQuery, type CallQuery, type CallQueryInput } from '../../../shared/convirza/query'
import type { Logger } from '../log'
import type { ConvirzaAuth } from './auth'
import { parseGroupsTree } from './groups-tree'
import { ConvirzaHttp, type HttpRequest } from './http'
import { fromServerRefusal } from './http-errors'
import { forEachPageInOrder } from './paging'

/** The API host, transport and sign-in; timeout and retry settings default to the HTTP wrapper's. */
export interface ConvirzaClientOptions {
  /** Without the /v3 suffix, e.g. https://platform-api.convirza.com */
  apiBaseUrl: string
  fetch: typeof fetch
  auth: ConvirzaAuth
  log: Logger
  clock?: () => Date
  timeoutMs?: number
  retries?: number
  minRetryDelayMs?: number
  /** The retry jitter's random source (tests). */
  random?: () => number
}

type RecordingCall = Pick<CallRecord, 'call_id' | 'recording_details'>

/** A signed URL this close to its expiry is treated as expired: the download must still start in time. */
const EXPIRY_MARGIN_SECONDS = 60
const DEFAULT_CONCURRENCY = 4
const MAX_CONCURRENCY = 16
/** A refused recording link is about the link, not about org units or filters. */
const RECORDING_WORDING = {
  403: { why: 'the recording server refused the link', todo: 'Close the call and open it again to get a fresh link.' },
  404: { why: 'the recording no longer exists on the server', todo: 'The call may have been deleted; refresh the list.' },
  416: { why: 'the requested part of the recording is out of range', todo: 'Play the recording from the start.' }
}

/** The data API for one profile; every method throws AppError and never leaks a token. */
export class ConvirzaClient {
  private readonly apiBaseUrl: string
  private readonly auth: ConvirzaAuth
  private readonly log: Logger
  private readonly clock: () => Date
  private readonly http: ConvirzaHttp

  constructor(options: ConvirzaClientOptions) {
    this.apiBaseUrl = options.apiBaseUrl.replace(/\/+$/, '')
    this.auth = options.auth
    this.log = options.log
    this.clock = options.clock ?? (() => new Date())
    this.http = new ConvirzaHttp({
      fetch: options.fetch,
      log: options.log,
      secrets: options.auth.secrets,
      clock: this.clock,
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      minRetryDelayMs: options.minRetryDelayMs,
      random: options.random
    })
  }

  /** Validates with validateCallQuery BEFORE any request (throws AppError kind 'validation' with fields). On 401: one refresh (via auth.refresh single-flight) then one retry. */
  async listCalls(input: CallQueryInput, opts: { signal?: AbortSignal; retry?: boolean } = {}): Promise<CallsPage & { query: CallQuery }> {
    const query = this.validate(input)
    return { ...(await this.fetchPage(query, opts.signal, opts.retry)), query }
  }

  /** One call by id (single-record mode of the list endpoint; calls-api.md has no other path). Null when there is none. */
  async getCall(callId: number, include: IncludeModule[] = [], opts: { signal?: AbortSignal } = {}): Promise<CallRecord | null> {
    const query = this.validate({ call_id: callId, include })
    let page: CallsPage
    try {
      page = await this.fetchPage(query, opts.signal)
    } catch (error) {
      if (error instanceof AppError && error.kind === 'not_found') return null
      throw error
    }
    const call = page.calls.find((c) => c.call_id === callId)
    if (call) return call
    const issue = page.issues[0]
    if (issue)
      throw new AppError(
        'invalid_response',
        `Loading call ${callId} failed: the server sent it with an invalid field "${issue.path}" (${issue.message}). The call cannot be shown until the server's data is fixed.`,
        { requestId: page.requestId ?? undefined }
      )
    return null
  }

  /** Every page of a query, pages fetched with bounded concurrency, cancellable; pages delivered in order. */
  async listAllCalls(
    input: CallQueryInput,
    opts: {
      concurrency?: number
      signal?: AbortSignal
      onPage?: (page: CallsPage, pageIndex: number, pageCount: number) => void | Promise<void>
    } = {}
  ): Promise<{ total: number; calls: CallRecord[]; issues: RecordIssue[] }> {
    // Validation fixes `end` (default: now), so calls arriving while we page do not shift the offsets.
    const query = this.validate(input)
    const calls: CallRecord[] = []
    const issues: RecordIssue[] = []
    const seen = new Set<number>()
    let total = 0
    await forEachPageInOrder<CallsPage>({
      // Offsets follow from `limit`, so the first pages start together; the first answer's `total` says how many there are.
      count: query.call_id === undefined ? (page) => Math.max(1, Math.ceil((page.total - query.offset) / query.limit)) : 1,
      concurrency: Math.min(MAX_CONCURRENCY, opts.concurrency ?? DEFAULT_CONCURRENCY),
      signal: opts.signal,
      fetchPage: (index, signal) => this.fetchPage({ ...query, offset: query.offset + index * query.limit }, signal),
      deliver: async (page, index, pageCount) => {
        if (index === 0) total = page.total
        for (const call of page.calls) {
          if (seen.has(call.call_id)) continue
          seen.add(call.call_id)
          calls.push(call)
        }
        issues.push(...page.issues)
        await opts.onPage?.(page, index, pageCount)
      }
    })
    return { total, calls, issues }
  }

  /** The org-unit tree for a picker (calls-api.md "Groups"). */
  async groupsTree(opts: { signal?: AbortSignal } = {}): Promise<GroupNode[]> {
    const action = 'Loading your org units'
    const response = await this.authorized((token) =>
      this.http.json(this.apiRequest(action, '/v3/groups/tree', token, opts.signal))
    )
    const tree = parseGroupsTree(response.body)
    if (!tree)
      throw new AppError('invalid_response', `${action} failed: the server's answer holds no org-unit tree. Try again later.`, {
        requestId: requestIdOf(response.body) ?? response.requestId
      })
    if (tree.skipped) this.log.warn('groups tree: nodes left out', { skipped: tree.skipped })
    return tree.nodes
  }

  /** A valid URL for a call's recording: if expires_at has passed (with a safety margin), re-fetch the call with call_id + include=recordings. */
  async recordingUrl(call: RecordingCall, onFreshRecord?: (record: CallRecord) => void): Promise<string> {
    const details = call.recording_details
    if (details?.url && !this.expired(details.expires_at)) return details.url
    return this.freshRecordingUrl(call.call_id, onFreshRecord)
  }

  /** GET the recording bytes (optional Range header); on 410 re-fetch the call for a fresh URL and retry exactly once. Returns the raw Response (status 200/206) for streaming. */
  async openRecording(
    call: RecordingCall,
    opts: { range?: string; signal?: AbortSignal; onFreshRecord?: (record: CallRecord) => void } = {}
  ): Promise<Response> {
    const url = await this.recordingUrl(call, opts.onFreshRecord)
    try {
      return await this.fetchRecording(url, opts)
    } catch (error) {
      if (!(error instanceof AppError) || error.kind !== 'gone') throw error
      this.log.info('recording URL expired; fetching a fresh one', { callId: call.call_id })
      return this.fetchRecording(await this.freshRecordingUrl(call.call_id, opts.onFreshRecord), opts)
    }
  }

  private validate(input: CallQueryInput): CallQuery {
    const result = validateCallQuery(input, this.clock())
    if (result.ok) return result.query
    const list = result.violations.map((v) => `${v.field} (${v.rule}): ${v.message}`).join(' ')
    throw new AppError('validation', `The call search was not sent because it breaks the API's rules. ${list}`, {
      fields: result.violations.map((v) => ({ field: v.field, message: v.message }))
    })
  }

  private async fetchPage(query: CallQuery, signal: AbortSignal | undefined, retry?: boolean): Promise<CallsPage> {
    const action = query.call_id === undefined ? 'Loading calls' : `Loading call ${query.call_id}`
    const path = `/v3/conversations/calls?${toQueryString(query)}`
    const response = await this.authorized((token) => this.http.json({ ...this.apiRequest(action, path, token, signal), ...(retry === false ? { retry } : {}) }))
    const page = parseCallsPage(response.body)
    if ('error' in page) {
      const issue = page.error.issues[0]
      throw new AppError(
        'invalid_response',
        `${action} failed: the server's answer is not a calls list${issue ? ` ("${issue.path.join('.') || 'body'}": ${issue.message})` : ''}. Try again later; if it keeps happening, the server is misbehaving.`,
        { status: response.status, requestId: requestIdOf(response.body) ?? response.requestId }
      )
    }
    if (page.issues.length)
      this.log.warn('calls page: records refused', {
        requestId: page.requestId,
        issues: page.issues.map((i) => ({ callId: i.callId, path: i.path, message: i.message }))
      })
    return { ...page, requestId: page.requestId ?? response.requestId ?? null }
  }

  /** Run an API request with the current token; on 401 renew once (single-flight) and retry once. */
  private async authorized<T>(run: (token: string) => Promise<T>): Promise<T> {
    const token = this.auth.accessToken()
    if (!token) throw new AppError('not_signed_in', 'You are not signed in. Sign in to load calls.')
    try {
      return await run(token)
    } catch (error) {
      if (!(error instanceof AppError) || error.kind !== 'unauthorized') throw error
      // Another request may already have renewed the session while this one was out.
      if (this.auth.accessToken() === token) await this.auth.refresh(error)
      const renewed = this.auth.accessToken()
      if (!renewed) throw error
      try {
        return await run(renewed)
      } catch (retryError) {
        if (!(retryError instanceof AppError) || retryError.kind !== 'unauthorized') throw retryError
        throw fromServerRefusal(
          'unauthorized',
          'The server refused the session even after renewing it.',
          'Sign in again to keep working.',
          retryError
        )
      }
    }
  }

  private apiRequest(action: string, path: string, token: string, signal: AbortSignal | undefined): HttpRequest {
    return { action, url: this.apiBaseUrl + path, headers: { authorization: `Bearer ${token}` }, signal }
  }

  private expired(expiresAt: number | null | undefined): boolean {
    // Unknown expiry: use the URL and let a 410 say otherwise.
    if (expiresAt === null || expiresAt === undefined) return false
    return expiresAt - EXPIRY_MARGIN_SECONDS <= this.clock().getTime() / 1000
  }

  /** `onFreshRecord` gets the call as re-fetched, so the caller can keep its new URL (the offline library does). */
  private async freshRecordingUrl(callId: number, onFreshRecord?: (record: CallRecord) => void): Promise<string> {
    const fresh = await this.getCall(callId, ['recordings'])
    if (!fresh) throw new AppError('not_found', `Call ${callId} was not found on the server, so its recording cannot be played. Refresh the list.`)
    onFreshRecord?.(fresh)
    const url = fresh.recording_details?.url
    if (!url) throw new AppError('not_found', `Call ${callId} has no recording on the server.`)
    return url
  }

  /**
   * The signed URL authorises itself (its query string carries the signature), so no bearer
   * token is sent: the recording host may not be the API host, and the token must not leak.
   */
  private fetchRecording(url: string, opts: { range?: string; signal?: AbortSignal }): Promise<Response> {
    const headers: Record<string, string> = { accept: 'audio/*' }
    if (opts.range) headers.range = opts.range
    return this.http.stream({ action: 'Loading the recording', url, headers, signal: opts.signal, wording: RECORDING_WORDING })
  }
}

function requestIdOf(body: unknown): string | undefined {
  const id = (body as { request_id?: unknown } | null)?.request_id
  return typeof id === 'string' ? id : undefined
}
