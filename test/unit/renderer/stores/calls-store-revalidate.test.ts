/**
 * Stale-while-revalidate in the call list's store: the library's page shows at once,
 * marked as cached and with when it was fetched, while the API is asked; the API's page then
 * replaces it. Main's answers are faked at the renderer's one door (window.callReview.invoke),
 * and the network answer is held back so the order can be seen.
 */
import { describe, expect, it } from 'vitest'
import type { AppErrorInfo, IpcResult } from '@shared/errors'
import type { CallListItem, CallListPage } from '@shared/ipc/contract'
import { callListItem, fakeMainEachTest, settle, showNewQuery } from '@test/fixtures/bridges/calls-store'

const CACHED_AT = '2026-03-01T08:00:00.000Z'
const FETCHED_AT = '2026-03-02T09:30:00.000Z'

function page(source: 'cache' | 'network', ids: number[], total: number, fetchedAt: string): CallListPage {
  return { items: ids.map(callListItem), total, offset: 0, limit: 200, source, fetchedAt, issues: [], requestId: null }
}

/** What main was asked, in order, and the held-back network answer. */
let asked: string[] = []
let answerNetwork: (result: IpcResult<CallListPage>) => void = () => {}

fakeMainEachTest(() => {
  asked = []
  return (channel: string, request: { source: 'cache' | 'network' }): Promise<unknown> => {
    if (channel !== 'calls:list') return Promise.resolve({ ok: true, value: {} })
    asked.push(request.source)
    if (request.source === 'cache') return Promise.resolve({ ok: true, value: page('cache', [3, 2, 1], 3, CACHED_AT) })
    return new Promise((resolve) => (answerNetwork = resolve))
  }
})

const ids = (rows: (CallListItem | null)[]) => rows.map((r) => r?.callId ?? null)

describe('call list: stale-while-revalidate', () => {
  it('shows the cached page at once, saying so and when it was fetched, then swaps in the API’s page', async () => {
    const store = await showNewQuery()
    expect(asked).toEqual(['cache', 'network'])
    let s = store.getState()
    expect(s).toMatchObject({ source: 'cache', fetchedAt: CACHED_AT, total: 3, offline: null })
    expect(ids(s.rows)).toEqual([3, 2, 1])
    expect(s.pages[0]).toMatchObject({ status: 'ready', source: 'cache', revalidating: true })

    answerNetwork({ ok: true, value: page('network', [5, 4, 3, 2], 4, FETCHED_AT) })
    await settle()
    s = store.getState()
    expect(s).toMatchObject({ source: 'network', fetchedAt: FETCHED_AT, total: 4, networkTotal: 4, offline: null })
    expect(ids(s.rows)).toEqual([5, 4, 3, 2])
    expect(s.pages[0]).toMatchObject({ status: 'ready', source: 'network', revalidating: false })
  })

  it('keeps the cached page and says it is offline, with the cached time, when the API cannot be reached', async () => {
    const store = await showNewQuery()
    const error: AppErrorInfo = { kind: 'network', message: 'Could not reach Convirza. Check your connection.' }
    answerNetwork({ ok: false, error })
    await settle()
    const s = store.getState()
    expect(ids(s.rows)).toEqual([3, 2, 1])
    expect(s).toMatchObject({ source: 'cache', fetchedAt: CACHED_AT, offline: { dataFrom: CACHED_AT, error } })
    expect(s.pages[0]).toMatchObject({ status: 'ready', source: 'cache', revalidating: false })
  })
})
