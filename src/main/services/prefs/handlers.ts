/** The prefs:* channels over the active profile's preferences (the signed-out file when no one is signed in). */
import type { prefsChannels } from '../../../shared/ipc/contract'
import type { DomainHandlers } from '../../ipc/dispatcher'
import type { PrefsStore } from '../prefs-store'

export function createPrefsHandlers(prefs: PrefsStore): DomainHandlers<typeof prefsChannels> {
  return {
    'prefs:get': () => prefs.get(),
    'prefs:set': (patch) => prefs.set(patch)
  }
}
