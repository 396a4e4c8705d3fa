/**
 * Which calls of the list are selected, as
 * desktop lists do it: a click selects one row, Ctrl/Cmd+click adds or removes a row, Shift+click
 * or Shift+↑/↓ selects the run from the anchor (the row last clicked without Shift), Ctrl+A every
 * loaded row. Pure functions over the list's rows, so the rules are testable without a screen.
 *
 * The selection holds call ids, not row indexes: a session is made of calls, and a fresher page
 * from the API may reorder rows without changing which calls were picked.
 */
import type { CallListItem } from '@shared/ipc/contract'

type Rows = readonly (CallListItem | null)[]

export interface CallSelection {
  ids: ReadonlySet<number>
  /** The row a Shift range runs from; -1 until a row is clicked or opened. */
  anchor: number
}

/** How a click changes the selection: Ctrl/Cmd toggles, Shift selects a range (both: adds it). */
export interface SelectModifiers {
  toggle: boolean
  range: boolean
}

export const EMPTY_SELECTION: CallSelection = { ids: new Set(), anchor: -1 }

/** The loaded rows' call ids from `from` to `to`, either way round, in list order. */
export function idsInRange(rows: Rows, from: number, to: number): number[] {
  const first = Math.max(0, Math.min(from, to))
  const last = Math.min(rows.length - 1, Math.max(from, to))
  const ids: number[] = []
  for (let i = first; i <= last; i += 1) {
    const row = rows[i]
    if (row) ids.push(row.callId)
  }
  return ids
}

/** Whether some rows from `from` to `to` have not arrived yet. */
export function rangeHasGaps(rows: Rows, from: number, to: number): boolean {
  const first = Math.max(0, Math.min(from, to))
  const last = Math.min(rows.length - 1, Math.max(from, to))
  for (let i = first; i <= last; i += 1) if (!rows[i]) return true
  return false
}

/** Just this row (a plain click, Enter, J/K); it becomes the anchor. */
export function selectOnly(rows: Rows, index: number): CallSelection {
  const row = rows[index]
  return { ids: new Set(row ? [row.callId] : []), anchor: index }
}

/** The selection after a click on row `index` with these modifiers. */
export function clickSelection(selection: CallSelection, rows: Rows, index: number, { toggle, range }: SelectModifiers): CallSelection {
  if (range) {
    const anchor = selection.anchor >= 0 && selection.anchor < rows.length ? selection.anchor : index
    const ids = new Set(toggle ? selection.ids : [])
    for (const id of idsInRange(rows, anchor, index)) ids.add(id)
    return { ids, anchor }
  }
  if (toggle) {
    const row = rows[index]
    const ids = new Set(selection.ids)
    if (row) {
      if (ids.has(row.callId)) ids.delete(row.callId)
      else ids.add(row.callId)
    }
    return { ids, anchor: index }
  }
  return selectOnly(rows, index)
}

/**
 * Shift+↑/↓ (Page Up/Down, Home/End): the run from the anchor to the row the keyboard moved to.
 * With no anchor yet, the row the keyboard was on (`from`) becomes it.
 */
export function extendSelection(selection: CallSelection, rows: Rows, from: number, to: number): CallSelection {
  const anchor = selection.anchor >= 0 && selection.anchor < rows.length ? selection.anchor : Math.max(0, from)
  return { ids: new Set(idsInRange(rows, anchor, to)), anchor }
}

/** Ctrl/Cmd+A: every row that has arrived (rows still loading cannot be named yet). */
export function selectAllLoaded(selection: CallSelection, rows: Rows): CallSelection {
  return { ids: new Set(idsInRange(rows, 0, rows.length - 1)), anchor: selection.anchor }
}

/** Escape: back to a single selection, the call open in the review pane (if any). */
export function collapseSelection(selection: CallSelection, rows: Rows, openCallId: number | null): CallSelection {
  if (openCallId === null) return { ids: new Set(), anchor: selection.anchor }
  const index = rows[selection.anchor]?.callId === openCallId ? selection.anchor : rows.findIndex((row) => row?.callId === openCallId)
  return { ids: new Set([openCallId]), anchor: index >= 0 ? index : selection.anchor }
}

/** The selected calls in the list's order (the order a session queues them). */
export function selectedInListOrder(rows: Rows, ids: ReadonlySet<number>): number[] {
  if (ids.size === 0) return []
  const ordered: number[] = []
  for (const row of rows) if (row && ids.has(row.callId)) ordered.push(row.callId)
  return ordered
}
