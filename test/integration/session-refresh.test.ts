/**
 * Refresh safety (issue 4; calls-api.md: refresh tokens are single-use): the rotated pair is in
 * the keychain before it is used, concurrent requests share one refresh, and only a refresh the
 * server refuses signs the user out. Demo server + the real keychain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuthState } from '../../src/shared/ipc/contract/auth'
import type { SecretStore } from '../../src/main/services/secrets/secret-store'
import { createSessionFixture, type SessionFixture } from './session-fixture'
import { loadKeytar, probeKeychain, testServiceName } from './secrets-keychain-probe'

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
    // The keychain write succeeds, then the "process dies" before the new pair is used.
    const real = fx.keychain()
    const crashing: SecretStore = {
      kind: 'keychain',
      get: (p) => real.get(p),
      delete: (p) => real.delete(p),
      status: () => real.status(),
      set: async (p, value) => {
        await real.set(p, value)
        throw new Error('simulated crash after saving the rotated pair')
      }
    }
    const doomed = fx.manager({ keychain: crashing })
    expect((await doomed.restore()).signedIn).toBe(true)
    fx.server.faults.expireAccessTokens()
    fx.server.faults.resetStats()
    await expect(doomed.client().listCalls({ limit: 1 })).rejects.toThrow('simulated crash')
    expect(fx.server.faults.requestCount('/oauth/refresh-token')).toBe(1)

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

  it('refreshes once when many requests find the access token expired at the same time', async () => {
    const manager = fx.manager()
    const id = (await manager.signIn(fx.signIn('Concurrent'))).activeProfile!.id
    const before = (await saved(id))!
    fx.server.faults.expireAccessTokens()
    fx.server.faults.resetStats()
    // A slow refresh, so every request is waiting on it together.
    fx.server.faults.inject({ kind: 'latency', ms: 150, path: '/oauth/refresh-token' })
    const client = manager.client()
    const results = await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => client.listCalls({ limit: 1, offset: i })),
      client.groupsTree()
    ])
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
    fx.server.faults.inject({ kind: 'reset', path: '/oauth/refresh-token' })
    await expect(manager.client().listCalls({ limit: 1 })).rejects.toMatchObject({ kind: 'network' })
    expect((await manager.state()).signedIn).toBe(true)
    expect(await saved(id)).toEqual(expect.objectContaining({ refreshToken: before.refreshToken }))
  })
})
