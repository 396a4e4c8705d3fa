import type { AudioFeatures } from './features'
import { speechSegments, type SpeechSegment } from './speech-segments'

/** Where a transcript turn is estimated to be on the audio; transcripts carry no times. */
export interface TurnPlacement {
  startSec: number
  endSec: number
  estimated: true
}

interface Turn {
  speaker: string
  text: string
}

/**
 * Spoken length grows with a turn's letters plus a constant for its onset and final fall; this
 * many letters' worth is that constant (fitted on the call fixtures: 0.074 s a letter + 0.3 s).
 */
const ONSET_LETTERS = 4
/** Relative spread of a turn's duration around its estimate, and an absolute floor for short turns. */
const DURATION_SPREAD = 0.18
const DURATION_FLOOR_SEC = 0.35
/** Pauses longer than this inside a turn do not count as its speaking time. */
const LONG_PAUSE_SEC = 1
/** A turn's speaker weighs this much a second of voiced speech whose pitch fits the other speaker. */
const SPEAKER_WEIGHT = 1.2
/** Speakers this close in pitch (octaves) are not told apart by it. */
const MIN_SPEAKER_SEPARATION = 0.2
const PASSES = 3
/** Alignments costing this much more than the best so far are dropped. */
const BEAM = 30
/** A second of speech before the first turn or after the last costs this much. */
const UNTRANSCRIBED_COST = 4
/** Letters of the call's overall rate mixed into each speaker's own. */
const PRIOR_LETTERS = 100

export function letterCount(text: string): number {
  return text.replace(/[^\p{L}\p{N}]/gu, '').length
}

/**
 * How likely a pause of `gap` seconds is where one turn hands over to the next rather than inside
 * a turn, as a cost (negative: likely a hand-over). People pause between sentences for up to
 * about 0.3 s; a reply takes longer to start. docs/decisions/turn-placement.md.
 */
function boundaryCost(gap: number): number {
  return interpolate(gap, BOUNDARY_COST)
}

/** [pause seconds, cost] points, linear between them and flat beyond the ends. */
const BOUNDARY_COST: ReadonlyArray<readonly [number, number]> = [
  [0.15, 8],
  [0.3, -1],
  [0.5, -1.5],
  [0.7, -2.5]
]

function interpolate(x: number, points: ReadonlyArray<readonly [number, number]>): number {
  const first = points[0] as readonly [number, number]
  if (x <= first[0]) return first[1]
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i] as readonly [number, number]
    const [x0, y0] = points[i - 1] as readonly [number, number]
    if (x <= x1) return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0)
  }
  return (points[points.length - 1] as readonly [number, number])[1]
}

/**
 * Places each turn on the audio, in order, by aligning turns to speech segments with dynamic
 * programming: see docs/decisions/turn-placement.md. Returns one placement per turn, in the same
 * order; every time is an estimate.
 */
export function placeTurns(features: AudioFeatures, turns: ReadonlyArray<Turn>): TurnPlacement[] {
  if (turns.length === 0) return []
  const segments = speechSegments(features)
  if (segments.length < turns.length) return spread(turns, segments, features.durationSec)
  const letters = turns.map((t) => letterCount(t.text) + ONSET_LETTERS)
  const aligner = new Aligner(segments, letters)
  let bounds = aligner.align(new Array<number>(turns.length).fill(aligner.initialScale()), null)
  for (let pass = 1; pass < PASSES; pass++) {
    const speakers = speakerPitches(segments, bounds, turns)
    bounds = aligner.align(aligner.speakerScales(bounds, turns), speakers)
  }
  return bounds.map(([first, last]) => ({
    startSec: (segments[first] as SpeechSegment).startSec,
    endSec: (segments[last] as SpeechSegment).endSec,
    estimated: true
  }))
}

/** For each turn, its speaker's pitch (log2 Hz) and the other speaker's; null where speakers sound alike. */
type SpeakerModel = { own: number; other: number }[] | null

function speakerPitches(segments: SpeechSegment[], bounds: [number, number][], turns: ReadonlyArray<Turn>): SpeakerModel {
  const bySpeaker = new Map<string, { pitch: number; weight: number }[]>()
  bounds.forEach(([first, last], k) => {
    const key = (turns[k] as Turn).speaker
    const list = bySpeaker.get(key) ?? []
    for (let s = first; s <= last; s++) {
      const seg = segments[s] as SpeechSegment
      if (seg.voicedSec > 0) list.push({ pitch: seg.logPitch, weight: seg.voicedSec })
    }
    bySpeaker.set(key, list)
  })
  if (bySpeaker.size !== 2) return null
  const [a, b] = [...bySpeaker.entries()].map(([speaker, list]) => ({ speaker, pitch: weightedMedian(list) }))
  if (!a || !b || Number.isNaN(a.pitch) || Number.isNaN(b.pitch) || Math.abs(a.pitch - b.pitch) < MIN_SPEAKER_SEPARATION) return null
  return turns.map((t) => (t.speaker === a.speaker ? { own: a.pitch, other: b.pitch } : { own: b.pitch, other: a.pitch }))
}

function weightedMedian(list: { pitch: number; weight: number }[]): number {
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

/** Dynamic programming of turns onto runs of consecutive speech segments. */
class Aligner {
  /** Seconds of pause beyond LONG_PAUSE_SEC before each segment, summed: not speaking time. */
  private readonly longPause: Float64Array
  private readonly totalLetters: number
  /** Seconds of speech in the segments before each index (prefix sums; length m + 1). */
  private readonly speech: Float64Array

  constructor(
    private readonly segments: SpeechSegment[],
    private readonly letters: number[]
  ) {
    this.longPause = new Float64Array(segments.length)
    for (let s = 1; s < segments.length; s++) {
      const gap = (segments[s] as SpeechSegment).startSec - (segments[s - 1] as SpeechSegment).endSec
      this.longPause[s] = (this.longPause[s - 1] as number) + Math.max(0, gap - LONG_PAUSE_SEC)
    }
    this.totalLetters = letters.reduce((a, b) => a + b, 0)
    this.speech = new Float64Array(segments.length + 1)
    segments.forEach((seg, s) => (this.speech[s + 1] = (this.speech[s] as number) + seg.endSec - seg.startSec))
  }

  /** Seconds a letter, assuming typical hand-over pauses between the turns. */
  initialScale(): number {
    const first = this.segments[0] as SpeechSegment
    const last = this.segments[this.segments.length - 1] as SpeechSegment
    const speaking = last.endSec - first.startSec - (this.longPause[this.segments.length - 1] as number) - 0.6 * (this.letters.length - 1)
    return Math.max(0.01, speaking / this.totalLetters)
  }

  /**
   * Seconds a letter for each turn, from the last alignment: each speaker's own rate (voices
   * differ), drawn towards the call's rate by PRIOR_LETTERS' worth of it so a speaker with one
   * short turn does not get a rate from it alone.
   */
  speakerScales(bounds: [number, number][], turns: ReadonlyArray<Turn>): number[] {
    let speaking = 0
    const bySpeaker = new Map<string, { sec: number; letters: number }>()
    bounds.forEach(([first, last], k) => {
      const span = this.span(first, last)
      speaking += span
      const key = (turns[k] as Turn).speaker
      const entry = bySpeaker.get(key) ?? { sec: 0, letters: 0 }
      entry.sec += span
      entry.letters += this.letters[k] as number
      bySpeaker.set(key, entry)
    })
    const overall = Math.max(0.01, speaking / this.totalLetters)
    return turns.map((t) => {
      const own = bySpeaker.get(t.speaker) as { sec: number; letters: number }
      return Math.max(0.01, (own.sec + overall * PRIOR_LETTERS) / (own.letters + PRIOR_LETTERS))
    })
  }

  private span(first: number, last: number): number {
    return (this.segments[last] as SpeechSegment).endSec - (this.segments[first] as SpeechSegment).startSec - ((this.longPause[last] as number) - (this.longPause[first] as number))
  }

  /**
   * [first, last] segment of each turn. Forward dynamic programming over turns, keeping for
   * each turn only the ends within BEAM of its best: the work grows with turns × a few dozen
   * segments, not turns × all segments, which keeps a 40-minute call fast.
   */
  align(scales: number[], speakers: SpeakerModel): [number, number][] {
    const n = this.letters.length
    const m = this.segments.length
    const segments = this.segments
    const mismatch = speakers ? this.mismatchPrefix(speakers) : null
    // Turn k's best costs by end segment j, for j in [lo, lo + cost.length).
    const layers: { lo: number; cost: Float64Array; from: Int32Array }[] = []
    for (let k = 0; k < n; k++) {
      const expected = (scales[k] as number) * (this.letters[k] as number)
      const sigma = DURATION_SPREAD * expected + DURATION_FLOOR_SEC
      const maxSpan = 3 * expected + 3
      // Where this turn may start: after a surviving end of the previous turn (or anywhere, for the first).
      const starts: { i: number; before: number }[] = []
      if (k === 0) {
        for (let i = 0; i <= m - n; i++) {
          const before = UNTRANSCRIBED_COST * (this.speech[i] as number)
          if (before > BEAM) break
          starts.push({ i, before })
        }
      } else {
        const prev = layers[k - 1] as { lo: number; cost: Float64Array }
        let best = Infinity
        for (const c of prev.cost) if (c < best) best = c
        prev.cost.forEach((c, e) => {
          if (c <= best + BEAM) starts.push({ i: prev.lo + e + 1, before: c })
        })
      }
      const lastEnd = m - (n - k)
      const lo = starts[0]?.i ?? 0
      let hi = lo
      for (const { i } of starts) {
        let j = i
        while (j + 1 <= lastEnd && this.span(i, j + 1) <= maxSpan) j++
        if (j > hi) hi = j
      }
      const size = Math.max(0, Math.min(hi, lastEnd) - lo + 1)
      const cost = new Float64Array(size).fill(Infinity)
      const from = new Int32Array(size).fill(-1)
      for (const { i, before } of starts) {
        if (i > lastEnd) continue
        const handOver = k === 0 ? 0 : boundaryCost((segments[i] as SpeechSegment).startSec - (segments[i - 1] as SpeechSegment).endSec)
        const speakerBase = mismatch ? mismatch.of(k, i) : 0
        for (let j = i; j <= lastEnd; j++) {
          const span = this.span(i, j)
          if (span > maxSpan && j > i) break
          const z = (span - expected) / sigma
          let c = before + handOver + 0.5 * z * z
          if (mismatch) c += SPEAKER_WEIGHT * (mismatch.of(k, j + 1) - speakerBase)
          if (c < (cost[j - lo] as number)) {
            cost[j - lo] = c
            from[j - lo] = i
          }
        }
      }
      layers.push({ lo, cost, from })
    }
    // The last turn may leave speech after it unexplained (a hang-up tone, an untranscribed tail), at a price.
    const final = layers[n - 1] as { lo: number; cost: Float64Array; from: Int32Array }
    let end = -1
    let bestTotal = Infinity
    final.cost.forEach((c, e) => {
      const j = final.lo + e
      const total = c + UNTRANSCRIBED_COST * ((this.speech[m] as number) - (this.speech[j + 1] as number))
      if (total < bestTotal) {
        bestTotal = total
        end = j
      }
    })
    if (end < 0) return this.even(n)
    const bounds: [number, number][] = new Array(n)
    for (let k = n - 1; k >= 0; k--) {
      const layer = layers[k] as { lo: number; from: Int32Array }
      const first = layer.from[end - layer.lo] as number
      bounds[k] = [first, end]
      end = first - 1
    }
    return bounds
  }

  /** Fallback when no alignment fits: turns over segments in proportion to their letters. */
  private even(n: number): [number, number][] {
    const m = this.segments.length
    const bounds: [number, number][] = []
    let acc = 0
    let first = 0
    for (let k = 0; k < n; k++) {
      acc += this.letters[k] as number
      const last = k === n - 1 ? m - 1 : Math.max(first, Math.min(m - (n - k), Math.round((acc / this.totalLetters) * m) - 1))
      bounds.push([first, last])
      first = last + 1
    }
    return bounds
  }

  /**
   * Per turn, prefix sums over segments of how much better each segment's pitch fits the other
   * speaker than the turn's own (seconds of voiced speech, signed). Turns of the same speaker
   * share one array.
   */
  private mismatchPrefix(speakers: NonNullable<SpeakerModel>): { of(k: number, s: number): number } {
    const cache = new Map<string, Float64Array>()
    const arrays = speakers.map(({ own, other }) => {
      const key = `${own}|${other}`
      let prefix = cache.get(key)
      if (!prefix) {
        prefix = new Float64Array(this.segments.length + 1)
        const separation = Math.abs(own - other)
        this.segments.forEach((seg, s) => {
          const d = seg.voicedSec > 0 ? Math.max(-1, Math.min(1, (Math.abs(seg.logPitch - own) - Math.abs(seg.logPitch - other)) / separation)) : 0
          ;(prefix as Float64Array)[s + 1] = ((prefix as Float64Array)[s] as number) + d * seg.voicedSec
        })
        cache.set(key, prefix)
      }
      return prefix
    })
    return { of: (k, s) => (arrays[k] as Float64Array)[s] as number }
  }
}

/** Too few speech segments to give each turn one: spread the turns over the audio by their letters. */
function spread(turns: ReadonlyArray<Turn>, segments: SpeechSegment[], duration: number): TurnPlacement[] {
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
