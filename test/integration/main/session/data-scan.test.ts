/**
 * No secret on disk: scan the whole app data folder for the token, the refresh token and the password:
 * zero hits. Every way of signing in, a browse, a renewal, a failed sign-in and a sign-out, then
 * every byte under the data folder is searched for every token the servers handed out.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSessionFixture, filesContaining, type SessionFixture } from '@test/fixtures/session'
import { probeKeychain, testServiceName } from '@test/fixtures/secrets/keychain-probe'

const keychain = await probeKeychain(testServiceName(), 'session-data-scan')

describe.runIf(keychain.run)('the app data folder after a whole session', () => {
  let fx: SessionFixture
  beforeAll(async () => {
    if (keychain.problem) throw new Error(`CALL_REVIEW_REQUIRE_KEYCHAIN=1 but ${keychain.problem}`)
    fx = await createSessionFixture()
  })
  afterAll(async () => fx?.close())

  it('holds no access token, refresh token or password anywhere', async () => {
    const wrongPassword = 'wrong-password-7f3a9c'
    const manager = fx.manager({ startDemo: fx.startDemo })
    await manager.signIn(fx.signIn('Scan'))
    await manager.client().listCalls({ limit: 20, include: ['transcription', 'recordings'] })
    fx.server.faults.expireAccessTokens()
    await manager.client().listCalls({ limit: 5 })
    await manager.signIn(fx.signIn('Scan wrong', { password: wrongPassword })).catch(() => undefined)
    await manager.signInDemo()
    const restarted = fx.manager({ startDemo: fx.startDemo })
    await restarted.restore()
    await restarted.client().listCalls({ limit: 5 })
    await restarted.signOut({ removeCachedData: false })

    expect(fx.tokensSeen.size).toBeGreaterThanOrEqual(6)
    const secrets: Record<string, string> = { password: fx.server.login.password, 'wrong password': wrongPassword }
    ;[...fx.tokensSeen].forEach((token, i) => (secrets[`token ${i}`] = token))
    expect(filesContaining(fx.dataDir, secrets)).toEqual([])
    // The scan covered the files that matter.
    expect(filesContaining(fx.dataDir, { 'any JSON': '"' }).map((h) => h.split(': ')[0])).toEqual(
      expect.arrayContaining([join(fx.dataDir, 'profiles.json'), join(fx.dataDir, 'logs', 'main.log')])
    )
  })
})
