import { create } from 'zustand'
import type { AppInfo } from '@shared/ipc/contract'
import type { AppErrorInfo } from '@shared/errors'
import { call, errorInfo } from '../lib/api'

interface AppStore {
  info: AppInfo | null
  error: AppErrorInfo | null
  load: () => Promise<void>
}

/** App-wide facts (name, version, host). */
export const useAppStore = create<AppStore>((set) => ({
  info: null,
  error: null,
  load: async () => {
    try {
      set({ info: await call('app:info', {}), error: null })
    } catch (error) {
      set({ error: errorInfo(error) })
    }
  }
}))
