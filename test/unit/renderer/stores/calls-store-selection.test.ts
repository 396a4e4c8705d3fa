/**
 * The call list's selection in its store, with main's answers faked at the renderer's one
 * door (window.callReview.invoke): a Shift range over rows whose pages have not arrived fetches
 * them and takes their calls in; plain navigation goes back to one call.
 */
import { describe, expect, it } from 'vitest'
import type { CallListPage } from '@shared/ipc/contract'
import { callListItem, fakeMainEachTest, settle, showNewQuery } from '@test/fixtures/bridges/calls-store'

const TOTAL = 1000

/** Row i holds call 10,000 + i; the library has nothing, the API everything. */
function answer(request: { query: { offset: number; limit: number }; source: 'cache' | 'network' }): CallListPage {
  const { offset, limit } = request.query
  const count = request.source === 'cache' ? 0 : Math.max(0, Math.min(limit, TOTAL - offset))
  return {
    items: Array.from({ length: count }, (_, i) => callListItem(10_000 + offset + i)),
    total: request.source === 'cache' ? 0 : TOTAL,
    offset,
    limit,
    source: request.source,
    fetchedAt: request.source === 'cache' ? null : '2026-03-01T10:00:00Z',
    issues: [],
    requestId: null
  }
}

let pagesAsked: number[] = []

fakeMainEachTest(() => {
  pagesAsked = []
  return async (channel: string, request: unknown): Promise<unknown> => {
    if (channel !== 'calls:list') return { ok: true, value: {} }
    const r = request as Parameters<typeof answer>[0]
    if (r.source === 'network') pagesAsked.push(r.query.offset / 200)
    return { ok: true, value: answer(r) }
  }
})

async function loadedStore() {
  const store = await showNewQuery()
  expect(store.getState().rows.filter(Boolean)).toHaveLength(200)
  return store
}

describe('call list selection in the store', () => {
  it('fetches the pages a Shift range runs over and selects their calls as they arrive', async () => {
    const store = await loadedStore()
    store.getState().clickRow(5, { toggle: false, range: false })
    store.getState().clickRow(450, { toggle: false, range: true })
    // Rows 200–450 have not arrived: their pages are asked for, and their calls join as they come.
    await settle()
    const selected = store.getState().selectedCallIds()
    expect(selected).toHaveLength(446)
    expect(selected[0]).toBe(10_005)
    expect(selected.at(-1)).toBe(10_450)
    expect(pagesAsked).toContain(1)
    expect(pagesAsked).toContain(2)
  })

  it('opens the Ctrl+clicked call in the review pane while keeping the others selected', async () => {
    const store = await loadedStore()
    store.getState().clickRow(3, { toggle: false, range: false })
    store.getState().clickRow(9, { toggle: true, range: false })
    expect(store.getState().selectedCallId).toBe(10_009)
    expect(store.getState().selectedCallIds()).toEqual([10_003, 10_009])
    // Removing the open call from the selection leaves it open.
    store.getState().clickRow(9, { toggle: true, range: false })
    expect(store.getState().selectedCallId).toBe(10_009)
    expect(store.getState().selectedCallIds()).toEqual([10_003])
  })

  it('opens the highlighted row on J or K while no call is open, then moves from the open one', async () => {
    const store = await loadedStore()
    // No call open (a new query keeps the open call, so it is closed here), nothing highlighted.
    store.setState({ selectedCallId: null, activeIndex: -1 })
    // Tab into the list highlights its first row, and a first J opens that row, not the second.
    store.getState().setActive(0)
    store.getState().selectRelative(1)
    expect(store.getState().selectedCallId).toBe(10_000)
    store.getState().selectRelative(1)
    expect(store.getState().selectedCallId).toBe(10_001)
    // A row highlighted further down: K opens it rather than the one above it.
    store.setState({ selectedCallId: null })
    store.getState().setActive(7)
    store.getState().selectRelative(-1)
    expect(store.getState().selectedCallId).toBe(10_007)
    // No highlight at all: J opens the first row.
    store.setState({ selectedCallId: null, activeIndex: -1 })
    store.getState().selectRelative(1)
    expect(store.getState().selectedCallId).toBe(10_000)
  })

  it('goes back to one call on J, Enter or a plain click, and forgets the selection with the query', async () => {
    const store = await loadedStore()
    store.getState().clickRow(2, { toggle: false, range: false })
    store.getState().extendTo(3)
    store.getState().extendTo(4)
    expect(store.getState().selectedCallIds()).toEqual([10_002, 10_003, 10_004])
    expect(store.getState().selectedCallId).toBe(10_002)
    store.getState().selectRelative(1)
    expect(store.getState().selectedCallIds()).toEqual([10_003])
    store.getState().selectAll()
    expect(store.getState().selectedCallIds()).toHaveLength(200)
    store.getState().clearSelection()
    expect(store.getState().selectedCallIds()).toEqual([10_003])
    store.getState().selectAll()
    store.getState().refresh()
    expect(store.getState().selection.ids.size).toBe(0)
  })
})
