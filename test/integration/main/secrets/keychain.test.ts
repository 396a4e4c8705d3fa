/**
 * KeytarSecretStore against the real keychain (gnome-keyring in a D-Bus session here), not a
 * mock of keytar. Run with: bash scripts/with-keyring.sh npx vitest run test/integration/secrets-*.test.ts
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger, type Logger } from '@main/services/log'
import { KeytarSecretStore } from '@main/services/secrets/keytar-secret-store'
import type { StoredCredentials } from '@main/services/secrets/secret-store'
import { loadKeytar, probeKeychain, removeAllEntries, testServiceName } from '@test/fixtures/secrets/keychain-probe'

const service = testServiceName()
const keychain = await probeKeychain(service, 'secrets-keychain')

const pair = (n: number): StoredCredentials => ({
  accessToken: `access-token-${n}-${service}`,
  refreshToken: `refresh-token-${n}-${service}`,
  accessExpiresAt: '2026-01-08T00:00:00.000Z',
  refreshExpiresAt: '2026-07-01T00:00:00.000Z'
})

describe.runIf(keychain.run)('KeytarSecretStore on the real keychain', () => {
  let logFile: string
  let log: Logger
  let store: KeytarSecretStore

  beforeAll(() => {
    if (keychain.problem) throw new Error(`CALL_REVIEW_REQUIRE_KEYCHAIN=1 but ${keychain.problem}`)
    logFile = join(mkdtempSync(join(tmpdir(), 'secrets-keychain-')), 'main.log')
    log = createLogger({ file: logFile })
    store = new KeytarSecretStore({ log, service })
  })
  afterAll(async () => {
    if (!keychain.problem) await removeAllEntries(service)
  })

  it('reports the keychain available and leaves no probe entry behind', async () => {
    expect(await store.status()).toEqual({ available: true })
    const keytar = await loadKeytar()
    expect(await keytar.findCredentials(service)).toEqual([])
  })

  it('saves a pair, reads it back, and deletes it', async () => {
    expect(await store.get('round-trip')).toBeNull()
    await store.set('round-trip', pair(1))
    expect(await store.get('round-trip')).toEqual(pair(1))
    expect(await store.delete('round-trip')).toBe(true)
    expect(await store.get('round-trip')).toBeNull()
    expect(await store.delete('round-trip')).toBe(false)
  })

  it('stores one entry per profile under the app service: account = profile id, value = JSON of the pair only', async () => {
    await store.set('format', { ...pair(2), password: 'hunter2-password' } as StoredCredentials)
    const raw = await (await loadKeytar()).getPassword(service, 'format')
    expect(JSON.parse(raw!)).toEqual({ version: 1, ...pair(2) })
    expect(raw).not.toContain('hunter2-password')
    await store.delete('format')
  })

  it('replaces the pair when a rotated one is saved', async () => {
    await store.set('rotate', pair(3))
    await store.set('rotate', pair(4))
    expect(await store.get('rotate')).toEqual(pair(4))
    await store.delete('rotate')
  })

  it('keeps a pasted access token without a refresh token', async () => {
    const tokenOnly = { accessToken: `pasted-${service}`, refreshToken: null, accessExpiresAt: null, refreshExpiresAt: null }
    await store.set('token-only', tokenOnly)
    expect(await store.get('token-only')).toEqual(tokenOnly)
    await store.delete('token-only')
  })

  it('keeps two profiles separate', async () => {
    await store.set('agency', pair(5))
    await store.set('client', pair(6))
    expect(await store.get('agency')).toEqual(pair(5))
    expect(await store.get('client')).toEqual(pair(6))
    await store.delete('agency')
    expect(await store.get('agency')).toBeNull()
    expect(await store.get('client')).toEqual(pair(6))
    await store.delete('client')
  })

  it.each([
    ['text that is not JSON', `corrupt-secret-${service}{`],
    ['JSON of the wrong shape', JSON.stringify({ version: 1, accessToken: 7, note: `corrupt-secret-${service}` })],
    ['a format from the future', JSON.stringify({ version: 99, accessToken: `corrupt-secret-${service}` })]
  ])('treats a corrupt entry (%s) as signed out and reports it without its contents', async (_label, text) => {
    await (await loadKeytar()).setPassword(service, 'corrupt', text)
    expect(await store.get('corrupt')).toBeNull()
    const logged = readFileSync(logFile, 'utf8')
    expect(logged).toMatch(/saved sign-in could not be read/)
    expect(logged).not.toContain(`corrupt-secret-${service}`)
    // A fresh sign-in simply replaces it.
    await store.set('corrupt', pair(7))
    expect(await store.get('corrupt')).toEqual(pair(7))
    await store.delete('corrupt')
  })

  it('never writes a token to the log', async () => {
    await store.set('log-check', pair(8))
    await store.get('log-check')
    await store.delete('log-check')
    log.info('after', { echoed: pair(8).accessToken })
    const logged = readFileSync(logFile, 'utf8')
    expect(logged).not.toContain(pair(8).accessToken)
    expect(logged).not.toContain(pair(8).refreshToken!)
  })
})
