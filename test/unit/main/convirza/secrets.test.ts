import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createLogger } from '@main/services/log'
import { ConvirzaAuth, type TokenPair } from '@main/services/convirza/auth'
import { ConvirzaClient } from '@main/services/convirza/client'
import { pathOf, sendJson, startFakeApi, tokenResponse, type FakeApi } from '@test/fixtures/convirza-fake-api'

let api: FakeApi | undefined
afterAll(() => api?.close())

describe('secrets in errors and logs', () => {
  it('no thrown message and no log line contains the access token, refresh token or password, even from a server that echoes them', async () => {
    const password = 'correct-horse-battery-staple'
    const issued = tokenResponse('echo')
    const secrets = [password, issued.access_token, issued.refresh_token]
    let step = 0
    // Every answer quotes back whatever credential the request carried.
    api = await startFakeApi((req, res) => {
      const echo = `you sent ${req.headers.authorization ?? ''} ${req.body}`
      const path = pathOf(req)
      if (path === '/oauth/token') {
        step++
        return step === 1 ? sendJson(res, 401, { message: echo, request_id: 'r1' }) : sendJson(res, 200, issued)
      }
      if (path === '/oauth/refresh-token') return sendJson(res, 400, { message: echo, request_id: 'r2' })
      if (path === '/oauth/revoke-token') return sendJson(res, 500, { message: echo })
      if (path.startsWith('/rec/')) return sendJson(res, 403, { message: `denied ${req.url} for ${echo}` })
      return sendJson(res, 401, { message: echo, request_id: 'r3' })
    })
    const file = join(mkdtempSync(join(tmpdir(), 'convirza-secrets-')), 'main.log')
    const log = createLogger({ file })
    const auth = new ConvirzaAuth({ oauthBaseUrl: api.url, fetch, log, persist: async (_pair: TokenPair) => {} })
    const client = new ConvirzaClient({ apiBaseUrl: api.url, fetch, auth, log })
    const thrown: unknown[] = []
    const attempt = async (work: () => Promise<unknown>): Promise<void> => {
      await work().then(
        () => thrown.push(new Error('expected a failure')),
        (e: unknown) => thrown.push(e)
      )
    }

    await attempt(() => auth.login({ email: 'qa@example.com', password, orgUnitId: 1 }))
    await auth.login({ email: 'qa@example.com', password, orgUnitId: 1 })
    await attempt(() => client.listCalls({}))
    await auth.login({ email: 'qa@example.com', password, orgUnitId: 1 })
    await attempt(() => client.openRecording({ call_id: 1, recording_details: { url: `${api!.url}/rec/1?secret=${issued.access_token}` } }))
    await attempt(() => auth.revoke())

    expect(thrown).toHaveLength(4)
    const messages = thrown.map((e) => {
      const error = e as Error & { cause?: { message?: string } }
      return `${error.message} ${error.cause?.message ?? ''} ${JSON.stringify(error)}`
    })
    const text = messages.join('\n') + readFileSync(file, 'utf8')
    expect(text).toContain('you sent')
    for (const secret of secrets) expect(text).not.toContain(secret)
  })
})
