import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { AppError } from '@shared/errors'
import type { DemoServer } from '@main/services/demo-server'
import { rejection, signIn, startDemo, type SignedIn } from '@test/fixtures/convirza-demo'

const CALLS = '/v3/conversations/calls'

let demo: DemoServer
let session: SignedIn
beforeAll(async () => {
  demo = await startDemo()
})
afterAll(() => demo.close())
beforeEach(async () => {
  demo.faults.clear()
  session = await signIn(demo)
  demo.faults.resetStats()
})

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await rejection(promise)
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

describe('the client against the demo server: faults', () => {
  it('waits out a 429 with Retry-After and then succeeds', async () => {
    demo.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 1, path: CALLS })
    const started = performance.now()
    const page = await session.client.listCalls({ limit: 5 })
    expect(page.calls).toHaveLength(5)
    expect(performance.now() - started).toBeGreaterThanOrEqual(950)
    expect(demo.faults.requests().map((r) => r.status)).toEqual([429, 200])
  })

  it('reports a 429 that outlasts the retries as rate_limited with the seconds to wait and the request id', async () => {
    const client = (await signIn(demo, { retries: 1 })).client
    demo.faults.resetStats()
    demo.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 1, path: CALLS, times: 2, message: 'Slow down please' })
    const error = await failure(client.listCalls({ limit: 5 }))
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterSeconds: 1 })
    expect(error.message).toContain('Slow down please')
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(demo.faults.requestCount(CALLS)).toBe(2)
  })

  for (const status of [502, 503, 504]) {
    it(`retries ${status} twice and succeeds on the third attempt`, async () => {
      demo.faults.inject({ kind: 'status', status, times: 2, path: CALLS })
      await expect(session.client.listCalls({ limit: 5 })).resolves.toMatchObject({ calls: expect.any(Array) })
      expect(demo.faults.requests().map((r) => r.status)).toEqual([status, status, 200])
    })
  }

  it('backs off exponentially between retries of a 503, each wait jittered', async () => {
    const attemptsAt: number[] = []
    const timed: typeof fetch = (input, init) => {
      attemptsAt.push(performance.now())
      return fetch(input, init)
    }
    // The waits the client asks for, read where it asks (setTimeout), so a loaded machine's slow
    // round trips cannot blur them; the attempts' times prove each wait really passed.
    const asked: number[] = []
    const realSetTimeout = globalThis.setTimeout
    const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((handler: () => void, ms?: number, ...rest: unknown[]) => {
      if (typeof ms === 'number' && ms >= 40 && ms < 1_000) asked.push(ms)
      return realSetTimeout(handler, ms, ...rest)
    }) as typeof setTimeout)
    /** The waits between the attempts of one listing that meets three 503s. */
    const wait = async (random: () => number): Promise<{ asked: number[]; gaps: number[] }> => {
      attemptsAt.length = 0
      asked.length = 0
      const { client } = await signIn(demo, { fetch: timed, retries: 3, minRetryDelayMs: 40, random })
      demo.faults.inject({ kind: 'status', status: 503, times: 3, path: CALLS })
      await client.listCalls({ limit: 5 })
      expect(attemptsAt).toHaveLength(4)
      return { asked: [...asked], gaps: attemptsAt.slice(1).map((at, i) => at - (attemptsAt[i] as number)) }
    }
    try {
      // No jitter: 40, 80, 160 ms, each twice the one before.
      const plain = await wait(() => 0)
      expect(plain.asked).toEqual([40, 80, 160])
      plain.gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual((plain.asked[i] as number) - 1))
      // Jitter multiplies each wait by 1 + random: 40 × 1.9, 80 × 1, 160 × 1.5.
      const draws = [0.9, 0, 0.5]
      const jittered = await wait(() => draws.shift() ?? 0)
      expect(jittered.asked.map(Math.round)).toEqual([76, 80, 240])
      jittered.gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual((jittered.asked[i] as number) - 1))
    } finally {
      spy.mockRestore()
    }
  })

  it('does not retry a 500 and reports kind server with the server message and request id', async () => {
    demo.faults.inject({ kind: 'status', status: 500, path: CALLS, message: 'database on fire' })
    const error = await failure(session.client.listCalls({ limit: 5 }))
    expect(error).toMatchObject({ kind: 'server', status: 500 })
    expect(error.message).toContain('database on fire')
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(demo.faults.requestCount(CALLS)).toBe(1)
  })

  const notRetried: [number, string][] = [
    [400, 'bad_request'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [410, 'gone']
  ]
  for (const [status, kind] of notRetried) {
    it(`does not retry ${status}: one request, kind ${kind}, the server's message`, async () => {
      demo.faults.inject({ kind: 'status', status, path: CALLS, message: `refused with ${status}` })
      const error = await failure(session.client.listCalls({ limit: 5 }))
      expect(error).toMatchObject({ kind, status })
      expect(error.message).toContain(`refused with ${status}`)
      expect(demo.faults.requestCount(CALLS)).toBe(1)
    })
  }

  it('retries a connection reset and succeeds', async () => {
    demo.faults.inject({ kind: 'reset', path: CALLS })
    await expect(session.client.listCalls({ limit: 5 })).resolves.toMatchObject({ calls: expect.any(Array) })
    expect(demo.faults.requests().map((r) => r.status)).toEqual([null, 200])
  })

  it('reports a network error once every retry was reset', async () => {
    demo.faults.inject({ kind: 'reset', path: CALLS, times: Infinity })
    const error = await failure(session.client.listCalls({ limit: 5 }))
    expect(error.kind).toBe('network')
    expect(error.message).toMatch(/could not reach 127\.0\.0\.1:\d+/)
    expect(demo.faults.requestCount(CALLS)).toBe(4)
  })

  it('reports truncated JSON as invalid_response without retrying', async () => {
    demo.faults.inject({ kind: 'truncated-json', path: CALLS })
    const error = await failure(session.client.listCalls({ limit: 50 }))
    expect(error.kind).toBe('invalid_response')
    expect(error.message).toMatch(/cut off or is not valid JSON/)
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(demo.faults.requestCount(CALLS)).toBe(1)
  })

  it('reports malformed JSON as invalid_response', async () => {
    demo.faults.inject({ kind: 'malformed-json', path: CALLS })
    await expect(session.client.listCalls({ limit: 5 })).rejects.toMatchObject({ kind: 'invalid_response' })
  })

  it('keeps a record whose call_started cannot be read, with its creation time and a note, and counts it as degraded', async () => {
    demo.faults.inject({ kind: 'invalid-record', field: 'call_started' })
    const page = await session.client.listCalls({ limit: 20 })
    expect(page.calls).toHaveLength(20)
    expect(page.issues).toEqual([])
    expect(page.degraded).toEqual([{ callId: expect.any(Number), index: expect.any(Number), path: 'call_started', message: expect.any(String) }])
    const kept = page.calls.find((c) => c.call_id === page.degraded[0]?.callId)
    expect(kept?.call_started).toBe(kept?.call_detail?.call_created ? new Date(kept.call_detail.call_created).toISOString() : undefined)
    expect(kept?.client_notes?.[0]?.message).toMatch(/when the call was created/)
  })

  it('reports a record whose call_id is broken without an id, by its index', async () => {
    demo.faults.inject({ kind: 'invalid-record', field: 'call_id' })
    const page = await session.client.listCalls({ limit: 20 })
    expect(page.calls).toHaveLength(19)
    expect(page.issues).toEqual([{ callId: null, index: expect.any(Number), path: 'call_id', message: expect.any(String) }])
  })

  it('keeps paging through an invalid record and a 503 in the middle of a listing', async () => {
    const reference = await session.client.listAllCalls({ limit: 50 })
    demo.faults.inject({ kind: 'status', status: 503, path: CALLS, times: 1 })
    demo.faults.inject({ kind: 'invalid-record', field: 'call_id' })
    const result = await session.client.listAllCalls({ limit: 50 }, { concurrency: 4 })
    expect(result.total).toBe(reference.total)
    expect(result.issues).toHaveLength(1)
    expect(result.calls).toHaveLength(reference.calls.length - 1)
  })

  it('times out a server that answers too slowly, with kind timeout', async () => {
    const slow = await signIn(demo, { timeoutMs: 150 })
    demo.faults.inject({ kind: 'latency', ms: 600, path: CALLS })
    const error = await failure(slow.client.listCalls({ limit: 5 }))
    expect(error.kind).toBe('timeout')
  })

  it('cancels a listing with an AbortSignal', async () => {
    demo.faults.setLatency(40)
    const controller = new AbortController()
    const pending = session.client.listAllCalls({ limit: 20 }, { concurrency: 2, signal: controller.signal })
    setTimeout(() => controller.abort(), 120)
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' })
    // A request sent just before the abort can still reach the server a moment later; let those
    // land, then no new request may start.
    await new Promise((r) => setTimeout(r, 150))
    const sent = demo.faults.requestCount(CALLS)
    await new Promise((r) => setTimeout(r, 200))
    expect(demo.faults.requestCount(CALLS)).toBe(sent)
  })
})
