/**
 * The library's answer to a calls-list query: the same validated CallQuery the API takes
 * (docs/convirza-api.md "Request"), plus optional full-text search, as SQL over the narrow `calls`
 * table. Statements are prepared once per shape of filter and reused.
 */
import type Database from 'better-sqlite3'
import type { CallQuery } from '@shared/convirza/query'
import type { CallChoices, CallListItem, CallSort, LocalFilters, SortColumn } from '@shared/ipc/contract/calls'
import { phoneKey } from './call-columns'
import { phoneDigits, toWordMatch } from './fts-query'
import { StatementCache } from '@main/services/sqlite/statement-cache'

export interface CallListResult {
  items: CallListItem[]
  /** Every stored call the query matches, for "1–200 of 4,312". */
  total: number
  /** When the oldest call on this page was fetched (ISO): "offline, data from <time>" never overstates freshness. Null for an empty page. */
  fetchedAt: string | null
}

interface ListRow {
  call_id: number
  call_started: string
  duration: number | null
  caller_id: string | null
  caller_identity: string | null
  phone_number: string | null
  campaign_name: string | null
  group_name: string | null
  disposition: string | null
  tag_names: string
  reviewed: number
  has_transcript: number
  score: number | null
  recording_offline: number
  fetched_at: string
  unlisted_at: string | null
}

interface Filter {
  where: string
  params: (string | number)[]
  /** Filters on an id or a number, each with its own index. */
  selective: boolean
}

const LIST_COLUMNS = `c.call_id, c.call_started, c.duration, c.caller_id, c.caller_identity, c.phone_number,
  c.campaign_name, c.group_name, c.disposition, c.tag_names, c.reviewed, c.has_transcript, c.score, c.fetched_at, c.unlisted_at,
  EXISTS (SELECT 1 FROM recordings r WHERE r.call_id = c.call_id) AS recording_offline`

/**
 * The WHERE clause for a query. The date range is inclusive at both ends. `call_id` is the
 * API's single-record mode: it ignores the date range and paging. `include` only chooses which
 * modules the API returns, so it filters nothing here.
 */
function toFilter(query: CallQuery): Filter {
  const clauses: string[] = []
  const params: (string | number)[] = []
  let selective = false
  if (query.call_id !== undefined) {
    clauses.push('c.call_id = ?')
    params.push(query.call_id)
    selective = true
  } else {
    clauses.push('c.call_started >= ?', 'c.call_started <= ?')
    params.push(new Date(query.start).toISOString(), new Date(query.end).toISOString())
    for (const key of ['org_unit_id', 'campaign_id', 'provisioned_route_id'] as const) {
      const value = query[key]
      if (value === undefined) continue
      clauses.push(`c.${key} = ?`)
      params.push(value)
      selective = true
    }
    for (const key of ['caller_id', 'phone_number', 'ring_to'] as const) {
      const value = query[key]
      if (value === undefined) continue
      clauses.push(`c.${key} = ?`)
      // A filter that is no number at all matches nothing, rather than everything.
      params.push(phoneKey(value) ?? '-')
      selective = true
    }
    if (query.disposition?.length) {
      clauses.push(`c.disposition IN (${query.disposition.map(() => '?').join(', ')})`)
      params.push(...query.disposition)
    }
  }
  return { where: clauses.join(' AND '), params, selective }
}

/** The reviewer's own marks, which live in qa.sqlite: the library is told them as ids. */
export interface LocalMarks {
  reviewedIds?: readonly number[] | undefined
  flaggedIds?: readonly number[] | undefined
}

/**
 * The library-only filters as SQL over `calls`. Score, agent and duration have their own indexes
 * (migration 6); a tag is looked up in the call's tag names; reviewed and flagged are the
 * reviewer's marks from qa.sqlite, passed as ids.
 */
function withLocal(filter: Filter, local: LocalFilters | undefined, marks: LocalMarks): Filter {
  if (!local) return filter
  const clauses: string[] = []
  const params: (string | number)[] = []
  let selective = filter.selective
  if (local.tag !== undefined) {
    clauses.push('EXISTS (SELECT 1 FROM json_each(c.tag_names) t WHERE t.value = ? COLLATE NOCASE)')
    params.push(local.tag.trim())
  }
  if (local.minDuration !== undefined) {
    clauses.push('c.duration >= ?')
    params.push(local.minDuration)
  }
  if (local.maxDuration !== undefined) {
    clauses.push('c.duration <= ?')
    params.push(local.maxDuration)
  }
  if (local.minScore !== undefined) {
    clauses.push('c.score >= ?')
    params.push(local.minScore)
  }
  if (local.maxScore !== undefined) {
    clauses.push('c.score <= ?')
    params.push(local.maxScore)
  }
  if (local.agent !== undefined) {
    clauses.push('c.agent = ? COLLATE NOCASE')
    params.push(local.agent.trim())
    selective = true
  }
  if (local.hasRecording !== undefined) clauses.push(`c.has_recording = ${local.hasRecording ? 1 : 0}`)
  if (local.hasTranscript !== undefined) clauses.push(`c.has_transcript = ${local.hasTranscript ? 1 : 0}`)
  if (local.reviewed !== undefined) {
    clauses.push(`c.call_id ${local.reviewed === 'yes' ? 'IN' : 'NOT IN'} (SELECT value FROM json_each(?))`)
    params.push(JSON.stringify(marks.reviewedIds ?? []))
  }
  if (local.flagged) {
    clauses.push('c.call_id IN (SELECT value FROM json_each(?))')
    params.push(JSON.stringify(marks.flaggedIds ?? []))
  }
  if (!clauses.length) return filter
  return { where: `${filter.where} AND ${clauses.join(' AND ')}`, params: [...filter.params, ...params], selective }
}

/** What a text search matches: the index's words, the stored numbers holding its digits, and calls found by the reviewer's own QA text. */
interface TextMatch {
  /** The FTS5 expression of the words, or null when the text has no word. */
  fts: string | null
  /** The digits, when the text reads as (part of) a phone number (fts-query.ts phoneDigits). */
  digits: string | null
  /** Calls the reviewer's notes, comments or flags matched (qa-search.ts). */
  alsoIds: readonly number[]
}

/**
 * The stored numbers holding a run of digits: one range of phone_tails (migration 9). ':' is the
 * character after '9', so the range is every tail that starts with the digits.
 */
const NUMBERS_WITH = `SELECT number FROM phone_tails WHERE tail >= ? AND tail < ? || ':'`
/** The stored numbers that do not hold it. */
const NUMBERS_WITHOUT = `SELECT number FROM phone_numbers WHERE number NOT IN (${NUMBERS_WITH})`
const NUMBER_COLUMNS = ['c.caller_id', 'c.phone_number', 'c.ring_to'] as const

/** The calls a text's words and the QA hits found (and, with `numbers`, the calls holding those few numbers), as one id test; null when there is none. */
function idClause(match: TextMatch, negate: boolean, numbers = false): { sql: string; params: (string | number)[] } | null {
  const sources: string[] = []
  const params: (string | number)[] = []
  if (match.fts !== null) {
    sources.push('SELECT rowid FROM search.calls_fts WHERE calls_fts MATCH ?')
    params.push(match.fts)
  }
  if (match.alsoIds.length) {
    sources.push('SELECT value FROM json_each(?)')
    params.push(JSON.stringify(match.alsoIds))
  }
  if (numbers && match.digits !== null)
    for (const column of NUMBER_COLUMNS) {
      // Each through its number index (version 1), one look-up a number.
      sources.push(`SELECT call_id FROM calls WHERE ${column.slice(2)} IN (${NUMBERS_WITH})`)
      params.push(match.digits, match.digits)
    }
  if (!sources.length) return null
  return { sql: `c.call_id ${negate ? 'NOT IN' : 'IN'} (${sources.join(' UNION ')})`, params }
}

/**
 * The filter and a text's match. A few numbers holding the digits join the text's matches as
 * calls found through the number indexes: then the matches are few, and looked up by id. Many
 * numbers are tested on each call instead, while walking the calls in order (most match, so a
 * page is found soon).
 */
function withMatch(filter: Filter, match: TextMatch, fewNumbers: boolean): Filter {
  const alternatives: string[] = []
  const params: (string | number)[] = []
  const ids = idClause(match, false, fewNumbers)
  if (ids) {
    alternatives.push(ids.sql)
    params.push(...ids.params)
  }
  if (match.digits !== null && !fewNumbers)
    for (const column of NUMBER_COLUMNS) {
      alternatives.push(`${column} IN (${NUMBERS_WITH})`)
      params.push(match.digits, match.digits)
    }
  if (!alternatives.length) return { where: `${filter.where} AND 0`, params: filter.params, selective: true }
  return {
    where: `${filter.where} AND (${alternatives.join(' OR ')})`,
    params: [...filter.params, ...params],
    // Digits are rarely words of the text too, so with few numbers the matches are few.
    selective: filter.selective || (match.digits !== null && fewNumbers)
  }
}

/** Each sortable column as SQL; text sorts ignore case. Missing values go last either way. */
const SORT_SQL: Record<Exclude<SortColumn, 'reviewed'>, string> = {
  started: 'c.call_started',
  duration: 'c.duration',
  caller: 'coalesce(c.caller_identity, c.caller_id) COLLATE NOCASE',
  campaign: 'c.campaign_name COLLATE NOCASE',
  disposition: 'c.disposition',
  score: 'c.score'
}

/** The index each sort's ORDER BY is written to match (migrations.ts, version 8). */
const SORT_INDEXES: Partial<Record<SortColumn, Record<CallSort['direction'], string>>> = Object.fromEntries(
  (['duration', 'caller', 'campaign', 'disposition', 'score'] as const).map((column) => [
    column,
    { asc: `calls_sorted_by_${column}_asc`, desc: `calls_sorted_by_${column}_desc` }
  ])
)

/** Below this many matching calls a sort takes a few ms whatever the plan: the planner chooses. */
const SORT_INDEX_MIN_MATCHES = 2000
/** A row read and sorted, in index entries walked (conservatively half the measured 8). */
const SORTED_ROW_COST = 4

/** ORDER BY for a sort (exported for the test that checks an index serves it); `reviewed` sorts by the reviewer's reviewed calls, passed as ids. */
export function orderBy(sort: CallSort | undefined, reviewedIds: readonly number[] | undefined): { sql: string; params: string[] } {
  if (!sort || (sort.column === 'started' && sort.direction === 'desc')) return { sql: 'c.call_started DESC, c.call_id DESC', params: [] }
  const direction = sort.direction === 'asc' ? 'ASC' : 'DESC'
  if (sort.column === 'started') return { sql: `c.call_started ${direction}, c.call_id ${direction}`, params: [] }
  if (sort.column === 'reviewed')
    return {
      sql: `(c.call_id IN (SELECT value FROM json_each(?))) ${direction}, c.call_started DESC, c.call_id DESC`,
      params: [JSON.stringify(reviewedIds ?? [])]
    }
  const expr = SORT_SQL[sort.column]
  return { sql: `(${expr.replace(' COLLATE NOCASE', '')}) IS NULL, ${expr} ${direction}, c.call_started DESC, c.call_id DESC`, params: [] }
}

/**
 * Up to this many numbers holding a search's digits, the calls are found through the number
 * indexes (one look-up a number and column); more, and walking the time index newest first finds
 * a page sooner.
 */
const FEW_NUMBERS = 64

/** The most campaigns, routes, agents or tags a picker is offered. */
export const MAX_CHOICES = 5000

export interface ListOptions {
  text?: string | undefined
  /** Calls the reviewer's own QA text matched; they join the text's matches. */
  alsoIds?: readonly number[] | undefined
  sort?: CallSort | undefined
  /** The reviewer's reviewed calls, for a sort by "reviewed" and the reviewed filter. */
  reviewedIds?: readonly number[] | undefined
  /** Filters only the library answers. */
  local?: LocalFilters | undefined
  /** The calls the reviewer flagged, for the flagged filter. */
  flaggedIds?: readonly number[] | undefined
  /** With text: the search index point `CallLibrary#whenSearchable` reached; list() then does not wait for the index. */
  indexedUpTo?: number | undefined
}

/** A page's items, and when its oldest row was fetched. */
function page(rows: readonly ListRow[], total: number): CallListResult {
  let fetchedAt: string | null = null
  for (const row of rows) if (fetchedAt === null || row.fetched_at < fetchedAt) fetchedAt = row.fetched_at
  return { items: rows.map(toItem), total, fetchedAt }
}

function toItem(row: ListRow): CallListItem {
  return {
    callId: row.call_id,
    started: row.call_started,
    durationSeconds: row.duration,
    callerId: row.caller_id,
    callerIdentity: row.caller_identity,
    trackingNumber: row.phone_number,
    campaignName: row.campaign_name,
    groupName: row.group_name,
    disposition: row.disposition,
    tags: JSON.parse(row.tag_names) as string[],
    reviewed: row.reviewed === 1,
    recordingOffline: row.recording_offline === 1,
    transcriptOffline: row.has_transcript === 1,
    score: row.score,
    ...(row.unlisted_at !== null ? { unlistedAt: row.unlisted_at } : {})
  }
}

export class CallListQueries {
  private readonly statements: StatementCache

  constructor(private readonly db: Database.Database) {
    this.statements = new StatementCache(db)
    // This connection's own scratch table (list): never in a file another connection reads.
    db.exec('CREATE TEMP TABLE IF NOT EXISTS list_matches (id INTEGER PRIMARY KEY)')
  }

  list(query: CallQuery, options: ListOptions = {}): CallListResult {
    const { text, sort } = options
    const words = text === undefined ? null : toWordMatch(text)
    // Words never match the index's `phones` column: numbers are found by their digits (phone_tails).
    const fts = words === null ? null : `(- {phones} : (${words}))`
    const digits = text === undefined ? null : phoneDigits(text)
    const alsoIds = options.alsoIds ?? []
    // Input without a word ("--") filters nothing by text, as an empty box does.
    const match: TextMatch | null = fts === null && digits === null && alsoIds.length === 0 ? null : { fts, digits, alsoIds }
    const filter = withLocal(toFilter(query), options.local, options)
    const single = query.call_id !== undefined
    const numbers = digits === null ? null : this.numberShare(digits)
    // Words and the reviewer's QA matches over a range no narrower index serves: their ids are
    // gathered once into a table that the count and the page both read. Otherwise each gathers
    // the text's matches again (a common word has tens of thousands): finding-calls.bench.ts,
    // "warranty" (35,000 matches, 3,700 from QA text), 35 ms → 28 ms.
    const gathered = match !== null && match.fts !== null && match.digits === null && match.alsoIds.length > 0 && !filter.selective && !single
    const matched: Filter =
      match === null
        ? filter
        : gathered
          ? { ...filter, where: `${filter.where} AND c.call_id IN temp.list_matches`, selective: false }
          : withMatch(filter, match, numbers !== null && numbers.matched <= FEW_NUMBERS)
    if (gathered) this.gather(match.fts as string, match.alsoIds)
    const total = gathered ? this.countWhere(matched.where, matched.params) : this.count(filter, match, numbers)
    const { where, params } = matched
    if (sort?.column === 'reviewed' && !single) {
      const rows = this.reviewedFirstOrLast(query, where, params, sort.direction, options.reviewedIds ?? [], match !== null && !matched.selective)
      return page(rows, total)
    }
    const paging = single ? '' : ' LIMIT ? OFFSET ?'
    const order = orderBy(sort, options.reviewedIds)
    const newestFirst = order.params.length === 0 && order.sql.startsWith('c.call_started DESC')
    // SQLite cannot tell how many calls a text matches, and by default sorts every match to
    // return one page (tens of thousands for a common word). Walking the time index newest
    // first and stopping after the page is as fast for rare words and far faster for common
    // ones, unless an id or number filter offers a narrower index.
    const indexed =
      match !== null && !matched.selective && newestFirst
        ? ' INDEXED BY calls_by_started'
        : match === null && !single
          ? this.sortIndex(sort, total, query)
          : ''
    const rows = this.statement(`SELECT ${LIST_COLUMNS} FROM calls c${indexed} WHERE ${where} ORDER BY ${order.sql}${paging}`).all(
      ...params,
      ...order.params,
      ...(single ? [] : [query.limit, query.offset])
    ) as ListRow[]
    return page(rows, total)
  }

  /**
   * A sort by "reviewed": the reviewer's reviewed calls first (desc) or last (asc), newest first
   * within each part. As one ORDER BY on `call_id IN (…)` it sorts every call of the range; as
   * two queries, one a part, each walks the time index and stops after the page.
   */
  private reviewedFirstOrLast(
    query: CallQuery,
    where: string,
    params: (string | number)[],
    direction: 'asc' | 'desc',
    reviewedIds: readonly number[],
    byTime: boolean
  ): ListRow[] {
    const ids = JSON.stringify(reviewedIds)
    const inPart = (first: boolean): string => ((direction === 'desc') === first ? 'IN' : 'NOT IN')
    const indexed = byTime ? ' INDEXED BY calls_by_started' : ''
    // `+c.call_id`: the ids are a test on each row, not a list of rows to look up one by one and then sort.
    const part = (first: boolean, limit: number, offset: number): ListRow[] =>
      this.statement(
        `SELECT ${LIST_COLUMNS} FROM calls c${indexed} WHERE ${where} AND +c.call_id ${inPart(first)} (SELECT value FROM json_each(?))
         ORDER BY c.call_started DESC, c.call_id DESC LIMIT ? OFFSET ?`
      ).all(...params, ids, limit, offset) as ListRow[]
    const firstRows = part(true, query.limit, query.offset)
    if (firstRows.length === query.limit) return firstRows
    // The page reaches past the first part: how many calls that part holds says where the second begins.
    const firstTotal = this.statement(`SELECT count(*) FROM calls c WHERE ${where} AND +c.call_id ${inPart(true)} (SELECT value FROM json_each(?))`)
      .pluck()
      .get(...params, ids) as number
    return [...firstRows, ...part(false, query.limit - firstRows.length, Math.max(0, query.offset - firstTotal))]
  }

  /**
   * The campaigns, routes, agents and tags of every stored call, for the pickers: people choose
   * by name, the API filters by id. A route has no name of its own, so it is told by its
   * tracking numbers (digits, as stored) and campaign. At most MAX_CHOICES of each.
   */
  choices(): CallChoices {
    const campaigns = this.statement(
      `SELECT campaign_id AS id, max(campaign_name) AS name, count(*) AS calls FROM calls WHERE campaign_id IS NOT NULL
       GROUP BY campaign_id ORDER BY name IS NULL, name COLLATE NOCASE, id LIMIT ${MAX_CHOICES}`
    ).all() as CallChoices['campaigns']
    const routes = (
      this.statement(
        `SELECT provisioned_route_id AS id, json_group_array(DISTINCT phone_number) FILTER (WHERE phone_number IS NOT NULL) AS numbers,
           max(campaign_name) AS campaignName, count(*) AS calls
         FROM calls WHERE provisioned_route_id IS NOT NULL GROUP BY provisioned_route_id ORDER BY campaignName IS NULL, campaignName COLLATE NOCASE, id
         LIMIT ${MAX_CHOICES}`
      ).all() as { id: number; numbers: string; campaignName: string | null; calls: number }[]
    ).map(({ numbers, ...route }) => ({ ...route, trackingNumbers: JSON.parse(numbers) as string[] }))
    const agents = this.statement(`SELECT DISTINCT agent FROM calls WHERE agent IS NOT NULL ORDER BY agent COLLATE NOCASE LIMIT ${MAX_CHOICES}`)
      .pluck()
      .all() as string[]
    const tags = this.statement(
      `SELECT DISTINCT t.value FROM calls c, json_each(c.tag_names) t WHERE t.type = 'text' ORDER BY t.value COLLATE NOCASE LIMIT ${MAX_CHOICES}`
    )
      .pluck()
      .all() as string[]
    return { campaigns, routes, agents, tags }
  }

  /** How many stored numbers hold these digits, of how many stored numbers. */
  private numberShare(digits: string): { matched: number; stored: number } {
    return {
      matched: this.statement(`SELECT count(DISTINCT number) FROM phone_tails WHERE tail >= ? AND tail < ? || ':'`)
        .pluck()
        .get(digits, digits) as number,
      stored: this.statement('SELECT count(*) FROM phone_numbers').pluck().get() as number
    }
  }

  /**
   * A sorted page of most of the library is read off the sort's own index, named to the planner:
   * with the statistics `PRAGMA optimize` takes (a sample), a column of many distinct values (the
   * caller) looked costly to it, and it sorted the whole date range instead (100,000 calls: about
   * 90 ms against 2). Walking the index visits about (offset + limit) × stored ÷ total entries to
   * fill the page; sorting reads all `total` rows and sorts them, about 8 times an entry's cost
   * (measured: a day's 3,200 of 100,000 calls, 6 ms sorted, 1.8 ms walked). So the index is named
   * where the walk costs less than 4 sorted rows' worth; a narrow filter is left to the planner.
   */
  private sortIndex(sort: CallSort | undefined, total: number, query: CallQuery): string {
    if (!sort || total < SORT_INDEX_MIN_MATCHES) return ''
    const index = SORT_INDEXES[sort.column]?.[sort.direction]
    if (index === undefined) return ''
    const stored = this.statement('SELECT count(*) FROM calls').pluck().get() as number
    return (query.offset + query.limit) * stored <= SORTED_ROW_COST * total * total ? ` INDEXED BY ${index}` : ''
  }

  /** The calls matching `fts` or among `alsoIds`, into temp.list_matches (in place of what it held). */
  private gather(fts: string, alsoIds: readonly number[]): void {
    this.statement('DELETE FROM temp.list_matches').run()
    this.statement(
      'INSERT INTO temp.list_matches SELECT rowid FROM search.calls_fts WHERE calls_fts MATCH ? UNION SELECT value FROM json_each(?)'
    ).run(fts, JSON.stringify(alsoIds))
  }

  private countWhere(where: string, params: readonly (string | number)[]): number {
    return this.statement(`SELECT count(*) FROM calls c WHERE ${where}`)
      .pluck()
      .get(...params) as number
  }

  private count(filter: Filter, match: TextMatch | null, numbers: { matched: number; stored: number } | null): number {
    if (match === null) return this.countWhere(filter.where, filter.params)
    // Without a narrow index to start from, walking the text's matches and checking each call
    // saves building the set of every match first (about a third of the time for common words).
    if (!filter.selective && match.fts !== null && match.digits === null && match.alsoIds.length === 0)
      return this.statement(`SELECT count(*) FROM search.calls_fts f JOIN calls c ON c.call_id = f.rowid WHERE calls_fts MATCH ? AND ${filter.where}`)
        .pluck()
        .get(match.fts, ...filter.params) as number
    // Digits most numbers hold ("+1 512 581" in one area code) match most calls: counting them
    // one by one reads tens of thousands of rows. The calls they miss are those whose every
    // number is one of the few that lack the digits (or none), found through the number indexes;
    // the rest of the range matches.
    if (match.digits !== null && numbers !== null && numbers.matched * 2 > numbers.stored) {
      const clauses: string[] = []
      const params: (string | number)[] = []
      for (const column of NUMBER_COLUMNS) {
        clauses.push(`(${column} IS NULL OR ${column} IN (${NUMBERS_WITHOUT}))`)
        params.push(match.digits, match.digits)
      }
      const ids = idClause(match, true)
      if (ids) {
        clauses.push(ids.sql)
        params.push(...ids.params)
      }
      return (
        this.countWhere(filter.where, filter.params) - this.countWhere(`${filter.where} AND ${clauses.join(' AND ')}`, [...filter.params, ...params])
      )
    }
    const { where, params } = withMatch(filter, match, numbers !== null && numbers.matched <= FEW_NUMBERS)
    return this.countWhere(where, params)
  }

  private statement(sql: string): Database.Statement {
    return this.statements.get(sql)
  }
}
