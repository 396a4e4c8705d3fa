/**
 * What the review pane draws from a recording, kept in the library so it is computed once:
 * the recording's audio features (peaks and what turn placement needs), keyed by the call and
 * the recording they came from (its cached file and size) and by the analysis version; and the
 * transcript turns' estimated times, keyed the same way plus the transcript's hash. A newer
 * analysis version, another recording or an edited transcript is simply computed again.
 */
import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'

export interface StoredPlacement {
  startSec: number
  endSec: number
}

export function transcriptHash(transcript: string): string {
  return createHash('sha256').update(transcript).digest('hex')
}

export class AudioRepository {
  private readonly s: ReturnType<typeof prepare>

  constructor(db: Database.Database) {
    this.s = prepare(db)
  }

  features(callId: number, recordingKey: string, version: number): Uint8Array | null {
    const row = this.s.getFeatures.get(callId) as { recording_key: string; version: number; features: Buffer } | undefined
    if (!row || row.recording_key !== recordingKey || row.version !== version) return null
    return new Uint8Array(row.features.buffer, row.features.byteOffset, row.features.byteLength)
  }

  saveFeatures(callId: number, recordingKey: string, version: number, bytes: Uint8Array, computedAt: string): void {
    this.s.putFeatures.run({
      call_id: callId,
      recording_key: recordingKey,
      version,
      features: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      computed_at: computedAt
    })
  }

  placements(callId: number, recordingKey: string, version: number, hash: string): StoredPlacement[] | null {
    const row = this.s.getPlacements.get(callId) as
      { recording_key: string; version: number; transcript_hash: string; placements_json: string } | undefined
    if (!row || row.recording_key !== recordingKey || row.version !== version || row.transcript_hash !== hash) return null
    try {
      const parsed = JSON.parse(row.placements_json) as unknown
      return Array.isArray(parsed) && parsed.every((p) => isPlacement(p)) ? parsed : null
    } catch {
      // A damaged row is recomputed and overwritten, not trusted.
      return null
    }
  }

  savePlacements(callId: number, recordingKey: string, version: number, hash: string, placements: StoredPlacement[]): void {
    const json = JSON.stringify(placements.map((p) => ({ startSec: p.startSec, endSec: p.endSec })))
    this.s.putPlacements.run({ call_id: callId, recording_key: recordingKey, version, transcript_hash: hash, placements_json: json })
  }
}

function isPlacement(value: unknown): value is StoredPlacement {
  const p = value as StoredPlacement | null
  return typeof p === 'object' && p !== null && Number.isFinite(p.startSec) && Number.isFinite(p.endSec)
}

function prepare(db: Database.Database) {
  return {
    getFeatures: db.prepare('SELECT recording_key, version, features FROM audio_features WHERE call_id = ?'),
    putFeatures: db.prepare(
      `INSERT INTO audio_features (call_id, recording_key, version, features, computed_at) VALUES (@call_id, @recording_key, @version, @features, @computed_at)
       ON CONFLICT(call_id) DO UPDATE SET recording_key = excluded.recording_key, version = excluded.version, features = excluded.features, computed_at = excluded.computed_at`
    ),
    getPlacements: db.prepare('SELECT recording_key, version, transcript_hash, placements_json FROM turn_placements WHERE call_id = ?'),
    putPlacements: db.prepare(
      `INSERT INTO turn_placements (call_id, recording_key, version, transcript_hash, placements_json) VALUES (@call_id, @recording_key, @version, @transcript_hash, @placements_json)
       ON CONFLICT(call_id) DO UPDATE SET recording_key = excluded.recording_key, version = excluded.version, transcript_hash = excluded.transcript_hash, placements_json = excluded.placements_json`
    )
  }
}
