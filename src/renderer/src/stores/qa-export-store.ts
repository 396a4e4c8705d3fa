/**
 * Export of any set of QA reviews: the
 * sessions the reviewer ticks, narrowed to the calls selected in the list and/or to calls
 * marked reviewed, written by main's qa:export as CSV or JSON. The session panel's own export
 * (one session) stays in qa-store; this is the "Export reviews" dialog's.
 */
import { create } from 'zustand'
import type { AppErrorInfo } from '@shared/errors'
import type { ExportFormat, ExportResult, ExportSelection } from '@shared/ipc/contract/qa'
import { MAX_EXPORT_SESSIONS, MAX_SESSION_CALLS } from '@shared/ipc/contract/values'
import type { SessionInfo } from '@shared/qa/schemas'
import { formatCount } from '../lib/format'
import { call, errorInfo } from '../lib/api'

/** What the reviewer chose in the dialog. */
export interface ReviewsChoice {
  /** The sessions ticked. */
  sessionIds: ReadonlySet<string>
  /** Only these calls (the list's selection), or null for every call of the sessions. */
  callIds: readonly number[] | null
  reviewedOnly: boolean
}

/**
 * The qa:export selection for a choice, or why there is none. Every session ticked names none,
 * which main reads as "all of them" (so more than MAX_EXPORT_SESSIONS still export); otherwise
 * the ticked ones go oldest first, the order main uses for "all".
 */
export function exportSelection(choice: ReviewsChoice, sessions: readonly SessionInfo[]): { selection: ExportSelection } | { problem: string } {
  const ticked = sessions.filter((s) => choice.sessionIds.has(s.id))
  if (ticked.length === 0) return { problem: 'Choose at least one session to export.' }
  if (choice.callIds?.length === 0) return { problem: 'No calls are selected in the list; select some, or export every call of the sessions.' }
  if (choice.callIds && choice.callIds.length > MAX_SESSION_CALLS) {
    return {
      problem: `An export can narrow to at most ${formatCount(MAX_SESSION_CALLS)} selected calls; select fewer, or export every call of the sessions.`
    }
  }
  const all = ticked.length === sessions.length
  if (!all && ticked.length > MAX_EXPORT_SESSIONS) {
    return { problem: `Choose at most ${formatCount(MAX_EXPORT_SESSIONS)} sessions, or all of them.` }
  }
  const oldestFirst = [...ticked].sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  return {
    selection: {
      ...(all ? {} : { sessionIds: oldestFirst.map((s) => s.id) }),
      ...(choice.callIds ? { callIds: [...choice.callIds] } : {}),
      reviewedOnly: choice.reviewedOnly
    }
  }
}

/** How the dialog opens: from the list's "Export reviews of N selected calls" (narrowed to them at first) or from the QA bar and E. */
export interface ExportDialogRequest {
  selectedCallsOnly: boolean
}

interface QaExportStore {
  /** The "Export reviews" dialog is open, and how it was asked for. */
  dialog: ExportDialogRequest | null
  busy: boolean
  error: AppErrorInfo | null
  lastExport: ExportResult | null
  openDialog: (request: ExportDialogRequest) => void
  closeDialog: () => void
  /** Write the chosen reviews; resolves whether a file was written. */
  exportReviews: (choice: ReviewsChoice, sessions: readonly SessionInfo[], format: ExportFormat) => Promise<boolean>
}

export const useQaExportStore = create<QaExportStore>((set, get) => ({
  dialog: null,
  busy: false,
  error: null,
  lastExport: null,
  openDialog: (dialog) => set({ dialog, error: null, lastExport: null }),
  closeDialog: () => set({ dialog: null, error: null }),
  exportReviews: async (choice, sessions, format) => {
    if (get().busy) return false
    const chosen = exportSelection(choice, sessions)
    if ('problem' in chosen) {
      set({ error: { kind: 'validation', message: chosen.problem }, lastExport: null })
      return false
    }
    set({ busy: true, error: null, lastExport: null })
    try {
      const lastExport = await call('qa:export', { selection: chosen.selection, format })
      set({ lastExport, busy: false })
      return true
    } catch (error) {
      // Main refuses a selection with no reviews (not_found) with a message saying which;
      // cancelling the Save dialog is no error.
      const info = errorInfo(error)
      set({ error: info.kind === 'cancelled' ? null : info, busy: false })
      return false
    }
  }
}))
