/**
 * The call list's query, built from the filters as typed: pure code shared by the filters
 * store, the calls store and the QA launcher (no store imports, so none of them cycle). Every
 * query is checked with the shared `validateCallQuery` before the list asks for it
 * (docs: the API's "Request" rules), so a 31-day range or a non-number never reaches the API.
 */
import { differenceInCalendarDays, endOfDay, format, isValid, parseISO, startOfDay, subDays } from 'date-fns'
import { MAX_RANGE_DAYS, validateCallQuery, type CallQuery, type CallQueryInput } from '@shared/convirza/query'
import type { Filters } from '@shared/ipc/contract'
import type { LocalFilters } from '@shared/ipc/contract/calls'
import { hasLocalFilters, isDefaultSort, type CallSort } from '@shared/ipc/contract/values'

export type DatePreset = Filters['preset']

/** What the filter bar edits: every free-text field as typed, so a half-typed value can be shown with its error. */
export interface FilterDraft {
  preset: DatePreset
  /** yyyy-MM-dd, custom preset only. */
  start: string
  end: string
  org_unit_id: number | null
  campaign_id: string
  provisioned_route_id: string
  caller_id: string
  phone_number: string
  ring_to: string
  disposition: string[]
  /** Full-text search over the local library. */
  text: string
  /** Library-only filters, as typed (see LocalFilters). Durations as seconds or m:ss. */
  tag: string
  minDuration: string
  maxDuration: string
  reviewed: '' | 'yes' | 'no'
  flagged: boolean
  minScore: string
  maxScore: string
  agent: string
  hasRecording: boolean
  hasTranscript: boolean
}

/** The draft fields that only the library answers. */
export const LOCAL_FIELDS = [
  'tag',
  'minDuration',
  'maxDuration',
  'reviewed',
  'flagged',
  'minScore',
  'maxScore',
  'agent',
  'hasRecording',
  'hasTranscript'
] as const satisfies readonly (keyof FilterDraft)[]

/** A field the filter bar shows an error under; 'range' covers the custom dates. */
export type FilterField =
  'range' | 'campaign_id' | 'provisioned_route_id' | 'caller_id' | 'phone_number' | 'ring_to' | 'disposition' | 'org_unit_id' | 'duration' | 'score'

/** A query the list may send: validated, with a key that changes only when the results would. */
export interface AppliedQuery {
  key: string
  query: CallQuery
  /** Full-text search; non-empty means the local library alone answers. */
  text: string
  /** A sort other than newest first; set means the local library alone answers. */
  sort?: CallSort
  /** Library-only filters; set means the local library alone answers. */
  local?: LocalFilters
}

/** The query's key without its order: two queries with the same one list the same calls. */
export function unsortedKey(applied: Pick<AppliedQuery, 'key'>): string {
  return applied.key.replace(/\|sort:.*$/, '')
}

/** The same query in another order: a new key, so the list starts again from the top. */
export function withSort(applied: AppliedQuery, sort: CallSort): AppliedQuery {
  const { sort: _old, ...rest } = applied
  const base = unsortedKey(rest)
  if (isDefaultSort(sort)) return { ...rest, key: base }
  return { ...rest, key: `${base}|sort:${sort.column}:${sort.direction}`, sort }
}

/** Whether the library alone answers this query (the API cannot search text or sort). */
export function isLibraryOnly(applied: AppliedQuery): boolean {
  return Boolean(applied.text) || applied.sort !== undefined || hasLocalFilters(applied.local)
}

export const DEFAULT_DRAFT: FilterDraft = {
  preset: 'last7',
  start: '',
  end: '',
  org_unit_id: null,
  campaign_id: '',
  provisioned_route_id: '',
  caller_id: '',
  phone_number: '',
  ring_to: '',
  disposition: [],
  text: '',
  tag: '',
  minDuration: '',
  maxDuration: '',
  reviewed: '',
  flagged: false,
  minScore: '',
  maxScore: '',
  agent: '',
  hasRecording: false,
  hasTranscript: false
}

/** The [start, end) of a date preset, in local time (date-fns). "Last 7 days" counts today. */
export function presetRange(preset: Exclude<DatePreset, 'custom'>, now: Date): { start: Date; end: Date } {
  switch (preset) {
    case 'today':
      return { start: startOfDay(now), end: now }
    case 'yesterday':
      return { start: startOfDay(subDays(now, 1)), end: startOfDay(now) }
    case 'last7':
      return { start: startOfDay(subDays(now, 6)), end: now }
    case 'last30':
      return { start: startOfDay(subDays(now, 29)), end: now }
  }
}

function parseId(raw: string, label: string): { value?: number; error?: string } {
  const trimmed = raw.trim()
  if (!trimmed) return {}
  if (!/^\d+$/.test(trimmed) || Number(trimmed) <= 0 || !Number.isSafeInteger(Number(trimmed)))
    return { error: `${label} is a whole number such as 311; "${trimmed}" is not.` }
  return { value: Number(trimmed) }
}

/** Seconds from "90", "1:30" or "1:02:03"; undefined when empty; an error when neither. */
export function parseDuration(raw: string, label: string): { value?: number; error?: string } {
  const trimmed = raw.trim()
  if (!trimmed) return {}
  if (/^\d+(\.\d+)?$/.test(trimmed)) return { value: Number(trimmed) }
  const parts = /^(?:(\d+):)?(\d+):([0-5]\d)$/.exec(trimmed)
  if (parts) return { value: Number(parts[1] ?? 0) * 3600 + Number(parts[2]) * 60 + Number(parts[3]) }
  return { error: `${label} is seconds (90) or minutes and seconds (1:30); "${trimmed}" is neither.` }
}

/** A score as typed: any number. */
function parseScore(raw: string, label: string): { value?: number; error?: string } {
  const trimmed = raw.trim()
  if (!trimmed) return {}
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return { value: Number(trimmed) }
  return { error: `${label} is a number such as 70; "${trimmed}" is not.` }
}

/** The library-only filters of a draft, or the errors that stop them (under 'duration' and 'score'). */
export function buildLocal(draft: FilterDraft): { local?: LocalFilters; errors: Partial<Record<FilterField, string>> } {
  const errors: Partial<Record<FilterField, string>> = {}
  const local: LocalFilters = {}
  if (draft.tag.trim()) local.tag = draft.tag.trim()
  if (draft.agent.trim()) local.agent = draft.agent.trim()
  const min = parseDuration(draft.minDuration, 'The shortest duration')
  const max = parseDuration(draft.maxDuration, 'The longest duration')
  if (min.error || max.error) errors.duration = min.error ?? max.error
  else if (min.value !== undefined && max.value !== undefined && min.value > max.value)
    errors.duration = 'The shortest duration is longer than the longest; swap them or change one.'
  else {
    if (min.value !== undefined) local.minDuration = min.value
    if (max.value !== undefined) local.maxDuration = max.value
  }
  const low = parseScore(draft.minScore, 'The lowest score')
  const high = parseScore(draft.maxScore, 'The highest score')
  if (low.error || high.error) errors.score = low.error ?? high.error
  else if (low.value !== undefined && high.value !== undefined && low.value > high.value)
    errors.score = 'The lowest score is above the highest; swap them or change one.'
  else {
    if (low.value !== undefined) local.minScore = low.value
    if (high.value !== undefined) local.maxScore = high.value
  }
  if (draft.reviewed) local.reviewed = draft.reviewed
  if (draft.flagged) local.flagged = true
  if (draft.hasRecording) local.hasRecording = true
  if (draft.hasTranscript) local.hasTranscript = true
  return hasLocalFilters(local) ? { local, errors } : { errors }
}

function dateRangeMessage(rule: string, fallback: string): string {
  if (rule === 'max-range') return 'A custom range may span at most 31 days; choose a later start or an earlier end.'
  if (rule === 'after-start') return 'The end date must be on or after the start date.'
  return fallback
}

/**
 * Turn the draft into a query the API accepts, or the errors that prevent it, each under the
 * field it concerns. Pure: `now` is passed so presets are computed once per apply.
 */
export function buildQuery(
  draft: FilterDraft,
  now: Date
): { applied: AppliedQuery | null; errors: Partial<Record<FilterField, string>>; rangeNote: string | null } {
  const errors: Partial<Record<FilterField, string>> = {}
  const input: CallQueryInput = {}
  let rangeNote: string | null = null

  if (draft.preset === 'custom') {
    const start = draft.start ? parseISO(draft.start) : null
    const end = draft.end ? parseISO(draft.end) : null
    if (!start || !end || !isValid(start) || !isValid(end)) errors.range = 'Choose a start date and an end date.'
    else {
      // People count a custom range in calendar days; hours would refuse 31 days with a 25-hour day in them.
      if (differenceInCalendarDays(end, start) + 1 > MAX_RANGE_DAYS) errors.range = dateRangeMessage('max-range', '')
      let from = startOfDay(start)
      const to = endOfDay(end)
      // The API counts its 31 days in hours (docs/convirza-api.md "Request"): 31 days that take in the
      // end of daylight saving time are an hour too long, so the first hour is left out, and said.
      const earliest = new Date(to.getTime() + 1 - MAX_RANGE_DAYS * 86_400_000)
      if (!errors.range && from < earliest) {
        from = earliest
        rangeNote = `The clock change makes these 31 days an hour longer than the API allows, so calls before ${format(from, 'h:mm a')} on ${format(from, 'MMM d')} are left out.`
      }
      input.start = from.toISOString()
      input.end = to.toISOString()
    }
  } else {
    const { start, end } = presetRange(draft.preset, now)
    input.start = start.toISOString()
    input.end = end.toISOString()
  }
  if (draft.org_unit_id !== null) input.org_unit_id = draft.org_unit_id
  const campaign = parseId(draft.campaign_id, 'A campaign id')
  if (campaign.error) errors.campaign_id = campaign.error
  else if (campaign.value !== undefined) input.campaign_id = campaign.value
  const route = parseId(draft.provisioned_route_id, 'A provisioned route id')
  if (route.error) errors.provisioned_route_id = route.error
  else if (route.value !== undefined) input.provisioned_route_id = route.value
  for (const field of ['caller_id', 'phone_number', 'ring_to'] as const) {
    if (draft[field].trim()) input[field] = draft[field]
  }
  if (draft.disposition.length) input.disposition = draft.disposition
  const built = buildLocal(draft)
  Object.assign(errors, built.errors)

  const result = validateCallQuery(input, now)
  if (!result.ok) {
    for (const violation of result.violations) {
      const field: FilterField = violation.field === 'start' || violation.field === 'end' ? 'range' : (violation.field as FilterField)
      errors[field] ??= field === 'range' ? dateRangeMessage(violation.rule, violation.message) : violation.message
    }
  }
  if (!result.ok || Object.keys(errors).length > 0) return { applied: null, errors, rangeNote: null }
  const text = draft.text.trim()
  // The key names the filters, not the instants: "last 7 days" stays the same query as time passes.
  const { limit: _limit, offset: _offset, start: _start, end: _end, ...shape } = result.query
  const range = draft.preset === 'custom' ? [draft.start, draft.end] : draft.preset
  const local = built.local
  return {
    applied: { key: JSON.stringify({ range, shape, text, local }), query: result.query, text, ...(local ? { local } : {}) },
    errors,
    rangeNote
  }
}

/** The saved form of a draft (prefs 'filters'): ids only when they are ids. */
export function draftToFilters(draft: FilterDraft): Filters {
  const filters: Filters = { preset: draft.preset, disposition: draft.disposition, text: draft.text }
  if (draft.preset === 'custom') {
    if (draft.start) filters.start = draft.start
    if (draft.end) filters.end = draft.end
  }
  if (draft.org_unit_id !== null) filters.org_unit_id = draft.org_unit_id
  const campaign = parseId(draft.campaign_id, '').value
  if (campaign !== undefined) filters.campaign_id = campaign
  const route = parseId(draft.provisioned_route_id, '').value
  if (route !== undefined) filters.provisioned_route_id = route
  for (const field of ['caller_id', 'phone_number', 'ring_to'] as const) {
    if (draft[field].trim()) filters[field] = draft[field].trim()
  }
  const { local } = buildLocal(draft)
  if (local) filters.local = local
  return filters
}

/** The typed form of saved library-only filters. */
function localToDraft(local: LocalFilters | undefined): Pick<FilterDraft, (typeof LOCAL_FIELDS)[number]> {
  const text = (value: number | undefined): string => (value === undefined ? '' : String(value))
  return {
    tag: local?.tag ?? '',
    minDuration: text(local?.minDuration),
    maxDuration: text(local?.maxDuration),
    reviewed: local?.reviewed ?? '',
    flagged: local?.flagged === true,
    minScore: text(local?.minScore),
    maxScore: text(local?.maxScore),
    agent: local?.agent ?? '',
    hasRecording: local?.hasRecording === true,
    hasTranscript: local?.hasTranscript === true
  }
}

export function filtersToDraft(filters: Filters | undefined): FilterDraft {
  if (!filters) return { ...DEFAULT_DRAFT }
  return {
    preset: filters.preset,
    start: filters.start ?? '',
    end: filters.end ?? '',
    org_unit_id: filters.org_unit_id ?? null,
    campaign_id: filters.campaign_id === undefined ? '' : String(filters.campaign_id),
    provisioned_route_id: filters.provisioned_route_id === undefined ? '' : String(filters.provisioned_route_id),
    caller_id: filters.caller_id ?? '',
    phone_number: filters.phone_number ?? '',
    ring_to: filters.ring_to ?? '',
    disposition: filters.disposition,
    text: filters.text,
    ...localToDraft(filters.local)
  }
}

/** How many library-only filters are set (a range counts once). */
export function countLocalFilters(draft: FilterDraft): number {
  return [
    draft.tag.trim(),
    draft.minDuration.trim() || draft.maxDuration.trim(),
    draft.reviewed,
    draft.flagged,
    draft.minScore.trim() || draft.maxScore.trim(),
    draft.agent.trim(),
    draft.hasRecording,
    draft.hasTranscript
  ].filter(Boolean).length
}

/** How many filters beyond the date range are set: the "More filters" button shows it. */
export function countAdvancedFilters(draft: FilterDraft): number {
  return (
    (['campaign_id', 'provisioned_route_id', 'caller_id', 'phone_number', 'ring_to'] as const).filter((f) => draft[f].trim()).length +
    countLocalFilters(draft)
  )
}
