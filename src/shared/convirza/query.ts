/**
 * The one place the calls-list query rules live (docs/convirza-api.md "Request"). The client refuses a
 * query that breaks them before any request is made; the local library answers the same shape.
 */
import { subDays, differenceInMilliseconds } from 'date-fns'
import { DISPOSITIONS, INCLUDE_MODULES, type Disposition, type IncludeModule } from './vocabulary'
import { normalisePhoneNumber } from '../phone'

export const MAX_RANGE_DAYS = 31
export const DEFAULT_RANGE_DAYS = 7
export const MAX_LIMIT = 200
/** Far past any account's calls; keeps an absurd offset (1e308) from ever reaching the API or SQLite. */
export const MAX_OFFSET = 10_000_000

const ID_FIELDS = ['org_unit_id', 'campaign_id', 'provisioned_route_id', 'call_id'] as const

/**
 * What a caller (renderer, sync, tests) may ask for. Loose types: the rules are checked below.
 * The IPC contract checks it with CallQueryInputSchema (query-schema.ts), kept apart so that the
 * renderer's use of these rules builds no schema.
 */
export interface CallQueryInput extends QueryFilters {
  start?: string
  end?: string
  limit?: number
  offset?: number
  disposition?: string[]
  include?: string[]
}

/** A query that passed every rule, with defaults filled in and numbers normalised. */
export interface CallQuery extends QueryFilters {
  start: string
  end: string
  limit: number
  offset: number
  disposition?: Disposition[]
  include?: IncludeModule[]
}

/** The filters a query and its input share; a CallQuery's numbers are E.164, e.g. +15551234567. */
interface QueryFilters {
  org_unit_id?: number
  campaign_id?: number
  provisioned_route_id?: number
  call_id?: number
  caller_id?: string
  phone_number?: string
  ring_to?: string
}

export interface QueryViolation {
  field: string
  rule: string
  message: string
}

export type QueryValidation = { ok: true; query: CallQuery } | { ok: false; violations: QueryViolation[] }

function parseIso(value: string): Date | null {
  // Require a full ISO 8601 timestamp; Date.parse alone accepts too much ("1", "March 3").
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return null
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? null : d
}

/**
 * Check a query against the documented rules and fill the defaults (last 7 days, limit 200,
 * offset 0). Every violation names the field and the rule, so the UI can show it inline.
 */
export function validateCallQuery(input: CallQueryInput, now: Date = new Date()): QueryValidation {
  const violations: QueryViolation[] = []
  const v = (field: string, rule: string, message: string): void => {
    violations.push({ field, rule, message })
  }

  const limit = input.limit ?? MAX_LIMIT
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    v('limit', 'range', `limit must be a whole number from 1 to ${MAX_LIMIT}; got ${String(input.limit)}.`)
  const offset = input.offset ?? 0
  if (!Number.isInteger(offset) || offset < 0) v('offset', 'min', `offset must be a whole number of 0 or more; got ${String(input.offset)}.`)
  else if (offset > MAX_OFFSET)
    v('offset', 'range', `offset must be at most ${MAX_OFFSET.toLocaleString('en-US')}; got ${String(input.offset).slice(0, 24)}.`)

  const end = input.end === undefined ? now : parseIso(input.end)
  if (!end) v('end', 'iso8601', `end must be an ISO 8601 timestamp such as 2026-02-14T18:20:12Z; got "${input.end}".`)
  let start: Date | null = null
  if (input.start !== undefined) {
    start = parseIso(input.start)
    if (!start) v('start', 'iso8601', `start must be an ISO 8601 timestamp such as 2026-02-14T18:20:12Z; got "${input.start}".`)
  } else if (end) start = subDays(end, DEFAULT_RANGE_DAYS)

  if (start && end && input.call_id === undefined) {
    const span = differenceInMilliseconds(end, start)
    if (span <= 0) v('end', 'after-start', 'end must be strictly after start; choose a later end or an earlier start.')
    else if (span > MAX_RANGE_DAYS * 86_400_000)
      v('start', 'max-range', `The date range may not exceed ${MAX_RANGE_DAYS} days; narrow it and try again.`)
  }

  // Ids are positive integers in the API; 0, -1 or 1.5 would only come back as the server's 400.
  for (const field of ID_FIELDS) {
    const value = input[field]
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 1))
      v(field, 'positive-integer', `${field} must be a whole number of 1 or more; got ${String(value)}.`)
  }

  const phones: Partial<Record<'caller_id' | 'phone_number' | 'ring_to', string>> = {}
  for (const field of ['caller_id', 'phone_number', 'ring_to'] as const) {
    const raw = input[field]
    if (raw === undefined || raw.trim() === '') continue
    const e164 = normalisePhoneNumber(raw)
    if (!e164) v(field, 'e164', `"${raw}" is not a phone number; type it with its area code, e.g. (801) 555-1234.`)
    else phones[field] = e164
  }

  const dispositions: Disposition[] = []
  for (const d of input.disposition ?? []) {
    const value = oneOf(DISPOSITIONS, d.trim().toUpperCase())
    if (!value) v('disposition', 'enum', `"${d}" is not a disposition; use one of ${DISPOSITIONS.join(', ')}.`)
    else if (!dispositions.includes(value)) dispositions.push(value)
  }
  const includes: IncludeModule[] = []
  for (const m of input.include ?? []) {
    const value = oneOf(INCLUDE_MODULES, m.trim())
    if (!value) v('include', 'enum', `"${m}" is not an include module; use any of ${INCLUDE_MODULES.join(', ')}.`)
    else if (!includes.includes(value)) includes.push(value)
  }

  if (violations.length > 0 || !start || !end) return { ok: false, violations }
  const query: CallQuery = { start: start.toISOString(), end: end.toISOString(), limit, offset }
  for (const key of ID_FIELDS) {
    const value = input[key]
    if (value !== undefined) query[key] = value
  }
  Object.assign(query, phones)
  if (dispositions.length) query.disposition = dispositions
  if (includes.length) query.include = includes
  validatedQueries.add(query)
  return { ok: true, query }
}

/** `value` if it is one of `choices`, else null. */
function oneOf<T extends string>(choices: readonly T[], value: string): T | null {
  return (choices as readonly string[]).includes(value) ? (value as T) : null
}

/** Queries validateCallQuery returned: checked once, at the edge, with the clock of that moment. */
const validatedQueries = new WeakSet<CallQuery>()

/**
 * True for a query validateCallQuery returned (the object itself, not a copy), so a later layer
 * sends it as it is instead of checking it again against a fresh clock, which would move a
 * default `end` and could disagree with the first check.
 */
export function isValidatedQuery(value: CallQueryInput | CallQuery): value is CallQuery {
  return validatedQueries.has(value as CallQuery)
}

/**
 * Encode a validated query as the API's query string. Dispositions go as repeated params
 * (their names contain a space, encoded as %20, never '+'); include goes comma-separated.
 * In single-record mode (call_id) only call_id and include are sent.
 */
export function toQueryString(query: CallQuery): string {
  const parts: string[] = []
  const add = (k: string, v: string | number): void => {
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  }
  if (query.call_id !== undefined) {
    add('call_id', query.call_id)
    add('limit', 1)
  } else {
    add('start', query.start)
    add('end', query.end)
    add('limit', query.limit)
    add('offset', query.offset)
    for (const key of ['org_unit_id', 'campaign_id', 'provisioned_route_id', 'caller_id', 'phone_number', 'ring_to'] as const) {
      const value = query[key]
      if (value !== undefined) add(key, value)
    }
    for (const d of query.disposition ?? []) add('disposition', d)
  }
  if (query.include?.length) add('include', query.include.join(','))
  return parts.join('&')
}
