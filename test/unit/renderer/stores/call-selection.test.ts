import { describe, expect, it } from 'vitest'
import type { CallListItem } from '@shared/ipc/contract'
import {
  clickSelection,
  collapseSelection,
  EMPTY_SELECTION,
  extendSelection,
  idsInRange,
  rangeHasGaps,
  selectAllLoaded,
  selectedInListOrder,
  selectOnly,
  type CallSelection
} from '@renderer/stores/call-selection'
import { callListItem } from '@test/fixtures/bridges/calls-store'

/** Rows 0..9 hold calls 100..109; the rows listed in `missing` have not arrived. */
function rows(missing: number[] = []): (CallListItem | null)[] {
  return Array.from({ length: 10 }, (_, i) => (missing.includes(i) ? null : callListItem(100 + i)))
}

const ids = (selection: CallSelection): number[] => [...selection.ids].sort((a, b) => a - b)
const plain = { toggle: false, range: false }
const ctrl = { toggle: true, range: false }
const shift = { toggle: false, range: true }
const ctrlShift = { toggle: true, range: true }

describe('call list selection', () => {
  it('selects only the clicked row on a plain click, and makes it the anchor', () => {
    const before = clickSelection(EMPTY_SELECTION, rows(), 2, ctrl)
    const after = clickSelection(before, rows(), 5, plain)
    expect(ids(after)).toEqual([105])
    expect(after.anchor).toBe(5)
  })

  it('adds a row with Ctrl/Cmd+click and takes it out with a second one', () => {
    let selection = selectOnly(rows(), 1)
    selection = clickSelection(selection, rows(), 4, ctrl)
    selection = clickSelection(selection, rows(), 7, ctrl)
    expect(ids(selection)).toEqual([101, 104, 107])
    selection = clickSelection(selection, rows(), 4, ctrl)
    expect(ids(selection)).toEqual([101, 107])
    expect(selection.anchor).toBe(4)
  })

  it('selects the run from the anchor to the Shift+clicked row, either way round, replacing the rest', () => {
    let selection = clickSelection(selectOnly(rows(), 8), rows(), 3, ctrl)
    selection = clickSelection(selection, rows(), 6, shift)
    expect(ids(selection)).toEqual([103, 104, 105, 106])
    // The anchor stays, so a second Shift+click re-draws the run from the same row.
    selection = clickSelection(selection, rows(), 1, shift)
    expect(ids(selection)).toEqual([101, 102, 103])
    expect(selection.anchor).toBe(3)
  })

  it('adds the run to what was selected with Ctrl+Shift+click', () => {
    let selection = selectOnly(rows(), 0)
    selection = clickSelection(selection, rows(), 5, ctrl)
    selection = clickSelection(selection, rows(), 7, ctrlShift)
    expect(ids(selection)).toEqual([100, 105, 106, 107])
  })

  it('starts a Shift range at the clicked row when nothing was clicked before', () => {
    expect(ids(clickSelection(EMPTY_SELECTION, rows(), 4, shift))).toEqual([104])
  })

  it('leaves rows that have not arrived out of a range, and says the range has gaps', () => {
    const list = rows([4, 5])
    expect(idsInRange(list, 6, 2)).toEqual([102, 103, 106])
    expect(rangeHasGaps(list, 2, 6)).toBe(true)
    expect(rangeHasGaps(list, 6, 9)).toBe(false)
  })

  it('extends from the keyboard: Shift+↓ twice then Shift+↑ once from row 2 selects rows 2–3', () => {
    let selection = selectOnly(rows(), 2)
    selection = extendSelection(selection, rows(), 2, 3)
    selection = extendSelection(selection, rows(), 3, 4)
    expect(ids(selection)).toEqual([102, 103, 104])
    selection = extendSelection(selection, rows(), 4, 3)
    expect(ids(selection)).toEqual([102, 103])
    expect(selection.anchor).toBe(2)
  })

  it('extends from the highlighted row when the keyboard starts a selection before any click', () => {
    expect(ids(extendSelection(EMPTY_SELECTION, rows(), 5, 7))).toEqual([105, 106, 107])
  })

  it('selects every loaded row with Ctrl/Cmd+A', () => {
    expect(ids(selectAllLoaded(selectOnly(rows(), 1), rows([0, 9])))).toEqual([101, 102, 103, 104, 105, 106, 107, 108])
  })

  it('goes back to the open call alone on Escape, or to nothing when no call is open', () => {
    const many = selectAllLoaded(selectOnly(rows(), 1), rows())
    const collapsed = collapseSelection(many, rows(), 106)
    expect(ids(collapsed)).toEqual([106])
    expect(collapsed.anchor).toBe(6)
    expect(ids(collapseSelection(many, rows(), null))).toEqual([])
  })

  it('lists the selected calls in the list order, whatever order they were picked in', () => {
    let selection = selectOnly(rows(), 7)
    selection = clickSelection(selection, rows(), 2, ctrl)
    selection = clickSelection(selection, rows(), 5, ctrl)
    expect(selectedInListOrder(rows(), selection.ids)).toEqual([102, 105, 107])
  })
})
