/**
 * The listening habits (Settings ▸ Listening) and "skip silence", as the review pane wires them:
 * the real QA and review-layout stores drive them; the player is a zustand store with the
 * player store's shape whose play, pause and seek move its state at once — the one stand-in,
 * because audio cannot play in Node (the end-to-end spec review-listening-habits plays it).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { create, type StoreApi, type UseBoundStore } from 'zustand'
import { watchListeningHabits, type HabitPlayer } from '@renderer/components/player/use-listening-habits'
import { LEAD_OUT_SEC, skipSilenceTarget, watchSkipSilence } from '@renderer/components/player/use-skip-silence'
import { useQaStore } from '@renderer/stores/qa-store'
import { useReviewLayoutStore } from '@renderer/stores/review-layout-store'

interface TestPlayer extends HabitPlayer {
  seeks: number[]
  /** Time passes while playing. */
  advance: (seconds: number) => void
  load: (callId: number) => void
}

function makePlayer(): UseBoundStore<StoreApi<TestPlayer>> {
  return create<TestPlayer>((set, get) => ({
    callId: 1,
    playing: false,
    ended: false,
    position: 0,
    seeks: [],
    play: () => set({ playing: true }),
    pause: () => set({ playing: false }),
    seek: (seconds) => set({ position: seconds, seeks: [...get().seeks, seconds] }),
    advance: (seconds) => set({ position: get().position + seconds }),
    load: (callId) => set({ callId, position: 0, playing: false, seeks: [] })
  }))
}

let player: UseBoundStore<StoreApi<TestPlayer>>
let stop: () => void

function habits(patch: { pauseWhileNoting?: boolean; rewindOnResumeSec?: number }): void {
  useReviewLayoutStore.setState({ pauseWhileNoting: false, rewindOnResumeSec: 0, ...patch })
}

function openNote(): void {
  useQaStore.setState({ noteDraft: { callId: player.getState().callId ?? 0, seconds: player.getState().position, text: '' } })
}

function closeNote(patch: { index?: number } = {}): void {
  useQaStore.setState({ noteDraft: null, ...patch })
}

beforeEach(() => {
  player = makePlayer()
  useQaStore.setState({ noteDraft: null, index: 0 })
  stop = watchListeningHabits({ player, qa: useQaStore, habits: useReviewLayoutStore })
})

afterEach(() => {
  stop()
  useQaStore.setState({ noteDraft: null, index: 0 })
  habits({})
})

describe('pause while writing a note', () => {
  it('pauses playback when a note is begun and plays on when it is saved or cancelled', () => {
    habits({ pauseWhileNoting: true })
    player.getState().play()
    player.getState().advance(12)
    openNote()
    expect(player.getState().playing).toBe(false)
    expect(player.getState().position).toBe(12)
    closeNote()
    expect(player.getState().playing).toBe(true)
  })

  it('leaves playback alone when the habit is off (the default)', () => {
    habits({})
    player.getState().play()
    openNote()
    expect(player.getState().playing).toBe(true)
    closeNote()
    expect(player.getState().playing).toBe(true)
  })

  it('does not start a recording that was paused before the note began', () => {
    habits({ pauseWhileNoting: true })
    openNote()
    closeNote()
    expect(player.getState().playing).toBe(false)
  })

  it('does not play the old call on when moving on closes the note', () => {
    habits({ pauseWhileNoting: true })
    player.getState().play()
    openNote()
    closeNote({ index: 1 })
    expect(player.getState().playing).toBe(false)
  })

  it('with rewind on too, plays on from a few seconds before the note', () => {
    habits({ pauseWhileNoting: true, rewindOnResumeSec: 3 })
    player.getState().play()
    player.getState().advance(20)
    openNote()
    closeNote()
    expect(player.getState().playing).toBe(true)
    expect(player.getState().position).toBe(17)
  })
})

describe('rewind when playback resumes', () => {
  it('resumes N seconds before where it paused', () => {
    habits({ rewindOnResumeSec: 5 })
    player.getState().play()
    player.getState().advance(42)
    player.getState().pause()
    player.getState().play()
    expect(player.getState().seeks).toEqual([37])
    expect(player.getState().position).toBe(37)
  })

  it('never rewinds before the start', () => {
    habits({ rewindOnResumeSec: 5 })
    player.getState().play()
    player.getState().advance(2)
    player.getState().pause()
    player.getState().play()
    expect(player.getState().position).toBe(0)
  })

  it('does not rewind when off, after a seek while paused, on the first play or on another call', () => {
    habits({})
    player.getState().play()
    player.getState().advance(30)
    player.getState().pause()
    player.getState().play()
    expect(player.getState().seeks).toEqual([])

    habits({ rewindOnResumeSec: 5 })
    player.getState().pause()
    player.getState().seek(60)
    player.getState().play()
    expect(player.getState().position).toBe(60)

    player.getState().load(2)
    player.getState().play()
    expect(player.getState().seeks).toEqual([])

    player.getState().advance(10)
    player.getState().pause()
    player.getState().load(3)
    player.getState().play()
    expect(player.getState().position).toBe(0)
  })
})

describe('skip silence', () => {
  const quiet = [
    { startSec: 10, endSec: 28 },
    { startSec: 50, endSec: 56 }
  ]

  it('jumps from inside a hold to just before its end, and plays on elsewhere', () => {
    expect(skipSilenceTarget(10, quiet)).toBe(28 - LEAD_OUT_SEC)
    expect(skipSilenceTarget(20, quiet)).toBe(28 - LEAD_OUT_SEC)
    expect(skipSilenceTarget(53, quiet)).toBe(56 - LEAD_OUT_SEC)
    expect(skipSilenceTarget(9.9, quiet)).toBeNull()
    expect(skipSilenceTarget(28 - LEAD_OUT_SEC, quiet)).toBeNull()
    expect(skipSilenceTarget(30, quiet)).toBeNull()
    expect(skipSilenceTarget(5, [])).toBeNull()
  })

  it('while playing, entering a quiet stretch seeks past it; while paused it does not', () => {
    const off = watchSkipSilence(player, quiet)
    try {
      player.getState().seek(9.5)
      player.getState().advance(1)
      // Paused: a seek into a hold (to listen to it) stays there.
      expect(player.getState().position).toBe(10.5)
      player.getState().play()
      player.getState().advance(0.1)
      expect(player.getState().position).toBe(28 - LEAD_OUT_SEC)
      player.getState().advance(1)
      expect(player.getState().position).toBeCloseTo(28.7, 5)
    } finally {
      off()
    }
  })
})
