import { useEffect } from 'react'
import { usePlayerStore } from '@renderer/stores/player-store'
import { useReviewLayoutStore } from '@renderer/stores/review-layout-store'
import type { QuietMark } from './SeekBar'

/** Leave this much of a stretch's end, so the words after a hold are not clipped. */
export const LEAD_OUT_SEC = 0.3

/** Where playback at `position` should jump to skip the hold or silence it is in, or null to play on. */
export function skipSilenceTarget(position: number, quiet: readonly Pick<QuietMark, 'startSec' | 'endSec'>[]): number | null {
  const stretch = quiet.find((q) => position >= q.startSec && position < q.endSec - LEAD_OUT_SEC)
  return stretch ? stretch.endSec - LEAD_OUT_SEC : null
}

interface SkipPlayer {
  playing: boolean
  position: number
  seek: (seconds: number) => void
}

/** While playing, a position inside a quiet stretch jumps to its end. Returns the unsubscribe. */
export function watchSkipSilence(
  player: { subscribe: (listener: (state: SkipPlayer, previous: SkipPlayer) => void) => () => void },
  quiet: readonly Pick<QuietMark, 'startSec' | 'endSec'>[]
): () => void {
  return player.subscribe((state, previous) => {
    if (!state.playing || state.position === previous.position) return
    const target = skipSilenceTarget(state.position, quiet)
    if (target !== null) state.seek(target)
  })
}

/**
 * "Skip silence": while on and playing, entering a hold or a long silence jumps to its end.
 * The choice is kept in prefs (off by default).
 */
export function useSkipSilence(quiet: QuietMark[] | null): { on: boolean; set: (on: boolean) => void } {
  const on = useReviewLayoutStore((s) => s.skipSilence)
  useEffect(() => {
    if (!on || !quiet || quiet.length === 0) return
    return watchSkipSilence(usePlayerStore, quiet)
  }, [on, quiet])
  return { on, set: (value) => useReviewLayoutStore.getState().setHabits({ skipSilence: value }) }
}
