import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import { SignInRequestSchema, TokenSignInRequestSchema } from '@shared/ipc/contract/auth'
import { externalLinkUrl, isTrustedServerUrl } from '@shared/url-trust'
import { ConvirzaAuth } from '@main/services/convirza/auth'
import { ConvirzaClient } from '@main/services/convirza/client'
import { quietLog, startFakeApi, type FakeApi } from '@test/fixtures/convirza-fake-api'

let api: FakeApi | undefined
afterEach(async () => {
  await api?.close()
  api = undefined
})

describe('server-supplied and typed-in addresses', () => {
  it('trusts https anywhere and http only on this computer', () => {
    for (const url of ['https://platform-api.convirza.com', 'http://127.0.0.1:5000/x', 'http://localhost:80', 'http://[::1]:8080'])
      expect(isTrustedServerUrl(url), url).toBe(true)
    for (const url of [
      'http://api.example.com',
      'file:///etc/passwd',
      'recording://call/7',
      'app://bundle/index.html',
      'javascript:alert(1)',
      'https://user:pw@example.com',
      'nonsense'
    ])
      expect(isTrustedServerUrl(url), url).toBe(false)
  })

  it('refuses a profile whose API or OAuth host is plain http on the network', () => {
    const base = { profileName: 'A', email: 'a@example.com', password: 'p', orgUnitId: 1 }
    expect(SignInRequestSchema.safeParse({ ...base, apiBaseUrl: 'http://api.example.com' }).success).toBe(false)
    expect(SignInRequestSchema.safeParse({ ...base, oauthBaseUrl: 'http://auth.example.com' }).success).toBe(false)
    expect(SignInRequestSchema.safeParse({ ...base, apiBaseUrl: 'http://127.0.0.1:5000', oauthBaseUrl: 'https://auth.example.com' }).success).toBe(
      true
    )
    expect(TokenSignInRequestSchema.safeParse({ profileName: 'A', accessToken: 't', apiBaseUrl: 'http://10.0.0.5' }).success).toBe(false)
  })

  it('opens only https links to the sites the app links to, normalised', () => {
    expect(externalLinkUrl('https://gitlab.gnome.org/GNOME/gnome-keyring')).toBe('https://gitlab.gnome.org/GNOME/gnome-keyring')
    expect(externalLinkUrl('https://Support.CONVIRZA.com/a/./b')).toBe('https://support.convirza.com/a/b')
    for (const url of [
      'https://evil.example/',
      'https://convirza.com.evil.example/',
      'http://convirza.com/',
      'https://convirza.com:8443/',
      'https://a@convirza.com/'
    ])
      expect(externalLinkUrl(url), url).toBeNull()
  })

  it('never fetches a recording from a file:, custom-scheme or plain-http network address, and names no signature', async () => {
    api = await startFakeApi((_req, res) => void res.end('audio'))
    const auth = new ConvirzaAuth({ oauthBaseUrl: api.url, fetch, log: quietLog(), persist: async () => {} })
    auth.useAccessToken('client-test-token')
    const client = new ConvirzaClient({ apiBaseUrl: api.url, fetch, auth, log: quietLog(), clock: () => new Date('2026-03-01T12:00:00Z') })
    for (const url of ['file:///etc/passwd', 'recording://call/9', 'http://cdn.example.com/rec/9?sig=SECRET']) {
      const error = (await client.openRecording({ call_id: 9, recording_details: { url } }).catch((e: unknown) => e)) as AppError
      expect(error, url).toBeInstanceOf(AppError)
      expect(error.kind).toBe('invalid_response')
      expect(error.message).not.toContain('SECRET')
    }
    expect(api.requests).toHaveLength(0)
    // The loopback demo server's http: recordings still play.
    expect((await client.openRecording({ call_id: 9, recording_details: { url: `${api.url}/rec/9` } })).status).toBe(200)
  })
})
