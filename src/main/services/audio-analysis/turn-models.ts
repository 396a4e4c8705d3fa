import type { SpeechSegment } from './speech-segments'
import type { TurnAligner, TurnBounds, TurnModel } from './turn-aligner'

/**
 * Spoken length grows with a turn's letters plus a constant for its onset and final fall; this
 * many letters' worth is that constant (fitted on the call fixtures: 0.074 s a letter + 0.3 s).
 */
export const ONSET_LETTERS = 4
/** Speakers this close in pitch (octaves) are not told apart by it. */
const MIN_SPEAKER_SEPARATION = 0.2
/** Letters of the overall rate mixed into each speaker's own. */
const PRIOR_LETTERS = 100
/**
 * Speakers' pitch and rate are taken from this many turns either side: a long call may change
 * voices (a transfer to another agent under the same label), and a short one is covered whole.
 */
const NEIGHBOUR_TURNS = 8

/** A voiced stretch's pitch (log2 Hz) and its weight (voiced seconds). */
interface Pitched {
  pitch: number
  weight: number
}

export interface TranscriptTurn {
  speaker: string
  text: string
}

export function letterCount(text: string): number {
  return text.replace(/[^\p{L}\p{N}]/gu, '').length
}

/** Before anything is aligned: every turn at the recording's average rate, speakers unknown. */
export function firstModels(aligner: TurnAligner, letters: number[]): TurnModel[] {
  const total = letters.reduce((a, b) => a + b, 0)
  const scale = Math.max(0.01, aligner.speakingTime(letters.length - 1) / total)
  return letters.map((l) => ({ expectedSec: scale * l, ownPitch: Number.NaN, otherPitch: Number.NaN }))
}

/**
 * From an alignment, each turn's model for the next pass: its speaker's rate and pitch, and the
 * other speakers' pitch, measured on the turns around it.
 */
export function refinedModels(aligner: TurnAligner, bounds: TurnBounds[], turns: ReadonlyArray<TranscriptTurn>, letters: number[]): TurnModel[] {
  const segments = aligner.segments
  const spans = bounds.map(([first, last]) => aligner.span(first, last))
  const voiced = bounds.map(([first, last]) => {
    const list: Pitched[] = []
    for (let s = first; s <= last; s++) {
      const seg = segments[s] as SpeechSegment
      if (seg.voicedSec > 0) list.push({ pitch: seg.logPitch, weight: seg.voicedSec })
    }
    return list
  })
  return turns.map((turn, k) => {
    const from = Math.max(0, k - NEIGHBOUR_TURNS)
    const to = Math.min(turns.length, k + NEIGHBOUR_TURNS + 1)
    let sec = 0
    let lettersAll = 0
    let ownSec = 0
    let ownLetters = 0
    const own: Pitched[] = []
    const other: Pitched[] = []
    for (let t = from; t < to; t++) {
      sec += spans[t] as number
      lettersAll += letters[t] as number
      if ((turns[t] as TranscriptTurn).speaker === turn.speaker) {
        ownSec += spans[t] as number
        ownLetters += letters[t] as number
        own.push(...(voiced[t] as Pitched[]))
      } else other.push(...(voiced[t] as Pitched[]))
    }
    const overall = Math.max(0.01, sec / lettersAll)
    const scale = Math.max(0.01, (ownSec + overall * PRIOR_LETTERS) / (ownLetters + PRIOR_LETTERS))
    let ownPitch = weightedMedian(own)
    let otherPitch = weightedMedian(other)
    if (!(Math.abs(ownPitch - otherPitch) >= MIN_SPEAKER_SEPARATION)) ownPitch = otherPitch = Number.NaN
    return { expectedSec: scale * (letters[k] as number), ownPitch, otherPitch }
  })
}

function weightedMedian(list: Pitched[]): number {
  if (list.length === 0) return Number.NaN
  const sorted = [...list].sort((x, y) => x.pitch - y.pitch)
  const half = sorted.reduce((s, x) => s + x.weight, 0) / 2
  let acc = 0
  for (const x of sorted) {
    acc += x.weight
    if (acc >= half) return x.pitch
  }
  return (sorted[sorted.length - 1] as { pitch: number }).pitch
}
