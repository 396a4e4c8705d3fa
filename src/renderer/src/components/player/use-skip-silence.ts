import { useEffect } from 'react'
import { usePlayerStore } from '../../stores/player-store'
import { useReviewLayoutStore } from '../../stores/review-layout-store'
import type { QuietMark } from './SeekBar'

/** Leave this much of a stretch's end, so the words after a hold are not clipped. */
const LEAD_OUT_SEC = 0.3

/**
 * "Skip silence": while on and playing, entering a hold or a long silence jumps to its end.
 * The choice is kept in prefs (off by default).
 */
export function useSkipSilence(quiet: QuietMark[] | null): { on: boolean; set: (on: boolean) => void } {
  const on = useReviewLayoutStore((s) => s.skipSilence)
  useEffect(() => {
    if (!on || !quiet || quiet.length === 0) return
    return usePlayerStore.subscribe((state, previous) => {
      if (!state.playing || state.position === previous.position) return
      const stretch = quiet.find((q) => state.position >= q.startSec && state.position < q.endSec - LEAD_OUT_SEC)
      if (stretch) state.seek(stretch.endSec - LEAD_OUT_SEC)
    })
  }, [on, quiet])
  return { on, set: (value) => useReviewLayoutStore.getState().setHabits({ skipSilence: value }) }
}
