/**
 * What the library derives from a call record: the indexed filter columns, the list columns,
 * the full-text fields, and which include modules the record carries, plus the merge of a new
 * fetch into a stored record. Pure functions, kept cheap: 10,000 upserts must take under 1 s.
 */
import { INCLUDE_MODULES, type CallRecord, type IncludeModule } from '@shared/convirza/schemas'

/** The record key each include module fills (docs/convirza-api.md "Include modules"). */
const MODULE_KEYS: Record<IncludeModule, keyof CallRecord> = {
  tags: 'tags',
  comments: 'comments',
  custom_sources: 'custom_sources',
  call_flow: 'call_flow',
  recordings: 'recording_details',
  transcription: 'transcription'
}
const MODULE_BITS = INCLUDE_MODULES.map((module, index) => ({ module, key: MODULE_KEYS[module], bit: 1 << index }))

/**
 * The modules a record carries, as a bit set. A module counts when its key is present and not
 * null: the API leaves out modules that were not asked for (docs/convirza-api.md), and a null is read
 * the same way so that a vendor who sends `null` for "not asked" cannot erase stored data.
 */
export function modulesOf(record: CallRecord): number {
  let bits = 0
  for (const { key, bit } of MODULE_BITS) if (record[key] !== undefined && record[key] !== null) bits |= bit
  return bits
}

/** The include modules named by a bit set, for people and tests. */
export function moduleNames(bits: number): IncludeModule[] {
  return MODULE_BITS.filter(({ bit }) => bits & bit).map(({ module }) => module)
}

export interface StoredVersion {
  record: CallRecord
  modules: number
  /** UTC ISO 8601 (toISOString), so text order is time order. */
  fetchedAt: string
}

/**
 * Merge two fetches of one call: the newer fetch wins for the top-level fields and for every
 * module it carries; a module only the older fetch carries is kept. So a list fetched without
 * `transcription` never erases a transcript fetched earlier, and an older page written late
 * (a sync finishing after a fresh list) never overwrites newer data.
 */
export function mergeVersions(stored: StoredVersion, incoming: StoredVersion): StoredVersion {
  const incomingIsNewer = incoming.fetchedAt >= stored.fetchedAt
  const newer = incomingIsNewer ? incoming : stored
  const older = incomingIsNewer ? stored : incoming
  const missing = older.modules & ~newer.modules
  if (!missing) return newer
  const record: Record<string, unknown> = { ...newer.record }
  for (const { key, bit } of MODULE_BITS) if (missing & bit) record[key] = older.record[key]
  return { record: record as CallRecord, modules: newer.modules | missing, fetchedAt: newer.fetchedAt }
}

/**
 * The one phone-number key the library stores and filters on. Records carry digits without '+'
 * ("18015551234") while filters arrive in E.164 ("+18015551234") (docs/convirza-api.md), so both sides
 * keep digits only; a 10-digit number is a North American one without its country code, as
 * the app's default country (src/shared/phone.ts) reads it. Cheaper than a full parse per record.
 */
export function phoneKey(raw: string | null | undefined): string | null {
  if (!raw) return null
  const digits = raw.replace(/\D+/g, '')
  if (!digits) return null
  return digits.length === 10 ? `1${digits}` : digits
}

/** Ids are numbers in the example but the schema also accepts numeric strings. */
function idColumn(value: number | string | null | undefined): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value)
  return null
}

function text(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : value
}

/** One row of `calls` as named statement parameters. */
export interface CallRow {
  call_id: number
  call_started: string
  org_unit_id: number | null
  campaign_id: number | null
  provisioned_route_id: number | null
  caller_id: string | null
  phone_number: string | null
  ring_to: string | null
  disposition: string | null
  duration: number | null
  caller_identity: string | null
  campaign_name: string | null
  group_name: string | null
  tag_names: string
  has_recording: number
  has_transcript: number
  /** The mean of the indicators' scores (callScore); null when none was scored. */
  score: number | null
  agent: string | null
  modules: number
  search_hash: number
  fetched_at: string
}

/** A call's score: the mean of its indicators' numeric scores, or null when none was scored. Migration 6 computes the same in SQL. */
export function callScore(record: CallRecord): number | null {
  let sum = 0
  let count = 0
  for (const indicator of record.indicators ?? []) {
    const value = indicator.score_value
    if (typeof value === 'number' && Number.isFinite(value)) {
      sum += value
      count += 1
    }
  }
  return count ? sum / count : null
}

/**
 * Who took the call, as the QA export names them (qa/export.ts agentOf): the agent its scoring
 * indicators name, else the name of the line it rang to, else the AI voice agent. Migration 6
 * computes the same in SQL.
 */
export function callAgent(record: CallRecord): string | null {
  const fromIndicator = record.indicators?.find((i) => i.agent)?.agent
  return fromIndicator || record.call_detail?.ring_to_name || record.voiceagent_data?.voiceagent_name || null
}

export function tagNamesOf(record: CallRecord): string[] {
  const names: string[] = []
  for (const tag of record.tags ?? []) if (tag.tag_name) names.push(tag.tag_name)
  return names
}

export function toCallRow(version: StoredVersion, tagNames: readonly string[], searchHash: number): CallRow {
  const r = version.record
  return {
    call_id: r.call_id,
    // The schema guarantees an ISO timestamp; normalising the offset to Z makes it sortable text.
    call_started: new Date(r.call_started).toISOString(),
    org_unit_id: idColumn(r.org_unit_id),
    campaign_id: idColumn(r.campaign_id),
    provisioned_route_id: idColumn(r.provisioned_route_id),
    caller_id: phoneKey(r.caller_id),
    phone_number: phoneKey(r.phone_number),
    ring_to: phoneKey(r.ring_to),
    disposition: r.disposition ? r.disposition.trim().toUpperCase() : null,
    duration: typeof r.duration === 'number' && Number.isFinite(r.duration) ? r.duration : null,
    caller_identity: text(r.ai_caller_identity),
    campaign_name: text(r.campaign_name),
    group_name: text(r.group_name),
    tag_names: JSON.stringify(tagNames),
    has_recording: r.recording_details ? 1 : 0,
    has_transcript: typeof r.transcription === 'string' && r.transcription.trim() !== '' ? 1 : 0,
    score: callScore(r),
    agent: callAgent(r),
    modules: version.modules,
    search_hash: searchHash,
    fetched_at: version.fetchedAt
  }
}

/** The full-text fields of a record: what people type into the search box looks here. */
export interface SearchRow {
  rowid: number
  transcription: string
  summary: string
  comments: string
  tags: string
  caller_identity: string
  campaign: string
  /** Group and agent names (the API's group_name, scorecard agents, voice agent). */
  names: string
  /** Every tail of 3 or more digits of the caller, tracking and ring-to numbers (see phoneTails). */
  phones: string
}

/**
 * The digit runs a number can be found by: every tail of it of at least 3 digits, so that a
 * prefix search over these tokens finds any run of digits inside the number ("581" in
 * 15125817682 is the start of the tail "5817682"). About 27 short tokens a call.
 */
export function phoneTails(numbers: readonly (string | null | undefined)[]): string {
  const tails = new Set<string>()
  for (const raw of numbers) {
    const digits = raw ? raw.replace(/\D+/g, '') : ''
    for (let i = 0; i + MIN_PHONE_DIGITS <= digits.length; i += 1) tails.add(digits.slice(i))
  }
  return [...tails].join(' ')
}

/**
 * The tails of a stored number (digits only, see phoneKey) of at least MIN_PHONE_DIGITS digits,
 * each once: the rows of phone_tails (migration 9), which find the numbers holding a run of digits.
 */
export function digitTails(number: string): string[] {
  const tails = new Set<string>()
  for (let i = 0; i + MIN_PHONE_DIGITS <= number.length; i += 1) tails.add(number.slice(i))
  return [...tails]
}

/** Fewer digits than this are too common to search numbers by (they are searched as words). */
export const MIN_PHONE_DIGITS = 3

export function toSearchRow(record: CallRecord, tagNames: readonly string[]): SearchRow {
  let comments = ''
  for (const c of record.comments ?? []) comments += `${c.note ?? ''} ${c.first_name ?? ''} ${c.last_name ?? ''}\n`
  return {
    rowid: record.call_id,
    transcription: record.transcription ?? '',
    summary: record.summary ?? '',
    comments,
    tags: tagNames.join('\n'),
    caller_identity: record.ai_caller_identity ?? '',
    campaign: record.campaign_name ?? '',
    names: namesOf(record).join('\n'),
    phones: phoneTails([record.caller_id, record.phone_number, record.ring_to])
  }
}

/** The group and agent names of a call, each once. */
export function namesOf(record: CallRecord): string[] {
  const names = new Set<string>()
  if (record.group_name) names.add(record.group_name)
  if (record.voiceagent_data?.voiceagent_name) names.add(record.voiceagent_data.voiceagent_name)
  for (const indicator of record.indicators ?? []) if (indicator.agent) names.add(indicator.agent)
  return [...names]
}

/**
 * A 53-bit hash (cyrb53) of the full-text fields: equal text, equal hash, so a call fetched
 * again with unchanged text is not reindexed. 53 bits make a missed change vanishingly rare.
 */
export function searchHash(row: SearchRow): number {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (const field of [row.transcription, row.summary, row.comments, row.tags, row.caller_identity, row.campaign, row.names, row.phones]) {
    for (let i = 0; i < field.length; i += 1) {
      const ch = field.charCodeAt(i)
      h1 = Math.imul(h1 ^ ch, 2654435761)
      h2 = Math.imul(h2 ^ ch, 1597334677)
    }
    // A separator, so moving text from one field to the next changes the hash.
    h1 = Math.imul(h1 ^ 0x1f, 2654435761)
    h2 = Math.imul(h2 ^ 0x1f, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  // Never 0: rows stored before the hash existed hold 0 and must be reindexed.
  return 4294967296 * (2097151 & h2) + (h1 >>> 0) || 1
}
