import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CallRecord } from '@shared/convirza/schemas'
import { SORT_COLUMNS, type CallSort, type SortColumn } from '@shared/ipc/contract/calls'
import { orderBy } from '@main/services/library/call-list-query'
import { LIBRARY_DATABASE_FILE } from '@main/services/library/database'
import { OpenLibraries, query, tempProfileDir } from '@test/fixtures/library/library-setup'
import { syntheticCalls, SYNTHETIC_EPOCH } from '@test/fixtures/library/synthetic-calls'

const libraries = new OpenLibraries()
afterEach(() => libraries.closeAll())

const FETCHED = '2026-04-15T00:00:00.000Z'
const RANGE = query({ start: new Date(SYNTHETIC_EPOCH).toISOString(), end: new Date(SYNTHETIC_EPOCH + 30 * 86_400_000).toISOString(), limit: 25 })

/** 150 synthetic calls over 25 days, some missing each sortable value, some with equal values and equal start times. */
function calls(): CallRecord[] {
  return syntheticCalls(150, { seed: 3, words: [5, 10] }).map((call, i) => {
    const record: Record<string, unknown> = { ...call }
    if (i % 7 === 0) delete record.duration
    if (i % 9 === 0) delete record.ai_caller_identity
    if (i % 11 === 0) delete record.campaign_name
    if (i % 13 === 0) delete record.disposition
    if (i % 5 === 0) record.indicators = []
    if (i % 17 === 0) record.ai_caller_identity = 'ava ' + (i % 2 ? 'Z' : 'z')
    // Calls i and i + 120 start at the same moment: ties go to the higher id.
    record.call_started = new Date(SYNTHETIC_EPOCH + (i % 120) * 5 * 3_600_000).toISOString()
    return record as CallRecord
  })
}

/** The order the list promises, computed here: missing values last, text ignoring ASCII case, then newest first. */
function expected(records: readonly CallRecord[], sort: CallSort, reviewed: ReadonlySet<number>): number[] {
  const fold = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase())
  const value = (r: CallRecord): string | number | null => {
    const scores = (r.indicators ?? []).map((i) => i.score_value).filter((v): v is number => typeof v === 'number')
    const byColumn: Record<SortColumn, string | number | null> = {
      started: null,
      duration: r.duration ?? null,
      caller: r.ai_caller_identity ? fold(r.ai_caller_identity) : r.caller_id ? fold(r.caller_id) : null,
      campaign: r.campaign_name ? fold(r.campaign_name) : null,
      disposition: r.disposition ?? null,
      score: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
      reviewed: reviewed.has(r.call_id) ? 1 : 0
    }
    return byColumn[sort.column]
  }
  const sign = sort.direction === 'asc' ? 1 : -1
  const started = (r: CallRecord): string => new Date(r.call_started).toISOString()
  return [...records]
    .sort((a, b) => {
      if (sort.column === 'started') return sign * (started(a) < started(b) ? -1 : started(a) > started(b) ? 1 : a.call_id - b.call_id)
      const [va, vb] = [value(a), value(b)]
      if ((va === null) !== (vb === null)) return va === null ? 1 : -1
      if (va !== null && vb !== null && va !== vb) return sign * (va < vb ? -1 : 1)
      return started(a) !== started(b) ? (started(a) < started(b) ? 1 : -1) : b.call_id - a.call_id
    })
    .map((r) => r.call_id)
}

/** SQLite's plan, as text, for a sorted first page of a date range when no index is named. */
function plannedSort(db: Database.Database, sort: CallSort, range: { start: string; end: string }): string {
  const sql = `EXPLAIN QUERY PLAN SELECT c.call_id FROM calls c WHERE c.call_started >= ? AND c.call_started <= ? ORDER BY ${orderBy(sort, undefined).sql} LIMIT 200`
  return (db.prepare(sql).all(range.start, range.end) as { detail: string }[]).map((row) => row.detail).join('\n')
}

const SORTS: CallSort[] = SORT_COLUMNS.flatMap((column) => (['asc', 'desc'] as const).map((direction) => ({ column, direction })))

describe('sorting the library', () => {
  it('pages through every sort in the promised order, missing values last either way', () => {
    const records = calls()
    const library = libraries.make()
    library.upsertCalls(records, FETCHED)
    // 38 reviewed calls: the part boundary falls inside a page.
    const reviewedIds = records.filter((_, i) => i % 4 === 0).map((r) => r.call_id)
    for (const sort of SORTS) {
      const seen: number[] = []
      for (let offset = 0; offset < records.length; offset += 25) {
        const page = library.list({ ...RANGE, offset }, { sort, reviewedIds })
        expect(page.total).toBe(records.length)
        seen.push(...page.items.map((i) => i.callId))
      }
      expect({ sort, ids: seen }).toEqual({ sort, ids: expected(records, sort, new Set(reviewedIds)) })
    }
  })

  it('reads each sort off an index of its own instead of sorting the date range', () => {
    const library = libraries.make()
    library.upsertCalls(calls(), FETCHED)
    library.db.exec('ANALYZE')
    for (const sort of SORTS.filter((s) => s.column !== 'reviewed' && s.column !== 'started')) {
      const plan = plannedSort(library.db, sort, RANGE)
      expect(plan).toContain(`INDEX calls_sorted_by_${sort.column}_${sort.direction}`)
      expect(plan).not.toContain('TEMP B-TREE')
    }
  })

  it('reads a sort of most of the library off its index even where sampled statistics would sort the whole range', () => {
    const library = libraries.make()
    const records = syntheticCalls(3000, { seed: 5, words: [5, 10] })
    library.upsertCalls(records, FETCHED)
    // The statistics PRAGMA optimize's sample gave a 100,000-call library (renderer.bench.ts, stop
    // 27): the caller's index looked like 2,001 distinct values per entry, so the planner sorted
    // every call of the range (90 ms) rather than walk it (2 ms).
    library.db.exec('ANALYZE')
    const sampled: Record<string, string> = {
      calls_by_started: '55000 1 1',
      calls_sorted_by_caller_asc: '55000 2001 2 1 1',
      calls_sorted_by_caller_desc: '55000 2001 56 1 1'
    }
    const update = library.db.prepare("UPDATE sqlite_stat1 SET stat = ? WHERE tbl = 'calls' AND idx = ?")
    for (const [idx, stat] of Object.entries(sampled)) update.run(stat, idx)
    library.db.exec('ANALYZE sqlite_schema')
    const sort: CallSort = { column: 'caller', direction: 'asc' }
    const month = query({ ...RANGE, limit: 200 })
    // What the planner does alone with these statistics: the case this guards against.
    expect(plannedSort(library.db, sort, month)).toContain('TEMP B-TREE')

    const prepared = vi.spyOn(library.db, 'prepare')
    const inRange = (from: string, to: string): CallRecord[] => records.filter((r) => r.call_started >= from && r.call_started <= to)
    const page = library.list(month, { sort })
    expect(prepared.mock.calls.map(([sql]) => sql).join('\n')).toContain('INDEXED BY calls_sorted_by_caller_asc')
    expect(page.total).toBe(inRange(month.start, month.end).length)
    expect(page.items.map((i) => i.callId)).toEqual(expected(inRange(month.start, month.end), sort, new Set()).slice(0, 200))

    // A day's calls (about 75): sorting them is cheaper than walking the index; the planner chooses.
    prepared.mockClear()
    const day = query({
      start: new Date(SYNTHETIC_EPOCH + 86_400_000).toISOString(),
      end: new Date(SYNTHETIC_EPOCH + 2 * 86_400_000 - 1).toISOString(),
      limit: 200
    })
    const dayPage = library.list(day, { sort })
    expect(prepared.mock.calls.map(([sql]) => sql).join('\n')).not.toContain('INDEXED BY')
    expect(dayPage.items.map((i) => i.callId)).toEqual(expected(inRange(day.start, day.end), sort, new Set()))
  })

  it('takes the planner’s statistics itself on the idle tick after a write, with no one running ANALYZE', async () => {
    // Without them, a sorted page over 100,000 calls sorted the whole range (70-130 ms, measured
    // by renderer.bench.ts) instead of walking its index; the plan with statistics is checked above.
    const library = libraries.make()
    const stats = (): number => (library.db.prepare("SELECT count(*) AS n FROM sqlite_stat1 WHERE tbl = 'calls'").get() as { n: number }).n
    expect(stats()).toBe(0)
    library.upsertCalls(calls(), FETCHED)
    await expect.poll(stats, { timeout: 5_000 }).toBeGreaterThan(0)
  })

  it('does not wait for the write lock to take statistics: another writer holding it costs nothing and breaks nothing', async () => {
    const library = libraries.make()
    const other = new Database(library.path)
    try {
      library.upsertCalls(calls(), FETCHED)
      // Another connection (the library thread, in the app) holds the write lock over the idle tick.
      other.exec('BEGIN IMMEDIATE')
      const started = performance.now()
      await new Promise((resolve) => setTimeout(resolve, 600))
      // The tick gave up at once instead of waiting out the 5 s busy timeout on this thread.
      expect(performance.now() - started).toBeLessThan(3_000)
      expect(library.db.pragma('busy_timeout', { simple: true })).toBe(5000)
      other.exec('ROLLBACK')
      const stats = (): number => (library.db.prepare("SELECT count(*) AS n FROM sqlite_stat1 WHERE tbl = 'calls'").get() as { n: number }).n
      expect(stats()).toBe(0)
      // The next write's tick takes them.
      library.upsertCalls(calls().slice(0, 5), FETCHED)
      await expect.poll(stats, { timeout: 5_000 }).toBeGreaterThan(0)
    } finally {
      other.close()
    }
  })

  it('adds the sort indexes to a library made before them, which then sorts as before', () => {
    const dir = tempProfileDir()
    const records = calls()
    libraries.make(dir).upsertCalls(records, FETCHED)
    libraries.closeAll()
    // Turn the file back into what version 7 wrote.
    const raw = new Database(join(dir, LIBRARY_DATABASE_FILE))
    const indexes = (db: Database.Database): string[] =>
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name LIKE 'calls_sorted_by_%' ORDER BY name").pluck().all() as string[]
    for (const name of indexes(raw)) raw.exec(`DROP INDEX ${name}`)
    raw.exec('DROP TABLE phone_numbers; DROP TABLE phone_tails')
    raw.pragma('user_version = 7')
    raw.close()

    const library = libraries.make(dir)
    expect(indexes(library.db)).toHaveLength(10)
    expect(library.db.pragma('integrity_check', { simple: true })).toBe('ok')
    const sort: CallSort = { column: 'caller', direction: 'desc' }
    expect(library.list(RANGE, { sort }).items.map((i) => i.callId)).toEqual(expected(records, sort, new Set()).slice(0, 25))
  })
})
