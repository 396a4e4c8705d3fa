/**
 * Whether the active profile's QA database opens (qa:health), and the way out when it is
 * damaged (qa:recover). The call list keeps working meanwhile — calls show as not reviewed — and
 * the banner this feeds says why, names the file and offers the last backup. Nothing is moved
 * until the user confirms.
 */
import { create } from 'zustand'
import type { AppErrorInfo } from '@shared/errors'
import type { QaHealth } from '@shared/ipc/contract'
import { call, errorInfo } from '../lib/api'
import { useCallsStore } from './calls-store'

export type QaRecoverAction = 'restoreBackup' | 'startAfresh'

interface QaHealthStore {
  health: QaHealth | null
  busy: boolean
  error: AppErrorInfo | null
  /** Where the damaged file was moved, after a recovery. */
  movedTo: string | null
  load: () => Promise<void>
  recover: (action: QaRecoverAction) => Promise<boolean>
  dismiss: () => void
}

export const useQaHealthStore = create<QaHealthStore>()((set) => ({
  health: null,
  busy: false,
  error: null,
  movedTo: null,
  load: async () => {
    try {
      set({ health: await call('qa:health', {}), error: null })
    } catch (error) {
      // Not signed in yet, say: nothing to warn about here.
      set({ health: null, error: errorInfo(error).kind === 'not_signed_in' ? null : errorInfo(error) })
    }
  },
  recover: async (action) => {
    set({ busy: true, error: null })
    try {
      const { health, movedTo } = await call('qa:recover', { action })
      set({ health, movedTo, busy: false })
      // The reviewed marks come back with the restored reviews.
      useCallsStore.getState().refresh()
      return true
    } catch (error) {
      set({ busy: false, error: errorInfo(error) })
      return false
    }
  },
  dismiss: () => set({ movedTo: null, error: null })
}))
