import { afterEach, describe, expect, it } from 'vitest'
import type { ServerResponse } from 'node:http'
import { AppError } from '@shared/errors'
import { ConvirzaAuth } from '@main/services/convirza/auth'
import { ConvirzaClient } from '@main/services/convirza/client'
import {
  call,
  callsEnvelope,
  errorBody,
  paramsOf,
  pathOf,
  quietLog,
  sendJson,
  startFakeApi,
  type FakeApi,
  type FakeHandler,
  type RecordedRequest
} from '@test/fixtures/convirza-fake-api'

const NOW = new Date('2026-03-01T12:00:00.000Z')
const NOW_SECONDS = NOW.getTime() / 1000

let api: FakeApi | undefined
afterEach(async () => {
  await api?.close()
  api = undefined
})

async function clientFor(handler: FakeHandler, options: { signedIn?: boolean } = {}): Promise<{ client: ConvirzaClient; api: FakeApi }> {
  api = await startFakeApi(handler)
  const auth = new ConvirzaAuth({ oauthBaseUrl: api.url, fetch, log: quietLog(), persist: async () => {} })
  if (options.signedIn !== false) auth.useAccessToken('client-test-token')
  const client = new ConvirzaClient({ apiBaseUrl: api.url, fetch, auth, log: quietLog(), clock: () => NOW, minRetryDelayMs: 5 })
  return { client, api }
}

/** The offsets the client asked for, in ascending order (pages fetched together arrive in any order). */
function offsetsOf(requests: RecordedRequest[]): number[] {
  return requests.map((r) => Number(paramsOf(r).get('offset'))).sort((a, b) => a - b)
}

/** A paged calls endpoint over `total` calls, with per-request delays chosen by the test. */
function pagedCalls(total: number, delayMs: (offset: number) => number = () => 0): FakeHandler {
  return async (req, res) => {
    const params = paramsOf(req)
    const offset = Number(params.get('offset') ?? 0)
    const limit = Number(params.get('limit') ?? 200)
    await new Promise((r) => setTimeout(r, delayMs(offset)))
    const calls = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => call(offset + i + 1))
    sendJson(res, 200, callsEnvelope(calls, total))
  }
}

describe('ConvirzaClient.listAllCalls', () => {
  it('fetches every page of a query from total and returns the calls in order', async () => {
    const { client, api: server } = await clientFor(pagedCalls(45))
    const result = await client.listAllCalls({ limit: 10 })
    expect(result.total).toBe(45)
    expect(result.calls.map((c) => c.call_id)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1))
    expect(offsetsOf(server.requests)).toEqual([0, 10, 20, 30, 40])
  })

  it('starts the first `concurrency` pages together, before the first one answers', async () => {
    const arrivals: { offset: number; at: number }[] = []
    let firstAnswerAt = Infinity
    const inner = pagedCalls(200, () => 60)
    const { client } = await clientFor(async (req, res) => {
      arrivals.push({ offset: Number(paramsOf(req).get('offset')), at: performance.now() })
      res.on('finish', () => (firstAnswerAt = Math.min(firstAnswerAt, performance.now())))
      await inner(req, res)
    })
    await client.listAllCalls({ limit: 10 }, { concurrency: 4 })
    expect(arrivals).toHaveLength(20)
    const early = arrivals.filter((a) => a.at < firstAnswerAt).map((a) => a.offset)
    expect(early.sort((a, b) => a - b)).toEqual([0, 10, 20, 30])
  })

  it('makes no more than `concurrency` requests for a result smaller than one page, and delivers exactly its calls', async () => {
    // Pages past the end answer slowly: the listing must cancel them, not wait for them.
    const { client, api: server } = await clientFor(pagedCalls(7, (offset) => (offset >= 10 ? 3_000 : 20)))
    const pages: [number, number][] = []
    const started = performance.now()
    const result = await client.listAllCalls({ limit: 10 }, { concurrency: 4, onPage: (_page, index, count) => void pages.push([index, count]) })
    expect(performance.now() - started).toBeLessThan(1_500)
    expect(result.total).toBe(7)
    expect(result.calls.map((c) => c.call_id)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(pages).toEqual([[0, 1]])
    expect(server.requests.length).toBeGreaterThanOrEqual(1)
    expect(server.requests.length).toBeLessThanOrEqual(4)
    expect(offsetsOf(server.requests).every((offset) => [0, 10, 20, 30].includes(offset))).toBe(true)
  })

  it('requests no page past the end once the first answer gave the total', async () => {
    const { client, api: server } = await clientFor(pagedCalls(25, () => 10))
    const result = await client.listAllCalls({ limit: 5 }, { concurrency: 2 })
    expect(result.calls).toHaveLength(25)
    // 5 pages; with 2 guessed before the total was known, none of them past the end.
    expect(offsetsOf(server.requests)).toEqual([0, 5, 10, 15, 20])
  })

  it('ignores the failure of a page that turns out to lie past the end', async () => {
    const inner = pagedCalls(15, () => 10)
    const { client } = await clientFor(async (req, res) => {
      if (Number(paramsOf(req).get('offset')) >= 15) return sendJson(res, 400, errorBody(400, 'offset past the end', 'rid-past'))
      await inner(req, res)
    })
    const result = await client.listAllCalls({ limit: 10 }, { concurrency: 4 })
    expect(result.calls.map((c) => c.call_id)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1))
  })

  it('fails with a page that failed before the total was known once that page turns out to belong to the result', async () => {
    const inner = pagedCalls(100, () => 80)
    const { client } = await clientFor(async (req, res) => {
      if (paramsOf(req).get('offset') === '10') return sendJson(res, 400, errorBody(400, 'page 1 refused', 'rid-early'))
      await inner(req, res)
    })
    await expect(client.listAllCalls({ limit: 10 }, { concurrency: 4 })).rejects.toMatchObject({ kind: 'bad_request', requestId: 'rid-early' })
  })

  it('sends a single request for a call_id query, whatever the concurrency', async () => {
    const { client, api: server } = await clientFor((_req, res) => sendJson(res, 200, callsEnvelope([call(77)], 1)))
    const result = await client.listAllCalls({ call_id: 77 }, { concurrency: 4 })
    expect(result.calls.map((c) => c.call_id)).toEqual([77])
    expect(server.requests).toHaveLength(1)
  })

  it('cancels the pages started together when cancelled before the first answer', async () => {
    const { client, api: server } = await clientFor(pagedCalls(1000, () => 2_000))
    const controller = new AbortController()
    let abortedAt = Infinity
    // Cancel once the three pages have reached the server (a fixed delay loses the race on a loaded machine).
    const watch = setInterval(() => {
      if (server.requests.length < 3) return
      clearInterval(watch)
      abortedAt = performance.now()
      controller.abort()
    }, 5)
    await expect(client.listAllCalls({ limit: 10 }, { concurrency: 3, signal: controller.signal })).rejects.toMatchObject({ kind: 'cancelled' })
    clearInterval(watch)
    // Answers take 2 s: cancelling ends the listing long before the first one.
    expect(performance.now() - abortedAt).toBeLessThan(1_000)
    expect(server.requests).toHaveLength(3)
  })

  it('delivers pages in order even when later pages answer first', async () => {
    const { client } = await clientFor(pagedCalls(50, (offset) => (offset === 10 ? 120 : 5)))
    const delivered: number[] = []
    await client.listAllCalls({ limit: 10 }, { concurrency: 4, onPage: (_page, index, count) => void delivered.push(index * 100 + count) })
    expect(delivered).toEqual([5, 105, 205, 305, 405])
  })

  it('keeps fetching ahead while an earlier page answers late', async () => {
    const arrivals: { offset: number; at: number }[] = []
    let slowAnsweredAt = Infinity
    const inner = pagedCalls(100, (offset) => (offset === 10 ? 300 : 10))
    const { client } = await clientFor(async (req, res) => {
      const offset = Number(paramsOf(req).get('offset'))
      arrivals.push({ offset, at: performance.now() })
      if (offset === 10) res.on('finish', () => (slowAnsweredAt = performance.now()))
      await inner(req, res)
    })
    await client.listAllCalls({ limit: 10 }, { concurrency: 2 })
    // While page 1 (offset 10) is out, pages 2–4 are fetched: up to 2 × concurrency ahead of delivery.
    expect(arrivals.filter((a) => a.offset > 10 && a.at < slowAnsweredAt).map((a) => a.offset)).toEqual([20, 30, 40])
  })

  it('never has more requests in flight than the concurrency', async () => {
    let inFlight = 0
    let peak = 0
    const inner = pagedCalls(200, () => 20)
    const { client } = await clientFor(async (req, res) => {
      peak = Math.max(peak, ++inFlight)
      // 'close', not 'finish': a cancelled page ends without a response.
      res.on('close', () => inFlight--)
      await inner(req, res)
    })
    await client.listAllCalls({ limit: 10 }, { concurrency: 3 })
    expect(peak).toBe(3)
  })

  it('stops at once when cancelled, with kind cancelled, leaving the remaining pages unrequested', async () => {
    const { client, api: server } = await clientFor(pagedCalls(1000, () => 30))
    const controller = new AbortController()
    const pending = client.listAllCalls(
      { limit: 10 },
      {
        concurrency: 2,
        signal: controller.signal,
        onPage: (_p, index) => {
          if (index === 2) controller.abort()
        }
      }
    )
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' })
    await new Promise((r) => setTimeout(r, 100))
    expect(server.requests.length).toBeLessThan(10)
  })

  it("fails with the failing page's error and stops requesting further pages", async () => {
    const inner = pagedCalls(1000, () => 10)
    const { client, api: server } = await clientFor(async (req, res) => {
      if (paramsOf(req).get('offset') === '30') return sendJson(res, 400, errorBody(400, 'offset too large', 'rid-page'))
      await inner(req, res)
    })
    await expect(client.listAllCalls({ limit: 10 }, { concurrency: 2 })).rejects.toMatchObject({ kind: 'bad_request', requestId: 'rid-page' })
    await new Promise((r) => setTimeout(r, 50))
    expect(server.requests.length).toBeLessThan(8)
  })

  it('collects refused records from every page while keeping the good ones', async () => {
    const { client } = await clientFor((req, res) => {
      const offset = Number(paramsOf(req).get('offset'))
      const calls = offset === 0 ? [call(1), call(2, { call_started: 'not a date' })] : [call(3), { call_id: 'x4' }]
      sendJson(res, 200, callsEnvelope(calls, 4))
    })
    const result = await client.listAllCalls({ limit: 2 })
    expect(result.calls.map((c) => c.call_id)).toEqual([1, 3])
    expect(result.issues).toEqual([
      { callId: 2, index: 1, path: 'call_started', message: expect.any(String) },
      { callId: 'x4', index: 1, path: 'call_id', message: expect.any(String) }
    ])
  })

  it('reports calls with a null or missing call_started by id and path, and delivers the rest of their page', async () => {
    const { client } = await clientFor((_req, res) => {
      const missing = call(3)
      delete missing.call_started
      sendJson(res, 200, callsEnvelope([call(1), call(2, { call_started: null }), missing, call(4)], 4))
    })
    const result = await client.listAllCalls({ limit: 10 }, { concurrency: 1 })
    expect(result.calls.map((c) => c.call_id)).toEqual([1, 4])
    expect(result.issues).toEqual([
      { callId: 2, index: 1, path: 'call_started', message: expect.any(String) },
      { callId: 3, index: 2, path: 'call_started', message: expect.any(String) }
    ])
  })

  it('counts pages from the query offset', async () => {
    const { client, api: server } = await clientFor(pagedCalls(25))
    const result = await client.listAllCalls({ limit: 10, offset: 5 }, { concurrency: 1 })
    expect(result.calls.map((c) => c.call_id)[0]).toBe(6)
    expect(result.calls).toHaveLength(20)
    expect(offsetsOf(server.requests)).toEqual([5, 15])
  })
})

describe('ConvirzaClient.listCalls and getCall', () => {
  it('refuses to send anything when signed out', async () => {
    const { client, api: server } = await clientFor(pagedCalls(1), { signedIn: false })
    await expect(client.listCalls({})).rejects.toMatchObject({ kind: 'not_signed_in' })
    expect(server.requests).toHaveLength(0)
  })

  it('sends the bearer token to /v3/conversations/calls and returns the validated query', async () => {
    const { client, api: server } = await clientFor(pagedCalls(3))
    const page = await client.listCalls({ limit: 2 })
    expect(pathOf(server.requests[0]!)).toBe('/v3/conversations/calls')
    expect(server.requests[0]?.headers.authorization).toBe('Bearer client-test-token')
    expect(page).toMatchObject({ total: 3, requestId: 'req-page', query: { limit: 2, offset: 0 } })
  })

  it('reports a body that is not a calls list as invalid_response naming the field', async () => {
    const { client } = await clientFor((_req, res) => sendJson(res, 200, { code: 200, data: { total: -1, calls: [] }, request_id: 'rid-bad' }))
    const error = (await client.listCalls({}).catch((e: unknown) => e)) as AppError
    expect(error).toMatchObject({ kind: 'invalid_response', requestId: 'rid-bad' })
    expect(error.message).toContain('data.total')
  })

  it('gets one call with call_id and include, or null when there is none', async () => {
    const { client, api: server } = await clientFor((req, res) => {
      const id = Number(paramsOf(req).get('call_id'))
      sendJson(res, 200, callsEnvelope(id === 7 ? [call(7)] : []))
    })
    expect(await client.getCall(7, ['recordings', 'tags'])).toMatchObject({ call_id: 7 })
    expect(paramsOf(server.requests[0]!).get('include')).toBe('recordings,tags')
    expect(await client.getCall(8)).toBeNull()
  })
})

describe('ConvirzaClient.groupsTree', () => {
  const node = (id: number, children?: unknown[]): unknown => ({ org_unit_id: id, text: `OU ${id}`, code: '1', group_level: 1, children })
  const shapes: [string, unknown][] = [
    ['an array in data', { data: [node(1, [node(2)])] }],
    ['data.tree', { data: { tree: [node(1, [node(2)])] } }],
    ['a single root node in data', { data: node(1, [node(2)]) }]
  ]
  for (const [label, body] of shapes) {
    it(`reads the tree from ${label}`, async () => {
      const { client, api: server } = await clientFor((_req, res) => sendJson(res, 200, body))
      const tree = await client.groupsTree()
      expect(pathOf(server.requests[0]!)).toBe('/v3/groups/tree')
      expect(tree).toMatchObject([{ org_unit_id: 1, children: [{ org_unit_id: 2 }] }])
    })
  }

  it('reports an answer with no tree as invalid_response', async () => {
    const { client } = await clientFor((_req, res) => sendJson(res, 200, { data: { nothing: true } }))
    await expect(client.groupsTree()).rejects.toMatchObject({ kind: 'invalid_response' })
  })
})

describe('ConvirzaClient recordings', () => {
  /** Serves call 9's recording at /rec/<n>?sig=…; URLs listed in `expired` answer 410. */
  function recordingServer(expired: Set<string>): FakeHandler {
    let issued = 0
    return (req: RecordedRequest, res: ServerResponse) => {
      if (pathOf(req) === '/v3/conversations/calls') {
        issued++
        const url = `${api?.url}/rec/${issued}?sig=s${issued}&expires=9`
        return sendJson(res, 200, callsEnvelope([call(9, { recording_details: { url, expires_at: NOW_SECONDS + 7 * 86_400 } })]))
      }
      if (expired.has(pathOf(req)))
        return sendJson(res, 410, errorBody(410, 'Recording URL has expired. Please re-fetch the call to get a fresh link.'))
      res.writeHead(req.headers.range ? 206 : 200, { 'content-type': 'audio/wav' })
      res.end(`audio from ${pathOf(req)}`)
    }
  }

  it('uses a recording URL that has not expired as is', async () => {
    const { client, api: server } = await clientFor(recordingServer(new Set()))
    const url = `${server.url}/rec/0?sig=a`
    expect(await client.recordingUrl({ call_id: 9, recording_details: { url, expires_at: NOW_SECONDS + 3600 } })).toBe(url)
    expect(server.requests).toHaveLength(0)
  })

  it('re-fetches the call with call_id and include=recordings when expires_at has passed or is within the safety margin', async () => {
    const { client, api: server } = await clientFor(recordingServer(new Set()))
    for (const expiresAt of [NOW_SECONDS - 1, NOW_SECONDS + 30]) {
      const url = await client.recordingUrl({ call_id: 9, recording_details: { url: `${server.url}/old`, expires_at: expiresAt } })
      expect(url).toMatch(/\/rec\/\d\?sig=/)
    }
    expect(server.requests.map((r) => [paramsOf(r).get('call_id'), paramsOf(r).get('include')])).toEqual([
      ['9', 'recordings'],
      ['9', 'recordings']
    ])
  })

  it('on 410 re-fetches the call for a fresh URL and retries exactly once, passing the Range header', async () => {
    const { client, api: server } = await clientFor(recordingServer(new Set(['/rec/0'])))
    const response = await client.openRecording(
      { call_id: 9, recording_details: { url: `${server.url}/rec/0?sig=old`, expires_at: NOW_SECONDS + 3600 } },
      { range: 'bytes=0-9' }
    )
    expect(response.status).toBe(206)
    expect(await response.text()).toBe('audio from /rec/1')
    expect(server.requests.map((r) => pathOf(r))).toEqual(['/rec/0', '/v3/conversations/calls', '/rec/1'])
    expect(server.requests[2]?.headers.range).toBe('bytes=0-9')
    expect(server.requests[2]?.headers.authorization).toBeUndefined()
  })

  it('gives up with kind gone when the fresh URL is refused too', async () => {
    const { client, api: server } = await clientFor(recordingServer(new Set(['/rec/0', '/rec/1'])))
    const error = (await client
      .openRecording({ call_id: 9, recording_details: { url: `${server.url}/rec/0?sig=old` } })
      .catch((e: unknown) => e)) as AppError
    expect(error.kind).toBe('gone')
    expect(error.message).not.toContain('sig=')
    expect(server.requests).toHaveLength(3)
  })

  it('says so when the call has no recording', async () => {
    const { client } = await clientFor((_req, res) => sendJson(res, 200, callsEnvelope([call(9)])))
    await expect(client.recordingUrl({ call_id: 9, recording_details: null })).rejects.toMatchObject({ kind: 'not_found' })
  })
})
