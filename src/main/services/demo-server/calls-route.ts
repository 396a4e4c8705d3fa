/**
 * GET /v3/conversations/calls (docs/convirza-api.md): bearer auth, every documented parameter,
 * `total` of all matches, pages newest first, include modules only when asked for, and
 * `call_id` single-record mode. Also GET /v3/groups/tree for the org-unit picker.
 */
import type { CallRecord } from '@shared/convirza/schemas'
import { ORG_UNITS, type DemoUser, type OrgUnit } from './accounts'
import { buildCallRecord, type RecordContext } from './call-record'
import { parseCallQuery } from './calls-query'
import { findCall, searchCalls } from './calls-search'
import { bearerToken, EncodedJsonArray, envelope, HttpError, sendJson, type RequestContext } from './http-helpers'
import type { EncodedRecordCache } from './record-cache'
import type { TokenRegistry } from './token-registry'

export interface ApiDeps {
  tokens: TokenRegistry
  /** Builds records; `expiredLinks` hands out recording URLs that have already expired. */
  recordContext(options: { expiredLinks: boolean }): RecordContext
  /** Records already encoded, for pages without recording links (see record-cache.ts). */
  encodedRecords?: EncodedRecordCache
}

/** The user behind the request's bearer token, or a 401 that says what to do. */
export function authenticate(context: RequestContext, tokens: TokenRegistry): DemoUser {
  const token = bearerToken(context.req)
  const headers = { 'WWW-Authenticate': 'Bearer realm="convirza-demo"' }
  if (!token) throw new HttpError(401, 'Authentication required: send "Authorization: Bearer <access_token>".', headers)
  const user = tokens.authenticate(token)
  if (!user) throw new HttpError(401, 'The access token is invalid, expired or revoked. Refresh it or sign in again.', headers)
  return user
}

/** Break one record of the page the way the fault asks (schema-invalid, the rest intact). */
function corrupt(calls: CallRecord[], field: 'call_started' | 'call_id'): void {
  const victim = calls[Math.floor(calls.length / 2)] as Record<string, unknown>
  if (field === 'call_id') victim.call_id = { id: victim.call_id }
  else victim.call_started = 'not-a-date'
}

export function handleCalls(context: RequestContext, deps: ApiDeps): void {
  const user = authenticate(context, deps.tokens)
  const query = parseCallQuery(context.url.searchParams, user, context.now())
  const expiredLinks = query.include.has('recordings') && context.takeFault(['expired-urls']) !== null
  const records = deps.recordContext({ expiredLinks })
  let total: number
  let indices: number[]
  if (query.mode === 'single') {
    const index = findCall(records.dataset, query.callId, user)
    if (index < 0) throw new HttpError(404, `No call with call_id ${query.callId} in your account.`)
    total = 1
    indices = [index]
  } else {
    const matches = searchCalls(records.dataset, query, user)
    total = matches.length
    indices = matches.slice(query.offset, query.offset + query.limit)
  }
  const fault = indices.length > 0 ? context.takeFault(['invalid-record']) : null
  const cache = deps.encodedRecords
  if (cache && !fault && !query.include.has('recordings')) {
    const includeKey = [...query.include].sort().join(',')
    const calls = new EncodedJsonArray(
      indices.map((index) => cache.get(`${includeKey}|${index}`, () => buildCallRecord(records, index, query.include)))
    )
    sendJson(context, 200, envelope(context, 200, 'Success', { total, calls }))
    return
  }
  const calls: CallRecord[] = indices.map((index) => buildCallRecord(records, index, query.include))
  if (fault) corrupt(calls, fault.field ?? 'call_started')
  sendJson(context, 200, envelope(context, 200, 'Success', { total, calls }))
}

interface GroupNode {
  org_unit_id: number
  text: string
  code: string
  group_level: number
  children?: GroupNode[]
}

function nodeOf(unit: OrgUnit, activeOnly: boolean): GroupNode {
  const children = ORG_UNITS.filter((u) => u.parent_id === unit.org_unit_id && (!activeOnly || u.active)).map((u) => nodeOf(u, activeOnly))
  return {
    org_unit_id: unit.org_unit_id,
    text: unit.name,
    code: unit.code,
    group_level: unit.level,
    ...(children.length ? { children } : {})
  }
}

/** GET /v3/groups/tree?active=true: the user's part of the hierarchy, as a list of root nodes. */
export function handleGroupsTree(context: RequestContext, deps: ApiDeps): void {
  const user = authenticate(context, deps.tokens)
  const active = context.url.searchParams.get('active')
  const activeOnly = active === 'true' || active === '1'
  const root = ORG_UNITS.find((u) => u.org_unit_id === user.org_unit_id)
  sendJson(context, 200, envelope(context, 200, 'Success', root ? [nodeOf(root, activeOnly)] : []))
}
