import { useRef } from 'react'
import type { CallSort } from '@shared/ipc/contract'
import { DEFAULT_SORT, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from '@shared/ipc/contract/values'
import { useColumnsStore } from '@renderer/stores/columns-store'
import { useFiltersStore } from '@renderer/stores/filters-store'
import { Icon } from '../common/Icon'
import { RESIZE_STEP, RESIZE_STEP_LARGE, type CallColumn } from './columns'

/** Text columns start A→Z; times, durations, scores and "reviewed" start with the most (newest, longest, reviewed). */
const FIRST_DIRECTION: Record<CallSort['column'], CallSort['direction']> = {
  started: 'desc',
  duration: 'desc',
  caller: 'asc',
  campaign: 'asc',
  disposition: 'asc',
  score: 'desc',
  reviewed: 'desc'
}

/** The width the header shows now: a growing column may be wider than its set width. */
function shownWidth(handle: Element, fallback: number): number {
  const cell = handle.parentElement
  return cell ? Math.round(cell.getBoundingClientRect().width) : fallback
}

/**
 * The edge at a header's right: drag it, or focus it and press ←/→ (Shift for bigger steps),
 * to make the column narrower or wider, from the width it shows. The width is saved when the drag
 * or key press ends, and then held exactly (the column no longer grows with the list).
 */
function ResizeHandle({
  column,
  width,
  grows,
  roomy
}: {
  column: CallColumn
  width: number
  grows: boolean
  roomy?: number | undefined
}): React.JSX.Element {
  const drag = useRef<{ x: number; width: number } | null>(null)
  const resize = useColumnsStore((s) => s.resize)
  return (
    <span
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize column ${column.title}`}
      aria-valuenow={width}
      aria-valuemin={MIN_COLUMN_WIDTH}
      aria-valuemax={MAX_COLUMN_WIDTH}
      aria-valuetext={
        grows
          ? `at least ${width} pixels, wider to fill the list`
          : roomy !== undefined
            ? `${width} to ${roomy} pixels, as the list has room`
            : `${width} pixels`
      }
      title="Drag, or press ← and →, to resize"
      tabIndex={0}
      className="column-resize"
      onClick={(event) => event.stopPropagation()}
      onPointerDown={(event) => {
        event.preventDefault()
        event.stopPropagation()
        event.currentTarget.setPointerCapture(event.pointerId)
        drag.current = { x: event.clientX, width: shownWidth(event.currentTarget, width) }
      }}
      onPointerMove={(event) => {
        if (drag.current) resize(column.key, drag.current.width + event.clientX - drag.current.x, false)
      }}
      onPointerUp={(event) => {
        if (!drag.current) return
        resize(column.key, drag.current.width + event.clientX - drag.current.x, true)
        drag.current = null
      }}
      onPointerCancel={() => {
        if (drag.current) resize(column.key, drag.current.width, true)
        drag.current = null
      }}
      onKeyDown={(event) => {
        const step = event.shiftKey ? RESIZE_STEP_LARGE : RESIZE_STEP
        const by = event.key === 'ArrowRight' ? step : event.key === 'ArrowLeft' ? -step : 0
        if (by === 0) return
        // The grid's own keys (rows up and down) are not this handle's.
        event.preventDefault()
        event.stopPropagation()
        resize(column.key, shownWidth(event.currentTarget, width) + by, true)
      }}
    />
  )
}

/**
 * A column's header: a sortable one is a button that sorts by it, and again the other way,
 * with aria-sort on the header saying how the list is sorted now; each has a resize handle.
 */
export function ColumnHeader({
  column,
  sort,
  width,
  grows,
  roomy
}: {
  column: CallColumn
  sort: CallSort
  width: number
  grows: boolean
  /** The width it takes first when the list has room (columns.ts roomyWidth), if any. */
  roomy?: number | undefined
}): React.JSX.Element {
  const title = column.key === 'status' ? <span aria-hidden="true">Status</span> : column.title
  const name = column.key === 'status' ? <span className="sr-only">{column.title}</span> : null
  const by = column.sort
  if (!by) {
    return (
      <span role="columnheader" className="call-grid__cell call-grid__cell--header">
        {name}
        {title}
        <ResizeHandle column={column} width={width} grows={grows} roomy={roomy} />
      </span>
    )
  }
  const active = sort.column === by
  const next: CallSort = active
    ? { column: by, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
    : { column: by, direction: FIRST_DIRECTION[by] }
  const library = !(next.column === DEFAULT_SORT.column && next.direction === DEFAULT_SORT.direction)
  return (
    <span
      role="columnheader"
      className="call-grid__cell call-grid__cell--header"
      aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button
        type="button"
        className={`column-sort${active ? ' column-sort--active' : ''}`}
        title={`Sort by ${by}, ${next.direction === 'asc' ? 'ascending' : 'descending'}${library ? ' (sorts the calls in your library)' : ''}`}
        onClick={(event) => {
          // The grid keeps keyboard focus for its rows; a click on a header is not a row click.
          event.stopPropagation()
          useFiltersStore.getState().setSort(next)
        }}
      >
        {name}
        {/* The label shrinks with an ellipsis; the sort arrow keeps its room. */}
        <span className="column-sort__label">{title}</span>
        {active && <Icon name={sort.direction === 'asc' ? 'chevronUp' : 'chevronDown'} size={12} />}
      </button>
      <ResizeHandle column={column} width={width} grows={grows} roomy={roomy} />
    </span>
  )
}
