/**
 * How the reviewer likes the review pane and the player to behave, kept in the profile's prefs:
 * which module tab is open, whether the call's full facts show, whether the transcript follows
 * the audio, and the listening habits (pause while writing a note, rewind on resume, skip
 * silence), the last three off until chosen.
 */
import { create } from 'zustand'
import type { Prefs } from '@shared/ipc/contract'
import { usePrefsStore } from './prefs-store'

export type ReviewModule = NonNullable<Prefs['reviewModule']>

interface ReviewLayoutStore {
  module: ReviewModule
  factsOpen: boolean
  follow: boolean
  pauseWhileNoting: boolean
  rewindOnResumeSec: number
  skipSilence: boolean
  setModule: (module: ReviewModule) => void
  setFactsOpen: (open: boolean) => void
  setFollow: (follow: boolean) => void
  setHabits: (patch: Partial<Pick<ReviewLayoutStore, 'pauseWhileNoting' | 'rewindOnResumeSec' | 'skipSilence'>>) => void
  loadPrefs: () => Promise<void>
}

/** Through the shared preferences, so what was saved is what the next read of them finds. */
function save(patch: Prefs): void {
  usePrefsStore.getState().save(patch, 'the review layout')
}

export const useReviewLayoutStore = create<ReviewLayoutStore>((set) => ({
  module: 'summary',
  factsOpen: false,
  follow: true,
  pauseWhileNoting: false,
  rewindOnResumeSec: 0,
  skipSilence: false,
  setModule: (module) => {
    set({ module })
    save({ reviewModule: module })
  },
  setFactsOpen: (factsOpen) => {
    set({ factsOpen })
    save({ reviewFactsOpen: factsOpen })
  },
  // Follow is turned off by a hand scroll many times a session: kept for the run, saved only when chosen.
  setFollow: (follow) => set({ follow }),
  setHabits: (patch) => {
    set(patch)
    save(patch)
  },
  loadPrefs: async () => {
    try {
      const prefs = await usePrefsStore.getState().load()
      set({
        module: prefs.reviewModule ?? 'summary',
        factsOpen: prefs.reviewFactsOpen ?? false,
        follow: prefs.followTranscript ?? true,
        pauseWhileNoting: prefs.pauseWhileNoting ?? false,
        rewindOnResumeSec: prefs.rewindOnResumeSec ?? 0,
        skipSilence: prefs.skipSilence ?? false
      })
    } catch (error) {
      console.warn('Reading the review layout failed', error)
    }
  }
}))
