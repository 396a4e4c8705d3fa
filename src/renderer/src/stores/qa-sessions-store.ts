/**
 * Managing the reviewer's QA sessions from the sessions list: rename, archive and delete with
 * an undo window; choose sessions to export their reviews (CSV, JSON) or a printable report
 * (HTML, PDF) of them, which the session summary also asks for (`report`). Main keeps a deleted session until the app next starts (qa:restoreSession
 * brings it back); the list here is useQaStore's `sessions`, kept in step with main's answers.
 */
import { create } from 'zustand'
import type { AppErrorInfo } from '@shared/errors'
import type { ExportFormat, ExportResult, ReportFormat, ReportResult } from '@shared/ipc/contract/qa'
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
  /** Sessions ticked in the list, for export or a report. */
  chosen: ReadonlySet<string>
  toggleChosen: (sessionId: string) => void
  /** Tick every session shown, or none. */
  chooseAll: (sessionIds: readonly string[] | null) => void
  busy: boolean
  /** The file the last export or report wrote, for "Show in folder" and "Open". */
  written: ExportResult | ReportResult | null
  /** Export the chosen sessions' reviews (every call, reviewed or not), oldest session first. */
  exportChosen: (format: ExportFormat) => Promise<boolean>
  /** A printable report of these sessions (the chosen ones when omitted), in the order given. */
  report: (format: ReportFormat, sessionIds?: readonly string[]) => Promise<boolean>
}

type Set_ = (partial: Partial<QaSessionsStore>) => void

/** The chosen sessions that still exist, oldest first (the order main exports "all" in). */
function chosenIds(chosen: ReadonlySet<string>): string[] {
  return useQaStore
    .getState()
    .sessions.filter((s) => chosen.has(s.id))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((s) => s.id)
}

/** Run one export or report; cancelling the Save dialog is no error, anything else is said. */
async function write(set: Set_, get: () => QaSessionsStore, run: () => Promise<ExportResult | ReportResult>): Promise<boolean> {
  if (get().busy) return false
  set({ busy: true, error: null, written: null })
  try {
    set({ written: await run(), busy: false })
    return true
  } catch (error) {
    const info = errorInfo(error)
    set({ error: info.kind === 'cancelled' ? null : info, busy: false })
    return false
  }
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
  chosen: new Set(),
  busy: false,
  written: null,
  setOpen: (open) => set({ open, error: null, written: null }),
  toggleChosen: (sessionId) => {
    const chosen = new Set(get().chosen)
    if (chosen.has(sessionId)) chosen.delete(sessionId)
    else chosen.add(sessionId)
    set({ chosen })
  },
  chooseAll: (sessionIds) => set({ chosen: new Set(sessionIds ?? []) }),
  exportChosen: async (format) => {
    const ids = chosenIds(get().chosen)
    if (ids.length === 0) {
      set({ error: { kind: 'validation', message: 'Tick at least one session to export its reviews.' }, written: null })
      return false
    }
    return write(set, get, () => call('qa:export', { selection: { sessionIds: ids, reviewedOnly: false }, format }))
  },
  report: async (format, sessionIds) => {
    const ids = sessionIds ? [...sessionIds] : chosenIds(get().chosen)
    if (ids.length === 0) {
      set({ error: { kind: 'validation', message: 'Tick at least one session for the report.' }, written: null })
      return false
    }
    return write(set, get, () => call('qa:report', { sessionIds: ids, format }))
  },
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
