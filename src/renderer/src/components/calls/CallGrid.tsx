import { memo, useCallback, useEffect, useRef, useState } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useShallow } from 'zustand/react/shallow'
import { useCallsStore } from '@renderer/stores/calls-store'
import type { SelectModifiers } from '@renderer/stores/call-selection'
import { CallRow } from './CallRow'
import { useFiltersStore } from '@renderer/stores/filters-store'
import { ColumnHeader } from './ColumnHeader'
import { useColumnsStore } from '@renderer/stores/columns-store'
import {
  columnByKey,
  columnWidth,
  gridMinWidth,
  gridTemplate,
  growingColumns,
  HEADER_HEIGHT,
  HIT_ROW_HEIGHT,
  roomyWidth,
  ROW_HEIGHT
} from './columns'
import { CALL_GRID_ID, callRowId } from './dom-ids'

interface CallGridProps {
  /** Rows in view changed (0-based, inclusive), for the range label. */
  onVisibleRows: (first: number, last: number) => void
}

/**
 * "Now" for the Started column's "Today, 10:20 AM", renewed each minute; one stable value so
 * the memoised rows do not re-render on every scroll.
 */
function useToday(): Date {
  const [now, setNow] = useState(() => new Date())
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000)
    return () => clearInterval(timer)
  }, [])
  return now
}

/** Rows beyond the view whose pages are fetched ahead, so scrolling rarely meets a skeleton. */
const PREFETCH_ROWS = 60

/**
 * The call list as a multi-selectable WAI-ARIA grid, virtualized with @tanstack/react-virtual:
 * however long the list (the API's total), only the rows in view exist in the DOM. The grid
 * holds focus and points at the highlighted row with aria-activedescendant; ↑/↓, Page Up/Down,
 * Home/End move the highlight, Enter opens it, a click opens a row. For a QA session over
 * chosen calls: Ctrl/Cmd+click toggles a row, Shift+click and Shift with the movement keys
 * select a run, Ctrl/Cmd+A every loaded row, Escape goes back to the open call alone.
 */
export const CallGrid = memo(function CallGrid({ onVisibleRows }: CallGridProps): React.JSX.Element {
  const { rows, total, activeIndex, selectedCallId, selectedIds, selectIndex, clickRow, setActive, ensureRows, searchText } = useCallsStore(
    useShallow((s) => ({
      searchText: s.applied?.text ?? '',
      rows: s.rows,
      total: s.total,
      activeIndex: s.activeIndex,
      selectedCallId: s.selectedCallId,
      selectedIds: s.selection.ids,
      selectIndex: s.selectIndex,
      clickRow: s.clickRow,
      setActive: s.setActive,
      ensureRows: s.ensureRows
    }))
  )
  const sort = useFiltersStore((s) => s.sort)
  const layout = useColumnsStore((s) => s.layout)
  const growing = growingColumns(layout)
  const gridStyle = {
    '--grid-columns': gridTemplate(layout),
    '--grid-min-width': `${gridMinWidth(layout)}px`
  } as React.CSSProperties
  const rowHeight = searchText ? HIT_ROW_HEIGHT : ROW_HEIGHT
  const scrollRef = useRef<HTMLDivElement>(null)
  /**
   * Set between a pointer press on the grid and the focus it brings. Focus by Tab highlights
   * the first row in view; focus by a click must not, or highlighting that row scrolls it
   * clear of the sticky header between mouse down and up and the click lands between rows.
   */
  const pointerFocus = useRef(false)
  // The app does not use the React Compiler; the virtualizer re-renders this component itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    // Until the list is laid out the virtualizer knows no size, and its first render drew no rows:
    // they came in a second render after it measured the list. The window is at least the list's
    // size, so the first render has the rows in view (a few more, until it measures).
    initialRect: { width: window.innerWidth, height: window.innerHeight }
  })
  const items = virtualizer.getVirtualItems()
  const first = virtualizer.range?.startIndex ?? 0
  const last = virtualizer.range?.endIndex ?? -1

  useEffect(() => {
    if (last < 0) return
    ensureRows(first, last + PREFETCH_ROWS)
    onVisibleRows(first, last)
  }, [first, last, rows.length, ensureRows, onVisibleRows])

  // Rows change height with a search (a match line under each): sizes measured for the other
  // height are dropped. Not on mount, when there is nothing to drop (each measure() works out the
  // offsets of every row of the total again, 10,000 of them for a week's calls).
  const sizedFor = useRef(rowHeight)
  useEffect(() => {
    if (sizedFor.current === rowHeight) return
    sizedFor.current = rowHeight
    virtualizer.measure()
  }, [rowHeight, virtualizer])

  // A new order keeps the grid (calls-store: the same calls, placeholders until their page
  // comes) but starts from the top, as a new list would.
  const queryKey = useCallsStore((s) => s.applied?.key)
  const shownKey = useRef(queryKey)
  useEffect(() => {
    if (shownKey.current === queryKey) return
    shownKey.current = queryKey
    scrollRef.current?.scrollTo({ top: 0 })
  }, [queryKey])

  useEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' })
  }, [activeIndex, virtualizer])

  const select = useCallback(
    (index: number, modifiers: SelectModifiers) => {
      clickRow(index, modifiers)
      scrollRef.current?.focus({ preventScroll: true })
    },
    [clickRow]
  )

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>): void => {
    const page = Math.max(1, last - first)
    const current = activeIndex < 0 ? -1 : activeIndex
    const command = event.ctrlKey || event.metaKey
    if (command && !event.altKey && event.key.toLowerCase() === 'a') {
      event.preventDefault()
      useCallsStore.getState().selectAll()
      return
    }
    if (event.key === 'Escape') {
      if (useCallsStore.getState().selection.ids.size === 0) return
      event.preventDefault()
      useCallsStore.getState().clearSelection()
      return
    }
    if (command || event.altKey) return
    let next: number
    switch (event.key) {
      case 'ArrowDown':
        next = current + 1
        break
      case 'ArrowUp':
        next = Math.max(0, current - 1)
        break
      case 'PageDown':
        next = current + page
        break
      case 'PageUp':
        next = Math.max(0, current - page)
        break
      case 'Home':
        next = 0
        break
      case 'End':
        next = rows.length - 1
        break
      case 'Enter':
        if (current >= 0) selectIndex(current)
        event.preventDefault()
        return
      default:
        return
    }
    event.preventDefault()
    if (event.shiftKey) useCallsStore.getState().extendTo(next)
    else setActive(next)
  }

  const now = useToday()
  const activeRendered = activeIndex >= 0 && items.some((item) => item.index === activeIndex)
  return (
    <div
      id={CALL_GRID_ID}
      ref={scrollRef}
      className={searchText ? 'call-grid call-grid--hits' : 'call-grid'}
      role="grid"
      aria-label="Calls"
      aria-multiselectable="true"
      aria-rowcount={(total ?? rows.length) + 1}
      aria-colcount={layout.visible.length}
      style={gridStyle}
      aria-activedescendant={activeRendered ? callRowId(activeIndex) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onPointerDown={() => {
        pointerFocus.current = true
      }}
      onPointerUp={() => {
        pointerFocus.current = false
      }}
      onBlur={() => {
        // A press that was released outside the grid leaves nothing behind for the next Tab.
        pointerFocus.current = false
      }}
      onFocus={() => {
        const byPointer = pointerFocus.current
        pointerFocus.current = false
        if (!byPointer && activeIndex < 0 && rows.length > 0) setActive(Math.max(0, first))
      }}
    >
      <div className="call-grid__header" role="rowgroup">
        <div className="call-grid__row call-grid__row--header" role="row" aria-rowindex={1}>
          {layout.visible.map((key) => (
            <ColumnHeader
              key={key}
              column={columnByKey(key)}
              sort={sort}
              width={columnWidth(layout, key)}
              grows={growing.has(key)}
              roomy={roomyWidth(layout, key)}
            />
          ))}
        </div>
      </div>
      <div className="call-grid__body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows[item.index] ?? null
          return (
            <CallRow
              // By index: a row that stays in view keeps its element.
              key={item.index}
              index={item.index}
              item={row}
              top={item.start - HEADER_HEIGHT}
              selected={row !== null && selectedIds.has(row.callId)}
              open={row !== null && row.callId === selectedCallId}
              active={item.index === activeIndex}
              now={now}
              searchText={searchText}
              columns={layout.visible}
              onSelect={select}
            />
          )
        })}
      </div>
    </div>
  )
})
