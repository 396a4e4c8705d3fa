/**
 * Refresh safety (docs/convirza-api.md "Authentication": refresh tokens are single-use): the rotated pair is in
 * the keychain before it is used, concurrent requests share one refresh, and only a refresh the
 * server refuses signs the user out. Demo server + the real keychain.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { AuthState } from '@shared/ipc/contract/auth'
import { KeytarSecretStore } from '@main/services/secrets/keytar-secret-store'
import type { SecretStore } from '@main/services/secrets/secret-store'
import { createSessionFixture, filesContaining, type SessionFixture } from '@test/fixtures/session'
import { loadKeytar, probeKeychain, testServiceName } from '@test/fixtures/secrets/keychain-probe'

const keychain = await probeKeychain(testServiceName(), 'session-refresh')

interface Saved {
  accessToken: string
  refreshToken: string
}

describe.runIf(keychain.run)('SessionManager refresh safety with the real keychain', () => {
  let fx: SessionFixture
  beforeAll(async () => {
    if (keychain.problem) throw new Error(`CALL_REVIEW_REQUIRE_KEYCHAIN=1 but ${keychain.problem}`)
    fx = await createSessionFixture()
  })
  afterAll(async () => fx?.close())

  const saved = async (profileId: string): Promise<Saved | null> => {
    const text = await (await loadKeytar()).getPassword(fx.service, profileId)
    return text ? (JSON.parse(text) as Saved) : null
  }
  const refreshWith = (refreshToken: string): Promise<Response> =>
    fetch(`${fx.server.oauthBaseUrl}/oauth/refresh-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: refreshToken })
    })

  it('keeps the user signed in when the app dies between saving a rotated pair and using it', async () => {
    const id = (await fx.manager().signIn(fx.signIn('Crash'))).activeProfile!.id
    const original = (await saved(id))!
    // The keychain write succeeds, then the "process dies" before the new pair is used: the save
    // never returns, so the request waiting on it never goes on.
    const real = fx.keychain()
    let wrote!: () => void
    const written = new Promise<void>((resolve) => (wrote = resolve))
    const dying: SecretStore = {
      kind: 'keychain',
      get: (p) => real.get(p),
      delete: (p) => real.delete(p),
      status: () => real.status(),
      set: async (p, value) => {
        await real.set(p, value)
        wrote()
        return new Promise<void>(() => {})
      }
    }
    const doomed = fx.manager({ keychain: dying })
    expect((await doomed.restore()).signedIn).toBe(true)
    fx.server.faults.expireAccessTokens()
    fx.server.faults.resetStats()
    void doomed.client().listCalls({ limit: 1 })
    await written
    expect(fx.server.faults.requestCount('/oauth/refresh-token')).toBe(1)
    // Only the request with the expired token went out; nothing used the new one.
    expect(fx.server.faults.requestCount('/v3/conversations/calls')).toBe(1)

    const rotated = (await saved(id))!
    expect(rotated.refreshToken).not.toBe(original.refreshToken)
    // The old refresh token died with its one use: had the new pair not been saved, the user would be signed out.
    expect((await refreshWith(original.refreshToken)).status).toBe(401)

    const restarted = fx.manager()
    expect((await restarted.restore()).signedIn).toBe(true)
    const page = await restarted.client().listCalls({ limit: 1 })
    expect(page.calls).toHaveLength(1)
    expect(fx.server.faults.requestCount('/oauth/token')).toBe(0)
    expect((await saved(id))?.refreshToken).toBe(rotated.refreshToken)
  })

  it('sends no request with the rotated token until the keychain save has finished, even from a request started meanwhile', async () => {
    const id = (await fx.manager().signIn(fx.signIn('Held save'))).activeProfile!.id
    const original = (await saved(id))!
    const real = fx.keychain()
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let saving!: () => void
    const saveStarted = new Promise<void>((resolve) => (saving = resolve))
    const holding: SecretStore = {
      kind: 'keychain',
      get: (p) => real.get(p),
      delete: (p) => real.delete(p),
      status: () => real.status(),
      set: async (p, value) => {
        saving()
        await held
        await real.set(p, value)
      }
    }
    // Every bearer token the app sends to the data API, in order.
    const bearers: string[] = []
    const recording: typeof fetch = async (input, init) => {
      const auth = new Headers(init?.headers).get('authorization')
      if (auth) bearers.push(auth.replace('Bearer ', ''))
      return fetch(input, init)
    }
    const manager = fx.manager({ keychain: holding, fetch: recording })
    expect((await manager.restore()).signedIn).toBe(true)
    fx.server.faults.expireAccessTokens()
    const first = manager.client().listCalls({ limit: 1 })
    await saveStarted
    const second = manager.client().listCalls({ limit: 1, offset: 1 })
    await new Promise((r) => setTimeout(r, 150))
    expect(bearers.length, 'both requests went out with the old token').toBeGreaterThanOrEqual(2)
    expect(new Set(bearers)).toEqual(new Set([original.accessToken]))
    release()
    await expect(Promise.all([first, second])).resolves.toHaveLength(2)
    const rotated = (await saved(id))!
    expect(rotated.accessToken).not.toBe(original.accessToken)
    expect(bearers.filter((t) => t !== original.accessToken)).toEqual([rotated.accessToken, rotated.accessToken])
  })

  it('keeps a renewed sign-in for this session only, and says so, when the keychain refuses every save', async () => {
    const id = (await fx.manager().signIn(fx.signIn('Refused save'))).activeProfile!.id
    const original = (await saved(id))!
    // The real keychain, except that saving this profile's entry fails (as a locked keyring would).
    const keytar = await loadKeytar()
    let saveAttempts = 0
    const refusing = new KeytarSecretStore({
      log: fx.log,
      service: fx.service,
      loadKeytar: async () => ({
        getPassword: (s, a) => keytar.getPassword(s, a),
        deletePassword: (s, a) => keytar.deletePassword(s, a),
        setPassword: async (s, a, p) => {
          if (a !== id) return keytar.setPassword(s, a, p)
          saveAttempts++
          throw new Error('Cannot create an item in a locked collection')
        }
      })
    })
    const pushed: AuthState[] = []
    const manager = fx.manager({ keychain: refusing, saveRetryDelayMs: 5, onStateChanged: (state) => pushed.push(state) })
    expect((await manager.restore()).signedIn).toBe(true)
    fx.server.faults.expireAccessTokens()
    fx.server.faults.resetStats()

    await expect(manager.client().listCalls({ limit: 1 })).resolves.toMatchObject({ calls: [expect.anything()] })
    expect(saveAttempts).toBe(3)
    expect(fx.server.faults.requestCount('/oauth/refresh-token')).toBe(1)
    const state = await manager.state()
    expect(state).toMatchObject({ signedIn: true, activeProfile: { id, sessionOnly: true } })
    expect(state.notice).toMatch(/could not be saved to the keychain/)
    expect(state.notice).toMatch(/stay signed in until you quit Call Review/)
    expect(state.notice).toMatch(/keyring is locked/)
    await vi.waitFor(() => expect(pushed.at(-1)?.notice).toBe(state.notice))
    // The entry with the spent refresh token is gone, and the new pair was not written anywhere.
    expect(await saved(id)).toBeNull()
    const issued = [...fx.tokensSeen].filter((t) => t !== original.accessToken && t !== original.refreshToken)
    expect(filesContaining(fx.dataDir, Object.fromEntries(issued.map((t, i) => [`token ${i}`, t])))).toEqual([])
    // Still usable without another refresh.
    await manager.client().listCalls({ limit: 1, offset: 1 })
    expect(fx.server.faults.requestCount('/oauth/refresh-token')).toBe(1)
    // The old refresh token was spent by the renewal: the pair kept in memory is the only live one.
    expect((await refreshWith(original.refreshToken)).status).toBe(401)

    // The next start asks for a sign-in instead of reading a dead pair.
    expect((await fx.manager().restore()).signedIn).toBe(false)
  })

  it('refreshes once when many requests find the access token expired at the same time', async () => {
    const manager = fx.manager()
    const id = (await manager.signIn(fx.signIn('Concurrent'))).activeProfile!.id
    const before = (await saved(id))!
    fx.server.faults.expireAccessTokens()
    fx.server.faults.resetStats()
    // A slow refresh, so every request is waiting on it together.
    fx.server.faults.inject({ kind: 'latency', ms: 150, path: '/oauth/refresh-token' })
    const client = manager.client()
    const results = await Promise.all([...Array.from({ length: 5 }, (_, i) => client.listCalls({ limit: 1, offset: i })), client.groupsTree()])
    expect(results).toHaveLength(6)
    expect(fx.server.faults.requestCount('/oauth/refresh-token')).toBe(1)
    const after = (await saved(id))!
    expect(after.refreshToken).not.toBe(before.refreshToken)
    // And a restart picks up exactly that pair.
    const restarted = fx.manager()
    await restarted.restore()
    await restarted.client().listCalls({ limit: 1 })
    expect(fx.server.faults.requestCount('/oauth/refresh-token')).toBe(1)
  })

  it('signs out, forgets the dead pair and tells the renderer when the server refuses to renew the session', async () => {
    let tell!: (state: AuthState) => void
    const told = new Promise<AuthState>((resolve) => (tell = resolve))
    const manager = fx.manager({ onSignedOutByServer: (state) => tell(state) })
    const id = (await manager.signIn(fx.signIn('Refused'))).activeProfile!.id
    fx.server.faults.expireAccessTokens()
    fx.server.faults.inject({ kind: 'status', status: 401, path: '/oauth/refresh-token' })
    await expect(manager.client().listCalls({ limit: 1 })).rejects.toMatchObject({ kind: 'unauthorized' })
    const pushed = await told
    expect(pushed).toMatchObject({ signedIn: false, activeProfile: { id } })
    expect(await saved(id)).toBeNull()
    expect(() => manager.client()).toThrow(expect.objectContaining({ kind: 'not_signed_in' }))
  })

  it('stays signed in when a refresh fails for lack of network', async () => {
    const manager = fx.manager()
    const id = (await manager.signIn(fx.signIn('Flaky'))).activeProfile!.id
    const before = (await saved(id))!
    fx.server.faults.expireAccessTokens()
    // Every send of the renewal is lost (it is sent again with the same token, up to three times).
    fx.server.faults.inject({ kind: 'reset', path: '/oauth/refresh-token', times: 3 })
    await expect(manager.client().listCalls({ limit: 1 })).rejects.toMatchObject({ kind: 'network' })
    expect((await manager.state()).signedIn).toBe(true)
    expect(await saved(id)).toEqual(expect.objectContaining({ refreshToken: before.refreshToken }))
    // The connection is back: the same token renews the session, and the request goes through.
    await expect(manager.client().listCalls({ limit: 1 })).resolves.toMatchObject({ total: expect.any(Number) })
    expect((await manager.state()).signedIn).toBe(true)
  })

  it('renews with the same token when one renewal answer is lost, without signing out', async () => {
    const manager = fx.manager()
    const id = (await manager.signIn(fx.signIn('Lossy'))).activeProfile!.id
    const before = (await saved(id))!
    fx.server.faults.expireAccessTokens()
    fx.server.faults.inject({ kind: 'reset', path: '/oauth/refresh-token' })
    await expect(manager.client().listCalls({ limit: 1 })).resolves.toMatchObject({ total: expect.any(Number) })
    expect((await manager.state()).signedIn).toBe(true)
    expect((await saved(id))?.refreshToken).not.toBe(before.refreshToken)
  })
})
