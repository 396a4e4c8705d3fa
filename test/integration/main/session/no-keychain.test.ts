/**
 * Signing in where no Secret Service can be reached. The real keytar, in this test file's own
 * process (Vitest runs each file in a fork), with its D-Bus address pointing at nothing — so
 * this runs everywhere, with or without scripts/with-keyring.sh.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProfileRepository } from '@main/services/profiles/profile-repository'
import { createSessionFixture, filesContaining, type SessionFixture } from '@test/fixtures/session'

// Before keytar first connects: libsecret reads the address once per process.
process.env['DBUS_SESSION_BUS_ADDRESS'] = 'unix:path=/nonexistent/call-review-test-bus'
delete process.env['DISPLAY']
delete process.env['WAYLAND_DISPLAY']

describe.runIf(process.platform === 'linux')('SessionManager without a keychain', () => {
  let fx: SessionFixture
  beforeAll(async () => {
    fx = await createSessionFixture()
  })
  afterAll(async () => fx?.close())

  it('refuses a saved sign-in before spending a login attempt, saying what to install and offering session-only', async () => {
    const manager = fx.manager()
    fx.server.faults.resetStats()
    const error = await manager.signIn(fx.signIn('Needs keychain')).catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: 'keychain_unavailable' })
    expect((error as Error).message).toContain('sudo apt install gnome-keyring libsecret-1-0')
    expect((error as Error).message).toMatch(/session only/)
    expect(fx.server.faults.requestCount('/oauth/token')).toBe(0)
    const state = await manager.state()
    expect(state.keychain).toEqual({ available: false, message: expect.stringContaining('gnome-keyring') })
    expect(state.profiles.some((p) => p.name === 'Needs keychain')).toBe(false)
  })

  it('signs in for this session only: works, renews in memory, writes no token anywhere, and is gone after a restart', async () => {
    const manager = fx.manager()
    const state = await manager.signIn(fx.signIn('Session only', { sessionOnly: true }))
    expect(state).toMatchObject({ signedIn: true, activeProfile: { name: 'Session only', sessionOnly: true } })
    await manager.client().listCalls({ limit: 1 })
    fx.server.faults.expireAccessTokens()
    await manager.client().listCalls({ limit: 1 })

    const restarted = await fx.manager().restore()
    expect(restarted).toMatchObject({ signedIn: false, activeProfile: { id: state.activeProfile!.id, sessionOnly: true } })
    expect(filesContaining(fx.dataDir, { password: fx.server.login.password })).toEqual([])

    expect((await manager.signOut({ removeCachedData: false })).signedIn).toBe(false)
  })

  it('opens a saved profile signed out, without failing, when the keychain has gone away', async () => {
    const profiles = new ProfileRepository({ dataDir: fx.dataDir, log: fx.log })
    const saved = profiles.create({ name: 'Was saved', apiBaseUrl: fx.server.apiBaseUrl, oauthBaseUrl: fx.server.oauthBaseUrl })
    profiles.setActive(saved.id)
    const state = await fx.manager().restore()
    expect(state).toMatchObject({ signedIn: false, activeProfile: { id: saved.id }, keychain: { available: false } })
  })

  it('runs the demo account session-only', async () => {
    const state = await fx.manager({ startDemo: fx.startDemo }).signInDemo()
    expect(state).toMatchObject({ signedIn: true, activeProfile: { demo: true, sessionOnly: true } })
  })

  it('never falls back to a file: no file in the data folder holds a token or the password', async () => {
    expect(fx.tokensSeen.size).toBeGreaterThanOrEqual(4)
    const secrets = Object.fromEntries([...fx.tokensSeen].map((t, i) => [`token ${i}`, t]))
    expect(filesContaining(fx.dataDir, { ...secrets, password: fx.server.login.password })).toEqual([])
    // The scan did look at something: the profiles and the log are there.
    expect(filesContaining(fx.dataDir, { 'any JSON': '"' }).map((h) => h.split(': ')[0])).toEqual(
      expect.arrayContaining([join(fx.dataDir, 'profiles.json'), join(fx.dataDir, 'logs', 'main.log')])
    )
  })
})
