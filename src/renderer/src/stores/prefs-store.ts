/**
 * The profile's preferences (prefs.json in main), read once per visit to the call screen and
 * shared by every store that keeps a setting there: filters, layout, columns, sort, saved
 * views, player, QA. Saving merges at once here, so a store that reads after another wrote
 * sees the change without asking main again.
 */
import { create } from 'zustand'
import type { Prefs } from '@shared/ipc/contract'
import { call } from '../lib/api'

interface PrefsStore {
  /** What was read (and saved since); empty until `load` resolves. */
  prefs: Prefs
  loaded: boolean
  /** The stored preferences, read from main the first time only (a failed read gives the defaults). */
  load: () => Promise<Prefs>
  /** Start that read now, at the app's start beside the sign-in state, so the call screen finds it done. */
  prefetch: () => void
  /** Merge these keys and write them; a failed write goes to `onError` (or the log), the app goes on with it in memory. */
  save: (patch: Prefs, what: string, onError?: (error: unknown) => void) => void
  /** The profile's screen closed: the next `load` reads again (another profile has its own file). */
  forget: () => void
}

let reading: Promise<Prefs> | null = null

export const usePrefsStore = create<PrefsStore>((set, get) => {
  /** One read from main; a prefetch that fails (nobody signed in yet) is forgotten, so `load` reads again. */
  const read = (prefetched: boolean): Promise<Prefs> => {
    const attempt: Promise<Prefs> = call('prefs:get', {}).then(
      (prefs) => {
        // The screen closed meanwhile (forget(): another profile may be next): not its preferences.
        if (reading !== attempt) return get().prefs
        // Whatever was saved while the read was under way is newer than what the read found.
        const merged = { ...prefs, ...get().prefs }
        set({ prefs: merged, loaded: true })
        return merged
      },
      (error: unknown) => {
        if (prefetched) {
          if (reading === attempt) reading = null
        } else {
          console.warn('Reading the saved preferences failed; the defaults apply', error)
          set({ loaded: true })
        }
        return get().prefs
      }
    )
    return attempt
  }
  return {
    prefs: {},
    loaded: false,
    load: () => {
      reading ??= read(false)
      // Each caller gets what is current when the read is done: a key saved after the first read
      // (a QA toggle) must not come back as it was when the screen opened.
      return reading.then(() => get().prefs)
    },
    prefetch: () => {
      reading ??= read(true)
    },
    save: (patch, what, onError) => {
      set((s) => ({ prefs: { ...s.prefs, ...patch } }))
      call('prefs:set', patch).catch(onError ?? ((error: unknown) => console.warn(`Saving ${what} failed`, error)))
    },
    forget: () => {
      reading = null
      set({ prefs: {}, loaded: false })
    }
  }
})
