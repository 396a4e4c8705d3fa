/**
 * The call list's pages against an account whose offsets shift between page requests: a call
 * logged late pushes every later call one row down. The list never shows a call twice, and
 * re-asks for the pages the shift made stale, so no call is skipped either.
 */
import { describe, expect, it } from 'vitest'
import type { CallListItem, CallListPage } from '@shared/ipc/contract'
import { callListItem, fakeMainEachTest, settle, showNewQuery } from '@test/fixtures/bridges/calls-store'

/** The server's calls, newest first; tests change it between requests. */
let server: number[] = []
let asked: number[] = []

fakeMainEachTest(() => {
  server = Array.from({ length: 400 }, (_, i) => 400 - i)
  asked = []
  return (channel: string, request: { source: 'cache' | 'network'; query: { offset: number; limit: number } }): Promise<unknown> => {
    if (channel !== 'calls:list') return Promise.resolve({ ok: true, value: {} })
    const { offset, limit } = request.query
    if (request.source === 'cache')
      return Promise.resolve({
        ok: true,
        value: { items: [], total: 0, offset, limit, source: 'cache', fetchedAt: null, issues: [], requestId: null }
      })
    asked.push(offset)
    const value: CallListPage = {
      items: server.slice(offset, offset + limit).map(callListItem),
      total: server.length,
      offset,
      limit,
      source: 'network',
      fetchedAt: '2026-03-02T09:30:00.000Z',
      issues: [],
      requestId: null
    }
    return Promise.resolve({ ok: true, value })
  }
})

const shown = (rows: (CallListItem | null)[]): number[] => rows.filter((r): r is CallListItem => r !== null).map((r) => r.callId)

describe('call list pages that shift under it', () => {
  it('never shows a call twice and re-reads the stale page, so the late call is not skipped', async () => {
    const store = await showNewQuery()
    expect(shown(store.getState().rows)).toHaveLength(200)
    // A call is logged late at the top: page 1 now starts with the call page 0 ended on.
    server.unshift(1000)
    store.getState().ensureRows(200, 399)
    await settle()
    let ids = shown(store.getState().rows)
    expect(new Set(ids).size).toBe(ids.length)
    expect(store.getState().total).toBe(401)
    // Page 0 was made stale by the shift; scrolling back to it reads it again.
    expect(store.getState().pages[0]).toBeUndefined()
    store.getState().ensureRows(0, 199)
    await settle()
    ids = shown(store.getState().rows)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.slice(0, 399)).toEqual(server.slice(0, 399))
    expect(asked).toEqual([0, 200, 0])
  })
})
