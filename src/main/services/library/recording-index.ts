/**
 * Which recordings are complete on disk, in the library database. A row is written only after
 * its file was fully downloaded, size-checked, fsynced and renamed into place, so a row means
 * "safe to serve"; a file without a row is never served. Also holds the cache's size cap.
 */
import type Database from 'better-sqlite3'

/** The recording cache's size cap until the user sets another in settings. */
export const DEFAULT_CACHE_LIMIT_BYTES = 5 * 1024 ** 3
const CACHE_LIMIT_KEY = 'recording_cache_limit_bytes'

export interface RecordingEntry {
  callId: number
  /** File name inside the recordings folder, e.g. "987654.wav". */
  file: string
  bytes: number
  contentType: string
  downloadedAt: string
  lastPlayed: string | null
}

interface RecordingRow {
  call_id: number
  file: string
  bytes: number
  content_type: string
  downloaded_at: string
  last_played: string | null
}

function toEntry(row: RecordingRow): RecordingEntry {
  return {
    callId: row.call_id,
    file: row.file,
    bytes: row.bytes,
    contentType: row.content_type,
    downloadedAt: row.downloaded_at,
    lastPlayed: row.last_played
  }
}

export class RecordingIndex {
  private readonly s: ReturnType<typeof prepare>

  constructor(readonly db: Database.Database) {
    this.s = prepare(db)
  }

  get(callId: number): RecordingEntry | null {
    const row = this.s.get.get(callId) as RecordingRow | undefined
    return row ? toEntry(row) : null
  }

  add(entry: RecordingEntry): void {
    this.s.add.run({
      call_id: entry.callId,
      file: entry.file,
      bytes: entry.bytes,
      content_type: entry.contentType,
      downloaded_at: entry.downloadedAt,
      last_played: entry.lastPlayed
    })
  }

  markPlayed(callId: number, at: string): void {
    this.s.markPlayed.run(at, callId)
  }

  remove(callId: number): void {
    this.s.remove.run(callId)
  }

  all(): RecordingEntry[] {
    return (this.s.all.all() as RecordingRow[]).map(toEntry)
  }

  /** Least recently played first; a recording never played counts from when it was downloaded. */
  leastRecentlyPlayed(): RecordingEntry[] {
    return (this.s.byUse.all() as RecordingRow[]).map(toEntry)
  }

  totals(): { count: number; bytes: number } {
    return this.s.totals.get() as { count: number; bytes: number }
  }

  /** The size cap in bytes; the default when none was set (or the stored one is unreadable). */
  limit(): number {
    const value = this.s.getSetting.get(CACHE_LIMIT_KEY) as string | undefined
    const bytes = value === undefined ? Number.NaN : Number(value)
    return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : DEFAULT_CACHE_LIMIT_BYTES
  }

  setLimit(bytes: number): void {
    this.s.setSetting.run(CACHE_LIMIT_KEY, String(bytes))
  }

  clear(): void {
    this.db.exec('DELETE FROM recordings')
  }
}

function prepare(db: Database.Database) {
  return {
    get: db.prepare('SELECT * FROM recordings WHERE call_id = ?'),
    add: db.prepare(`
      INSERT INTO recordings (call_id, file, bytes, content_type, downloaded_at, last_played)
      VALUES (@call_id, @file, @bytes, @content_type, @downloaded_at, @last_played)
      ON CONFLICT (call_id) DO UPDATE SET file = excluded.file, bytes = excluded.bytes, content_type = excluded.content_type,
        downloaded_at = excluded.downloaded_at`),
    markPlayed: db.prepare('UPDATE recordings SET last_played = ? WHERE call_id = ?'),
    remove: db.prepare('DELETE FROM recordings WHERE call_id = ?'),
    all: db.prepare('SELECT * FROM recordings'),
    byUse: db.prepare('SELECT * FROM recordings ORDER BY coalesce(last_played, downloaded_at), call_id'),
    totals: db.prepare('SELECT count(*) AS count, coalesce(sum(bytes), 0) AS bytes FROM recordings'),
    getSetting: db.prepare('SELECT value FROM settings WHERE key = ?').pluck(),
    setSetting: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
  }
}
