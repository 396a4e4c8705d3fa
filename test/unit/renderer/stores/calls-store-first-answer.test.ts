/**
 * The first screen waits for the list's first answer (main.tsx, lib/first-list.ts): the library's
 * usually, but when the API's page comes first the library's is dropped, and that answer must
 * count too, or the first render (and the loads put off until the list answered) wait out their
 * limits with the rows already there.
 */
import { describe, expect, it } from 'vitest'
import type { CallListPage } from '@shared/ipc/contract'
import { callListItem, fakeMainEachTest, settle, showNewQuery } from '@test/fixtures/bridges/calls-store'

fakeMainEachTest(() => (channel: string, request: { source: 'cache' | 'network' }): Promise<unknown> => {
  if (channel !== 'calls:list') return Promise.resolve({ ok: true, value: {} })
  // The library never answers here; the API does at once.
  if (request.source === 'cache') return new Promise(() => {})
  const page: CallListPage = {
    items: [callListItem(7)],
    total: 1,
    offset: 0,
    limit: 200,
    source: 'network',
    fetchedAt: null,
    issues: [],
    requestId: null
  }
  return Promise.resolve({ ok: true, value: page })
})

describe('call list: the first answer', () => {
  it('counts the API’s page as the list’s first answer when it comes before the library’s', async () => {
    const { firstListWithin } = await import('@renderer/lib/first-list')
    const store = await showNewQuery()
    expect(store.getState().rows.map((r) => r?.callId)).toEqual([7])
    let released = false
    void firstListWithin(60_000).then(() => (released = true))
    await settle()
    expect(released).toBe(true)
  })
})
