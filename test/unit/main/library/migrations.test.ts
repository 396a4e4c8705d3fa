import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import { backupPathFor, LIBRARY_DATABASE_FILE, SEARCH_DATABASE_FILE } from '@main/services/library/database'
import { callAgent, callScore } from '@main/services/library/call-columns'
import { LIBRARY_MIGRATIONS, type LibraryMigration } from '@main/services/library/migrations'
import { OpenLibraries, tempProfileDir } from '@test/fixtures/library/library-setup'
import { syntheticCalls } from '@test/fixtures/library/synthetic-calls'

const libraries = new OpenLibraries()
afterEach(() => libraries.closeAll())

const addNotesColumn: LibraryMigration = (db) => db.exec("ALTER TABLE calls ADD COLUMN local_note TEXT NOT NULL DEFAULT ''")

describe('library migrations', () => {
  it('creates the current schema in a new profile without taking a backup', () => {
    const dir = tempProfileDir()
    const library = libraries.make(dir)
    expect(library.db.pragma('user_version', { simple: true })).toBe(LIBRARY_MIGRATIONS.length)
    expect(existsSync(backupPathFor(join(dir, LIBRARY_DATABASE_FILE), 0))).toBe(false)
  })

  it('copies the database to library.sqlite.bak-v<from> before a migration changes it, with every committed call', () => {
    const dir = tempProfileDir()
    const v1 = libraries.make(dir)
    v1.upsertCalls(syntheticCalls(50), '2026-04-01T00:00:00.000Z')
    // Left open on purpose: the commits sit in the WAL, and the copy must still hold them.
    const upgraded = libraries.make(dir, { migrations: [...LIBRARY_MIGRATIONS, addNotesColumn] })
    expect(upgraded.db.pragma('user_version', { simple: true })).toBe(LIBRARY_MIGRATIONS.length + 1)
    expect(upgraded.stats().calls).toBe(50)

    const backupPath = backupPathFor(join(dir, LIBRARY_DATABASE_FILE), LIBRARY_MIGRATIONS.length)
    expect(backupPath.endsWith(`library.sqlite.bak-v${LIBRARY_MIGRATIONS.length}`)).toBe(true)
    const backup = new Database(backupPath, { readonly: true })
    try {
      expect(backup.pragma('user_version', { simple: true })).toBe(LIBRARY_MIGRATIONS.length)
      expect(backup.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(50)
      expect(backup.pragma('integrity_check', { simple: true })).toBe('ok')
      const columns = (backup.pragma('table_info(calls)') as { name: string }[]).map((c) => c.name)
      expect(columns).not.toContain('local_note')
    } finally {
      backup.close()
    }
  })

  it('upgrades a version 1 library to the current schema, keeping its calls and searching them after they are fetched again', () => {
    const dir = tempProfileDir()
    const calls = syntheticCalls(20)
    libraries.make(dir).upsertCalls(calls, '2026-04-01T00:00:00.000Z')
    libraries.closeAll()
    // Turn the file back into what version 1 wrote.
    const raw = new Database(join(dir, LIBRARY_DATABASE_FILE))
    // Version 9 added the phone numbers and their digit tails.
    raw.exec('DROP TABLE phone_numbers; DROP TABLE phone_tails')
    // Version 8 added the sort indexes (some of them on score).
    for (const name of raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name LIKE 'calls_sorted_by_%'").pluck().all() as string[])
      raw.exec(`DROP INDEX ${name}`)
    // Version 6 added the score and agent columns and their indexes.
    raw.exec('DROP INDEX calls_by_score; DROP INDEX calls_by_agent; DROP INDEX calls_by_duration')
    raw.exec('ALTER TABLE calls DROP COLUMN score; ALTER TABLE calls DROP COLUMN agent')
    raw.exec('ALTER TABLE calls DROP COLUMN search_hash')
    raw.exec('ALTER TABLE sync_jobs DROP COLUMN downloaded_bytes')
    // Version 7 added the unlisted mark and the kept sync summary.
    raw.exec('ALTER TABLE calls DROP COLUMN unlisted_at; ALTER TABLE sync_jobs DROP COLUMN summary_json')
    // Version 5 added the audio features and turn placements.
    raw.exec('DROP TABLE audio_features; DROP TABLE turn_placements')
    // Up to version 3 the full-text index lived in this file.
    raw.exec(`CREATE VIRTUAL TABLE calls_fts USING fts5(transcription, summary, comments, tags, caller_identity, campaign,
      content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2')`)
    raw.pragma('user_version = 1')
    raw.close()
    rmSync(join(dir, SEARCH_DATABASE_FILE), { force: true })

    const current = libraries.make(dir)
    expect(current.db.pragma('user_version', { simple: true })).toBe(LIBRARY_MIGRATIONS.length)
    expect(existsSync(backupPathFor(join(dir, LIBRARY_DATABASE_FILE), 1))).toBe(true)
    expect(current.get(calls[3]!.call_id)?.record).toEqual(calls[3])
    // Migration 6 filled score and agent from the stored records, as an upsert would.
    const filled = current.db.prepare('SELECT call_id, score, agent FROM calls').all() as {
      call_id: number
      score: number | null
      agent: string | null
    }[]
    for (const row of filled) {
      const record = calls.find((c) => c.call_id === row.call_id)!
      expect(row.score).toBe(callScore(record))
      expect(row.agent).toBe(callAgent(record))
    }
    expect(filled.some((row) => row.score !== null)).toBe(true)
    expect(
      (current.db.pragma('table_list') as { name: string; schema: string }[]).filter((t) => t.name === 'calls_fts').map((t) => t.schema)
    ).toEqual(['search'])
    // The index is built from the stored records at the first open: every call is found at once.
    const april = { start: '2026-03-01T00:00:00.000Z', end: '2026-03-31T00:00:00.000Z', limit: 200, offset: 0 }
    const inWindow = calls.filter((c) => c.call_started >= april.start && c.call_started <= april.end)
    expect(inWindow.length).toBeGreaterThan(5)
    for (const call of inWindow) expect(current.list(april, { text: call.ai_caller_identity! }).items.map((i) => i.callId)).toContain(call.call_id)
    const changed = { ...calls[3]!, transcription: 'Caller: a brand new zeppelin word' }
    current.upsertCalls([...calls.slice(0, 3), changed], '2026-04-02T00:00:00.000Z')
    expect(current.list(april, { text: 'zeppelin' }).items.map((i) => i.callId)).toEqual([changed.call_id])
  })

  it('leaves the database as it was when a migration step fails, and says so', () => {
    const dir = tempProfileDir()
    libraries.make(dir).upsertCalls(syntheticCalls(5), '2026-04-01T00:00:00.000Z')
    libraries.closeAll()
    const failing: LibraryMigration = (db) => {
      db.exec('ALTER TABLE calls ADD COLUMN half_done TEXT')
      throw new Error('disk full')
    }
    expect(() => libraries.make(dir, { migrations: [...LIBRARY_MIGRATIONS, failing] })).toThrow(/could not be prepared \(disk full\)/)
    const reopened = libraries.make(dir)
    expect(reopened.db.pragma('user_version', { simple: true })).toBe(LIBRARY_MIGRATIONS.length)
    expect((reopened.db.pragma('table_info(calls)') as { name: string }[]).map((c) => c.name)).not.toContain('half_done')
    expect(reopened.stats().calls).toBe(5)
  })

  it('refuses a database written by a newer version instead of damaging it', () => {
    const dir = tempProfileDir()
    libraries.make(dir, { migrations: [...LIBRARY_MIGRATIONS, addNotesColumn] })
    libraries.closeAll()
    let error: unknown
    try {
      libraries.make(dir)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).message).toMatch(/newer Call Review.*Update Call Review/)
  })
  it('keeps only the newest pre-migration copy once an upgrade succeeds, counts it in the size shown, and deletes it when cleared', () => {
    const dir = tempProfileDir()
    const path = join(dir, LIBRARY_DATABASE_FILE)
    const current = libraries.make(dir)
    current.upsertCalls(syntheticCalls(20), '2026-04-01T00:00:00.000Z')
    current.close()
    writeFileSync(backupPathFor(path, 1), 'a copy from an earlier upgrade')
    const size = (file: string) => (existsSync(file) ? statSync(file).size : 0)

    const upgraded = libraries.make(dir, { migrations: [...LIBRARY_MIGRATIONS, addNotesColumn] })
    const newest = backupPathFor(path, LIBRARY_MIGRATIONS.length)
    expect(existsSync(newest)).toBe(true)
    expect(existsSync(backupPathFor(path, 1))).toBe(false)
    const search = join(dir, SEARCH_DATABASE_FILE)
    expect(size(search)).toBeGreaterThan(0)
    expect(upgraded.stats().databaseBytes).toBe(size(path) + size(`${path}-wal`) + size(newest) + size(search) + size(`${search}-wal`))
    expect(size(newest)).toBeGreaterThan(0)

    upgraded.clear()
    expect(existsSync(newest)).toBe(false)
    expect(upgraded.stats().databaseBytes).toBe(size(path) + size(`${path}-wal`) + size(search) + size(`${search}-wal`))
  })
})
