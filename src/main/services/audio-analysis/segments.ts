import type { AudioFeatures } from './features'

/** A stretch of frames [start, end) of one kind. */
export interface FrameRun {
  start: number
  end: number
}

/** Above the line noise by this much is sound; the fixtures' speech is 30–40 dB above it. */
const SOUND_OVER_FLOOR_DB = 12
/** A hold tone is nearly as periodic as a pure tone, line noise and all (0.96 at 14 dB SNR). */
const TONE_PERIODICITY = 0.9
/** A tone's frames stay within this ratio of its median pitch and this many dB of its median level… */
const TONE_PITCH_RATIO = 1.03
const TONE_LEVEL_DB = 3
/** …this share of the time. */
const TONE_STEADY_SHARE = 0.7
/** Shorter periodic stretches are sustained vowels, not a tone. */
const MIN_TONE_SEC = 1.5
const TONE_BRIDGE_SEC = 0.2
const TONE_EDGE_FRAMES = 3

export function noiseFloorDb(f: AudioFeatures): number {
  const sorted = Float32Array.from(f.energyDb).sort()
  if (sorted.length === 0) return -100
  return sorted[Math.floor(sorted.length * 0.05)] as number
}

/** Per frame: is there sound (anything above the line noise)? */
export function soundFrames(f: AudioFeatures): Uint8Array {
  const threshold = Math.max(noiseFloorDb(f) + SOUND_OVER_FLOOR_DB, -70)
  const sound = new Uint8Array(f.energyDb.length)
  for (let i = 0; i < sound.length; i++) sound[i] = (f.energyDb[i] as number) > threshold ? 1 : 0
  return sound
}

/**
 * Per frame: part of a steady tone (a hold beep or a held note), not speech. A tone is periodic,
 * keeps its pitch and keeps its loudness for seconds; speech glides in pitch and rises and falls
 * syllable by syllable, even where a voice is as periodic as a tone.
 */
export function toneFrames(f: AudioFeatures): Uint8Array {
  const n = f.energyDb.length
  const periodic = new Uint8Array(n)
  for (let i = 0; i < n; i++) periodic[i] = (f.periodicity[i] as number) >= TONE_PERIODICITY ? 1 : 0
  // A tone's pitch search slips now and then to another multiple of its period: bridge the slips.
  bridgeGaps(periodic, Math.round(TONE_BRIDGE_SEC * f.frameRate))
  const tone = new Uint8Array(n)
  for (const run of runsOf(periodic, 1)) {
    const length = run.end - run.start
    if (length / f.frameRate < MIN_TONE_SEC) continue
    const pitches = Array.from(f.pitchHz.subarray(run.start, run.end)).filter((p) => p > 0)
    const pitch = median(pitches)
    const steadyPitch = pitches.filter((p) => Math.max(p, pitch) / Math.min(p, pitch) <= TONE_PITCH_RATIO).length
    const energies = Array.from(f.energyDb.subarray(run.start, run.end))
    const level = median(energies)
    const steadyLevel = energies.filter((db) => Math.abs(db - level) <= TONE_LEVEL_DB).length
    // The frames where the tone starts and stops are only partly periodic: they belong to it too.
    if (pitch > 0 && steadyPitch >= TONE_STEADY_SHARE * length && steadyLevel >= TONE_STEADY_SHARE * length) {
      tone.fill(1, Math.max(0, run.start - TONE_EDGE_FRAMES), Math.min(n, run.end + TONE_EDGE_FRAMES))
    }
  }
  return tone
}

function median(values: number[]): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

/** Fills runs of 0 no longer than `maxFrames` between runs of 1. */
export function bridgeGaps(frames: Uint8Array, maxFrames: number): void {
  for (const run of runsOf(frames, 0))
    if (run.end - run.start <= maxFrames && run.start > 0 && run.end < frames.length) frames.fill(1, run.start, run.end)
}

/** Maximal runs of frames equal to `value`. */
export function runsOf(frames: Uint8Array, value: number): FrameRun[] {
  const runs: FrameRun[] = []
  let start = -1
  for (let i = 0; i <= frames.length; i++) {
    const hit = i < frames.length && frames[i] === value
    if (hit && start < 0) start = i
    if (!hit && start >= 0) {
      runs.push({ start, end: i })
      start = -1
    }
  }
  return runs
}

/** Per frame: speech, i.e. sound that is not a steady tone. */
export function speechFrames(f: AudioFeatures): Uint8Array {
  const sound = soundFrames(f)
  const tone = toneFrames(f)
  for (let i = 0; i < sound.length; i++) if (tone[i]) sound[i] = 0
  return sound
}
