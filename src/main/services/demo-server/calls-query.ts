/**
 * Reads a /v3/conversations/calls query string the way the documented API does
 * (docs/convirza-api.md "Request"), independently of the client's own validator so that the contract
 * tests check one against the other. Both encodings of a space ('%20' and '+') and both forms of
 * lists (repeated param or comma-separated) are accepted, for `disposition` and `include` alike.
 */
import { DISPOSITIONS, INCLUDE_MODULES, type Disposition, type IncludeModule } from '@shared/convirza/schemas'
import { orgUnitById, subtreeOf, type DemoUser } from './accounts'
import { HttpError } from './http-helpers'

const DAY_MS = 86_400_000
export const MAX_RANGE_DAYS = 31
export const DEFAULT_RANGE_DAYS = 7
export const MAX_LIMIT = 200

export interface ListQuery {
  mode: 'list'
  /** Inclusive start and exclusive end, in ms. */
  startMs: number
  endMs: number
  limit: number
  offset: number
  /** The requested org unit and everything below it; undefined: the user's whole scope. */
  orgUnits?: Set<number>
  campaignId?: number
  provisionedRouteId?: number
  /** Digits without '+', as records store numbers. */
  callerId?: string
  phoneNumber?: string
  ringTo?: string
  dispositions?: Set<Disposition>
  include: Set<IncludeModule>
}

export interface SingleQuery {
  mode: 'single'
  callId: number
  include: Set<IncludeModule>
}

function listValues(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '')
}

function wholeNumber(params: URLSearchParams, name: string, problems: string[], min: number): number | undefined {
  const raw = params.get(name)
  if (raw === null || raw.trim() === '') return undefined
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min) {
    problems.push(`${name} must be a whole number of ${min} or more; got "${raw}".`)
    return undefined
  }
  return Number(raw)
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i

function timestamp(params: URLSearchParams, name: string, problems: string[]): number | undefined {
  const raw = params.get(name)
  if (raw === null || raw.trim() === '') return undefined
  const text = raw.trim()
  // A timestamp without a zone is UTC (docs/convirza-api.md), not the server's local time.
  const zoned = text.includes('T') && !/(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? `${text}Z` : text
  const ms = ISO_TIMESTAMP.test(text) ? Date.parse(zoned) : Number.NaN
  if (Number.isNaN(ms)) {
    problems.push(`${name} must be an ISO 8601 timestamp in UTC, such as 2026-02-14T18:20:12Z; got "${raw}".`)
    return undefined
  }
  return ms
}

/** A number filter as digits without '+'; `strictE164` for caller_id, which the docs give as E.164. */
function phoneDigits(params: URLSearchParams, name: string, problems: string[], strictE164: boolean): string | undefined {
  const raw = params.get(name)
  if (raw === null || raw.trim() === '') return undefined
  if (strictE164) {
    if (/^\+[1-9]\d{7,14}$/.test(raw)) return raw.slice(1)
    const hint = /^ \d+$/.test(raw) ? " A '+' sent unencoded in a query string arrives as a space: encode it as %2B." : ''
    problems.push(`${name} must be an E.164 phone number such as +15551234567; got "${raw}".${hint}`)
    return undefined
  }
  const digits = raw.replace(/[\s().-]/g, '').replace(/^\+/, '')
  if (!/^\d{10,15}$/.test(digits)) {
    problems.push(`${name} must be a phone number such as +18015557654 or 18015557654; got "${raw}".`)
    return undefined
  }
  return digits.length === 10 ? `1${digits}` : digits
}

function includes(params: URLSearchParams, problems: string[]): Set<IncludeModule> {
  const modules = new Set<IncludeModule>()
  for (const value of listValues(params, 'include')) {
    if ((INCLUDE_MODULES as readonly string[]).includes(value)) modules.add(value as IncludeModule)
    else problems.push(`include "${value}" is not a module; use any of ${INCLUDE_MODULES.join(', ')}.`)
  }
  return modules
}

function fail(problems: string[]): never {
  throw new HttpError(400, problems.join(' '))
}

/**
 * The query a request asks for, or an HttpError: 400 naming every broken rule, 403 for an org
 * unit outside the user's account hierarchy.
 */
export function parseCallQuery(params: URLSearchParams, user: DemoUser, now: Date): ListQuery | SingleQuery {
  const problems: string[] = []
  const include = includes(params, problems)
  const callId = wholeNumber(params, 'call_id', problems, 1)
  if (callId !== undefined) {
    // Single-record mode ignores the date range and pagination (docs/convirza-api.md).
    if (problems.length) fail(problems)
    return { mode: 'single', callId, include }
  }

  const limitRaw = params.get('limit')
  let limit = 0
  if (limitRaw === null || limitRaw.trim() === '') problems.push(`limit is required: a whole number from 1 to ${MAX_LIMIT}.`)
  else if (!/^\d+$/.test(limitRaw.trim()) || Number(limitRaw) < 1 || Number(limitRaw) > MAX_LIMIT)
    problems.push(`limit must be a whole number from 1 to ${MAX_LIMIT}; got "${limitRaw}".`)
  else limit = Number(limitRaw)
  const offset = wholeNumber(params, 'offset', problems, 0) ?? 0

  const startGiven = timestamp(params, 'start', problems)
  const endGiven = timestamp(params, 'end', problems)
  const endMs = endGiven ?? now.getTime()
  const startMs = startGiven ?? endMs - DEFAULT_RANGE_DAYS * DAY_MS
  if (!problems.some((p) => p.startsWith('start') || p.startsWith('end'))) {
    if (endMs <= startMs)
      problems.push(`end must be strictly greater than start; got start ${new Date(startMs).toISOString()} and end ${new Date(endMs).toISOString()}.`)
    else if (endMs - startMs > MAX_RANGE_DAYS * DAY_MS)
      problems.push(
        `The date range from start to end must not exceed ${MAX_RANGE_DAYS} days; it spans ${((endMs - startMs) / DAY_MS).toFixed(1)} days. Narrow it or page through shorter ranges.`
      )
  }

  const query: ListQuery = { mode: 'list', startMs, endMs, limit, offset, include }
  const orgUnitId = wholeNumber(params, 'org_unit_id', problems, 1)
  const campaignId = wholeNumber(params, 'campaign_id', problems, 1)
  const routeId = wholeNumber(params, 'provisioned_route_id', problems, 1)
  const callerId = phoneDigits(params, 'caller_id', problems, true)
  const phoneNumber = phoneDigits(params, 'phone_number', problems, false)
  const ringTo = phoneDigits(params, 'ring_to', problems, false)
  const dispositionValues = listValues(params, 'disposition').map((d) => d.toUpperCase())
  for (const d of dispositionValues)
    if (!(DISPOSITIONS as readonly string[]).includes(d))
      problems.push(`disposition "${d}" is not one of ${DISPOSITIONS.join(', ')} (encode the space in NO ANSWER as %20 or +).`)
  if (problems.length) fail(problems)

  if (orgUnitId !== undefined) {
    const scope = subtreeOf(user.org_unit_id)
    if (!scope.has(orgUnitId)) {
      const home = orgUnitById(user.org_unit_id)
      throw new HttpError(
        403,
        `org_unit_id ${orgUnitId} is outside your account's hierarchy; you can see org unit ${user.org_unit_id}${home ? ` (${home.name})` : ''} and the units below it.`
      )
    }
    query.orgUnits = subtreeOf(orgUnitId)
  }
  if (campaignId !== undefined) query.campaignId = campaignId
  if (routeId !== undefined) query.provisionedRouteId = routeId
  if (callerId !== undefined) query.callerId = callerId
  if (phoneNumber !== undefined) query.phoneNumber = phoneNumber
  if (ringTo !== undefined) query.ringTo = ringTo
  if (dispositionValues.length) query.dispositions = new Set(dispositionValues as Disposition[])
  return query
}
