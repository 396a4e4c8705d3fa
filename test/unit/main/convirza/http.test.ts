import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AppError } from '@shared/errors'
import { backoffDelayMs, ConvirzaHttp } from '@main/services/convirza/http'
import { parseRetryAfter } from '@main/services/convirza/http-errors'
import { SecretSet } from '@main/services/convirza/redaction'
import { errorBody, quietLog, sendJson, startFakeApi, type FakeApi, type FakeHandler } from '@test/fixtures/convirza-fake-api'

let api: FakeApi | undefined
afterEach(async () => {
  await api?.close()
  api = undefined
})

function http(overrides: Partial<ConstructorParameters<typeof ConvirzaHttp>[0]> = {}): ConvirzaHttp {
  const log = quietLog()
  return new ConvirzaHttp({ fetch, log, secrets: new SecretSet(log), retries: 3, minRetryDelayMs: 5, timeoutMs: 2_000, ...overrides })
}

async function serve(handler: FakeHandler): Promise<FakeApi> {
  api = await startFakeApi(handler)
  return api
}

/** Fails the first `failures` requests with `status`, then answers 200. */
function failThenSucceed(failures: number, status: number, headers: Record<string, string> = {}): FakeHandler {
  let seen = 0
  return (_req, res) => {
    seen++
    if (seen <= failures) sendJson(res, status, errorBody(status, `failure ${seen}`), headers)
    else sendJson(res, 200, { code: 200, ok: true })
  }
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

describe('ConvirzaHttp retry policy', () => {
  for (const status of [502, 503, 504]) {
    it(`retries ${status} and succeeds when the server recovers`, async () => {
      const server = await serve(failThenSucceed(2, status))
      const result = await http().json({ action: 'Loading calls', url: `${server.url}/x` })
      expect(result.body).toEqual({ code: 200, ok: true })
      expect(server.requests).toHaveLength(3)
    })
  }

  it('retries a 429 after waiting the Retry-After seconds', async () => {
    const server = await serve(failThenSucceed(1, 429, { 'retry-after': '1' }))
    const started = performance.now()
    await http().json({ action: 'Loading calls', url: `${server.url}/x` })
    expect(server.requests).toHaveLength(2)
    expect(performance.now() - started).toBeGreaterThanOrEqual(950)
  })

  it('gives up after the configured retries and reports the last failure', async () => {
    const server = await serve(failThenSucceed(99, 503))
    const error = await failure(http({ retries: 2 }).json({ action: 'Loading calls', url: `${server.url}/x` }))
    expect(server.requests).toHaveLength(3)
    expect(error.kind).toBe('server')
    expect(error.status).toBe(503)
    expect(error.requestId).toBe('req-503')
  })

  it('names the host and the gateway in front of it when a 502 outlasts the retries', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>')
    })
    const host = new URL(server.url).host
    const error = await failure(http({ retries: 1 }).json({ action: 'Signing in', url: `${server.url}/oauth/token` }))
    expect(error.status).toBe(502)
    expect(error.message).toContain(`Signing in failed: ${host} is temporarily unavailable (HTTP 502: a gateway or proxy in front of it`)
    expect(error.message).toContain('If it keeps happening and your network uses a proxy, check that the proxy is working.')
  })

  it('says a 504 is a gateway that gave up waiting for the host', async () => {
    const server = await serve(failThenSucceed(9, 504))
    const error = await failure(http({ retries: 0 }).json({ action: 'Loading calls', url: `${server.url}/x` }))
    expect(error.message).toContain(`Loading calls failed: ${new URL(server.url).host} did not answer in time (HTTP 504: a gateway or proxy`)
  })

  const noRetry: [number, string][] = [
    [400, 'bad_request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [410, 'gone'],
    [500, 'server']
  ]
  for (const [status, kind] of noRetry) {
    it(`does not retry ${status} and throws kind ${kind} with the server's message and request_id`, async () => {
      const server = await serve((_req, res) => sendJson(res, status, errorBody(status, `server says ${status}`, 'rid-42')))
      const error = await failure(http().json({ action: 'Loading calls', url: `${server.url}/x` }))
      expect(server.requests).toHaveLength(1)
      expect(error.kind).toBe(kind)
      expect(error.status).toBe(status)
      expect(error.requestId).toBe('rid-42')
      expect(error.message).toContain('Loading calls failed')
      expect(error.message).toContain(`server says ${status}`)
    })
  }

  it('names the org unit in a 403 message', async () => {
    const server = await serve((_req, res) => sendJson(res, 403, errorBody(403, 'Forbidden')))
    const error = await failure(http().json({ action: 'Loading calls', url: `${server.url}/x` }))
    expect(error.message).toMatch(/org unit is outside your account/)
  })

  it('does not wait out a Retry-After longer than the limit: the user gets rate_limited with the seconds', async () => {
    const server = await serve((_req, res) => sendJson(res, 429, errorBody(429, 'slow down'), { 'retry-after': '3600' }))
    const error = await failure(http().json({ action: 'Loading calls', url: `${server.url}/x` }))
    expect(server.requests).toHaveLength(1)
    expect(error.kind).toBe('rate_limited')
    expect(error.retryAfterSeconds).toBe(3600)
    expect(error.message).toContain('Wait 3600 seconds')
  })

  it('sends a request marked retry:false exactly once even on 503', async () => {
    const server = await serve(failThenSucceed(1, 503))
    await failure(http().json({ action: 'Renewing', url: `${server.url}/x`, method: 'POST', json: {}, retry: false }))
    expect(server.requests).toHaveLength(1)
  })

  it('takes the request id from X-Request-Id when the body has none', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(500, { 'x-request-id': 'hdr-1', 'content-type': 'text/html' })
      res.end('<h1>oops</h1>')
    })
    const error = await failure(http().json({ action: 'Loading calls', url: `${server.url}/x` }))
    expect(error.requestId).toBe('hdr-1')
    expect(error.kind).toBe('server')
  })
})

describe('ConvirzaHttp transport failures', () => {
  it('times out a server that never answers, with kind timeout', async () => {
    const server = await serve(() => undefined)
    const error = await failure(http({ timeoutMs: 150 }).json({ action: 'Loading calls', url: `${server.url}/x` }))
    expect(error.kind).toBe('timeout')
    expect(error.message).toMatch(/did not answer within/)
    expect(server.requests).toHaveLength(1)
  })

  it('retries a refused connection and then reports a network error naming the host', async () => {
    const port = await freePort()
    let calls = 0
    const counting: typeof fetch = (input, init) => {
      calls++
      return fetch(input, init)
    }
    const error = await failure(http({ fetch: counting, retries: 2 }).json({ action: 'Loading calls', url: `http://127.0.0.1:${port}/x` }))
    expect(error.kind).toBe('network')
    expect(error.message).toContain(`127.0.0.1:${port}`)
    expect(error.message).toContain('ECONNREFUSED')
    expect(calls).toBe(3)
  })

  it('retries a connection reset and succeeds on the next attempt', async () => {
    let seen = 0
    const server = await serve((req, res) => {
      seen++
      if (seen === 1) res.socket?.destroy()
      else sendJson(res, 200, { ok: true })
    })
    const result = await http().json({ action: 'Loading calls', url: `${server.url}/x` })
    expect(result.body).toEqual({ ok: true })
    expect(server.requests).toHaveLength(2)
  })

  it('reports truncated JSON as invalid_response', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"code":200,"data":{"total":3,"calls":[{"call_id":1')
    })
    const error = await failure(http().json({ action: 'Loading calls', url: `${server.url}/x` }))
    expect(error.kind).toBe('invalid_response')
    expect(error.message).toMatch(/cut off or is not valid JSON/)
  })

  it('quotes a plain-text answer and names who gave it, instead of counting its bytes', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.end('Service Unavailable:\n upstream connect error')
    })
    const error = await failure(http({ retries: 0 }).json({ action: 'Signing in', url: `${server.url}/oauth/token` }))
    expect(error.kind).toBe('invalid_response')
    expect(error.message).toContain(
      `${new URL(server.url).host} answered with a line of text instead of Convirza's data: "Service Unavailable: upstream connect error" (HTTP 200)`
    )
    expect(error.message).toContain('proxy')
    expect(error.message).not.toMatch(/bytes received/)
  })

  it('reports cancellation by the caller as cancelled, not as a network error', async () => {
    const server = await serve(() => undefined)
    const controller = new AbortController()
    const pending = http().json({ action: 'Loading calls', url: `${server.url}/x`, signal: controller.signal })
    setTimeout(() => controller.abort(), 30)
    const error = await failure(pending)
    expect(error.kind).toBe('cancelled')
  })

  it('stops waiting for a retry when the caller cancels', async () => {
    const server = await serve(failThenSucceed(99, 429, { 'retry-after': '30' }))
    const controller = new AbortController()
    const pending = http().json({ action: 'Loading calls', url: `${server.url}/x`, signal: controller.signal })
    setTimeout(() => controller.abort(), 100)
    const error = await failure(pending)
    expect(error.kind).toBe('cancelled')
    expect(server.requests).toHaveLength(1)
  })

  it('keeps streaming a body past the timeout once the headers have arrived', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'audio/wav' })
      res.write('a')
      setTimeout(() => res.end('b'), 1_300)
    })
    // A second for the headers, so a loaded machine still gets them in time; the body takes longer.
    const response = await http({ timeoutMs: 1_000 }).stream({ action: 'Loading the recording', url: `${server.url}/r` })
    expect(await response.text()).toBe('ab')
  })
})

describe('ConvirzaHttp redaction', () => {
  it('never quotes a known secret, a bearer credential or a URL query string from the server', async () => {
    const log = quietLog()
    const secrets = new SecretSet(log)
    secrets.add('sekrit-token-123456')
    const server = await serve((_req, res) =>
      sendJson(res, 400, errorBody(400, 'bad sekrit-token-123456 Bearer abc.def see https://x.test/r/1?secret=s1&expires=9'))
    )
    const error = await failure(new ConvirzaHttp({ fetch, log, secrets }).json({ action: 'Loading calls', url: `${server.url}/x` }))
    expect(error.message).not.toContain('sekrit-token-123456')
    expect(error.message).not.toContain('abc.def')
    expect(error.message).not.toContain('secret=s1')
    expect(error.message).toContain('https://x.test/r/1?[redacted]')
  })
})

describe('backoffDelayMs', () => {
  it('doubles with each retry, from the minimum delay', () => {
    expect([1, 2, 3, 4].map((retry) => backoffDelayMs(retry, 100, () => 0))).toEqual([100, 200, 400, 800])
  })

  it('multiplies each delay by a random 1–2 (jitter)', () => {
    expect([1, 2, 3].map((retry) => backoffDelayMs(retry, 100, () => 0.5))).toEqual([150, 300, 600])
    expect(backoffDelayMs(3, 100, () => 0.999)).toBe(800)
  })

  it('jitters with Math.random by default: the same retry waits differently each time', () => {
    const waits = Array.from({ length: 20 }, () => backoffDelayMs(2, 500, Math.random))
    expect(waits.every((ms) => ms >= 1_000 && ms <= 2_000)).toBe(true)
    expect(new Set(waits).size).toBeGreaterThan(1)
  })

  it('never waits more than 10 seconds', () => {
    expect(backoffDelayMs(10, 500, () => 0.9)).toBe(10_000)
  })
})

describe('ConvirzaHttp backoff', () => {
  it('waits the jittered backoff between attempts, drawing one random number per retry', async () => {
    const server = await serve(failThenSucceed(3, 503))
    const draws = [0.9, 0, 0.5]
    let drawn = 0
    const attemptsAt: number[] = []
    const timed: typeof fetch = (input, init) => {
      attemptsAt.push(performance.now())
      return fetch(input, init)
    }
    // The waits asked for, read at setTimeout (a loaded machine's round trips cannot blur them);
    // the attempts' times prove each wait really passed.
    const asked: number[] = []
    const realSetTimeout = globalThis.setTimeout
    const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((handler: () => void, ms?: number, ...rest: unknown[]) => {
      if (typeof ms === 'number' && ms >= 40 && ms < 1_000) asked.push(ms)
      return realSetTimeout(handler, ms, ...rest)
    }) as typeof setTimeout)
    try {
      await http({ fetch: timed, minRetryDelayMs: 40, random: () => draws[drawn++] ?? 0 }).json({ action: 'Loading calls', url: `${server.url}/x` })
    } finally {
      spy.mockRestore()
    }
    expect(drawn).toBe(3)
    // 40 × 1.9, 80 × 1, 160 × 1.5.
    expect(asked.map(Math.round)).toEqual([76, 80, 240])
    const gaps = attemptsAt.slice(1).map((at, i) => at - (attemptsAt[i] as number))
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual((asked[i] as number) - 1))
  })
})

describe('parseRetryAfter', () => {
  const now = new Date('2026-03-01T12:00:00Z')
  it('reads delay-seconds', () => expect(parseRetryAfter('7', now)).toBe(7))
  it('reads an HTTP-date as seconds from now', () => expect(parseRetryAfter('Sun, 01 Mar 2026 12:00:30 GMT', now)).toBe(30))
  it('treats a date in the past as no wait', () => expect(parseRetryAfter('Sun, 01 Mar 2026 11:00:00 GMT', now)).toBe(0))
  it('ignores an absent or unreadable header', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined()
    expect(parseRetryAfter('soon', now)).toBeUndefined()
  })
})

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
