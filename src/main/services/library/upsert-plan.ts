/**
 * What storing fetched records changes, worked out from what is stored (CallLibrary#upsertCalls):
 * the rows to write and the text to index. Worked out apart from the writing so that the same
 * rows can be written on the main thread's connection, inside one of its transactions, or on the
 * library thread (library-thread.ts), which then checks that no call it plans to overwrite
 * changed since it was read here (`expect`).
 */
import type Database from 'better-sqlite3'
import type { CallRecord } from '@shared/convirza/schemas'
import { digitTails, mergeVersions, modulesOf, searchHash, tagNamesOf, toCallRow, toSearchRow, type StoredVersion } from './call-columns'
import type { WriteStep } from './library-thread'
import { toIndexRow, type IndexRow } from './search-index'

export const UPSERT_SQL = {
  selectVersion: 'SELECT modules, fetched_at, search_hash FROM calls WHERE call_id = ?',
  selectRecord: 'SELECT record_json FROM call_records WHERE call_id = ?',
  upsertCall: `
      INSERT INTO calls (call_id, call_started, org_unit_id, campaign_id, provisioned_route_id, caller_id, phone_number, ring_to,
        disposition, duration, caller_identity, campaign_name, group_name, tag_names, has_recording, has_transcript, score, agent, modules, search_hash, fetched_at)
      VALUES (@call_id, @call_started, @org_unit_id, @campaign_id, @provisioned_route_id, @caller_id, @phone_number, @ring_to,
        @disposition, @duration, @caller_identity, @campaign_name, @group_name, @tag_names, @has_recording, @has_transcript, @score, @agent,
        @modules, @search_hash, @fetched_at)
      ON CONFLICT (call_id) DO UPDATE SET
        call_started = excluded.call_started, org_unit_id = excluded.org_unit_id, campaign_id = excluded.campaign_id,
        provisioned_route_id = excluded.provisioned_route_id, caller_id = excluded.caller_id, phone_number = excluded.phone_number,
        ring_to = excluded.ring_to, disposition = excluded.disposition, duration = excluded.duration,
        caller_identity = excluded.caller_identity, campaign_name = excluded.campaign_name, group_name = excluded.group_name,
        tag_names = excluded.tag_names, has_recording = excluded.has_recording, has_transcript = excluded.has_transcript,
        score = excluded.score, agent = excluded.agent, modules = excluded.modules, search_hash = excluded.search_hash, fetched_at = excluded.fetched_at,
        unlisted_at = CASE WHEN calls.unlisted_at > @listed_at THEN calls.unlisted_at ELSE NULL END`,
  upsertRecord:
    'INSERT INTO call_records (call_id, record_json) VALUES (?, ?) ON CONFLICT (call_id) DO UPDATE SET record_json = excluded.record_json',
  insertNumber: 'INSERT INTO phone_numbers (number) VALUES (?) ON CONFLICT DO NOTHING',
  insertTail: 'INSERT INTO phone_tails (tail, number) VALUES (?, ?) ON CONFLICT DO NOTHING'
} as const

export interface UpsertPlan {
  /** Every call the plan overwrites or inserts, as it was read: `[call_id, modules, fetched_at]`, nulls when not stored. */
  expect: [number, number | null, string | null][]
  steps: WriteStep[]
  /** The index rows of the calls whose text changed, to stage once the rows are written. */
  index: IndexRow[]
  inserted: number
  updated: number
}

interface StoredState {
  modules: number
  fetched_at: string
  search_hash: number
}

/** Reads what is stored of a call: prepared statements for UPSERT_SQL.selectVersion and selectRecord (plucked). */
export interface UpsertReads {
  selectVersion: Database.Statement
  selectRecord: Database.Statement
}

export function prepareUpsertReads(db: Database.Database): UpsertReads {
  return { selectVersion: db.prepare(UPSERT_SQL.selectVersion), selectRecord: db.prepare(UPSERT_SQL.selectRecord).pluck() }
}

/** An empty plan, to add records to (`addToPlan`) a slice at a time. */
export function emptyPlan(): UpsertPlan {
  return { expect: [], steps: [], index: [], inserted: 0, updated: 0 }
}

/**
 * Add records to a plan. An existing call is merged (see mergeVersions): newest fetch wins per
 * module, and the local `reviewed` mark is kept (it is not a written column). A call that comes
 * twice is planned against its first planned version, as written in one transaction it would be.
 */
export function addToPlan(
  plan: UpsertPlan,
  planned: Map<number, StoredVersion & { hash: number }>,
  reads: UpsertReads,
  records: readonly CallRecord[],
  at: string
): void {
  for (const record of records) {
    let version: StoredVersion = { record, modules: modulesOf(record), fetchedAt: at }
    const earlier = planned.get(record.call_id)
    let existing: StoredState | undefined
    if (earlier) existing = { modules: earlier.modules, fetched_at: earlier.fetchedAt, search_hash: earlier.hash }
    else {
      existing = reads.selectVersion.get(record.call_id) as StoredState | undefined
      plan.expect.push([record.call_id, existing?.modules ?? null, existing?.fetched_at ?? null])
    }
    if (existing) {
      const newer = at >= existing.fetched_at
      // An older fetch arriving late that adds no module changes nothing.
      if (!newer && !(version.modules & ~existing.modules)) continue
      // The stored JSON is only read when the stored record holds something the new one lacks.
      if (!newer || existing.modules & ~version.modules) {
        const stored = earlier?.record ?? (JSON.parse(reads.selectRecord.get(record.call_id) as string) as CallRecord)
        version = mergeVersions({ record: stored, modules: existing.modules, fetchedAt: existing.fetched_at }, version)
      }
      plan.updated += 1
    } else plan.inserted += 1
    const tagNames = tagNamesOf(version.record)
    const search = toSearchRow(version.record, tagNames)
    const hash = searchHash(search)
    // A fetch of the call proves the server still has it: a mark older than the fetch goes.
    const row = toCallRow(version, tagNames, hash)
    plan.steps.push(['run', UPSERT_SQL.upsertCall, [{ ...row, listed_at: at }]])
    // A number seen for the first time gets its digit tails, for search by digits (migration 9).
    for (const number of [row.caller_id, row.phone_number, row.ring_to])
      if (number !== null) plan.steps.push(['number', UPSERT_SQL.insertNumber, UPSERT_SQL.insertTail, number, digitTails(number)])
    plan.steps.push(['run', UPSERT_SQL.upsertRecord, [version.record.call_id, JSON.stringify(version.record)]])
    if (existing?.search_hash !== hash) plan.index.push(toIndexRow(search, hash))
    planned.set(record.call_id, { ...version, hash })
  }
}

/** Run a plan's steps on a connection (inside the caller's transaction). */
export function runSteps(db: Database.Database, steps: readonly WriteStep[], cache: Map<string, Database.Statement> = new Map()): void {
  const statement = (sql: string): Database.Statement => {
    let s = cache.get(sql)
    if (!s) cache.set(sql, (s = db.prepare(sql)))
    return s
  }
  for (const step of steps) {
    if (step[0] === 'run') statement(step[1]).run(...step[2])
    else if (statement(step[1]).run(step[3]).changes > 0) for (const tail of step[4]) statement(step[2]).run(tail, step[3])
  }
}
