/**
 * The Convirza V3 data API for the main process (docs/convirza-api.md): the calls list with every
 * documented parameter, one call by `call_id`, every page of a query, the org-unit tree, and a
 * call's recording. Queries are checked against the documented rules before any request; a 401
 * renews the session once (through ConvirzaAuth's single in-flight refresh) and retries once.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import { AppError } from '@shared/errors'
import { isTrustedServerUrl } from '@shared/url-trust'
import {
  parseCallsPageInSlices,
  type CallRecord,
  type CallsPage,
  type GroupNode,
  type IncludeModule,
  type RecordIssue
} from '@shared/convirza/schemas'
import { isValidatedQuery, toQueryString, validateCallQuery, type CallQuery, type CallQueryInput } from '@shared/convirza/query'
import type { Logger } from '../log'
import type { ConvirzaAuth } from './auth'
import { parseGroupsTree } from './groups-tree'
import { ConvirzaHttp, type HttpRequest } from './http'
import { DEFAULT_API_BASE_URL } from '@shared/ipc/contract/values'
import { fromServerRefusal, type StatusWording } from './http-errors'
import { forEachPageInOrder } from './paging'
import { reconcileRange, type PassSignals } from './reconcile'

/** A page as transferred: the send slot it went out in, and its answer parsed on demand. */
interface TransferredPage {
  slot: number
  page: () => CallsPage
}

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

/** Every call of a query, and whether the listing adds up against the server's latest total. */
export interface CallListing {
  total: number
  calls: CallRecord[]
  /** Records refused (no usable call_id). */
  issues: RecordIssue[]
  /** Records kept with fields emptied (see the record's client_notes). */
  degraded: RecordIssue[]
  check: {
    /** Every call of the range is in `calls` or `issues`. */
    complete: boolean
    serverTotal: number
    /** Calls read during the listing that the server no longer has. */
    removed: number
    /** What did not add up at first; null when the pages did. */
    reason: string | null
    /** Requests made to check and close gaps. */
    requests: number
  }
}

/** A signed URL this close to its expiry is treated as expired: the download must still start in time. */
const EXPIRY_MARGIN_SECONDS = 60
const DEFAULT_CONCURRENCY = 4
const MAX_CONCURRENCY = 16
/**
 * A refused recording link is about the link, not about org units or filters. Signed links may
 * live on a storage host or CDN that answers an expired or revoked link with 403 (often with an
 * XML body) instead of the documented 410, so a 403 is read as "expired" and gets one fresh link.
 */
/**
 * A 404 for a list (the calls, the groups) is not an item gone: the API address does not lead to
 * the Convirza API, most often because a path was typed with it.
 */
function listWording(url: string): StatusWording {
  return {
    404: {
      why: `the API address does not lead to a Convirza API (${url.split('?')[0] ?? url} answered "not found")`,
      todo: `Check the profile’s API address: sign out, then correct it under Advanced on the sign-in screen (usually ${DEFAULT_API_BASE_URL}, with no path).`
    }
  }
}

const RECORDING_WORDING: StatusWording = {
  403: {
    kind: 'gone',
    why: 'the recording host refused the link (it has expired or was revoked)',
    todo: 'Close the call and open it again to get a fresh link.'
  },
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

  /**
   * One page. A query validateCallQuery returned is sent as it is (validated once, where it came
   * in); raw input is validated BEFORE any request (AppError kind 'validation' with fields).
   * On 401: one refresh (via auth.refresh single-flight) then one retry. `retry: false` asks
   * once, without the transient-failure retries (the call list's quick offline check).
   */
  async listCalls(
    input: CallQueryInput | CallQuery,
    opts: { signal?: AbortSignal; retry?: boolean } = {}
  ): Promise<CallsPage & { query: CallQuery }> {
    const query = this.validate(input)
    return { ...(await this.fetchPage(query, opts.signal, opts.retry)), query }
  }

  /** One call by id (single-record mode of the list endpoint; docs/convirza-api.md has no other path). Null when there is none. */
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

  /**
   * Every call of a query: pages fetched with bounded concurrency and delivered in order, then
   * checked against the server's latest total and, where they do not add up (the account
   * changed while it was paged, or the server answered short or capped pages), the gaps closed
   * by re-listing the windows of time that differ (see reconcile.ts). `check` says whether the
   * result is complete; `onPage` sees the first pass only.
   */
  async listAllCalls(
    input: CallQueryInput | CallQuery,
    opts: {
      concurrency?: number
      signal?: AbortSignal
      onPage?: (page: CallsPage, pageIndex: number, pageCount: number) => void | Promise<void>
    } = {}
  ): Promise<CallListing> {
    // Validation fixes `end` (default: now), so calls arriving while we page do not shift the offsets.
    const query = this.validate(input)
    const concurrency = Math.min(MAX_CONCURRENCY, opts.concurrency ?? DEFAULT_CONCURRENCY)
    const calls = new Map<number, CallRecord>()
    let issues: RecordIssue[] = []
    let degraded: RecordIssue[] = []
    const signals: PassSignals = { totals: [], duplicates: 0, shortPages: 0, refused: 0 }
    let largestPage = 0
    let sent = 0
    const totalsBySend: (number | undefined)[] = []
    // A slot holds only the transfer: a page's answer is parsed and checked when it is delivered,
    // so the next request goes out while the CPU reads the last one (the floor is the network's).
    await forEachPageInOrder<TransferredPage>({
      // Offsets follow from `limit`, so the first pages start together; the first answer's `total` says how many there are.
      count: query.call_id === undefined ? (transferred) => Math.max(1, Math.ceil((transferred.page().total - query.offset) / query.limit)) : 1,
      concurrency,
      signal: opts.signal,
      fetchPage: async (index, signal) => {
        // Totals are kept in the order the requests went out, the order the server saw them in.
        const slot = sent++
        return this.transferPage({ ...query, offset: query.offset + index * query.limit }, signal, slot)
      },
      deliver: async (transferred, index, pageCount) => {
        const page = transferred.page()
        totalsBySend[transferred.slot] = page.total
        const received = page.calls.length + page.issues.length
        largestPage = Math.max(largestPage, received)
        if (index < pageCount - 1 && received < query.limit) signals.shortPages++
        for (const call of page.calls) {
          if (calls.has(call.call_id)) signals.duplicates++
          calls.set(call.call_id, call)
        }
        issues.push(...page.issues)
        degraded.push(...page.degraded)
        await opts.onPage?.(page, index, pageCount)
      }
    })
    signals.refused = issues.length
    signals.totals = totalsBySend.filter((t): t is number => t !== undefined)
    const total = signals.totals[0] ?? 0
    // A single call, or a listing that starts part-way, has no range of its own to check.
    if (query.call_id !== undefined || query.offset !== 0)
      return {
        total,
        calls: [...calls.values()],
        issues,
        degraded,
        check: { complete: true, serverTotal: total, removed: 0, reason: null, requests: 0 }
      }
    const local = new Map([...calls.values()].map((c) => [c.call_id, Date.parse(c.call_started)]))
    const result = await reconcileRange({
      range: { start: query.start, end: query.end },
      local,
      signals,
      pageSize: Math.max(1, Math.min(query.limit, largestPage || query.limit)),
      concurrency,
      signal: opts.signal,
      fetch: (window, offset, limit, signal) => this.fetchPage({ ...query, ...window, offset, limit }, signal)
    })
    if (result.reason !== null) {
      for (const id of result.removed) calls.delete(id)
      for (const call of result.upserts) calls.set(call.call_id, call)
      issues = result.refused
      degraded = [...degraded.filter((d) => d.callId === null || calls.has(d.callId as number)), ...result.degraded]
      this.log.info('calls listing did not add up; gaps closed', {
        reason: result.reason,
        complete: result.complete,
        serverTotal: result.serverTotal,
        requests: result.requests
      })
    }
    // Newest first, as the API sorts, whatever order the gaps were closed in.
    const sorted = [...calls.values()].sort((a, b) => Date.parse(b.call_started) - Date.parse(a.call_started))
    return {
      total: result.serverTotal,
      calls: sorted,
      issues,
      degraded,
      check: {
        complete: result.complete,
        serverTotal: result.serverTotal,
        removed: result.removed.length,
        reason: result.reason,
        requests: result.requests
      }
    }
  }

  /** The org-unit tree for a picker (docs/convirza-api.md "Groups (org units)"). */
  async groupsTree(opts: { signal?: AbortSignal } = {}): Promise<GroupNode[]> {
    const action = 'Loading your org units'
    const response = await this.authorized((token) => {
      const request = this.apiRequest(action, '/v3/groups/tree', token, opts.signal)
      return this.http.json({ ...request, wording: listWording(request.url) })
    })
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

  /** GET the recording bytes (optional Range header); on 410, or a CDN's 403, re-fetch the call for a fresh URL and retry exactly once. Returns the raw Response (status 200/206) for streaming. */
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

  private validate(input: CallQueryInput | CallQuery): CallQuery {
    if (isValidatedQuery(input)) return input
    const result = validateCallQuery(input, this.clock())
    if (result.ok) return result.query
    const list = result.violations.map((v) => `${v.field} (${v.rule}): ${v.message}`).join(' ')
    throw new AppError('validation', `The call search was not sent because it breaks the API's rules. ${list}`, {
      fields: result.violations.map((v) => ({ field: v.field, message: v.message }))
    })
  }

  private async fetchPage(query: CallQuery, signal: AbortSignal | undefined, retry?: boolean): Promise<CallsPage> {
    return (await this.transferPage(query, signal, 0, retry)).page()
  }

  /** A page's answer as it came; `page()` parses and checks it (once), and throws what fetchPage would. */
  private async transferPage(query: CallQuery, signal: AbortSignal | undefined, slot: number, retry?: boolean): Promise<TransferredPage> {
    const action = query.call_id === undefined ? 'Loading calls' : `Loading call ${query.call_id}`
    const path = `/v3/conversations/calls?${toQueryString(query)}`
    const response = await this.authorized((token) => {
      const request = this.apiRequest(action, path, token, signal)
      return this.http.json({
        ...request,
        ...(query.call_id === undefined ? { wording: listWording(request.url) } : {}),
        ...(retry === false ? { retry } : {})
      })
    })
    // Checked now, a slice of records at a time with yields between (the main process's loop
    // goes on meanwhile); a refused answer is thrown when the page is read, in page order.
    const read = await this.readPage(action, response).then(
      (page) => ({ page }),
      (error: unknown) => ({ error })
    )
    return {
      slot,
      page: () => {
        if ('error' in read) throw read.error
        return read.page
      }
    }
  }

  private async readPage(action: string, response: { status: number; body: unknown; requestId?: string | null | undefined }): Promise<CallsPage> {
    const page = await parseCallsPageInSlices(response.body, () => nextTurn())
    if ('error' in page) {
      const issue = page.error.issues[0]
      throw new AppError(
        'invalid_response',
        `${action} failed: the server's answer is not a calls list${issue ? ` ("${issue.path.join('.') || 'body'}": ${issue.message})` : ''}. Try again later; if it keeps happening, the server is misbehaving.`,
        { status: response.status, requestId: requestIdOf(response.body) ?? response.requestId ?? undefined }
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
    // The URL comes from the server: never let it point at the disk, the app's own recording:
    // scheme or a plain-http host on the network (src/shared/url-trust.ts).
    if (!isTrustedServerUrl(url))
      return Promise.reject(
        new AppError(
          'invalid_response',
          `The server gave an unsafe address for this call's recording (${addressKind(url)}), so it was not loaded. Only https:// recordings are played.`
        )
      )
    const headers: Record<string, string> = { accept: 'audio/*' }
    if (opts.range) headers.range = opts.range
    return this.http.stream({ action: 'Loading the recording', url, headers, signal: opts.signal, wording: RECORDING_WORDING })
  }
}

/** The scheme and host of an address, never its query (which may carry a signature). */
function addressKind(url: string): string {
  try {
    const parsed = new URL(url)
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : parsed.protocol
  } catch {
    return 'not an address'
  }
}

function requestIdOf(body: unknown): string | undefined {
  const id = (body as { request_id?: unknown } | null)?.request_id
  return typeof id === 'string' ? id : undefined
}
