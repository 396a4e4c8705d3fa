/**
 * Contract tests of the demo server's OAuth host (docs/convirza-api.md "Authentication"): sign-in,
 * single-use refresh, revoke, token expiry and the 10-a-minute login limit.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startDemoServer, DEMO_USERS, type DemoServer } from '@main/services/demo-server'
import { TokenResponseSchema } from '@shared/convirza/schemas'

const START = Date.parse('2026-03-01T12:00:00.000Z')
const DAY = 86_400_000
let clock = START
let server: DemoServer

interface TokenBody {
  access_token: string
  refresh_token: string
  frontend_token: string
  token_type: string
  expires_in: string
  refresh_expires_in: string
  user: { user_id: number; email: string; role_id: number; org_unit_id: number }
}

async function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = {}
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${server.oauthBaseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body)
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers }
}

async function signIn(): Promise<TokenBody> {
  const res = await post('/oauth/token', server.login)
  expect(res.status).toBe(200)
  return res.body as unknown as TokenBody
}

async function callsStatus(accessToken: string): Promise<number> {
  const res = await fetch(`${server.apiBaseUrl}/v3/conversations/calls?limit=1`, { headers: { authorization: `Bearer ${accessToken}` } })
  await res.arrayBuffer()
  return res.status
}

beforeAll(async () => {
  server = await startDemoServer({ calls: 200, seed: 3, now: () => new Date(clock) })
})
afterEach(() => {
  server.faults.resetLoginRateLimit()
  clock = START
})
afterAll(async () => {
  await server?.close()
})

describe('POST /oauth/token', () => {
  it('signs in with email, password and org_unit_id and answers the documented fields', async () => {
    const tokens = await signIn()
    expect(TokenResponseSchema.parse(tokens)).toBeTruthy()
    expect(tokens).toMatchObject({
      token_type: 'Bearer',
      expires_in: new Date(START + 7 * DAY).toISOString(),
      refresh_expires_in: new Date(START + 180 * DAY).toISOString(),
      user: { user_id: 1001, email: server.login.email, role_id: 1, org_unit_id: server.login.org_unit_id }
    })
    expect(tokens.frontend_token).toEqual(expect.any(String))
    expect(await callsStatus(tokens.access_token)).toBe(200)
  })

  it('issues different opaque tokens on every sign-in', async () => {
    const [a, b] = [await signIn(), await signIn()]
    const all = new Set([a.access_token, a.refresh_token, b.access_token, b.refresh_token])
    expect(all.size).toBe(4)
    for (const t of all) expect(t).toMatch(/^[A-Za-z0-9_-]{32,}$/)
  })

  it('accepts an org unit below the user home unit and org_unit_id as a numeric string', async () => {
    expect((await post('/oauth/token', { ...server.login, org_unit_id: '1110' })).status).toBe(200)
  })

  it.each([
    ['a wrong password', { password: 'wrong' }],
    ['an unknown email', { email: 'nobody@example.com' }],
    ['an org unit of another account', { org_unit_id: 5000 }]
  ])('refuses %s with 401 and the same message in the error envelope', async (_case, change) => {
    const res = await post('/oauth/token', { ...server.login, ...change })
    expect(res.status).toBe(401)
    expect(res.body).toMatchObject({
      code: 401,
      message: expect.stringMatching(/^Invalid email, password or org unit/),
      request_id: expect.any(String),
      timestamp: expect.any(String)
    })
    expect(JSON.stringify(res.body)).not.toContain('wrong')
  })

  it('answers 400 naming the missing fields', async () => {
    const res = await post('/oauth/token', { email: server.login.email })
    expect(res.status).toBe(400)
    expect(res.body.message).toMatch(/missing: password, org_unit_id/)
  })

  it('answers 400 for a body that is not JSON', async () => {
    const res = await post('/oauth/token', '{email:')
    expect(res.status).toBe(400)
    expect(res.body.message).toMatch(/not valid JSON/)
  })

  it('allows 10 sign-in attempts a minute per IP, then answers 429 with Retry-After until the minute has passed', async () => {
    for (let i = 0; i < 10; i++) {
      clock = START + i * 1000
      const res = await post('/oauth/token', i % 2 ? server.login : { ...server.login, password: 'wrong' })
      expect(res.status).not.toBe(429)
    }
    clock = START + 15_000
    const limited = await post('/oauth/token', server.login)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('45')
    expect(limited.body.message).toMatch(/at most 10 a minute.*45 seconds/)
    clock = START + 60_001
    expect((await post('/oauth/token', server.login)).status).toBe(200)
  })
})

describe('POST /oauth/refresh-token', () => {
  it('answers a new working pair for a refresh token', async () => {
    const first = await signIn()
    clock = START + DAY
    const res = await post('/oauth/refresh-token', { refresh_token: first.refresh_token })
    expect(res.status).toBe(200)
    const second = res.body as unknown as TokenBody
    expect(second.access_token).not.toBe(first.access_token)
    expect(second.refresh_token).not.toBe(first.refresh_token)
    expect(second.expires_in).toBe(new Date(START + 8 * DAY).toISOString())
    expect(await callsStatus(second.access_token)).toBe(200)
  })

  it('is single-use: a refresh token already used answers 401', async () => {
    const first = await signIn()
    expect((await post('/oauth/refresh-token', { refresh_token: first.refresh_token })).status).toBe(200)
    const again = await post('/oauth/refresh-token', { refresh_token: first.refresh_token })
    expect(again.status).toBe(401)
    expect(again.body.message).toMatch(/already used/)
  })

  it('lets the rotated refresh token be used once in turn', async () => {
    const first = await signIn()
    const second = (await post('/oauth/refresh-token', { refresh_token: first.refresh_token })).body as unknown as TokenBody
    expect((await post('/oauth/refresh-token', { refresh_token: second.refresh_token })).status).toBe(200)
    expect((await post('/oauth/refresh-token', { refresh_token: second.refresh_token })).status).toBe(401)
  })

  it('refuses a refresh token after its 180 days', async () => {
    const first = await signIn()
    clock = START + 180 * DAY + 1
    expect((await post('/oauth/refresh-token', { refresh_token: first.refresh_token })).status).toBe(401)
  })

  it('answers 400 without a refresh token', async () => {
    expect((await post('/oauth/refresh-token', {})).status).toBe(400)
  })
})

describe('access tokens', () => {
  it('expire 7 days after their last use', async () => {
    const tokens = await signIn()
    clock = START + 7 * DAY + 1
    expect(await callsStatus(tokens.access_token)).toBe(401)
  })

  it('are renewed for 7 days by each authenticated request', async () => {
    const tokens = await signIn()
    clock = START + 6 * DAY
    expect(await callsStatus(tokens.access_token)).toBe(200)
    clock = START + 12 * DAY
    expect(await callsStatus(tokens.access_token)).toBe(200)
  })

  it('stop working when the fault controller expires them, while refresh still works', async () => {
    const tokens = await signIn()
    server.faults.expireAccessTokens()
    expect(await callsStatus(tokens.access_token)).toBe(401)
    const renewed = (await post('/oauth/refresh-token', { refresh_token: tokens.refresh_token })).body as unknown as TokenBody
    expect(await callsStatus(renewed.access_token)).toBe(200)
  })
})

describe('POST /oauth/revoke-token', () => {
  it('revokes access and refresh token alike, given the access token as Bearer', async () => {
    const tokens = await signIn()
    const res = await post('/oauth/revoke-token', {}, { authorization: `Bearer ${tokens.access_token}` })
    expect(res.status).toBe(200)
    expect(await callsStatus(tokens.access_token)).toBe(401)
    expect((await post('/oauth/refresh-token', { refresh_token: tokens.refresh_token })).status).toBe(401)
  })

  it('revokes the whole sign-in given the refresh token in the body', async () => {
    const tokens = await signIn()
    expect((await post('/oauth/revoke-token', { refresh_token: tokens.refresh_token })).status).toBe(200)
    expect(await callsStatus(tokens.access_token)).toBe(401)
  })

  it('leaves other sign-ins of the same user working', async () => {
    const [a, b] = [await signIn(), await signIn()]
    await post('/oauth/revoke-token', { token: a.access_token })
    expect(await callsStatus(b.access_token)).toBe(200)
  })

  it('answers 400 when no token is given', async () => {
    const res = await post('/oauth/revoke-token', {})
    expect(res.status).toBe(400)
    expect(res.body.message).toMatch(/Authorization: Bearer/)
  })
})

describe('the demo users', () => {
  it('include a second account that cannot sign in to the demo account', async () => {
    const other = DEMO_USERS.find((u) => u.org_unit_id === server.otherAccountOrgUnitId)
    expect(other).toBeDefined()
    expect((await post('/oauth/token', { email: other?.email, password: other?.password, org_unit_id: server.login.org_unit_id })).status).toBe(401)
  })
})
