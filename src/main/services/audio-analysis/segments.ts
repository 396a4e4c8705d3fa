import type { AudioFeatures } from './features'

/** A stretch of frames [start, end) of one kind. */
export interface FrameRun {
  start: number
  end: number
}

/** Above the line noise by this much is sound; the fixtures' speech is 30–40 dB above it. */
const SOUND_OVER_FLOOR_DB = 12
/** A hold tone is as periodic as a pure tone, which speech never stays for long. */
const TONE_PERIODICITY = 0.97
/** Pitch of neighbouring tone frames stays within this ratio. */
const TONE_PITCH_RATIO = 1.03
/** Shorter periodic stretches are sustained vowels, not a tone. */
const MIN_TONE_SEC = 1.5
const TONE_BRIDGE_SEC = 0.2

export function noiseFloorDb(f: AudioFeatures): number {
  const sorted = Float32Array.from(f.energyDb).sort()
  if (sorted.length === 0) return -100
  return sorted[Math.floor(sorted.length * 0.05)] as number
}

/** Per frame: is there sound (anything above the line noise)? */
export function soundFrames(f: AudioFeatures): Uint8Array {
  const threshold = Math.max(noiseFloorDb(f) + SOUND_OVER_FLOOR_DB, -70)
  return Uint8Array.from(f.energyDb, (db) => (db > threshold ? 1 : 0))
}

/** Per frame: part of a steady tone (a hold beep or music-on-hold note), not speech. */
export function toneFrames(f: AudioFeatures): Uint8Array {
  const n = f.energyDb.length
  const periodic = Uint8Array.from(f.periodicity, (p) => (p >= TONE_PERIODICITY ? 1 : 0))
  // A tone's pitch search slips now and then to another multiple of its period: bridge the slips.
  bridgeGaps(periodic, Math.round(TONE_BRIDGE_SEC * f.frameRate))
  const tone = new Uint8Array(n)
  for (const run of runsOf(periodic, 1)) {
    if ((run.end - run.start) / f.frameRate < MIN_TONE_SEC) continue
    const pitches = Array.from(f.pitchHz.subarray(run.start, run.end)).filter((p) => p > 0).sort((a, b) => a - b)
    const median = pitches[Math.floor(pitches.length / 2)] ?? 0
    const steady = pitches.filter((p) => Math.max(p, median) / Math.min(p, median) <= TONE_PITCH_RATIO).length
    // Speech glides in pitch; a tone holds it.
    if (median > 0 && steady >= 0.7 * (run.end - run.start)) tone.fill(1, run.start, run.end)
  }
  return tone
}

/** Fills runs of 0 no longer than `maxFrames` between runs of 1. */
export function bridgeGaps(frames: Uint8Array, maxFrames: number): void {
  for (const run of runsOf(frames, 0)) if (run.end - run.start <= maxFrames && run.start > 0 && run.end < frames.length) frames.fill(1, run.start, run.end)
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
  return sound.map((s, i) => (s && !tone[i] ? 1 : 0))
}
