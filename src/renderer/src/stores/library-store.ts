/**
 * The active profile's offline library as settings shows it: what is cached and how big it is,
 * the recording cache limit, and the "make available offline" job. The job runs in main; this
 * store follows its 'sync:progress' events for as long as the app runs, so progress survives
 * closing and reopening the settings panel, and reads sync:status to pick up a job that was
 * already running (or resumed after a restart).
 */
import { create } from 'zustand'
import type { AppErrorInfo } from '@shared/errors'
import type { CallQueryInput } from '@shared/convirza/query'
import type { LibraryStats, SyncProgress } from '@shared/ipc/contract'
import { call, errorInfo, subscribe } from '../lib/api'

/** What the library panel is busy with, so the right control shows it. */
export type LibraryAction = 'clear' | 'setCacheLimit' | 'startSync' | 'cancelSync'

interface LibraryStore {
  stats: LibraryStats | null
  statsError: AppErrorInfo | null
  /** The running or last "make available offline" job; null when there has been none. */
  sync: SyncProgress | null
  /** The last failure of an action, with the action it belongs to. */
  error: { action: LibraryAction; info: AppErrorInfo } | null
  busy: LibraryAction | null
  loadStats: () => Promise<void>
  /** Remove the profile's cached calls and recordings; resolves true on success. */
  clear: () => Promise<boolean>
  setCacheLimit: (bytes: number) => Promise<boolean>
  startSync: (query: CallQueryInput) => Promise<boolean>
  /** Make these selected calls available offline; the job's first progress, or throws why it did not start. */
  startSyncCalls: (callIds: number[]) => Promise<SyncProgress>
  cancelSync: () => Promise<boolean>
  loadSyncStatus: () => Promise<void>
  clearError: () => void
  /** Follow 'sync:progress'; returns the unsubscribe. */
  watch: () => () => void
  /** Forget everything (another profile became active). */
  reset: () => void
}

/** How often a running job re-reads the library's size for an open settings panel. */
const STATS_REFRESH_MS = 2000
let statsReadAt = 0

export const useLibraryStore = create<LibraryStore>((set, get) => {
  const run = async (action: LibraryAction, work: () => Promise<void>): Promise<boolean> => {
    if (get().busy) return false
    set({ busy: action, error: null })
    try {
      await work()
      set({ busy: null })
      return true
    } catch (error) {
      set({ busy: null, error: { action, info: errorInfo(error) } })
      return false
    }
  }

  return {
    stats: null,
    statsError: null,
    sync: null,
    error: null,
    busy: null,
    loadStats: async () => {
      try {
        set({ stats: await call('library:stats', {}), statsError: null })
      } catch (error) {
        set({ statsError: errorInfo(error) })
      }
    },
    clear: () =>
      run('clear', async () => {
        set({ stats: await call('library:clear', {}) })
      }),
    setCacheLimit: (bytes) =>
      run('setCacheLimit', async () => {
        set({ stats: await call('library:setCacheLimit', { bytes }) })
      }),
    startSync: (query) =>
      run('startSync', async () => {
        set({ sync: await call('sync:start', { query }) })
      }),
    startSyncCalls: async (callIds) => {
      const progress = await call('sync:startCalls', { callIds })
      set({ sync: progress })
      return progress
    },
    cancelSync: () =>
      run('cancelSync', async () => {
        const job = get().sync
        if (!job || job.state !== 'running') return
        set({ sync: await call('sync:cancel', { jobId: job.jobId }) })
      }),
    loadSyncStatus: async () => {
      try {
        set({ sync: await call('sync:status', {}) })
      } catch (error) {
        // Only a hint for the progress view: the user did not ask for anything that failed, and
        // starting a job reports its own error.
        console.warn('Reading the offline job status failed', errorInfo(error).message)
      }
    },
    clearError: () => set({ error: null }),
    watch: () =>
      subscribe('sync:progress', (progress) => {
        const current = get().sync
        // An event for an older job must not replace the one the user just started.
        if (current && current.jobId !== progress.jobId && current.state === 'running' && progress.state !== 'running') return
        set({ sync: progress })
        // Keep the shown library size moving with the job, without a read per event.
        const now = Date.now()
        if (get().stats && (progress.state !== 'running' || now - statsReadAt >= STATS_REFRESH_MS)) {
          statsReadAt = now
          void get().loadStats()
        }
      }),
    reset: () => set({ stats: null, statsError: null, sync: null, error: null, busy: null })
  }
})
