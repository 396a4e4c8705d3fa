/**
 * The API query "make available offline" syncs when settings is not handed one: the call list's
 * saved filters (prefs 'filters'), turned into the query object the API and the library take.
 * Only the API's own filters count; full-text search is answered by the local library alone.
 */
import { endOfDay, format, startOfDay, subDays } from 'date-fns'
import type { CallQueryInput } from '../../../../shared/convirza/query'
import type { Filters } from '../../../../shared/ipc/contract'

/** The date range a preset stands for at `now` (local days). */
export function presetRange(filters: Pick<Filters, 'preset' | 'start' | 'end'>, now: Date): { start: Date; end: Date } {
  switch (filters.preset) {
    case 'today':
      return { start: startOfDay(now), end: now }
    case 'yesterday':
      return { start: startOfDay(subDays(now, 1)), end: startOfDay(now) }
    case 'last30':
      return { start: subDays(now, 30), end: now }
    case 'custom': {
      const start = filters.start ? parseDay(filters.start, false) : null
      const end = filters.end ? parseDay(filters.end, true) : null
      if (start && end) return { start, end: end > now ? now : end }
      return { start: subDays(now, 7), end: now }
    }
    case 'last7':
    default:
      return { start: subDays(now, 7), end: now }
  }
}

/** A stored date ("2026-03-01" or a full ISO instant); a bare day covers the whole local day. */
function parseDay(value: string, endOfTheDay: boolean): Date | null {
  const bareDay = /^\d{4}-\d{2}-\d{2}$/.test(value)
  const date = bareDay ? new Date(`${value}T00:00:00`) : new Date(value)
  if (Number.isNaN(date.getTime())) return null
  return bareDay ? (endOfTheDay ? endOfDay(date) : startOfDay(date)) : date
}

export function filtersToQuery(filters: Filters | undefined, now: Date): CallQueryInput {
  const { start, end } = presetRange(filters ?? { preset: 'last7' }, now)
  const query: CallQueryInput = { start: start.toISOString(), end: end.toISOString() }
  if (!filters) return query
  for (const key of ['org_unit_id', 'campaign_id', 'provisioned_route_id'] as const) {
    if (filters[key] !== undefined) query[key] = filters[key]
  }
  for (const key of ['caller_id', 'phone_number', 'ring_to'] as const) {
    const value = filters[key]?.trim()
    if (value) query[key] = value
  }
  if (filters.disposition.length) query.disposition = [...filters.disposition]
  return query
}

/** One line saying what a query covers, e.g. "Mar 3, 2026 – Mar 10, 2026 · ANSWERED, VOICEMAIL". */
export function describeQuery(query: CallQueryInput): string {
  const parts: string[] = []
  if (query.start && query.end) parts.push(`${format(new Date(query.start), 'PP p')} – ${format(new Date(query.end), 'PP p')}`)
  if (query.disposition?.length) parts.push(query.disposition.join(', '))
  if (query.org_unit_id) parts.push(`org unit ${query.org_unit_id}`)
  if (query.campaign_id) parts.push(`campaign ${query.campaign_id}`)
  if (query.provisioned_route_id) parts.push(`route ${query.provisioned_route_id}`)
  if (query.caller_id) parts.push(`caller ${query.caller_id}`)
  if (query.phone_number) parts.push(`tracking number ${query.phone_number}`)
  if (query.ring_to) parts.push(`ring-to ${query.ring_to}`)
  return parts.join(' · ')
}
