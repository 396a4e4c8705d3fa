import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  AUDIO_FEATURES_VERSION,
  analyzeAudio,
  analyzeAudioFile,
  decodeFeatures,
  displayPeaks,
  encodeFeatures,
  findQuietStretches,
  placeTurns
} from '@main/services/audio-analysis'
import { wavHeader } from '@main/services/demo-server/wav'
import { CALLS_DIR, fixtureCalls, measureAccuracy, transcriptTurns } from '@test/fixtures/audio-analysis/placement-accuracy'

const calls = fixtureCalls()
const fixture = (id: string) => calls.find((c) => c.id === id)!
const path = (id: string, ext: string) => join(CALLS_DIR, `${id}.${ext}`)

/** A PCM WAV of `frames` sample frames, `sample(i, channel)` in -1..1. */
function pcmWav(rate: number, channels: number, bits: 16 | 24, frames: number, sample: (i: number, channel: number) => number): Buffer {
  const bytesPer = bits / 8
  const blockAlign = channels * bytesPer
  const header = wavHeader(frames * blockAlign, rate, channels, bits)
  const data = Buffer.alloc(frames * blockAlign)
  const full = 2 ** (bits - 1) - 1
  for (let i = 0; i < frames; i++)
    for (let c = 0; c < channels; c++) data.writeIntLE(Math.round(full * sample(i, c)), i * blockAlign + c * bytesPer, bytesPer)
  return Buffer.concat([header, data])
}

describe('analyzeAudio', () => {
  it('reads a fixture WAV: its duration, and peaks at 50 a second within -1..1', async () => {
    const call = fixture('hvac-tune-up')
    const features = await analyzeAudio(readFileSync(path(call.id, 'wav')), 'audio/wav')
    expect(features.version).toBe(AUDIO_FEATURES_VERSION)
    expect(features.durationSec).toBeCloseTo(call.duration, 2)
    expect(features.peaks.perSecond).toBe(50)
    expect(features.peaks.min.length).toBe(Math.ceil(call.duration * 50))
    expect(features.peaks.max.length).toBe(features.peaks.min.length)
    expect(features.energyDb.length).toBe(Math.ceil(call.duration * features.frameRate))
    const loudest = Math.max(...features.peaks.max)
    expect(loudest).toBeGreaterThan(0.05)
    expect(loudest).toBeLessThanOrEqual(1)
    expect(Math.min(...features.peaks.min)).toBeGreaterThanOrEqual(-1)
    features.peaks.min.forEach((min, i) => expect(min).toBeLessThanOrEqual(features.peaks.max[i]!))
  })

  it("decodes a fixture MP3 to the WAV's duration: the encoder padding is trimmed", async () => {
    const call = fixture('roofing-price-shopper')
    const features = await analyzeAudio(readFileSync(path(call.id, 'mp3')), 'audio/mpeg')
    expect(Math.abs(features.durationSec - call.duration)).toBeLessThan(0.05)
  })

  it('analyses a file the same as its bytes in memory', async () => {
    const id = 'wrong-number'
    const fromFile = await analyzeAudioFile(path(id, 'wav'))
    const fromBytes = await analyzeAudio(readFileSync(path(id, 'wav')), 'audio/wav')
    expect(fromFile.durationSec).toBe(fromBytes.durationSec)
    expect(Array.from(fromFile.peaks.max)).toEqual(Array.from(fromBytes.peaks.max))
    expect(Array.from(fromFile.pitchHz)).toEqual(Array.from(fromBytes.pitchHz))
  })

  it('reads a 24-bit stereo WAV from a file in chunks that split its sample frames, as from memory', async () => {
    // 30 s at 8 kHz, 6 bytes a frame: the 1 MB reads end mid-frame. Left a 200 Hz tone, right silent.
    const rate = 8000
    const bytes = pcmWav(rate, 2, 24, 30 * rate, (i, channel) => (channel === 0 ? 0.5 * Math.sin((2 * Math.PI * 200 * i) / rate) : 0))
    const dir = mkdtempSync(join(tmpdir(), 'audio-analysis-'))
    try {
      writeFileSync(join(dir, 'tone.wav'), bytes)
      const fromFile = await analyzeAudioFile(join(dir, 'tone.wav'))
      const fromBytes = await analyzeAudio(bytes, 'audio/wav')
      expect(fromFile.durationSec).toBe(30)
      expect(Array.from(fromFile.peaks.max)).toEqual(Array.from(fromBytes.peaks.max))
      // Mixed to mono: half the left channel's 0.5 peak.
      expect(Math.max(...fromFile.peaks.max)).toBeCloseTo(0.25, 2)
      const voiced = Array.from(fromFile.pitchHz).filter((p) => p > 0)
      expect(voiced.length).toBeGreaterThan(fromFile.pitchHz.length * 0.9)
      expect(voiced.every((p) => Math.abs(p - 200) < 10)).toBe(true)
      // A steady tone for 30 s is a hold, not speech.
      expect(findQuietStretches(fromFile).map((q) => q.kind)).toEqual(['hold'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('trusts the bytes over a wrong MIME type', async () => {
    const features = await analyzeAudio(readFileSync(path('wrong-number', 'mp3')), 'audio/wav')
    expect(Math.abs(features.durationSec - fixture('wrong-number').duration)).toBeLessThan(0.05)
  })

  it('rejects bytes that are neither WAV nor MP3, saying which types it reads', async () => {
    await expect(analyzeAudio(new TextEncoder().encode('<html>not audio</html>'), 'text/html')).rejects.toThrow(/only WAV and MP3/)
    await expect(analyzeAudio(new TextEncoder().encode('RIFF\0\0\0\0WAVEjunk'), 'audio/wav')).rejects.toThrow(/WAV/)
  })
})

describe('displayPeaks', () => {
  it('reduces the peaks to the requested number of buckets, keeping the extremes', async () => {
    const features = await analyzeAudioFile(path('hvac-voicemail', 'wav'))
    const shown = displayPeaks(features, 300)
    expect(shown.min).toHaveLength(300)
    expect(shown.max).toHaveLength(300)
    expect(Math.max(...shown.max)).toBe(Math.max(...features.peaks.max))
    expect(Math.min(...shown.min)).toBe(Math.min(...features.peaks.min))
  })

  it('refuses a bucket count no waveform could draw, saying what to ask for', async () => {
    const features = await analyzeAudioFile(path('hvac-voicemail', 'wav'))
    expect(() => displayPeaks(features, 1e9)).toThrow(/width in pixels/)
    expect(() => displayPeaks(features, Number.NaN)).toThrow(RangeError)
    expect(displayPeaks(features, 10.7).max).toHaveLength(10)
  })
})

describe('findQuietStretches', () => {
  it.each(['roofing-leak-complaint', 'plumbing-water-heater-hold'])('finds the hold of %s within a second of its true bounds', async (id) => {
    const call = fixture(id)
    for (const ext of ['wav', 'mp3']) {
      const holds = findQuietStretches(await analyzeAudioFile(path(id, ext))).filter((q) => q.kind === 'hold')
      expect(holds).toHaveLength(1)
      expect(Math.abs(holds[0]!.startSec - call.holds[0]!.start)).toBeLessThan(1)
      expect(Math.abs(holds[0]!.endSec - call.holds[0]!.end)).toBeLessThan(1)
    }
  })

  it('reports a long silence as silence, not a hold, and ignores pauses under the minimum', async () => {
    // Noise bursts standing in for speech (-20 dBFS), around a 7 s and a 3 s stretch of faint line noise (-70 dBFS).
    let seed = 1
    const noise = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 2 - 1
    const rate = 8000
    const loudAt = (sec: number) => sec < 2 || (sec >= 9 && sec < 11) || sec >= 14
    const bytes = pcmWav(rate, 1, 16, 16 * rate, (i) => noise() * (loudAt(i / rate) ? 0.17 : 0.0005))
    const quiet = findQuietStretches(await analyzeAudio(bytes, 'audio/wav'))
    expect(quiet).toHaveLength(1)
    expect(quiet[0]!.kind).toBe('silence')
    expect(Math.abs(quiet[0]!.startSec - 2)).toBeLessThan(0.1)
    expect(Math.abs(quiet[0]!.endSec - 9)).toBeLessThan(0.1)
    expect(findQuietStretches(await analyzeAudio(bytes, 'audio/wav'), 2.5)).toHaveLength(2)
  })

  it('finds no hold in a call without one', async () => {
    const quiet = findQuietStretches(await analyzeAudioFile(path('hvac-no-cooling', 'wav')))
    expect(quiet.filter((q) => q.kind === 'hold')).toEqual([])
  })
})

describe('encodeFeatures / decodeFeatures', () => {
  it('round-trips features within their stored precision', async () => {
    const features = await analyzeAudioFile(path('rude-agent-training', 'wav'))
    const stored = encodeFeatures(features)
    const back = decodeFeatures(stored)
    expect(back.version).toBe(AUDIO_FEATURES_VERSION)
    expect(back.durationSec).toBe(features.durationSec)
    expect(back.energyDb.length).toBe(features.energyDb.length)
    expect(back.peaks.max.length).toBe(features.peaks.max.length)
    features.energyDb.forEach((db, i) => expect(Math.abs(back.energyDb[i]! - Math.max(-110, db))).toBeLessThanOrEqual(0.25))
    features.pitchHz.forEach((hz, i) => expect(Math.abs(back.pitchHz[i]! - hz)).toBeLessThanOrEqual(0.05))
    features.peaks.max.forEach((v, i) => expect(Math.abs(back.peaks.max[i]! - v)).toBeLessThanOrEqual(1 / 127))
    const turns = transcriptTurns('rude-agent-training')
    expect(placeTurns(back, turns).map((p) => p.startSec)).toEqual(placeTurns(features, turns).map((p) => p.startSec))
  })

  it('refuses features of another version, saying to analyse again', async () => {
    const stored = encodeFeatures(await analyzeAudioFile(path('wrong-number', 'wav')))
    new DataView(stored.buffer).setUint16(4, AUDIO_FEATURES_VERSION + 1, true)
    expect(() => decodeFeatures(stored)).toThrow(`version ${AUDIO_FEATURES_VERSION + 1}`)
  })

  it('refuses damaged or truncated features', async () => {
    const stored = encodeFeatures(await analyzeAudioFile(path('wrong-number', 'wav')))
    const flipped = stored.slice()
    flipped[100] = flipped[100]! ^ 0xff
    expect(() => decodeFeatures(flipped)).toThrow(/damaged/)
    expect(() => decodeFeatures(stored.subarray(0, stored.length - 10))).toThrow(/damaged/)
    expect(() => decodeFeatures(new Uint8Array(8))).toThrow(/damaged/)
  })
})

describe('placeTurns', () => {
  it('places every turn, in order, inside the recording, marked as an estimate', async () => {
    const features = await analyzeAudioFile(path('hvac-tune-up', 'wav'))
    const turns = transcriptTurns('hvac-tune-up')
    const placed = placeTurns(features, turns)
    expect(placed).toHaveLength(turns.length)
    placed.forEach((p, i) => {
      expect(p.estimated).toBe(true)
      expect(p.startSec).toBeGreaterThanOrEqual(0)
      expect(p.endSec).toBeLessThanOrEqual(features.durationSec + 1e-9)
      expect(p.endSec).toBeGreaterThanOrEqual(p.startSec)
      if (i > 0) expect(p.startSec).toBeGreaterThanOrEqual(placed[i - 1]!.startSec)
    })
    expect(placeTurns(features, [])).toEqual([])
  })
})

describe('placeTurns accuracy on the fourteen fixture calls', () => {
  // Looser than the bench's target (median ≤ 0.25 s, p90 ≤ 1 s) so timing noise never fails it,
  // tight enough that word-share placement (p90 1.7 s, worst 5.8 s) would.
  it.each(['wav', 'mp3'] as const)('places turn starts from the %s audio within median 0.4 s, p90 1.5 s, worst 3 s', async (ext) => {
    const accuracy = await measureAccuracy(ext)
    expect(accuracy.all).toHaveLength(101)
    expect(accuracy.median).toBeLessThanOrEqual(0.4)
    expect(accuracy.p90).toBeLessThanOrEqual(1.5)
    expect(accuracy.worst).toBeLessThanOrEqual(3)
  })
})
