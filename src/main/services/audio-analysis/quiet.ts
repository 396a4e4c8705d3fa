import type { AudioFeatures } from './features'
import { bridgeGaps, runsOf, soundFrames, toneFrames } from './segments'

export interface QuietStretch {
  startSec: number
  endSec: number
  kind: 'hold' | 'silence'
}

/**
 * Stretches of at least `minSec` with no speech: holds (a steady tone, or silence with a tone in
 * it) and silences, in time order, for the waveform's marks and the player's "skip silence".
 */
export function findQuietStretches(features: AudioFeatures, minSec = 5): QuietStretch[] {
  const rate = features.frameRate
  const tone = toneFrames(features)
  const sound = soundFrames(features)
  // Quiet: silent or tone. Short blips of sound inside a hold (clicks) do not split it.
  const quiet = Uint8Array.from(sound, (s, i) => (!s || tone[i] ? 1 : 0))
  bridgeGaps(quiet, Math.round(0.3 * rate))
  const stretches: QuietStretch[] = []
  for (const run of runsOf(quiet, 1)) {
    if ((run.end - run.start) / rate < minSec) continue
    let toneCount = 0
    let firstTone = -1
    let lastTone = -1
    for (let i = run.start; i < run.end; i++) {
      if (!tone[i]) continue
      toneCount++
      if (firstTone < 0) firstTone = i
      lastTone = i
    }
    // A hold is where its tone plays; the pauses either side belong to the turns around it.
    const hold = toneCount / (run.end - run.start) >= 0.5
    const start = hold ? firstTone : run.start
    const end = hold ? lastTone + 1 : run.end
    stretches.push({ startSec: start / rate, endSec: Math.min(features.durationSec, end / rate), kind: hold ? 'hold' : 'silence' })
  }
  return stretches
}
