/**
 * A new order of the same calls keeps the list's length: every row a placeholder until its page
 * comes, so the grid is not laid out again for 100,000 rows (renderer.bench: sort and view
 * switch). Another range or filter starts over with no total (the skeleton). Main's answers are
 * faked at the renderer's one door (window.callReview.invoke) and held back, so the state between
 * the click and the answer can be seen.
 */
import { describe, expect, it } from 'vitest'
import type { IpcResult } from '@shared/errors'
import type { CallListPage } from '@shared/ipc/contract'
import type { CallQuery } from '@shared/convirza/query'
import type { AppliedQuery } from '@renderer/lib/call-query'
import { callListItem, fakeMainEachTest, settle } from '@test/fixtures/bridges/calls-store'

const TOTAL = 1_000

function page(ids: number[], total: number): CallListPage {
  return { items: ids.map(callListItem), total, offset: 0, limit: 200, source: 'cache', fetchedAt: null, issues: [], requestId: null }
}

let answer: (result: IpcResult<CallListPage>) => void = () => {}

fakeMainEachTest(() => (channel: string): Promise<unknown> => {
  if (channel !== 'calls:list') return Promise.resolve({ ok: true, value: {} })
  return new Promise((resolve) => (answer = resolve))
})

const base = `range:${String(Math.random())}`
const query = { start: '2026-03-01T00:00:00Z', end: '2026-03-02T00:00:00Z' } as unknown as CallQuery
const byDuration = (direction: 'asc' | 'desc'): AppliedQuery => ({
  key: `${base}|sort:duration:${direction}`,
  query,
  text: '',
  sort: { column: 'duration', direction }
})

async function shownSortedByDuration() {
  const { useCallsStore } = await import('@renderer/stores/calls-store')
  useCallsStore.getState().reset()
  useCallsStore.getState().show(byDuration('desc'))
  answer({ ok: true, value: page([1, 2, 3], TOTAL) })
  await settle()
  expect(useCallsStore.getState()).toMatchObject({ total: TOTAL })
  return useCallsStore
}

describe('call list: a new order of the same calls', () => {
  it('keeps the total and the row count, every row a placeholder, until the new first page comes', async () => {
    const store = await shownSortedByDuration()
    store.getState().show(byDuration('asc'))
    let s = store.getState()
    expect(s.total).toBe(TOTAL)
    expect(s.rows).toHaveLength(TOTAL)
    expect(s.rows.every((row) => row === null)).toBe(true)
    expect(s.pages[0]).toMatchObject({ status: 'loading' })

    answer({ ok: true, value: page([3, 2, 1], TOTAL) })
    await settle()
    s = store.getState()
    expect(s.rows.slice(0, 4).map((row) => row?.callId ?? null)).toEqual([3, 2, 1, null])
    expect(s.rows).toHaveLength(TOTAL)
  })

  it('starts over with no total for another range or filter', async () => {
    const store = await shownSortedByDuration()
    store.getState().show({ ...byDuration('desc'), key: `${base}:voicemail|sort:duration:desc` })
    const s = store.getState()
    expect(s.total).toBeNull()
    expect(s.rows).toHaveLength(0)
  })

  it('starts over for a refresh of the same query, so the rows in view are asked again', async () => {
    const store = await shownSortedByDuration()
    store.getState().refresh()
    const s = store.getState()
    expect(s.total).toBeNull()
    expect(s.rows).toHaveLength(0)
  })

  it('takes the new answer’s total when it differs (the library holds another count than the API)', async () => {
    const store = await shownSortedByDuration()
    store.getState().show({ key: base, query, text: '' })
    answer({ ok: true, value: page([9, 8], 2) })
    await settle()
    const s = store.getState()
    expect(s.total).toBe(2)
    expect(s.rows.map((row) => row?.callId)).toEqual([9, 8])
  })
})
