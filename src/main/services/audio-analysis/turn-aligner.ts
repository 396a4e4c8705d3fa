import type { SpeechSegment } from './speech-segments'

/** Relative spread of a turn's duration around its estimate, and an absolute floor for short turns. */
const DURATION_SPREAD = 0.18
const DURATION_FLOOR_SEC = 0.35
/** Pauses longer than this inside a turn do not count as its speaking time. */
const LONG_PAUSE_SEC = 1
/** A turn's speaker weighs this much a second of voiced speech whose pitch fits the other speaker. */
const SPEAKER_WEIGHT = 1.2
/** Alignments costing this much more than the best so far are dropped. */
const BEAM = 30
/** A second of speech before the first turn or after the last costs this much. */
const UNTRANSCRIBED_COST = 4

/**
 * How unlike a hand-over a pause of a given length is, as [pause seconds, cost] points (linear
 * between them, flat beyond): negative favours a turn starting after it. People pause between
 * sentences for up to about 0.3 s; a reply takes longer to start; between 0.3 and 0.5 s both
 * happen (docs/decisions/turn-placement.md).
 */
const HAND_OVER_COST: ReadonlyArray<readonly [number, number]> = [
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

/** What one alignment pass knows of a turn: its expected length, and its speaker's pitch and the other's. */
export interface TurnModel {
  /** Seconds of speaking the turn's letters should take. */
  expectedSec: number
  /** log2 Hz of its speaker and of the other speaker nearby; NaN where pitch cannot tell them apart. */
  ownPitch: number
  otherPitch: number
}

/** [first, last] segment of a turn. */
export type TurnBounds = [number, number]

/** Dynamic programming of turns onto runs of consecutive speech segments. */
export class TurnAligner {
  /** Seconds of pause beyond LONG_PAUSE_SEC before each segment, summed: not speaking time. */
  private readonly longPause: Float64Array
  /** Seconds of speech in the segments before each index (prefix sums; length m + 1). */
  private readonly speech: Float64Array

  constructor(readonly segments: SpeechSegment[]) {
    this.longPause = new Float64Array(segments.length)
    for (let s = 1; s < segments.length; s++) {
      const gap = (segments[s] as SpeechSegment).startSec - (segments[s - 1] as SpeechSegment).endSec
      this.longPause[s] = (this.longPause[s - 1] as number) + Math.max(0, gap - LONG_PAUSE_SEC)
    }
    this.speech = new Float64Array(segments.length + 1)
    segments.forEach((seg, s) => (this.speech[s + 1] = (this.speech[s] as number) + seg.endSec - seg.startSec))
  }

  /** Speaking time from the start of segment `first` to the end of `last`, long pauses left out. */
  span(first: number, last: number): number {
    return (
      (this.segments[last] as SpeechSegment).endSec -
      (this.segments[first] as SpeechSegment).startSec -
      ((this.longPause[last] as number) - (this.longPause[first] as number))
    )
  }

  /** Speaking time of the whole recording, assuming `handOvers` pauses of a typical 0.6 s. */
  speakingTime(handOvers: number): number {
    const m = this.segments.length
    return this.span(0, m - 1) - 0.6 * handOvers
  }

  /**
   * [first, last] segment of each turn, or null when no alignment fits. Forward dynamic
   * programming over turns, keeping for each turn only the ends within BEAM of its best: the work
   * grows with turns × a few dozen segments, not turns × all segments.
   */
  align(turns: TurnModel[]): TurnBounds[] | null {
    const n = turns.length
    const m = this.segments.length
    const segments = this.segments
    // Turn k's best costs by end segment j, for j in [lo, lo + cost.length).
    const layers: { lo: number; cost: Float64Array; from: Int32Array }[] = []
    for (let k = 0; k < n; k++) {
      const turn = turns[k] as TurnModel
      const expected = turn.expectedSec
      const sigma = DURATION_SPREAD * expected + DURATION_FLOOR_SEC
      const maxSpan = 3 * expected + 3
      const { ownPitch, otherPitch } = turn
      const separation = Math.abs(ownPitch - otherPitch)
      const bySpeaker = separation > 0
      // Where this turn may start: after a surviving end of the previous turn, or for the first
      // turn anywhere, paying for the speech it leaves unexplained before it.
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
        let j = Math.max(i, hi)
        while (j + 1 <= lastEnd && this.span(i, j + 1) <= maxSpan) j++
        if (j > hi) hi = j
      }
      const size = Math.max(0, Math.min(hi, lastEnd) - lo + 1)
      const cost = new Float64Array(size).fill(Infinity)
      const from = new Int32Array(size).fill(-1)
      for (const { i, before } of starts) {
        if (i > lastEnd) continue
        const handOver =
          k === 0 ? 0 : interpolate((segments[i] as SpeechSegment).startSec - (segments[i - 1] as SpeechSegment).endSec, HAND_OVER_COST)
        let mismatch = 0
        for (let j = i; j <= lastEnd; j++) {
          const span = this.span(i, j)
          if (span > maxSpan && j > i) break
          if (bySpeaker) {
            // Voiced seconds that sound more like the other speaker than this turn's (signed, -1..1 a second).
            const seg = segments[j] as SpeechSegment
            if (seg.voicedSec > 0)
              mismatch +=
                seg.voicedSec * Math.max(-1, Math.min(1, (Math.abs(seg.logPitch - ownPitch) - Math.abs(seg.logPitch - otherPitch)) / separation))
          }
          const z = (span - expected) / sigma
          const c = before + handOver + 0.5 * z * z + SPEAKER_WEIGHT * mismatch
          if (c < (cost[j - lo] as number)) {
            cost[j - lo] = c
            from[j - lo] = i
          }
        }
      }
      layers.push({ lo, cost, from })
    }
    // The last turn may leave speech after it unexplained (a hang-up tone, an untranscribed tail), at a price.
    const final = layers[n - 1] as { lo: number; cost: Float64Array }
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
    if (end < 0) return null
    const bounds: TurnBounds[] = new Array(n)
    for (let k = n - 1; k >= 0; k--) {
      const layer = layers[k] as { lo: number; from: Int32Array }
      const first = layer.from[end - layer.lo] as number
      if (first < 0) return null
      bounds[k] = [first, end]
      end = first - 1
    }
    return bounds
  }
}
