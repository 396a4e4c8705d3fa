import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import type { DemoServer } from '@main/services/demo-server'
import { ConvirzaAuth, type TokenPair } from '@main/services/convirza/auth'
import { ConvirzaClient } from '@main/services/convirza/client'
import { createLogger } from '@main/services/log'
import { connect, demoServerPerFile, rejection, signIn, startDemo } from '@test/fixtures/convirza-demo'

const REFRESH = '/oauth/refresh-token'

let demo: DemoServer
demoServerPerFile((started) => (demo = started))

/** A second sign-in state holding `tokens`, as a restarted app would after reading the keychain. */
function resumed(tokens: TokenPair): { auth: ConvirzaAuth; client: ConvirzaClient } {
  const log = createLogger({})
  const auth = new ConvirzaAuth({ oauthBaseUrl: demo.oauthBaseUrl, fetch, log, tokens, persist: async () => {} })
  return { auth, client: new ConvirzaClient({ apiBaseUrl: demo.apiBaseUrl, fetch, auth, log, minRetryDelayMs: 5 }) }
}

describe('the client against the demo server: sign-in and sessions', () => {
  it('signs in and reads the expiry timestamps and the user', async () => {
    const session = connect(demo)
    const { tokens, user } = await session.auth.login({ email: demo.login.email, password: demo.login.password, orgUnitId: demo.login.org_unit_id })
    expect(Date.parse(tokens.accessExpiresAt ?? '')).toBeGreaterThan(Date.now() + 6 * 86_400_000)
    expect(Date.parse(tokens.refreshExpiresAt ?? '')).toBeGreaterThan(Date.now() + 170 * 86_400_000)
    expect(user).toMatchObject({ email: demo.login.email, org_unit_id: demo.login.org_unit_id })
    expect(session.persisted).toEqual([tokens])
  })

  it('shows the server message verbatim when the password is wrong', async () => {
    const error = (await rejection(
      connect(demo).auth.login({ email: demo.login.email, password: 'not-the-password', orgUnitId: demo.login.org_unit_id })
    )) as AppError
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401 })
    expect(error.message).toContain('The server said: "Invalid email, password or org unit." Check them')
  })

  it('reports the login rate limit as rate_limited with the seconds to wait', async () => {
    const limited = await startDemo({ loginRateLimit: 2 })
    try {
      const session = connect(limited)
      const attempt = (): Promise<unknown> => session.auth.login({ email: 'x@example.com', password: 'wrong-password', orgUnitId: 1 })
      await rejection(attempt())
      await rejection(attempt())
      const error = (await rejection(attempt())) as AppError
      expect(error.kind).toBe('rate_limited')
      expect(error.retryAfterSeconds).toBeGreaterThan(0)
      expect(error.message).toMatch(/Wait \d+ seconds? and try again/)
    } finally {
      await limited.close()
    }
  })

  it('renews expired access tokens with exactly one refresh for five concurrent requests', async () => {
    const session = await signIn(demo)
    demo.faults.expireAccessTokens()
    demo.faults.resetStats()
    const pages = await Promise.all(Array.from({ length: 5 }, (_, i) => session.client.listCalls({ limit: 5, offset: i * 5 })))
    expect(pages.every((p) => p.calls.length === 5)).toBe(true)
    expect(demo.faults.requestCount(REFRESH)).toBe(1)
    expect(session.persisted).toHaveLength(2)
  })

  it('persists the rotated pair before any request uses it', async () => {
    const seenAtPersist: string[][] = []
    const session = await signIn(demo, {
      persist: async () => {
        seenAtPersist.push(demo.faults.requests().map((r) => `${r.path} ${r.status}`))
      }
    })
    demo.faults.expireAccessTokens()
    demo.faults.resetStats()
    seenAtPersist.length = 0
    await session.client.listCalls({ limit: 5 })
    // At persist time the server had seen the refused request and the refresh, and nothing with the new token.
    expect(seenAtPersist).toEqual([['/v3/conversations/calls 401', `${REFRESH} 200`]])
    expect(demo.faults.requests().map((r) => `${r.path} ${r.status}`)).toEqual([
      '/v3/conversations/calls 401',
      `${REFRESH} 200`,
      '/v3/conversations/calls 200'
    ])
  })

  it('keeps the rotated pair when persisting it fails, so the session still works', async () => {
    let failPersist = false
    const session = await signIn(demo, {
      persist: async () => {
        if (failPersist) throw new AppError('keychain_unavailable', 'The keychain is locked.')
      }
    })
    failPersist = true
    demo.faults.expireAccessTokens()
    await expect(session.client.listCalls({ limit: 5 })).rejects.toMatchObject({ kind: 'keychain_unavailable' })
    // The sign-in's save, then the renewed pair: tried three times (ConvirzaAuth's persistAttempts) before giving up.
    expect(session.persisted).toHaveLength(4)
    expect(session.persisted[2]).toEqual(session.persisted[1])
    expect(session.persisted[3]).toEqual(session.persisted[1])
    expect(session.persisted[1]).not.toEqual(session.persisted[0])
    expect(session.auth.tokens).toEqual(session.persisted[1])
    demo.faults.resetStats()
    await expect(session.client.listCalls({ limit: 5 })).resolves.toMatchObject({ total: expect.any(Number) })
    expect(demo.faults.requestCount(REFRESH)).toBe(0)
  })

  it('cannot use a refresh token twice: the server kills it on first use', async () => {
    const session = await signIn(demo)
    const before = session.auth.tokens as TokenPair
    await session.auth.refresh()
    const stale = resumed(before)
    const error = (await rejection(stale.auth.refresh())) as AppError
    expect(error.kind).toBe('unauthorized')
    expect(error.message).toMatch(/Sign in again/)
    expect(stale.auth.tokens).toBeNull()
  })

  it('revokes the sign-in: its tokens stop working on the server', async () => {
    const session = await signIn(demo)
    const pair = session.auth.tokens as TokenPair
    await session.auth.revoke()
    expect(session.auth.tokens).toBeNull()
    await expect(session.client.listCalls({ limit: 5 })).rejects.toMatchObject({ kind: 'not_signed_in' })
    const afterRevoke = resumed(pair)
    await expect(afterRevoke.client.listCalls({ limit: 5 })).rejects.toMatchObject({ kind: 'unauthorized' })
    expect(afterRevoke.auth.tokens).toBeNull()
  })

  it('works with a pasted access token until it expires, then asks for a new one', async () => {
    const donor = await signIn(demo)
    const pasted = resumed({ accessToken: donor.auth.accessToken() as string, refreshToken: null, accessExpiresAt: null, refreshExpiresAt: null })
    pasted.auth.useAccessToken(donor.auth.accessToken() as string)
    await expect(pasted.client.listCalls({ limit: 5 })).resolves.toMatchObject({ total: expect.any(Number) })
    demo.faults.expireAccessTokens()
    const error = (await rejection(pasted.client.listCalls({ limit: 5 }))) as AppError
    expect(error.kind).toBe('unauthorized')
    expect(error.message).toMatch(/pasted access token cannot be renewed/)
    // The server's own 401 travels with it: status, request id and its message, never the token.
    expect(error.status).toBe(401)
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(error.message).toMatch(/The server said: ".*invalid, expired or revoked.*"/)
    expect(error.message).toMatch(/Paste a new token or sign in/)
    expect(error.message).not.toContain(donor.auth.accessToken() as string)
  })

  it("keeps the server's message, status and request id when it refuses the session even after renewing it", async () => {
    const session = await signIn(demo)
    demo.faults.inject({ kind: 'status', status: 401, path: '/v3/conversations/calls', times: 2, message: 'Token not valid for this org unit' })
    const error = (await rejection(session.client.listCalls({ limit: 5 }))) as AppError
    expect(demo.faults.requestCount(REFRESH)).toBe(1)
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401, serverMessage: 'Token not valid for this org unit' })
    expect(error.message).toMatch(/refused the session even after renewing it/)
    expect(error.message).toContain('The server said: "Token not valid for this org unit".')
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/)
    for (const token of [...session.persisted.flatMap((p) => [p.accessToken, p.refreshToken ?? ''])].filter(Boolean))
      expect(error.message).not.toContain(token)
  })

  it("keeps the server's message, status and request id when it refuses to renew the session", async () => {
    const session = await signIn(demo)
    demo.faults.inject({ kind: 'status', status: 401, path: REFRESH, message: 'Refresh token revoked by your admin' })
    demo.faults.expireAccessTokens()
    const error = (await rejection(session.client.listCalls({ limit: 5 }))) as AppError
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401, serverMessage: 'Refresh token revoked by your admin' })
    expect(error.message).toMatch(
      /^Your session has ended: the server refused to renew it\. The server said: "Refresh token revoked by your admin"\. Sign in again/
    )
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(session.auth.tokens).toBeNull()
    for (const token of [...session.persisted.flatMap((p) => [p.accessToken, p.refreshToken ?? ''])].filter(Boolean))
      expect(error.message).not.toContain(token)
  })
})

describe('secrets never leak', () => {
  it('no thrown error and no log line holds an access token, refresh token or the password', async () => {
    const session = connect(demo)
    const thrown: unknown[] = []
    const expectFailure = async (work: Promise<unknown>): Promise<void> => {
      thrown.push(await rejection(work))
    }
    const { email, password, org_unit_id: orgUnitId } = demo.login
    await expectFailure(session.auth.login({ email, password: `${password}-wrong`, orgUnitId }))
    await session.auth.login({ email, password, orgUnitId })
    // Every kind of failure, each of which logs or throws.
    demo.faults.inject({ kind: 'status', status: 500, path: '/v3/conversations/calls' })
    await expectFailure(session.client.listCalls({ limit: 5 }))
    demo.faults.inject({ kind: 'reset', path: '/v3/conversations/calls', times: 4 })
    await expectFailure(session.client.listCalls({ limit: 5 }))
    demo.faults.inject({ kind: 'truncated-json', path: '/v3/conversations/calls' })
    await expectFailure(session.client.listCalls({ limit: 5 }))
    await expectFailure(session.client.listCalls({ org_unit_id: demo.otherAccountOrgUnitId }))
    demo.faults.inject({ kind: 'invalid-record' })
    await session.client.listCalls({ limit: 5 })
    demo.faults.expireAccessTokens()
    await session.client.listCalls({ limit: 5 })
    const page = await session.client.listCalls({ limit: 20, include: ['recordings'] })
    const call = page.calls.find((c) => c.recording_details?.url) ?? page.calls[0]!
    demo.faults.inject({ kind: 'recording-expired', times: 2 })
    await expectFailure(session.client.openRecording(call))
    demo.faults.inject({ kind: 'status', status: 400, path: '/oauth/refresh-token' })
    await expectFailure(session.auth.refresh())
    await session.auth.login({ email, password, orgUnitId })
    demo.faults.inject({ kind: 'status', status: 503, path: '/oauth/revoke-token' })
    await expectFailure(session.auth.revoke())

    const secrets = [password, ...session.persisted.flatMap((p) => [p.accessToken, p.refreshToken ?? ''])].filter(Boolean)
    expect(session.persisted.length).toBeGreaterThanOrEqual(3)
    expect(thrown).toHaveLength(8)
    const errorText = thrown
      .map((e) => {
        const error = e as AppError
        return [error.message, String(error), JSON.stringify(error), JSON.stringify(error.toInfo?.())].join('\n')
      })
      .join('\n')
    const logText = readFileSync(session.logFile, 'utf8')
    expect(logText.split('\n').length).toBeGreaterThan(10)
    expect(logText).not.toMatch(/sig=/)
    for (const secret of secrets) {
      expect(errorText).not.toContain(secret)
      expect(logText).not.toContain(secret)
    }
  })
})
