/**
 * The list's columns: each one's header name, sort and default width, and the pure rules for
 * the layout the user shapes (which columns show, in what order, how wide), kept per profile
 * in prefs 'columns' by stores/columns-store.ts. The grid lays its rows out with the template
 * made here, so a header and its cells always share one width.
 */
import type { ColumnLayout } from '@shared/ipc/contract/prefs'
import { CALL_COLUMN_KEYS, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, type CallColumnKey, type SortColumn } from '@shared/ipc/contract/values'

export interface CallColumn {
  key: CallColumnKey
  title: string
  sort?: SortColumn
  /** Width in px before the user drags it. */
  width: number
  /**
   * Where the default width cuts the header's name: the width that shows it whole, which the
   * column takes first when the list has room (gridTemplate); its width stays the least it has.
   */
  roomy?: number
}

/** Every column, in the order the chooser lists them before the user moves them. */
export const CALL_COLUMNS: readonly CallColumn[] = [
  { key: 'started', title: 'Started', sort: 'started', width: 108 },
  { key: 'caller', title: 'Caller', sort: 'caller', width: 120 },
  { key: 'identity', title: 'Identity', width: 120 },
  { key: 'disposition', title: 'Disposition', sort: 'disposition', width: 96 },
  { key: 'duration', title: 'Duration', sort: 'duration', width: 56, roomy: 76 },
  { key: 'score', title: 'Score', sort: 'score', width: 52 },
  { key: 'campaign', title: 'Campaign', sort: 'campaign', width: 64 },
  { key: 'tracking', title: 'Tracking number', width: 120 },
  { key: 'tags', title: 'Tags', width: 140 },
  { key: 'status', title: 'Reviewed and offline', sort: 'reviewed', width: 60 }
]

const BY_KEY = new Map(CALL_COLUMNS.map((c) => [c.key, c]))

export function columnByKey(key: CallColumnKey): CallColumn {
  const column = BY_KEY.get(key)
  if (!column) throw new Error(`Unknown call column "${key}"`)
  return column
}

/**
 * What a new profile sees: the columns that fit beside the review pane in a 1024 px window
 * (the list's default share is 56 %), so nothing needs a sideways scroll. Identity, tracking
 * number and tags are one click away in "Columns".
 */
export const DEFAULT_COLUMN_LAYOUT: ColumnLayout = {
  visible: ['started', 'caller', 'disposition', 'duration', 'campaign', 'status'],
  widths: {}
}

/** Space between cells, and the row's padding left and right (calls.css). */
export const COLUMN_GAP = 8
export const ROW_PADDING = 28
/** How far one arrow key press moves a column's edge; with Shift, a bigger step. */
export const RESIZE_STEP = 8
export const RESIZE_STEP_LARGE = 40

export function clampWidth(width: number): number {
  return Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width)))
}

export function columnWidth(layout: ColumnLayout, key: CallColumnKey): number {
  return layout.widths[key] ?? columnByKey(key).width
}

/** The columns whose text is cut when narrow (numbers, names, tags): they share the room left. */
const TEXT_COLUMNS: ReadonlySet<CallColumnKey> = new Set(['caller', 'identity', 'campaign', 'tracking', 'tags'])

/**
 * The columns that take the room a wide list has left: the text columns still at their default
 * width, in proportion to it (a width the user set is kept exactly); when there is none, the last
 * column, so a wide list has no empty band at the right.
 */
export function growingColumns(layout: ColumnLayout): ReadonlySet<CallColumnKey> {
  const text = layout.visible.filter((key) => TEXT_COLUMNS.has(key) && layout.widths[key] === undefined)
  const last = layout.visible[layout.visible.length - 1]
  return new Set(text.length > 0 ? text : last ? [last] : [])
}

/**
 * The grid's column template: each column at its width, the growing ones (growingColumns) also
 * sharing what room is left, so a narrow list scrolls only when the widths add up to more than it
 * has, and a wide one shows more of the numbers and names instead of an empty band. A column at a
 * default width that cuts its header's name ("Dura…") grows to its roomy width first: a grid
 * track grows to its maximum before flexible tracks share the rest.
 */
export function gridTemplate(layout: ColumnLayout): string {
  const growing = growingColumns(layout)
  return layout.visible
    .map((key) => {
      const width = columnWidth(layout, key)
      if (growing.has(key)) return `minmax(${width}px, ${width}fr)`
      const roomy = roomyWidth(layout, key)
      return roomy === undefined ? `${width}px` : `minmax(${width}px, ${roomy}px)`
    })
    .join(' ')
}

/** The width a column at its default takes first when the list has room (CallColumn.roomy), if any. */
export function roomyWidth(layout: ColumnLayout, key: CallColumnKey): number | undefined {
  if (layout.widths[key] !== undefined) return undefined
  const { roomy, width } = columnByKey(key)
  return roomy !== undefined && roomy > width ? roomy : undefined
}

/** The width below which the list scrolls sideways: the columns, the gaps between them, the row's padding. */
export function gridMinWidth(layout: ColumnLayout): number {
  const columns = layout.visible.reduce((sum, key) => sum + columnWidth(layout, key), 0)
  return columns + COLUMN_GAP * Math.max(0, layout.visible.length - 1) + ROW_PADDING
}

/** Show a hidden column (at its place in the default order among those shown) or hide a shown one; the last one stays. */
export function toggleColumn(layout: ColumnLayout, key: CallColumnKey): ColumnLayout {
  if (layout.visible.includes(key)) {
    if (layout.visible.length === 1) return layout
    return { ...layout, visible: layout.visible.filter((k) => k !== key) }
  }
  const rank = CALL_COLUMN_KEYS.indexOf(key)
  const at = layout.visible.findIndex((k) => CALL_COLUMN_KEYS.indexOf(k) > rank)
  const visible = [...layout.visible]
  visible.splice(at < 0 ? visible.length : at, 0, key)
  return { ...layout, visible }
}

/** Move a shown column by `by` places (negative: towards the start); at either end it stays. */
export function moveColumn(layout: ColumnLayout, key: CallColumnKey, by: number): ColumnLayout {
  const from = layout.visible.indexOf(key)
  if (from < 0) return layout
  const to = Math.min(layout.visible.length - 1, Math.max(0, from + by))
  if (to === from) return layout
  const visible = [...layout.visible]
  visible.splice(from, 1)
  visible.splice(to, 0, key)
  return { ...layout, visible }
}

/** Set a column's width, held within the limits prefs accept. */
export function resizeColumn(layout: ColumnLayout, key: CallColumnKey, width: number): ColumnLayout {
  return { ...layout, widths: { ...layout.widths, [key]: clampWidth(width) } }
}

export function sameLayout(a: ColumnLayout, b: ColumnLayout): boolean {
  if (a.visible.join() !== b.visible.join()) return false
  return CALL_COLUMN_KEYS.every((key) => columnWidth(a, key) === columnWidth(b, key))
}

export const ROW_HEIGHT = 40
/** A search result's row: its cells, and under them where the search matched. */
export const HIT_ROW_HEIGHT = 60
export const HEADER_HEIGHT = 34
