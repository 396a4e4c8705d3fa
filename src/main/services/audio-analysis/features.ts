/**
 * What the main process keeps about a recording's audio: per-frame features for placing a
 * transcript on it and finding holds, and min/max peaks for drawing its waveform. Computed once
 * (analyzeAudio / analyzeAudioFile), stored in the library with encodeFeatures, and never sent to
 * the renderer whole: displayPeaks reduces the peaks to the handful of buckets a waveform draws.
 * The method is in docs/decisions/turn-placement.md.
 */

/** Bump when the features or their meaning change: stored features of another version are recomputed. */
export const AUDIO_FEATURES_VERSION = 1

/** Analysis frames a second: 20 ms hops, fine enough for turn starts (the target is 0.25 s). */
export const FRAME_RATE = 50
/** Peak buckets a second: a 40-minute call is 120,000 buckets, a 20-second one still 1,000. */
export const PEAKS_PER_SECOND = 50

export interface AudioFeatures {
  version: number
  durationSec: number
  /** Frames a second of energyDb, pitchHz and periodicity. */
  frameRate: number
  /** Loudness of each frame, dB relative to full scale (-100 for digital silence). */
  energyDb: Float32Array
  /** Estimated fundamental of each frame in Hz; 0 where the frame is not voiced. */
  pitchHz: Float32Array
  /** How periodic each frame is, 0–1 (normalised autocorrelation at the pitch lag). */
  periodicity: Float32Array
  peaks: { perSecond: number; min: Float32Array; max: Float32Array }
}

/** More buckets than any screen draws across; a request beyond it is a bug, not a wish. */
export const MAX_DISPLAY_BUCKETS = 20_000

/**
 * Reduces the stored peaks to `buckets` min/max pairs for the renderer, so it never holds more
 * than it draws. `buckets` is rounded down (a width in device pixels may be fractional).
 */
export function displayPeaks(f: AudioFeatures, buckets: number): { min: number[]; max: number[] } {
  if (!Number.isFinite(buckets) || buckets < 0 || buckets > MAX_DISPLAY_BUCKETS) {
    throw new RangeError(`Waveform buckets must be 0–${MAX_DISPLAY_BUCKETS}, got ${buckets}: ask for about the waveform's width in pixels.`)
  }
  const count = Math.floor(buckets)
  const source = f.peaks.min.length
  const min = new Array<number>(count).fill(0)
  const max = new Array<number>(count).fill(0)
  if (source === 0 || count === 0) return { min, max }
  for (let b = 0; b < count; b++) {
    const from = Math.floor((b * source) / count)
    const to = Math.max(from + 1, Math.floor(((b + 1) * source) / count))
    let lo = 0
    let hi = 0
    for (let i = from; i < to && i < source; i++) {
      const mn = f.peaks.min[i] as number
      const mx = f.peaks.max[i] as number
      if (mn < lo) lo = mn
      if (mx > hi) hi = mx
    }
    min[b] = lo
    max[b] = hi
  }
  return { min, max }
}
