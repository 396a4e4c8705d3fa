import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import { createLogger } from '@main/services/log'
import { classifyKeychainFailure, keychainUnavailable } from '@main/services/secrets/keychain-errors'
import { KeytarSecretStore, type KeytarApi } from '@main/services/secrets/keytar-secret-store'
import { parseCredentials, serializeCredentials } from '@main/services/secrets/secret-store'

describe('keychain failures', () => {
  // The messages below are what keytar 7 / libsecret actually print on Linux in each situation.
  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'no_dbus'],
    ['Could not connect: No such file or directory', 'no_dbus'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'no_provider'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'locked'],
    ['Cannot create an item in a locked collection', 'locked'],
    ['Something else entirely', 'other']
  ] as const)('classifies "%s" as %s', (message, kind) => {
    expect(classifyKeychainFailure(new Error(message))).toBe(kind)
  })

  it('tells a Linux user what is missing, how to install it, and that a session-only sign-in works', () => {
    const error = keychainUnavailable(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'), 'linux')
    expect(error).toBeInstanceOf(AppError)
    expect(error.kind).toBe('keychain_unavailable')
    expect(error.message).toMatch(/no D-Bus session/)
    expect(error.message).toContain('sudo apt install gnome-keyring libsecret-1-0')
    expect(error.message).toMatch(/KWallet/)
    expect(error.message).toMatch(/session only/)
  })

  it('points macOS and Windows users at their system keychain', () => {
    expect(keychainUnavailable(new Error('User interaction is not allowed.'), 'darwin').message).toMatch(/macOS login keychain/)
    expect(keychainUnavailable(new Error('Element not found.'), 'win32').message).toMatch(/Windows Credential Manager/)
  })
})

describe('the stored entry format', () => {
  const pair = { accessToken: 'acc-123456', refreshToken: null, accessExpiresAt: '2026-01-08T00:00:00Z', refreshExpiresAt: null }

  it('round-trips a pair without a refresh token (a pasted access token)', () => {
    expect(parseCredentials(serializeCredentials(pair))).toEqual({ ok: true, value: pair })
  })

  it('refuses to write an empty access token', () => {
    expect(() => serializeCredentials({ ...pair, accessToken: '' })).toThrow()
  })

  it('reports text that is not JSON without quoting it', () => {
    const result = parseCredentials('secret-token-text{')
    expect(result.ok).toBe(false)
    expect(JSON.stringify(result)).not.toContain('secret-token-text')
  })

  it('reports JSON of the wrong shape by naming the fields, not their values', () => {
    const result = parseCredentials(JSON.stringify({ version: 1, accessToken: 42, refreshToken: 'r-secret' }))
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('accessToken') })
    expect(JSON.stringify(result)).not.toContain('r-secret')
  })
})

describe('KeytarSecretStore when keytar cannot load (libsecret missing)', () => {
  // libsecret cannot be uninstalled for a test, so this one case injects the loader's failure.
  const missingLibsecret = (): Promise<KeytarApi> =>
    Promise.reject(new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory'))

  it('reports unavailable from status() and throws keychain_unavailable from every call, without crashing', async () => {
    const logFile = join(mkdtempSync(join(tmpdir(), 'secrets-')), 'main.log')
    const store = new KeytarSecretStore({ log: createLogger({ file: logFile }), platform: 'linux', loadKeytar: missingLibsecret })
    const status = await store.status()
    expect(status.available).toBe(false)
    expect(status.message).toMatch(/libsecret is missing/)
    expect(status.message).toContain('gnome-keyring')
    const pair = { accessToken: 'tok-abcdef', refreshToken: 'ref-abcdef', accessExpiresAt: null, refreshExpiresAt: null }
    await expect(store.set('p1', pair)).rejects.toMatchObject({ kind: 'keychain_unavailable' })
    await expect(store.get('p1')).rejects.toMatchObject({ kind: 'keychain_unavailable' })
    await expect(store.delete('p1')).rejects.toMatchObject({ kind: 'keychain_unavailable' })
    expect(readFileSync(logFile, 'utf8')).not.toMatch(/tok-abcdef|ref-abcdef/)
  })

  it('tries loading again on the next call, so installing libsecret works without a restart', async () => {
    let installed = false
    const saved = new Map<string, string>()
    const fake: KeytarApi = {
      getPassword: async (_s, a) => saved.get(a) ?? null,
      setPassword: async (_s, a, v) => void saved.set(a, v),
      deletePassword: async (_s, a) => saved.delete(a)
    }
    const store = new KeytarSecretStore({
      log: createLogger(),
      platform: 'linux',
      loadKeytar: () => (installed ? Promise.resolve(fake) : missingLibsecret())
    })
    expect((await store.status()).available).toBe(false)
    installed = true
    expect(await store.status()).toEqual({ available: true })
  })
})
