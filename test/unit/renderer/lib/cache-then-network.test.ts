import { describe, expect, it } from 'vitest'
import { cacheThenNetwork } from '@renderer/lib/cache-then-network'

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('cacheThenNetwork', () => {
  it('starts the API request without waiting for the library', async () => {
    const cache = deferred<string>()
    const started: string[] = []
    const events: string[] = []
    const done = cacheThenNetwork<string>({
      cache: () => (started.push('cache'), cache.promise),
      network: () => (started.push('network'), Promise.resolve('fresh')),
      isCurrent: () => true,
      onCache: (v) => events.push(`cache:${v}`),
      onNetwork: (v) => events.push(`network:${v}`),
      onNetworkError: () => events.push('error')
    })
    expect(started).toEqual(['cache', 'network'])
    await Promise.resolve()
    await Promise.resolve()
    cache.resolve('stale')
    await done
    // The library's copy came after the API's, so it is older and is not shown over it.
    expect(events).toEqual(['network:fresh'])
  })

  it('reports an API failure with the library answer once that has arrived', async () => {
    const cache = deferred<string>()
    const events: string[] = []
    const done = cacheThenNetwork<string>({
      cache: () => cache.promise,
      network: () => Promise.reject(new Error('offline')),
      isCurrent: () => true,
      onCache: (v) => events.push(`cache:${v}`),
      onNetwork: (v) => events.push(`network:${v}`),
      onNetworkError: (error, cached) => events.push(`error:${error.message}:${String(cached)}`)
    })
    setTimeout(() => cache.resolve('rows'), 5)
    await done
    expect(events).toEqual(['cache:rows', 'error:offline:rows'])
  })

  it('does not ask the API when the library copy is fresh enough, and reports nothing once the caller moved on', async () => {
    let networkAsked = false
    const events: string[] = []
    await cacheThenNetwork<string>({
      cache: () => Promise.resolve('fresh copy'),
      network: () => ((networkAsked = true), Promise.resolve('x')),
      needsNetwork: () => false,
      isCurrent: () => true,
      onCache: (v) => events.push(v),
      onNetwork: () => events.push('network'),
      onNetworkError: () => events.push('error')
    })
    expect(networkAsked).toBe(false)
    let current = true
    await cacheThenNetwork<string>({
      cache: () => Promise.resolve('late').finally(() => (current = false)),
      network: null,
      isCurrent: () => current,
      onCache: (v) => events.push(v),
      onNetwork: () => events.push('network'),
      onNetworkError: () => events.push('error')
    })
    expect(events).toEqual(['fresh copy'])
  })
})
