/**
 * Managing the reviewer's QA sessions from the sessions list: rename, archive and delete with
 * an undo window. Main keeps a deleted session until the app next starts (qa:restoreSession
 * brings it back); the list here is useQaStore's `sessions`, kept in step with main's answers.
 */
import { create } from 'zustand'
import type { AppErrorInfo } from '@shared/errors'
import type { SessionInfo } from '@shared/qa/schemas'
import { call, errorInfo } from '../lib/api'
import { useQaStore } from './qa-store'

/** How long "Undo" stays offered after a delete. */
export const UNDO_MS = 10_000

interface QaSessionsStore {
  open: boolean
  showArchived: boolean
  /** The session just deleted, while its delete can be undone. */
  deleted: SessionInfo | null
  error: AppErrorInfo | null
  setOpen: (open: boolean) => void
  setShowArchived: (show: boolean) => void
  rename: (sessionId: string, name: string) => Promise<boolean>
  archive: (sessionId: string, archived: boolean) => Promise<void>
  /** Delete at once (the caller has asked for confirmation); "Undo" is offered for UNDO_MS. */
  remove: (sessionId: string) => Promise<void>
  undo: () => Promise<void>
}

let undoTimer: ReturnType<typeof setTimeout> | null = null

function replaceSession(info: SessionInfo): void {
  const sessions = useQaStore.getState().sessions
  useQaStore.setState({ sessions: sessions.some((s) => s.id === info.id) ? sessions.map((s) => (s.id === info.id ? info : s)) : [info, ...sessions] })
}

export const useQaSessionsStore = create<QaSessionsStore>((set, get) => ({
  open: false,
  showArchived: false,
  deleted: null,
  error: null,
  setOpen: (open) => set({ open, error: null }),
  setShowArchived: (showArchived) => set({ showArchived }),
  rename: async (sessionId, name) => {
    try {
      replaceSession(await call('qa:renameSession', { sessionId, name }))
      set({ error: null })
      return true
    } catch (error) {
      set({ error: errorInfo(error) })
      return false
    }
  },
  archive: async (sessionId, archived) => {
    try {
      replaceSession(await call('qa:archiveSession', { sessionId, archived }))
      set({ error: null })
    } catch (error) {
      set({ error: errorInfo(error) })
    }
  },
  remove: async (sessionId) => {
    const info = useQaStore.getState().sessions.find((s) => s.id === sessionId) ?? null
    try {
      await call('qa:deleteSession', { sessionId })
      useQaStore.setState({ sessions: useQaStore.getState().sessions.filter((s) => s.id !== sessionId) })
      set({ deleted: info, error: null })
      if (undoTimer) clearTimeout(undoTimer)
      undoTimer = setTimeout(() => set({ deleted: null }), UNDO_MS)
    } catch (error) {
      set({ error: errorInfo(error) })
    }
  },
  undo: async () => {
    const deleted = get().deleted
    if (!deleted) return
    if (undoTimer) clearTimeout(undoTimer)
    try {
      const info = await call('qa:restoreSession', { sessionId: deleted.id })
      replaceSession(info)
      useQaStore.setState({ sessions: [...useQaStore.getState().sessions].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)) })
      set({ deleted: null, error: null })
    } catch (error) {
      set({ deleted: null, error: errorInfo(error) })
    }
  }
}))
