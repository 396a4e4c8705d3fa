import { useEffect } from 'react'
import { usePlayerStore } from '@renderer/stores/player-store'
import { useQaStore } from '@renderer/stores/qa-store'
import { useReviewLayoutStore } from '@renderer/stores/review-layout-store'

/** A zustand store as the habits see it: read, and told of every change with the state before it. */
interface Watched<S> {
  getState: () => S
  subscribe: (listener: (state: S, previous: S) => void) => () => void
}

/** What the habits read of the player and drive on it. */
export interface HabitPlayer {
  callId: number | null
  playing: boolean
  ended: boolean
  position: number
  play: () => void
  pause: () => void
  seek: (seconds: number) => void
}

export interface HabitStores {
  player: Watched<HabitPlayer>
  /** The QA session's note being written, if any, and the queue position. */
  qa: Watched<{ noteDraft: unknown; index: number }>
  /** The chosen habits (Settings ▸ Listening). */
  habits: { getState: () => { pauseWhileNoting: boolean; rewindOnResumeSec: number } }
}

/**
 * The listening habits chosen in Settings: pause while a QA note is being written (and play on
 * once it is saved or cancelled), and rewind a few seconds when playback resumes after a pause,
 * so the last words before it are heard again. Returns the unsubscribe.
 */
export function watchListeningHabits({ player, qa, habits }: HabitStores): () => void {
  /** The call paused for a note, to play on when the note closes (unless another call is loaded by then). */
  let resumeAfterNote: number | null = null
  let pausedAt: { callId: number; position: number } | null = null
  const offQa = qa.subscribe((state, previous) => {
    const now = player.getState()
    if (state.noteDraft && !previous.noteDraft) {
      if (habits.getState().pauseWhileNoting && now.playing) {
        resumeAfterNote = now.callId
        now.pause()
      }
    } else if (!state.noteDraft && previous.noteDraft && resumeAfterNote !== null) {
      const call = resumeAfterNote
      resumeAfterNote = null
      // Moving on with the note open (Next call) closes it: the next call plays as the session says.
      if (state.index === previous.index && now.callId === call && !now.playing) now.play()
    }
  })
  const offPlayer = player.subscribe((state, previous) => {
    if (state.callId !== previous.callId) pausedAt = null
    // A pause of the call playing (loading another call also stops playback, but is no pause of it).
    if (previous.playing && !state.playing && !state.ended && state.callId !== null && state.callId === previous.callId)
      pausedAt = { callId: state.callId, position: state.position }
    if (!previous.playing && state.playing) {
      const rewind = habits.getState().rewindOnResumeSec
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
}

export function useListeningHabits(): void {
  useEffect(() => watchListeningHabits({ player: usePlayerStore, qa: useQaStore, habits: useReviewLayoutStore }), [])
}
