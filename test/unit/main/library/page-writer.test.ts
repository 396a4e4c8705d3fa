/**
 * PageWriter: a sync's fetched pages are stored in batches, by size or after a short wait, and a
 * store that fails is never lost on a timer. Real timers: the waits are tens of milliseconds.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { CallRecordSchema } from '@shared/convirza/schemas'
import { PageWriter } from '@main/services/library/page-writer'
import type { NumberedPage, StoredPage } from '@main/services/library/sync-state'

function page(index: number, size: number): StoredPage {
  return {
    total: 10_000,
    calls: Array.from({ length: size }, (_, i) => CallRecordSchema.parse({ call_id: index * size + i + 1, call_started: '2026-03-20T00:00:00.000Z' }))
  }
}

function recorder() {
  const batches: number[][] = []
  const store = (pages: readonly NumberedPage[]) => {
    batches.push(pages.map((p) => p.index))
  }
  return { batches, store }
}

describe('PageWriter', () => {
  it('stores a batch at once when it holds maxCalls calls, not before', async () => {
    const { batches, store } = recorder()
    const writer = new PageWriter(store, { maxCalls: 600, maxWaitMs: 60_000 })
    await writer.add(1, page(1, 200))
    await writer.add(2, page(2, 200))
    expect(batches).toEqual([])
    await writer.add(3, page(3, 200))
    expect(batches).toEqual([[1, 2, 3]])
    await writer.add(4, page(4, 200))
    await writer.close()
    expect(batches).toEqual([[1, 2, 3], [4]])
  })

  it('stores a batch maxWaitMs after its first page arrived, so a slow network still shows progress', async () => {
    const { batches, store } = recorder()
    const writer = new PageWriter(store, { maxCalls: 1000, maxWaitMs: 30 })
    await writer.add(1, page(1, 200))
    await sleep(10)
    await writer.add(2, page(2, 200))
    expect(batches).toEqual([])
    await sleep(60)
    expect(batches).toEqual([[1, 2]])
    await writer.add(3, page(3, 200))
    await sleep(60)
    expect(batches).toEqual([[1, 2], [3]])
    await writer.close()
    expect(batches).toEqual([[1, 2], [3]])
  })

  it('stores what is waiting on close, and nothing later', async () => {
    const { batches, store } = recorder()
    const writer = new PageWriter(store, { maxCalls: 1000, maxWaitMs: 20 })
    await writer.add(7, page(7, 100))
    await writer.close()
    expect(batches).toEqual([[7]])
    await sleep(50)
    expect(batches).toEqual([[7]])
  })

  it('keeps a failure of a store run by its timer and throws it from the next add and from close', async () => {
    const diskFull = new Error('database or disk is full')
    let stores = 0
    const writer = new PageWriter(
      () => {
        stores += 1
        throw diskFull
      },
      { maxCalls: 1000, maxWaitMs: 10 }
    )
    await writer.add(1, page(1, 200))
    await sleep(40)
    expect(stores).toBe(1)
    expect(() => writer.add(2, page(2, 200))).toThrow(diskFull)
    expect(() => writer.close()).toThrow(diskFull)
    expect(stores).toBe(1)
  })

  it('throws a failure of a store run by add or close to its caller', async () => {
    const writer = new PageWriter(
      () => {
        throw new Error('database or disk is full')
      },
      { maxCalls: 200, maxWaitMs: 60_000 }
    )
    expect(() => writer.add(1, page(1, 200))).toThrow('database or disk is full')
    const idle = new PageWriter(() => {
      throw new Error('disk I/O error')
    })
    await idle.add(1, page(1, 10))
    expect(() => idle.close()).toThrow('disk I/O error')
  })
})
