import type { AudioFeatures } from './features'
import { runsOf, speechFrames } from './segments'

/** A stretch of speech between pauses, with what placement needs to know about it. */
export interface SpeechSegment {
  startSec: number
  endSec: number
  /** Seconds of clearly voiced frames, the weight of its pitch. */
  voicedSec: number
  /** Median pitch of its voiced frames, log2 Hz; NaN when none is voiced. */
  logPitch: number
}

/** Pauses shorter than this are inside words (stop consonants), not between them. */
const MIN_PAUSE_SEC = 0.12
/** Frames at least this periodic count for a segment's pitch. */
const VOICED_PERIODICITY = 0.6

export function speechSegments(features: AudioFeatures): SpeechSegment[] {
  const rate = features.frameRate
  const speech = speechFrames(features)
  const minPause = Math.round(MIN_PAUSE_SEC * rate)
  const runs = runsOf(speech, 1)
  const merged: { start: number; end: number }[] = []
  for (const run of runs) {
    const last = merged[merged.length - 1]
    if (last && run.start - last.end < minPause) last.end = run.end
    else merged.push({ ...run })
  }
  return merged
    .filter((r) => r.end - r.start >= 2)
    .map((r) => {
      const pitches: number[] = []
      for (let i = r.start; i < r.end; i++) {
        const p = features.pitchHz[i] as number
        if (p > 0 && (features.periodicity[i] as number) >= VOICED_PERIODICITY) pitches.push(Math.log2(p))
      }
      pitches.sort((a, b) => a - b)
      return {
        startSec: r.start / rate,
        endSec: r.end / rate,
        voicedSec: pitches.length / rate,
        logPitch: pitches.length > 0 ? (pitches[Math.floor(pitches.length / 2)] as number) : Number.NaN
      }
    })
}
