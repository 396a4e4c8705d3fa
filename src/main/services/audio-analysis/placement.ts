import type { AudioFeatures } from './features'
import { runsOf, speechFrames } from './segments'

/** Where a transcript turn is estimated to be on the audio; transcripts carry no times. */
export interface TurnPlacement {
  startSec: number
  endSec: number
  estimated: true
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => w.length > 0).length
}

/**
 * Places each turn on the audio, in order: see docs/decisions/turn-placement.md. Returns one
 * placement per turn, in the same order.
 */
export function placeTurns(features: AudioFeatures, turns: ReadonlyArray<{ speaker: string; text: string }>): TurnPlacement[] {
  if (turns.length === 0) return []
  const rate = features.frameRate
  const speech = speechFrames(features)
  const runs = runsOf(speech, 1)
  const duration = features.durationSec
  if (runs.length === 0) {
    // No speech found: spread the turns evenly by their length in words.
    return spread(turns.map((t) => Math.max(1, wordCount(t.text))), 0, duration)
  }
  // Map cumulative word share to cumulative speech time.
  const total = runs.reduce((s, r) => s + r.end - r.start, 0)
  const words = turns.map((t) => Math.max(1, wordCount(t.text)))
  const allWords = words.reduce((a, b) => a + b, 0)
  const timeAt = (share: number): number => {
    let left = share * total
    for (const r of runs) {
      const len = r.end - r.start
      if (left <= len) return (r.start + left) / rate
      left -= len
    }
    return (runs[runs.length - 1] as { end: number }).end / rate
  }
  const starts: number[] = []
  let before = 0
  for (const w of words) {
    starts.push(snapToRunStart(timeAt(before / allWords), runs, rate))
    before += w
  }
  return starts.map((start, i) => ({ startSec: start, endSec: i + 1 < starts.length ? Math.max(start, starts[i + 1] as number) : duration, estimated: true }))
}

function snapToRunStart(sec: number, runs: { start: number; end: number }[], rate: number): number {
  let best = sec
  let bestDistance = Infinity
  for (const r of runs) {
    const d = Math.abs(r.start / rate - sec)
    if (d < bestDistance) {
      bestDistance = d
      best = r.start / rate
    }
  }
  return best
}

function spread(weights: number[], from: number, to: number): TurnPlacement[] {
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
