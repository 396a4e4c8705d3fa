/**
 * What the bulk actions on selected calls did, for the line under the list's status bar: copy
 * (ids, facts), export of their facts (CSV or JSON, written by main through the Save dialog) and
 * "make available offline" for just those calls (a job in main; its progress comes through the
 * library store's 'sync:progress'). Every answer says what was done and what was not, and why.
 */
import { create } from 'zustand'
import type { CallsExportResult, SyncProgress } from '@shared/ipc/contract'
import { formatCount } from '../lib/format'
import { call, errorInfo } from '../lib/api'
import { useLibraryStore } from './library-store'

export type BulkAction = 'csv' | 'json' | 'offline'

interface BulkActionsStore {
  /** The last thing said: a copy, an export's result, or why an action failed. */
  message: string
  /** The last export written, for "Show in folder" and "Open"; null once anything else is said. */
  written: CallsExportResult | null
  /** The offline job started from the selection, whose progress the line follows. */
  offlineJobId: string | null
  busy: BulkAction | null
  say: (message: string) => void
  exportCalls: (callIds: number[], format: 'csv' | 'json') => Promise<void>
  makeOffline: (callIds: number[]) => Promise<void>
  reveal: (how: 'folder' | 'open') => Promise<void>
  reset: () => void
}

const calls = (n: number): string => `${formatCount(n)} ${n === 1 ? 'call' : 'calls'}`

/** "3 calls exported as CSV", or "2 exported, 1 not in the library (call 17) …". */
export function describeExport(result: CallsExportResult): string {
  const format = result.format.toUpperCase()
  if (result.notInLibrary === 0) return `${calls(result.exported)} exported as ${format} to`
  const named = result.notInLibraryIds.slice(0, 3).join(', ')
  const more = result.notInLibrary > 3 ? ', …' : ''
  return (
    `${formatCount(result.exported)} exported, ${formatCount(result.notInLibrary)} not in the library ` +
    `(call${result.notInLibrary === 1 ? '' : 's'} ${named}${more}: open ${result.notInLibrary === 1 ? 'it' : 'them'} or make ${result.notInLibrary === 1 ? 'it' : 'them'} available offline, then export again); ${format} written to`
  )
}

/** What an offline job over selected calls has done, or is doing. */
export function describeOfflineJob(progress: SyncProgress): string {
  const counts = `${formatCount(progress.calls.done)} of ${calls(progress.calls.total)}, ${formatCount(progress.recordings.done)} of ${formatCount(
    progress.recordings.total
  )} recordings`
  switch (progress.state) {
    case 'running':
      return `Making calls available offline: ${counts}…`
    case 'done':
      return `${calls(progress.calls.done)} available offline, with ${formatCount(progress.recordings.done)} ${progress.recordings.done === 1 ? 'recording' : 'recordings'}.`
    case 'cancelled':
      return `Cancelled after ${counts}; start again to carry on.`
    case 'failed':
      return `Stopped after ${counts}: ${progress.error ?? 'the download failed'}`
  }
}

export const useBulkActionsStore = create<BulkActionsStore>((set, get) => ({
  message: '',
  written: null,
  offlineJobId: null,
  busy: null,
  say: (message) => set({ message, written: null, offlineJobId: null }),
  exportCalls: async (callIds, format) => {
    if (get().busy) return
    set({ busy: format, message: `Exporting ${calls(callIds.length)} as ${format.toUpperCase()}…`, written: null, offlineJobId: null })
    try {
      const result = await call('calls:export', { callIds, format })
      set({ busy: null, written: result, message: describeExport(result) })
    } catch (error) {
      const info = errorInfo(error)
      set({ busy: null, message: info.kind === 'cancelled' ? 'Export cancelled; no file was written.' : `Not exported: ${info.message}` })
    }
  },
  makeOffline: async (callIds) => {
    if (get().busy) return
    set({ busy: 'offline', message: `Making ${calls(callIds.length)} available offline…`, written: null, offlineJobId: null })
    try {
      const progress = await useLibraryStore.getState().startSyncCalls(callIds)
      set({ busy: null, offlineJobId: progress.jobId, message: '' })
    } catch (error) {
      set({ busy: null, message: `Not made available offline: ${errorInfo(error).message}` })
    }
  },
  reveal: async (how) => {
    const written = get().written
    if (!written) return
    try {
      await call(how === 'folder' ? 'calls:showExport' : 'calls:openExport', { path: written.path })
    } catch (error) {
      set({ message: errorInfo(error).message, written: null })
    }
  },
  reset: () => set({ message: '', written: null, offlineJobId: null, busy: null })
}))
