import { afterEach, describe, expect, it, vi } from 'vitest'
import { AppError } from '@shared/errors'
import { ConvirzaAuth, type ConvirzaAuthOptions, type TokenPair } from '@main/services/convirza/auth'
import { ConvirzaClient } from '@main/services/convirza/client'
import {
  call,
  callsEnvelope,
  errorBody,
  pathOf,
  quietLog,
  sendJson,
  startFakeApi,
  tokenResponse,
  type FakeApi
} from '@test/fixtures/convirza-fake-api'

let api: FakeApi | undefined
afterEach(async () => {
  await api?.close()
  api = undefined
})

const initial: TokenPair = {
  accessToken: 'old-access-token-000000',
  refreshToken: 'old-refresh-token-000000',
  accessExpiresAt: '2026-03-01T00:00:00.000Z',
  refreshExpiresAt: '2026-08-01T00:00:00.000Z'
}

/**
 * A server that issues single-use refresh tokens like the real one: a refresh token works once,
 * and only the newest access token is accepted on the data API.
 */
async function rotatingServer(options: { refreshDelayMs?: number; late401Ms?: number; events?: string[] } = {}): Promise<{
  api: FakeApi
  refreshRequests: () => number
}> {
  // The data API starts by refusing the initial token, as if it had expired.
  let validAccess = 'not-issued-yet'
  let validRefresh: string | null = initial.refreshToken
  let refreshes = 0
  let refused = 0
  api = await startFakeApi(async (req, res) => {
    const path = pathOf(req)
    if (path === '/oauth/refresh-token') {
      refreshes++
      const { refresh_token } = JSON.parse(req.body) as { refresh_token: string }
      if (options.refreshDelayMs) await new Promise((r) => setTimeout(r, options.refreshDelayMs))
      if (refresh_token !== validRefresh) return sendJson(res, 401, errorBody(401, 'refresh token invalid'))
      const next = tokenResponse('rot')
      validAccess = next.access_token
      validRefresh = next.refresh_token
      return sendJson(res, 200, next)
    }
    if (path === '/v3/conversations/calls') {
      const token = (req.headers.authorization ?? '').replace('Bearer ', '')
      options.events?.push(`api-call with ${token === validAccess ? 'new' : 'old'} token`)
      if (token !== validAccess) {
        // Later refusals answer slowly: they arrive after the first one's refresh has finished.
        if (refused++ > 0 && options.late401Ms) await new Promise((r) => setTimeout(r, options.late401Ms))
        return sendJson(res, 401, errorBody(401, 'token expired'))
      }
      return sendJson(res, 200, callsEnvelope([call(1)]))
    }
    sendJson(res, 404, errorBody(404, 'no route'))
  })
  return { api, refreshRequests: () => refreshes }
}

/** A promise the test settles by hand, to hold a save open. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

/** The bearer token of every data API request the server received, in order. */
function bearers(server: FakeApi): string[] {
  return server.requests.filter((r) => pathOf(r) === '/v3/conversations/calls').map((r) => (r.headers.authorization ?? '').replace('Bearer ', ''))
}

/** Auth over `server` from the initial pair, retrying a failed save after 1 ms instead of 100. */
function authWithSaveRetries(server: FakeApi, saving: Pick<ConvirzaAuthOptions, 'persist' | 'onPersistFailed' | 'persistAttempts'>): ConvirzaAuth {
  return new ConvirzaAuth({ oauthBaseUrl: server.url, fetch, log: quietLog(), tokens: initial, persistRetryDelayMs: 1, ...saving })
}

function authFor(
  server: FakeApi,
  persist: (pair: TokenPair) => Promise<void> = async () => {},
  tokens: TokenPair | null = initial,
  more: Partial<ConvirzaAuthOptions> = {}
): ConvirzaAuth {
  return new ConvirzaAuth({ oauthBaseUrl: server.url, fetch, log: quietLog(), tokens, persist, refreshRetryDelayMs: 5, ...more })
}

describe('ConvirzaAuth refresh', () => {
  it('two concurrent 401s cause exactly one refresh request, and both requests succeed', async () => {
    const { api: server, refreshRequests } = await rotatingServer({ refreshDelayMs: 50 })
    const auth = authFor(server)
    const client = new ConvirzaClient({ apiBaseUrl: server.url, fetch, auth, log: quietLog() })
    const [a, b] = await Promise.all([client.listCalls({}), client.listCalls({})])
    expect(a.calls).toHaveLength(1)
    expect(b.calls).toHaveLength(1)
    expect(refreshRequests()).toBe(1)
    expect(server.requests.filter((r) => pathOf(r) === '/oauth/refresh-token')).toHaveLength(1)
  })

  it('a 401 that arrives after another request already renewed the session does not refresh again', async () => {
    const { api: server, refreshRequests } = await rotatingServer({ late401Ms: 200 })
    const auth = authFor(server)
    const client = new ConvirzaClient({ apiBaseUrl: server.url, fetch, auth, log: quietLog() })
    const results = await Promise.all([client.listCalls({}), client.listCalls({}), client.listCalls({})])
    expect(results.map((r) => r.total)).toEqual([1, 1, 1])
    expect(refreshRequests()).toBe(1)
  })

  it('sends no request with the new token while its save is still open, even from a request started meanwhile', async () => {
    const { api: server } = await rotatingServer()
    const save = deferred()
    let saving!: () => void
    const saveStarted = new Promise<void>((resolve) => (saving = resolve))
    const auth = authFor(server, async () => {
      saving()
      await save.promise
    })
    const client = new ConvirzaClient({ apiBaseUrl: server.url, fetch, auth, log: quietLog() })
    const first = client.listCalls({})
    await saveStarted
    const second = client.listCalls({})
    // Long enough for the second request to reach the server and come back for the refresh.
    await new Promise((r) => setTimeout(r, 100))
    expect(bearers(server).filter((t) => t.startsWith('rot-'))).toEqual([])
    expect(bearers(server)).toEqual([initial.accessToken, initial.accessToken])
    save.resolve()
    await expect(Promise.all([first, second])).resolves.toHaveLength(2)
    expect(bearers(server).slice(2)).toEqual([expect.stringMatching(/^rot-access-/), expect.stringMatching(/^rot-access-/)])
    expect(server.requests.filter((r) => pathOf(r) === '/oauth/refresh-token')).toHaveLength(1)
  })

  it('retries a failed save and uses the new pair once a retry has saved it', async () => {
    const events: string[] = []
    const { api: server } = await rotatingServer({ events })
    let attempts = 0
    const auth = authWithSaveRetries(server, {
      persist: async () => {
        attempts++
        events.push(`save attempt ${attempts}`)
        if (attempts < 3) throw new AppError('keychain_unavailable', 'keychain is busy')
      },
      onPersistFailed: async () => {
        throw new Error('not expected: the third attempt saves')
      }
    })
    await expect(new ConvirzaClient({ apiBaseUrl: server.url, fetch, auth, log: quietLog() }).listCalls({})).resolves.toMatchObject({ total: 1 })
    expect(events).toEqual(['api-call with old token', 'save attempt 1', 'save attempt 2', 'save attempt 3', 'api-call with new token'])
  })

  it('when every save fails, lets onPersistFailed decide before the new token is sent, then keeps working with the new pair', async () => {
    const events: string[] = []
    const { api: server } = await rotatingServer({ events })
    const decided = deferred()
    let failedWith: unknown
    const auth = authWithSaveRetries(server, {
      persistAttempts: 2,
      persist: async () => {
        events.push('save failed')
        throw new AppError('keychain_unavailable', 'keychain is locked')
      },
      onPersistFailed: async (pair, error) => {
        failedWith = error
        events.push(`deciding about ${pair.accessToken.startsWith('rot-') ? 'new' : 'other'} pair`)
        await decided.promise
        events.push('decided')
      }
    })
    const page = new ConvirzaClient({ apiBaseUrl: server.url, fetch, auth, log: quietLog() }).listCalls({})
    await vi.waitFor(() => expect(events).toContain('deciding about new pair'))
    await new Promise((r) => setTimeout(r, 50))
    expect(events).not.toContain('api-call with new token')
    decided.resolve()
    await expect(page).resolves.toMatchObject({ total: 1 })
    expect(events).toEqual(['api-call with old token', 'save failed', 'save failed', 'deciding about new pair', 'decided', 'api-call with new token'])
    expect(failedWith).toMatchObject({ kind: 'keychain_unavailable' })
    // The old refresh token is spent: the new pair is the one kept, and the server is not asked again.
    expect(auth.tokens?.refreshToken).toMatch(/^rot-refresh-/)
    expect(server.requests.filter((r) => pathOf(r) === '/oauth/refresh-token')).toHaveLength(1)
  })

  it('without onPersistFailed, keeps the new pair in memory after the retries and reports the save error', async () => {
    const { api: server } = await rotatingServer()
    let attempts = 0
    const auth = authWithSaveRetries(server, {
      persist: async () => {
        attempts++
        throw new AppError('keychain_unavailable', 'keychain is locked')
      }
    })
    await expect(auth.refresh()).rejects.toMatchObject({ kind: 'keychain_unavailable' })
    expect(attempts).toBe(3)
    expect(auth.tokens?.refreshToken).toMatch(/^rot-refresh-/)
    const client = new ConvirzaClient({ apiBaseUrl: server.url, fetch, auth, log: quietLog() })
    await expect(client.listCalls({})).resolves.toMatchObject({ total: 1 })
    expect(server.requests.filter((r) => pathOf(r) === '/oauth/refresh-token')).toHaveLength(1)
  })

  it('sends the same refresh token again when its answer was lost in transport, and lets the server decide', async () => {
    let refreshes = 0
    api = await startFakeApi((req, res) => {
      refreshes++
      // The first answer is lost (the connection resets); the second send gets the new pair.
      if (refreshes === 1) return void res.socket?.destroy()
      const { refresh_token } = JSON.parse(req.body) as { refresh_token: string }
      if (refresh_token !== initial.refreshToken) return sendJson(res, 401, errorBody(401, 'refresh token invalid'))
      sendJson(res, 200, tokenResponse('again'))
    })
    const auth = authFor(api)
    const pair = await auth.refresh()
    expect(refreshes).toBe(2)
    expect(pair.accessToken).toMatch(/again/)
    expect(auth.tokens).toEqual(pair)
  })

  it('never strands a session: a lost answer followed by the server refusing the token signs out, saying why', async () => {
    let refreshes = 0
    api = await startFakeApi((_req, res) => {
      refreshes++
      // The server used the token, but its answer never arrived; the next send is refused as used.
      if (refreshes === 1) return void res.socket?.destroy()
      sendJson(res, 401, errorBody(401, 'refresh token already used', 'rid-used'))
    })
    const auth = authFor(api)
    const error = (await auth.refresh().then(
      () => null,
      (e: unknown) => e
    )) as AppError
    expect(error).toMatchObject({ kind: 'unauthorized', requestId: 'rid-used' })
    expect(error.message).toMatch(/answer to a renewal was lost on the way/)
    expect(error.message).toMatch(/refresh token already used/)
    expect(error.message).toMatch(/Sign in again/)
    expect(auth.tokens).toBeNull()
    expect(refreshes).toBe(2)
  })

  it('retries a refresh a gateway answered 502, and keeps the session when every send fails in transport', async () => {
    let refreshes = 0
    api = await startFakeApi((_req, res) => {
      refreshes++
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>Bad Gateway</body></html>')
    })
    const auth = authFor(api)
    const error = await auth.refresh().catch((e: unknown) => e as AppError)
    expect(error).toMatchObject({ kind: 'server', status: 502 })
    expect(refreshes).toBe(3)
    // Not signed out: the token was never refused, so the next request may renew with it.
    expect(auth.tokens).toEqual(initial)
  })

  it('reads expires_in sent as seconds from now, as standard OAuth does', async () => {
    api = await startFakeApi((_req, res) => sendJson(res, 200, { ...tokenResponse('secs'), expires_in: 3600, refresh_expires_in: '7200' }))
    const now = new Date('2026-03-01T10:00:00.000Z')
    const auth = authFor(api, undefined, undefined, { clock: () => now })
    const pair = await auth.refresh()
    expect(pair.accessExpiresAt).toBe('2026-03-01T11:00:00.000Z')
    expect(pair.refreshExpiresAt).toBe('2026-03-01T12:00:00.000Z')
  })

  it('names the missing field of a token answer and what it held instead', async () => {
    api = await startFakeApi((_req, res) => sendJson(res, 200, { access_token: 'a-token-0000000', token_type: 'Bearer', expires_in: 60 }))
    const error = (await authFor(api)
      .refresh()
      .then(
        () => null,
        (e: unknown) => e
      )) as AppError
    expect(error.kind).toBe('invalid_response')
    expect(error.message).toMatch(/is missing "refresh_token" \(it held access_token, token_type, expires_in\)/)
  })

  it('signs out in memory when the server refuses the refresh token', async () => {
    api = await startFakeApi((_req, res) => sendJson(res, 401, errorBody(401, 'refresh token expired', 'rid-r')))
    const auth = authFor(api)
    const error = await auth.refresh().catch((e: unknown) => e as AppError)
    expect(error).toMatchObject({ kind: 'unauthorized', requestId: 'rid-r' })
    expect((error as AppError).message).toMatch(/Sign in again/)
    expect(auth.tokens).toBeNull()
  })

  it('refuses to refresh a pasted access token and says how to continue', async () => {
    api = await startFakeApi((_req, res) => sendJson(res, 500, {}))
    const auth = authFor(api, async () => {}, null)
    const pair = auth.useAccessToken('  pasted-token-1234567  ')
    expect(pair).toEqual({ accessToken: 'pasted-token-1234567', refreshToken: null, accessExpiresAt: null, refreshExpiresAt: null })
    await expect(auth.refresh()).rejects.toThrow(/pasted access token cannot be renewed/)
    expect(api.requests).toHaveLength(0)
  })
})

describe('ConvirzaAuth login and revoke', () => {
  it('signs in with email, password and org_unit_id, and reads ISO expiry timestamps', async () => {
    const issued = tokenResponse('login')
    const persisted: TokenPair[] = []
    api = await startFakeApi((_req, res) => sendJson(res, 200, issued))
    const auth = authFor(api, async (pair) => void persisted.push(pair), null)
    const { tokens, user } = await auth.login({ email: 'qa@example.com', password: 'hunter2-password', orgUnitId: 1200 })
    const request = api.requests[0]
    expect(request?.method).toBe('POST')
    expect(request && pathOf(request)).toBe('/oauth/token')
    expect(JSON.parse(request?.body ?? '')).toEqual({ email: 'qa@example.com', password: 'hunter2-password', org_unit_id: 1200 })
    expect(tokens).toEqual({
      accessToken: issued.access_token,
      refreshToken: issued.refresh_token,
      accessExpiresAt: '2026-03-08T00:00:00.000Z',
      refreshExpiresAt: '2026-08-28T00:00:00.000Z'
    })
    expect(persisted).toEqual([tokens])
    expect(user).toMatchObject({ user_id: 7, org_unit_id: 1200 })
    expect(auth.accessToken()).toBe(issued.access_token)
  })

  it('shows the server message verbatim when sign-in is refused, without retrying', async () => {
    api = await startFakeApi((_req, res) => sendJson(res, 401, errorBody(401, 'Invalid email or password', 'rid-login')))
    const auth = authFor(api, async () => {}, null)
    const error = (await auth.login({ email: 'a@b.c', password: 'wrong-password', orgUnitId: 1 }).catch((e: unknown) => e)) as AppError
    expect(error).toMatchObject({ kind: 'unauthorized', requestId: 'rid-login' })
    expect(error.message).toContain('"Invalid email or password"')
    expect(error.message).toMatch(/email, password or org unit id was not accepted/)
    expect(api.requests).toHaveLength(1)
  })

  it('reports a 429 at sign-in with the seconds to wait', async () => {
    api = await startFakeApi((_req, res) => sendJson(res, 429, errorBody(429, 'Too many login attempts'), { 'retry-after': '42' }))
    const auth = authFor(api, async () => {}, null)
    await expect(auth.login({ email: 'a@b.c', password: 'pw-123456', orgUnitId: 1 })).rejects.toMatchObject({
      kind: 'rate_limited',
      retryAfterSeconds: 42
    })
    expect(api.requests).toHaveLength(1)
  })

  it('refuses a token response without a refresh token as invalid_response', async () => {
    api = await startFakeApi((_req, res) => sendJson(res, 200, { access_token: 'x-access-only', expires_in: '2026-01-01T00:00:00Z' }))
    const auth = authFor(api, async () => {}, null)
    await expect(auth.login({ email: 'a@b.c', password: 'pw-123456', orgUnitId: 1 })).rejects.toMatchObject({ kind: 'invalid_response' })
    expect(auth.tokens).toBeNull()
  })

  it('revokes the token at sign-out and forgets the pair', async () => {
    api = await startFakeApi((_req, res) => sendJson(res, 200, { code: 200, message: 'revoked' }))
    const auth = authFor(api)
    await auth.revoke()
    expect(api.requests).toHaveLength(1)
    expect(api.requests[0] && pathOf(api.requests[0])).toBe('/oauth/revoke-token')
    expect(JSON.parse(api.requests[0]?.body ?? '')).toEqual({ refresh_token: initial.refreshToken })
    expect(api.requests[0]?.headers.authorization).toBe(`Bearer ${initial.accessToken}`)
    expect(auth.tokens).toBeNull()
  })

  it('accepts an empty 204 answer to revoke', async () => {
    api = await startFakeApi((_req, res) => {
      res.writeHead(204)
      res.end()
    })
    const auth = authFor(api)
    await expect(auth.revoke()).resolves.toBeUndefined()
    expect(auth.tokens).toBeNull()
  })

  it('forgets the pair even when revoking fails, and reports the failure', async () => {
    api = await startFakeApi((_req, res) => sendJson(res, 500, errorBody(500, 'revoke broke')))
    const auth = authFor(api)
    await expect(auth.revoke()).rejects.toMatchObject({ kind: 'server' })
    expect(auth.tokens).toBeNull()
    expect(auth.accessToken()).toBeNull()
  })
})
