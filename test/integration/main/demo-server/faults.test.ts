/**
 * Every fault the demo server can inject is observable by a plain HTTP client, and the request
 * counts it keeps are exact (clients' tests assert "exactly one refresh", "no retry on 400").
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startDemoServer, type DemoServer } from '@main/services/demo-server'
import { parseCallsPage } from '@shared/convirza/schemas'

let server: DemoServer
let token: string
let refreshToken: string
const CALLS = '/v3/conversations/calls'

async function get(query = 'limit=20', path = CALLS): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(`${server.apiBaseUrl}${path}?${query}`, { headers: { authorization: `Bearer ${token}` } })
  return { status: res.status, headers: res.headers, text: await res.text() }
}

async function signIn(): Promise<void> {
  const res = await fetch(`${server.oauthBaseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(server.login)
  })
  const body = (await res.json()) as { access_token: string; refresh_token: string }
  token = body.access_token
  refreshToken = body.refresh_token
}

beforeAll(async () => {
  server = await startDemoServer({ calls: 500, seed: 5 })
  await signIn()
})
afterEach(() => {
  server.faults.clear()
  server.faults.resetStats()
})
afterAll(async () => {
  await server?.close()
})

describe('status faults', () => {
  it.each([500, 502, 503, 504])('answers %i for as many requests as asked, then recovers', async (status) => {
    server.faults.inject({ kind: 'status', status, times: 2 })
    const statuses = [(await get()).status, (await get()).status, (await get()).status]
    expect(statuses).toEqual([status, status, 200])
  })

  it('answers 429 with Retry-After in seconds and an envelope', async () => {
    server.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 3 })
    const res = await get()
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('3')
    expect(JSON.parse(res.text)).toMatchObject({ code: 429, message: expect.any(String), request_id: expect.any(String) })
  })

  it('strikes only the path and method it was aimed at', async () => {
    server.faults.inject({ kind: 'status', status: 503, path: '/oauth/refresh-token', method: 'POST' })
    expect((await get()).status).toBe(200)
    const refused = await fetch(`${server.oauthBaseUrl}/oauth/refresh-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: refreshToken })
    })
    expect(refused.status).toBe(503)
    await refused.arrayBuffer()
  })

  it('keeps a fault with times: Infinity until cleared, and reports what is left', async () => {
    const handle = server.faults.inject({ kind: 'status', status: 500, times: Infinity })
    for (let i = 0; i < 3; i++) expect((await get()).status).toBe(500)
    expect(handle.remaining()).toBe(Infinity)
    server.faults.clear()
    expect((await get()).status).toBe(200)
  })

  it('withdraws a fault that is cancelled', async () => {
    const handle = server.faults.inject({ kind: 'status', status: 500, times: 5 })
    expect((await get()).status).toBe(500)
    expect(handle.remaining()).toBe(4)
    handle.cancel()
    expect((await get()).status).toBe(200)
  })

  it('refuses a status that is not HTTP and a times that is not positive', () => {
    expect(() => server.faults.inject({ kind: 'status', status: 42 })).toThrow(RangeError)
    expect(() => server.faults.inject({ kind: 'reset', times: 0 })).toThrow(RangeError)
  })
})

describe('transport and body faults', () => {
  it('resets the connection without an answer', async () => {
    server.faults.inject({ kind: 'reset' })
    await expect(get()).rejects.toThrow()
    expect((await get()).status).toBe(200)
    expect(server.faults.requests().map((r) => [r.status, r.fault])).toEqual([
      [null, 'reset'],
      [200, null]
    ])
  })

  it('adds latency to every request while set', async () => {
    server.faults.setLatency(120)
    let started = performance.now()
    await get()
    expect(performance.now() - started).toBeGreaterThanOrEqual(110)
    server.faults.setLatency(0)
    server.faults.inject({ kind: 'latency', ms: 150 })
    started = performance.now()
    await get()
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
  })

  it('cuts a JSON body off halfway', async () => {
    server.faults.inject({ kind: 'truncated-json' })
    const res = await get()
    expect(res.status).toBe(200)
    expect(() => JSON.parse(res.text)).toThrow()
    const whole = await get()
    expect(whole.text.length).toBeGreaterThan(res.text.length)
    expect(res.text.slice(0, 30)).toBe(whole.text.slice(0, 30))
  })

  it('sends a body that is not JSON', async () => {
    server.faults.inject({ kind: 'malformed-json' })
    const res = await get()
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    expect(() => JSON.parse(res.text)).toThrow()
  })

  it('breaks an OAuth answer too', async () => {
    server.faults.inject({ kind: 'truncated-json', path: '/oauth/token' })
    const res = await fetch(`${server.oauthBaseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(server.login)
    })
    await expect(res.json()).rejects.toThrow()
    server.faults.resetLoginRateLimit()
  })
})

describe('data faults', () => {
  it('keeps a record whose call_started cannot be read, emptied and noted; the rest of the page is valid', async () => {
    server.faults.inject({ kind: 'invalid-record', field: 'call_started' })
    const page = parseCallsPage(JSON.parse((await get('limit=20')).text))
    if ('error' in page) throw page.error
    expect(page.issues).toEqual([])
    expect(page.degraded).toHaveLength(1)
    expect(page.degraded[0]?.path).toBe('call_started')
    expect(page.calls).toHaveLength(20)
    const clean = parseCallsPage(JSON.parse((await get('limit=20')).text))
    expect('error' in clean ? clean.error : [...clean.issues, ...clean.degraded]).toEqual([])
  })

  it('refuses only a record without a usable call_id; the rest of the page is valid', async () => {
    server.faults.inject({ kind: 'invalid-record', field: 'call_id' })
    const page = parseCallsPage(JSON.parse((await get('limit=20')).text))
    if ('error' in page) throw page.error
    expect(page.issues).toHaveLength(1)
    expect(page.issues[0]?.path).toBe('call_id')
    expect(page.calls).toHaveLength(19)
    const clean = parseCallsPage(JSON.parse((await get('limit=20')).text))
    expect('error' in clean ? clean.error : clean.issues).toEqual([])
  })

  it('waits for a page with records before breaking one', async () => {
    server.faults.inject({ kind: 'invalid-record' })
    const empty = JSON.parse((await get('limit=20&offset=100000')).text) as { data: { calls: unknown[] } }
    expect(empty.data.calls).toEqual([])
    const page = parseCallsPage(JSON.parse((await get('limit=20')).text))
    if ('error' in page) throw page.error
    expect(page.issues.length + page.degraded.length).toBe(1)
  })

  it('hands out recording URLs that have already expired, which answer 410', async () => {
    server.faults.inject({ kind: 'expired-urls' })
    const body = JSON.parse((await get('limit=50&include=recordings')).text) as {
      data: { calls: { recording_details?: { url: string; expires_at: number } | null }[] }
    }
    const details = body.data.calls.find((c) => c.recording_details)?.recording_details
    expect(details?.expires_at).toBeLessThan(Date.now() / 1000)
    expect((await fetch(details?.url as string)).status).toBe(410)
    const fresh = JSON.parse((await get('limit=50&include=recordings')).text) as typeof body
    const freshDetails = fresh.data.calls.find((c) => c.recording_details)?.recording_details
    expect(freshDetails?.expires_at).toBeGreaterThan(Date.now() / 1000)
  })

  it('answers a valid recording URL with 410 when told to, once', async () => {
    const body = JSON.parse((await get('limit=50&include=recordings')).text) as { data: { calls: { recording_details?: { url: string } | null }[] } }
    const url = body.data.calls.find((c) => c.recording_details)?.recording_details?.url as string
    server.faults.inject({ kind: 'recording-expired' })
    const gone = await fetch(url, { headers: { range: 'bytes=0-9' } })
    expect(gone.status).toBe(410)
    expect(((await gone.json()) as { message: string }).message).toBe('Recording URL has expired. Please re-fetch the call to get a fresh link.')
    expect((await fetch(url, { headers: { range: 'bytes=0-9' } })).status).toBe(206)
  })
})

describe('request statistics', () => {
  it('counts requests per path and logs each with its status', async () => {
    await get('limit=0')
    await get()
    await get('', '/v3/groups/tree')
    expect(server.faults.requestCount(CALLS)).toBe(2)
    expect(server.faults.requestCount('/v3/groups/tree')).toBe(1)
    expect(server.faults.requestCount('/oauth/refresh-token')).toBe(0)
    expect(server.faults.requestCount()).toBe(3)
    expect(server.faults.requests()).toEqual([
      { method: 'GET', path: CALLS, search: '?limit=0', status: 400, fault: null },
      { method: 'GET', path: CALLS, search: '?limit=20', status: 200, fault: null },
      { method: 'GET', path: '/v3/groups/tree', search: '', status: 200, fault: null }
    ])
    server.faults.resetStats()
    expect(server.faults.requestCount()).toBe(0)
  })

  it('answers 404 for an unknown path and 405 for a wrong method, and counts both', async () => {
    expect((await get('', '/v3/nothing')).status).toBe(404)
    const wrong = await fetch(`${server.apiBaseUrl}${CALLS}`, { method: 'DELETE' })
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('GET')
    expect(server.faults.requestCount()).toBe(2)
  })
})
