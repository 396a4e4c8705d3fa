/** The prefs:* channels over the active profile's preferences (the signed-out file when no one is signed in). */
import type { prefsChannels } from '@shared/ipc/contract'
import type { DomainHandlers } from '@main/ipc/dispatcher'
import type { PrefsRepository } from './prefs-repository'

export function createPrefsHandlers(prefs: PrefsRepository): DomainHandlers<typeof prefsChannels> {
  return {
    'prefs:get': () => prefs.get(),
    'prefs:set': (patch) => prefs.set(patch)
  }
}
