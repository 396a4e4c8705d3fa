/**
 * Stale-while-revalidate in the call list's store (issue 5): the library's page shows at once,
 * marked as cached and with when it was fetched, while the API is asked; the API's page then
 * replaces it. Main's answers are faked at the renderer's one door (window.callReview.invoke),
 * and the network answer is held back so the order can be seen.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CallQuery } from '../../src/shared/convirza/query'
import type { AppErrorInfo, IpcResult } from '../../src/shared/errors'
import type { CallListItem, CallListPage } from '../../src/shared/ipc/contract'
import type { AppliedQuery } from '../../src/renderer/src/stores/filters-store'

const CACHED_AT = '2026-03-01T08:00:00.000Z'
const FETCHED_AT = '2026-03-02T09:30:00.000Z'

function item(callId: number): CallListItem {
  return {
    callId,
    started: '2026-03-01T10:00:00Z',
    durationSeconds: 60,
    callerId: null,
    callerIdentity: null,
    trackingNumber: null,
    campaignName: null,
    groupName: null,
    disposition: 'answered',
    tags: [],
    reviewed: false,
    recordingOffline: false,
    transcriptOffline: false
  }
}

function page(source: 'cache' | 'network', ids: number[], total: number, fetchedAt: string): CallListPage {
  return { items: ids.map(item), total, offset: 0, limit: 200, source, fetchedAt, issues: [], requestId: null }
}

/** What main was asked, in order, and the held-back network answer. */
let asked: string[] = []
let answerNetwork: (result: IpcResult<CallListPage>) => void = () => {}

beforeEach(() => {
  asked = []
  const invoke = (channel: string, request: { source: 'cache' | 'network' }): Promise<unknown> => {
    if (channel !== 'calls:list') return Promise.resolve({ ok: true, value: {} })
    asked.push(request.source)
    if (request.source === 'cache') return Promise.resolve({ ok: true, value: page('cache', [3, 2, 1], 3, CACHED_AT) })
    return new Promise((resolve) => (answerNetwork = resolve))
  }
  Object.assign(globalThis, { window: { callReview: { invoke, on: () => () => undefined } } })
})

afterEach(() => {
  Reflect.deleteProperty(globalThis, 'window')
})

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setTimeout(resolve, 0))
}

async function showList() {
  const { useCallsStore } = await import('../../src/renderer/src/stores/calls-store')
  const applied: AppliedQuery = { key: String(Math.random()), query: { offset: 0, limit: 200 } as unknown as CallQuery, text: '' }
  useCallsStore.getState().show(applied)
  await settle()
  return useCallsStore
}

const ids = (rows: (CallListItem | null)[]) => rows.map((r) => r?.callId ?? null)

describe('call list: stale-while-revalidate', () => {
  it('shows the cached page at once, saying so and when it was fetched, then swaps in the API’s page', async () => {
    const store = await showList()
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
    const store = await showList()
    const error: AppErrorInfo = { kind: 'network', message: 'Could not reach Convirza. Check your connection.' }
    answerNetwork({ ok: false, error })
    await settle()
    const s = store.getState()
    expect(ids(s.rows)).toEqual([3, 2, 1])
    expect(s).toMatchObject({ source: 'cache', fetchedAt: CACHED_AT, offline: { dataFrom: CACHED_AT, error } })
    expect(s.pages[0]).toMatchObject({ status: 'ready', source: 'cache', revalidating: false })
  })
})
