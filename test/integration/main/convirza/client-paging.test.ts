import { describe, expect, it } from 'vitest'
import type { DemoServer } from '@main/services/demo-server'
import { demoServerPerFile, signIn } from '@test/fixtures/convirza-demo'

const CALLS = '/v3/conversations/calls'

/**
 * The real fetch, watched: counts calls-list requests in flight from the moment one is sent
 * until its whole body has been read, and keeps the order in which they started and ended.
 */
function watchedFetch(): { fetch: typeof fetch; peak: () => number; events: ('start' | 'end')[] } {
  let inFlight = 0
  let peak = 0
  const events: ('start' | 'end')[] = []
  const watched: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    if (!new URL(url).pathname.startsWith(CALLS)) return fetch(input, init)
    inFlight++
    peak = Math.max(peak, inFlight)
    events.push('start')
    try {
      const response = await fetch(input, init)
      const body = await response.arrayBuffer()
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers })
    } finally {
      inFlight--
      events.push('end')
    }
  }
  return { fetch: watched, peak: () => peak, events }
}

let demo: DemoServer
demoServerPerFile((started) => (demo = started))

describe('listing every page against the demo server', () => {
  it('keeps at most `concurrency` requests in flight, starting that many before the first answer, and delivers what one page at a time does', async () => {
    // A fixed range, so both listings see the same calls.
    const end = new Date()
    const query = { start: new Date(end.getTime() - 7 * 86_400_000).toISOString(), end: end.toISOString(), limit: 20 }
    const reference = await (await signIn(demo)).client.listAllCalls(query, { concurrency: 1 })
    expect(reference.calls.length).toBeGreaterThan(4 * 20)

    const watched = watchedFetch()
    const session = await signIn(demo, { fetch: watched.fetch })
    demo.faults.setLatency(30)
    demo.faults.resetStats()
    const result = await session.client.listAllCalls(query, { concurrency: 4 })

    expect(watched.peak()).toBe(4)
    expect(watched.events.slice(0, 4)).toEqual(['start', 'start', 'start', 'start'])
    expect(result.total).toBe(reference.total)
    expect(result.calls.map((c) => c.call_id)).toEqual(reference.calls.map((c) => c.call_id))
    expect(demo.faults.requestCount(CALLS)).toBe(Math.ceil(reference.total / 20))
  })

  it('makes no more than `concurrency` requests for a result smaller than one page and delivers exactly its calls', async () => {
    const end = new Date()
    const start = new Date(end.getTime() - 86_400_000)
    const query = { start: start.toISOString(), end: end.toISOString(), limit: 200 }
    const single = await (await signIn(demo)).client.listCalls(query)
    expect(single.total).toBeGreaterThan(0)
    expect(single.total).toBeLessThan(200)

    const session = await signIn(demo)
    demo.faults.resetStats()
    const result = await session.client.listAllCalls(query, { concurrency: 4 })
    expect(result.total).toBe(single.total)
    expect(result.calls.map((c) => c.call_id)).toEqual(single.calls.map((c) => c.call_id))
    expect(demo.faults.requestCount(CALLS)).toBeGreaterThanOrEqual(1)
    expect(demo.faults.requestCount(CALLS)).toBeLessThanOrEqual(4)
  })
})
