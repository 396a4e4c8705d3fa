import { useEffect } from 'react'
import { usePlayerStore } from '../../stores/player-store'
import { useQaStore } from '../../stores/qa-store'
import { useReviewLayoutStore } from '../../stores/review-layout-store'

/**
 * The listening habits chosen in Settings: pause while a QA note is being written (and play on
 * once it is saved or cancelled), and rewind a few seconds when playback resumes after a pause,
 * so the last words before it are heard again.
 */
export function useListeningHabits(): void {
  useEffect(() => {
    let resumeAfterNote = false
    let pausedAt: { callId: number; position: number } | null = null
    const offQa = useQaStore.subscribe((state, previous) => {
      const player = usePlayerStore.getState()
      if (state.noteDraft && !previous.noteDraft) {
        if (useReviewLayoutStore.getState().pauseWhileNoting && player.playing) {
          resumeAfterNote = true
          player.pause()
        }
      } else if (!state.noteDraft && previous.noteDraft && resumeAfterNote) {
        resumeAfterNote = false
        player.play()
      }
    })
    const offPlayer = usePlayerStore.subscribe((state, previous) => {
      if (state.callId !== previous.callId) pausedAt = null
      if (previous.playing && !state.playing && !state.ended && state.callId !== null) pausedAt = { callId: state.callId, position: state.position }
      if (!previous.playing && state.playing) {
        const rewind = useReviewLayoutStore.getState().rewindOnResumeSec
        const from = pausedAt
        pausedAt = null
        // Only a resume of the same call from where it paused; a seek or a new call plays as asked.
        if (rewind > 0 && from && from.callId === state.callId && Math.abs(from.position - state.position) < 0.5)
          state.seek(Math.max(0, state.position - rewind))
      }
    })
    return () => {
      offQa()
      offPlayer()
    }
  }, [])
}
