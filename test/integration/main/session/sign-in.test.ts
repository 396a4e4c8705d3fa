/**
 * Sign-in, restore, sign-out and profile switching against the demo server and the real
 * keychain (run via scripts/with-keyring.sh; skipped with a reason elsewhere).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoServer } from '@main/services/demo-server/index'
import { AppError } from '@shared/errors'
import { AuthStateSchema } from '@shared/ipc/contract/auth'
import { ProfileRepository } from '@main/services/profiles/profile-repository'
import type { SecretStore } from '@main/services/secrets/secret-store'
import { createAuthHandlers } from '@main/services/session/handlers'
import { createSessionFixture, type SessionFixture } from '@test/fixtures/session'
import { loadKeytar, probeKeychain, testServiceName } from '@test/fixtures/secrets/keychain-probe'

const keychain = await probeKeychain(testServiceName(), 'session-sign-in')

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

describe.runIf(keychain.run)('SessionManager sign-in with the real keychain', () => {
  let fx: SessionFixture
  beforeAll(async () => {
    if (keychain.problem) throw new Error(`CALL_REVIEW_REQUIRE_KEYCHAIN=1 but ${keychain.problem}`)
    fx = await createSessionFixture()
  })
  afterAll(async () => fx?.close())

  it('signs in, and a new manager over the same data folder and keychain is still signed in', async () => {
    const first = fx.manager()
    const state = await first.signIn(fx.signIn('Restore'))
    expect(state).toMatchObject({
      signedIn: true,
      keychain: { available: true },
      activeProfile: { name: 'Restore', demo: false, sessionOnly: false }
    })
    expect(state.activeProfile?.user).toEqual({ userId: 1001, email: fx.server.login.email, orgUnitId: fx.server.login.org_unit_id })
    const saved = await (await loadKeytar()).getPassword(fx.service, state.activeProfile!.id)
    expect(JSON.parse(saved!)).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String) })

    const restarted = fx.manager()
    const restored = await restarted.restore()
    expect(restored).toMatchObject({ signedIn: true, activeProfile: { id: state.activeProfile!.id } })
    const logins = fx.server.faults.requestCount('/oauth/token')
    const page = await restarted.client().listCalls({ limit: 5 })
    expect(page.calls.length).toBeGreaterThan(0)
    expect(fx.server.faults.requestCount('/oauth/token')).toBe(logins)
  })

  it('signs out: revokes the token, removes the keychain entry, keeps cached data, and stays signed out after a restart', async () => {
    const manager = fx.manager()
    const { activeProfile } = await manager.signIn(fx.signIn('Sign out'))
    const id = activeProfile!.id
    const keytar = await loadKeytar()
    const pair = JSON.parse((await keytar.getPassword(fx.service, id))!) as { accessToken: string }
    const cached = join(new ProfileRepository({ dataDir: fx.dataDir, log: fx.log }).profileDir(id), 'library.sqlite')
    mkdirSync(join(cached, '..'), { recursive: true })
    writeFileSync(cached, 'cached calls')

    const state = await manager.signOut({ removeCachedData: false })
    expect(state.signedIn).toBe(false)
    expect(state.activeProfile?.id).toBe(id)
    expect(await keytar.getPassword(fx.service, id)).toBeNull()
    expect(() => manager.client()).toThrow(expect.objectContaining({ kind: 'not_signed_in' }))
    expect(existsSync(cached)).toBe(true)
    const afterRevoke = await fetch(`${fx.server.apiBaseUrl}/v3/conversations/calls?limit=1`, {
      headers: { authorization: `Bearer ${pair.accessToken}` }
    })
    expect(afterRevoke.status).toBe(401)

    expect((await fx.manager().restore()).signedIn).toBe(false)
  })

  it('removes the cached calls and recordings too when asked, telling per-profile services first, and keeps the QA work', async () => {
    const changes: string[] = []
    const manager = fx.manager()
    manager.onChange((c) => void changes.push(c.type))
    const { activeProfile } = await manager.signIn(fx.signIn('Remove data'))
    const dir = new ProfileRepository({ dataDir: fx.dataDir, log: fx.log }).profileDir(activeProfile!.id)
    mkdirSync(join(dir, 'recordings'), { recursive: true })
    writeFileSync(join(dir, 'library.sqlite'), 'cached calls')
    writeFileSync(join(dir, 'recordings', '42.wav'), 'cached recording')
    writeFileSync(join(dir, 'qa.sqlite'), 'reviews, notes and sessions')
    await manager.signOut({ removeCachedData: true })
    expect(existsSync(join(dir, 'library.sqlite'))).toBe(false)
    expect(existsSync(join(dir, 'recordings'))).toBe(false)
    expect(existsSync(join(dir, 'qa.sqlite'))).toBe(true)
    expect(changes).toEqual(['signed-in', 'signed-out', 'removing-data'])
  })

  it('shows the server’s message for a wrong password, and keeps no profile or keychain entry', async () => {
    const manager = fx.manager()
    const before = (await manager.state()).profiles.length
    const error = await rejection(manager.signIn(fx.signIn('Wrong', { password: 'not-the-password' })))
    expect(error.kind).toBe('unauthorized')
    expect(error.message).toContain('Invalid email, password or org unit')
    expect(error.message).not.toContain('not-the-password')
    const state = await manager.state()
    expect(state.profiles).toHaveLength(before)
    expect(state.profiles.some((p) => p.name === 'Wrong')).toBe(false)
  })

  it('says when to retry once the login rate limit is reached', async () => {
    const limited = await startDemoServer({ calls: 5, loginRateLimit: 1 })
    try {
      const manager = fx.manager()
      const input = fx.signIn('Limited', { apiBaseUrl: limited.apiBaseUrl, oauthBaseUrl: limited.oauthBaseUrl, password: 'wrong' })
      await rejection(manager.signIn(input))
      const error = await rejection(manager.signIn(input))
      expect(error.kind).toBe('rate_limited')
      expect(error.retryAfterSeconds).toBeGreaterThan(0)
      expect(error.message).toMatch(/Wait \d+ seconds? and try again/)
    } finally {
      await limited.close()
    }
  })

  it('says the network is down when the sign-in server cannot be reached', async () => {
    const gone = await startDemoServer({ calls: 5 })
    await gone.close()
    const error = await rejection(fx.manager().signIn(fx.signIn('Offline', { apiBaseUrl: gone.apiBaseUrl, oauthBaseUrl: gone.oauthBaseUrl })))
    expect(error.kind).toBe('network')
  })

  it('stops a sign-in whose server never answers when asked, saving nothing, and can sign in after', async () => {
    // A sign-in host that takes the request and never answers (a hung proxy).
    const hung = createServer(() => undefined)
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve))
    const oauthBaseUrl = `http://127.0.0.1:${(hung.address() as AddressInfo).port}`
    try {
      const manager = fx.manager()
      const before = (await manager.state()).profiles.length
      expect(manager.cancelSignIn()).toBe(false)
      const pending = rejection(manager.signIn(fx.signIn('Hung', { oauthBaseUrl })))
      await new Promise((resolve) => setTimeout(resolve, 200))
      const started = Date.now()
      expect(manager.cancelSignIn()).toBe(true)
      const error = await pending
      expect(error.kind).toBe('cancelled')
      expect(error.message).toBe('Signing in was cancelled; nothing was saved.')
      expect(Date.now() - started).toBeLessThan(2_000)
      expect((await manager.state()).profiles).toHaveLength(before)
      // The queue is free: the next sign-in goes ahead.
      expect((await manager.signIn(fx.signIn('After the hung one'))).signedIn).toBe(true)
    } finally {
      hung.closeAllConnections()
      await new Promise((resolve) => hung.close(resolve))
    }
  })

  it('reuses the profile (and its cached data) when the same account signs in again', async () => {
    const manager = fx.manager()
    const first = await manager.signIn(fx.signIn('Same account'))
    await manager.signOut({ removeCachedData: false })
    const again = await manager.signIn(fx.signIn('Same account'))
    expect(again.activeProfile?.id).toBe(first.activeProfile?.id)
    expect(again.profiles.filter((p) => p.name === 'Same account')).toHaveLength(1)
  })

  it('takes an endpoint pasted with the addresses off, so "…/v3" and "…/oauth/token" sign in and list calls', async () => {
    const manager = fx.manager()
    const state = await manager.signIn(
      fx.signIn('Pasted paths', { apiBaseUrl: `${fx.server.apiBaseUrl}/v3/`, oauthBaseUrl: `${fx.server.oauthBaseUrl}/oauth/token?x=1` })
    )
    expect(state.activeProfile).toMatchObject({ apiBaseUrl: fx.server.apiBaseUrl, oauthBaseUrl: fx.server.oauthBaseUrl })
    expect((await manager.client().listCalls({ limit: 1 })).calls.length).toBe(1)
  })

  it('says a wrong API address is the address, and correcting it on the signed-out profile fixes that profile', async () => {
    const manager = fx.manager()
    const wrong = await manager.signIn(fx.signIn('Corrected', { apiBaseUrl: `${fx.server.apiBaseUrl}/api` }))
    const id = wrong.activeProfile!.id
    const error = await rejection(manager.client().listCalls({ limit: 1 }))
    expect(error.kind).toBe('not_found')
    expect(error.message).toContain('the API address does not lead to a Convirza API')
    expect(error.message).toContain('correct it under Advanced')
    expect(error.message).not.toMatch(/may have been removed/)

    await manager.signOut({ removeCachedData: false })
    const fixed = await manager.signIn(fx.signIn('Corrected', { profileId: id }))
    expect(fixed.activeProfile).toMatchObject({ id, apiBaseUrl: fx.server.apiBaseUrl })
    expect(fixed.profiles.filter((p) => p.name === 'Corrected')).toHaveLength(1)
    expect((await manager.client().listCalls({ limit: 1 })).calls.length).toBe(1)

    // Another login from the same screen is not folded into this profile (its library is this login's).
    await manager.signOut({ removeCachedData: false })
    const other = await manager.signIn(
      fx.signIn('Corrected', { profileId: id, email: 'owner@lakeside-dental.example', password: 'lakeside-password', orgUnitId: 5000 })
    )
    expect(other.activeProfile?.id).not.toBe(id)
  })

  it('says at start that a locked keychain kept the saved sign-in closed, until the profile signs in again', async () => {
    const first = await fx.manager().signIn(fx.signIn('Locked keychain'))
    const real = fx.keychain()
    // The keychain answers (status) but will not give the entry: a locked login keyring.
    const locked: SecretStore = {
      kind: 'keychain',
      get: () => Promise.reject(new Error('Cannot get secret: the keyring is locked')),
      set: (id, value) => real.set(id, value),
      delete: (id) => real.delete(id),
      status: () => real.status()
    }
    const restarted = fx.manager({ keychain: locked })
    const state = await restarted.restore()
    expect(state).toMatchObject({ signedIn: false, activeProfile: { id: first.activeProfile!.id } })
    expect(state.restoreProblem).toContain('(Cannot get secret: the keyring is locked)')
    expect(state.restoreProblem).toContain('unlock it and restart Call Review')
    expect(AuthStateSchema.safeParse(state).success).toBe(true)
    const again = await restarted.signIn(fx.signIn('Locked keychain', { profileId: first.activeProfile!.id }))
    expect(again.signedIn).toBe(true)
    expect(again.restoreProblem).toBeUndefined()
  })

  it('switches between two signed-in profiles without signing in again, each with its own keychain entry', async () => {
    const manager = fx.manager()
    const a = (await manager.signIn(fx.signIn('Client A'))).activeProfile!
    const b = (
      await manager.signIn(fx.signIn('Client B', { email: 'roofing.manager@callreview.example', password: 'roofing-password', orgUnitId: 1100 }))
    ).activeProfile!
    expect(b.id).not.toBe(a.id)
    expect(b.user?.orgUnitId).toBe(1100)
    const logins = fx.server.faults.requestCount('/oauth/token')

    const switched = await manager.switchProfile(a.id)
    expect(switched).toMatchObject({ signedIn: true, activeProfile: { id: a.id } })
    await manager.client().listCalls({ limit: 1 })
    await manager.switchProfile(b.id)
    await manager.client().listCalls({ limit: 1 })
    expect(fx.server.faults.requestCount('/oauth/token')).toBe(logins)

    const keytar = await loadKeytar()
    expect(await keytar.getPassword(fx.service, a.id)).not.toEqual(await keytar.getPassword(fx.service, b.id))
    await expect(manager.switchProfile('nosuchprofile')).rejects.toMatchObject({ kind: 'not_found' })
  })

  it('signs in with a pasted access token after checking it, and refuses one the server does not accept', async () => {
    const direct = await fetch(`${fx.server.oauthBaseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fx.server.login)
    })
    const { access_token } = (await direct.json()) as { access_token: string }
    const manager = fx.manager()
    const state = await manager.signInWithToken({
      profileName: 'Pasted',
      accessToken: access_token,
      apiBaseUrl: fx.server.apiBaseUrl,
      sessionOnly: false
    })
    expect(state).toMatchObject({ signedIn: true, activeProfile: { name: 'Pasted', user: null } })
    const saved = JSON.parse((await (await loadKeytar()).getPassword(fx.service, state.activeProfile!.id))!)
    expect(saved).toMatchObject({ accessToken: access_token, refreshToken: null })

    const profiles = state.profiles.length
    const error = await rejection(
      manager.signInWithToken({ profileName: 'Bad token', accessToken: 'not-a-real-token', apiBaseUrl: fx.server.apiBaseUrl, sessionOnly: false })
    )
    expect(error.kind).toBe('unauthorized')
    expect(error.message).not.toContain('not-a-real-token')
    const after = await manager.state()
    expect(after.profiles).toHaveLength(profiles)
    expect(after.activeProfile?.id).toBe(state.activeProfile!.id)
  })

  it('signs in to the demo account, and reopens it at the next start on a newly started demo server', async () => {
    const manager = fx.manager({ startDemo: fx.startDemo })
    const state = await manager.signInDemo()
    expect(state).toMatchObject({ signedIn: true, activeProfile: { name: 'Demo account', demo: true } })
    const restarted = fx.manager({ startDemo: fx.startDemo })
    const restored = await restarted.restore()
    expect(restored).toMatchObject({ signedIn: true, activeProfile: { id: state.activeProfile!.id, demo: true } })
    expect(restored.activeProfile!.apiBaseUrl).not.toBe(state.activeProfile!.apiBaseUrl)
    expect((await restarted.client().listCalls({ limit: 1 })).calls).toHaveLength(1)
    await restarted.signOut({ removeCachedData: false })
    expect((await fx.manager({ startDemo: fx.startDemo }).restore()).signedIn).toBe(false)
  })

  it('answers the auth channels with contract AuthStates that hold no token', async () => {
    const handlers = createAuthHandlers(fx.manager(), fx.startDemo)
    const caller = { senderUrl: 'app://test' }
    const input = fx.signIn('Handlers')
    const signedIn = await handlers['auth:signIn'](input, caller)
    expect(AuthStateSchema.strict().parse(signedIn)).toEqual(signedIn)
    const saved = (await (await loadKeytar()).getPassword(fx.service, signedIn.activeProfile!.id))!
    const { accessToken, refreshToken } = JSON.parse(saved) as { accessToken: string; refreshToken: string }
    for (const state of [signedIn, await handlers['auth:state']({}, caller)]) {
      const text = JSON.stringify(state)
      for (const secret of [accessToken, refreshToken, input.password]) expect(text).not.toContain(secret)
    }
    expect((await handlers['auth:signOut']({ removeCachedData: false }, caller)).signedIn).toBe(false)
    expect((await handlers['auth:switchProfile']({ profileId: signedIn.activeProfile!.id }, caller)).signedIn).toBe(false)
  })
})
