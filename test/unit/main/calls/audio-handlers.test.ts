import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CallRecordSchema } from '@shared/convirza/schemas'
import { RecordingCache } from '@main/services/library/recording-cache'
import { createAudioHandlers } from '@main/services/calls/audio-handlers'
import { tempProfileDir } from '@test/fixtures/library/library-setup'
import { recordingCacheSetup } from '@test/fixtures/library/recording-cache-setup'

const fixture = recordingCacheSetup()
const CALLS = join(process.cwd(), 'resources', 'demo', 'calls')

interface Truth {
  turns: { start: number; end: number }[]
  holds: { start: number; end: number }[]
}

function setup(name: string, format: 'wav' | 'mp3' = 'wav') {
  const profileDir = tempProfileDir('audio-')
  const library = fixture.libraries.make(profileDir)
  const transcript = readFileSync(join(CALLS, `${name}.txt`), 'utf8')
  library.upsertCalls(
    [
      CallRecordSchema.parse({
        call_id: 7,
        call_started: '2026-03-30T10:00:00.000Z',
        transcription: transcript,
        recording_details: { url: `https://api.example.test/rec/7.${format}`, expires_at: 1775462400, format }
      })
    ],
    '2026-04-01T00:00:00.000Z'
  )
  fixture.server.files.set(7, { bytes: readFileSync(join(CALLS, `${name}.${format}`)), contentType: format === 'wav' ? 'audio/wav' : 'audio/mpeg' })
  const cache = new RecordingCache({ profileDir, library, openRecording: fixture.server.openRecording })
  fixture.caches.push(cache)
  const handlers = createAudioHandlers({ library: () => library, recordings: () => cache, clock: () => new Date('2026-04-01T00:00:00Z') })
  const truth = JSON.parse(readFileSync(join(CALLS, `${name}.json`), 'utf8')) as Truth
  return { library, cache, handlers, truth, transcript }
}

const ctx = { senderUrl: 'app://test' } as never

describe('calls:audio', () => {
  it('downloads the recording, returns peaks, one estimated time per turn and the hold, and stores them once', async () => {
    const { handlers, truth, library } = setup('roofing-leak-complaint')
    const overview = await handlers['calls:audio']({ callId: 7, buckets: 400 }, ctx)
    expect(overview.peaks.min).toHaveLength(400)
    expect(overview.peaks.max).toHaveLength(400)
    expect(Math.max(...overview.peaks.max)).toBeGreaterThan(0.01)
    expect(overview.durationSec).toBeCloseTo(77.7, 0)
    expect(overview.turns).toHaveLength(truth.turns.length)
    for (const turn of overview.turns) expect(turn.estimated).toBe(true)
    // Turn times only go forward.
    for (let i = 1; i < overview.turns.length; i += 1) expect(overview.turns[i]!.startSec).toBeGreaterThanOrEqual(overview.turns[i - 1]!.startSec)
    // The 18 s hold is found where it is.
    const hold = truth.holds[0]!
    expect(overview.quiet.some((q) => q.startSec < hold.start + 2 && q.endSec > hold.end - 2)).toBe(true)
    // Computed once: the features and the placement are in the library, and a second ask is answered from them.
    const rows = library.db.prepare('SELECT (SELECT count(*) FROM audio_features) AS f, (SELECT count(*) FROM turn_placements) AS p').get() as {
      f: number
      p: number
    }
    expect(rows).toEqual({ f: 1, p: 1 })
    library.db
      .prepare('UPDATE turn_placements SET placements_json = ?')
      .run(JSON.stringify(overview.turns.map((t) => ({ startSec: t.startSec + 100, endSec: t.endSec + 100 }))))
    const again = await handlers['calls:audio']({ callId: 7, buckets: 400 }, ctx)
    expect(again.turns[0]!.startSec).toBeCloseTo(overview.turns[0]!.startSec + 100, 3)
    expect(fixture.server.requests.get(7)).toBe(1)
  })

  it('places turns again when the transcript changes, and reads an MP3', async () => {
    const { handlers, library, transcript } = setup('plumbing-drain-cleaning', 'mp3')
    const first = await handlers['calls:audio']({ callId: 7, buckets: 100 }, ctx)
    expect(first.turns.length).toBeGreaterThan(2)
    const shorter = transcript.trim().split('\n').slice(0, 2).join('\n')
    const stored = library.get(7)!
    library.upsertCalls([{ ...stored.record, transcription: shorter }], '2026-04-02T00:00:00.000Z')
    const second = await handlers['calls:audio']({ callId: 7, buckets: 100 }, ctx)
    expect(second.turns).toHaveLength(2)
  })

  it('says what is wrong for a call not in the library', async () => {
    const { handlers } = setup('wrong-number')
    await expect(handlers['calls:audio']({ callId: 99, buckets: 100 }, ctx)).rejects.toThrow(/not in the library/)
  })
})
