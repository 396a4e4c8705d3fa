import type { AudioFeatures } from './features'
import { speechSegments, type SpeechSegment } from './speech-segments'
import { TurnAligner } from './turn-aligner'
import { firstModels, letterCount, ONSET_LETTERS, refinedModels, type TranscriptTurn } from './turn-models'

/** Where a transcript turn is estimated to be on the audio; transcripts carry no times. */
export interface TurnPlacement {
  startSec: number
  endSec: number
  estimated: true
}

/** Alignment passes: the first by letters and pauses alone, the next with the speakers it found. */
const PASSES = 3

/**
 * Places each turn on the audio, in order, by aligning turns to speech segments with dynamic
 * programming (docs/decisions/turn-placement.md). Returns one placement per turn, in the same
 * order; every time is an estimate.
 */
export function placeTurns(features: AudioFeatures, turns: ReadonlyArray<TranscriptTurn>): TurnPlacement[] {
  if (turns.length === 0) return []
  const segments = speechSegments(features)
  if (segments.length < turns.length) return spread(turns, segments, features.durationSec)
  const letters = turns.map((t) => letterCount(t.text) + ONSET_LETTERS)
  const aligner = new TurnAligner(segments)
  let bounds = aligner.align(firstModels(aligner, letters))
  for (let pass = 1; pass < PASSES && bounds; pass++) bounds = aligner.align(refinedModels(aligner, bounds, turns, letters)) ?? bounds
  if (!bounds) return spread(turns, segments, features.durationSec)
  return bounds.map(([first, last]) => ({
    startSec: (segments[first] as SpeechSegment).startSec,
    endSec: (segments[last] as SpeechSegment).endSec,
    estimated: true
  }))
}

/** No alignment fits (too few pauses for the turns): spread the turns over the speech by their letters. */
function spread(turns: ReadonlyArray<TranscriptTurn>, segments: SpeechSegment[], duration: number): TurnPlacement[] {
  const from = segments[0]?.startSec ?? 0
  const to = segments[segments.length - 1]?.endSec ?? duration
  const weights = turns.map((t) => letterCount(t.text) + ONSET_LETTERS)
  const total = weights.reduce((a, b) => a + b, 0)
  const out: TurnPlacement[] = []
  let at = from
  for (const w of weights) {
    const next = at + ((to - from) * w) / total
    out.push({ startSec: at, endSec: next, estimated: true })
    at = next
  }
  return out
}
