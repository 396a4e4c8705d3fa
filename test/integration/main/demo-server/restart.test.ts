/**
 * The demo server is new every run, on a new port. An offline job saved against it must carry on
 * after a restart: the calls it stored point their recordings at the old port.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createAppServices, type AppServices } from '@main/services/app-services'
import { startDemoServer, type DemoServer } from '@main/services/demo-server/index'
import { createLogger } from '@main/services/log'
import { MemorySecretStore } from '@main/services/secrets/memory-secret-store'
import type { StartDemo } from '@main/services/session/session-manager'
import type { LibraryStats, SyncProgress } from '@shared/ipc/contract/library'

const servers: DemoServer[] = []
const running: AppServices[] = []
afterEach(async () => {
  for (const services of running.splice(0)) await services.close()
  for (const server of servers.splice(0)) await server.close()
})

/** A run of the app with its own demo server, as the real app starts one per run. */
async function run(dataDir: string, keychain: MemorySecretStore) {
  const demo = await startDemoServer({ calls: 600, seed: 21, loginRateLimit: 1000 })
  servers.push(demo)
  const startDemo: StartDemo = async () => ({
    apiBaseUrl: demo.apiBaseUrl,
    oauthBaseUrl: demo.oauthBaseUrl,
    login: { email: demo.login.email, password: demo.login.password, orgUnitId: demo.login.org_unit_id }
  })
  const events: SyncProgress[] = []
  const services = await createAppServices({
    dataDir,
    host: 'harness',
    version: '0.0.0-test',
    fetch: globalThis.fetch,
    log: createLogger({ file: join(dataDir, 'logs', 'main.log') }),
    isTrustedSender: () => true,
    emit: (event, payload) => {
      if (event === 'sync:progress') events.push(payload as SyncProgress)
    },
    recordingUrl: (callId) => `recording://call/${callId}`,
    openExternal: async () => {},
    keychain,
    startDemo
  })
  running.push(services)
  const ask = async <T>(channel: string, payload: unknown = {}): Promise<T> => {
    const result = await services.dispatch(channel, payload, { senderUrl: 'app://test' })
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
    return result.value as T
  }
  return { demo, services, events, ask }
}

describe('the demo account across restarts', () => {
  it('carries on an offline job saved against the demo server although its port changed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'demo-restart-'))
    const keychain = new MemorySecretStore()
    const first = await run(dataDir, keychain)
    await first.ask('auth:signInDemo')
    first.demo.faults.setLatency(150)
    const end = new Date()
    const query = { start: new Date(end.getTime() - 7 * 86_400_000).toISOString(), end: end.toISOString() }
    const { jobId } = await first.ask<SyncProgress>('sync:start', { query })
    // Every call is stored (with its recording's URL on this port) before the first recordings are in.
    await expect.poll(() => first.events.at(-1)?.recordings.done ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(1)
    const stoppedAt = first.events.at(-1) as SyncProgress
    expect(stoppedAt.calls.done).toBe(stoppedAt.calls.total)
    await first.services.close()
    running.length = 0
    const oldPort = new URL(first.demo.apiBaseUrl).port
    await first.demo.close()
    servers.splice(servers.indexOf(first.demo), 1)

    const second = await run(dataDir, keychain)
    expect(new URL(second.demo.apiBaseUrl).port).not.toBe(oldPort)
    await expect.poll(() => second.events.at(-1)?.state, { timeout: 40_000 }).not.toBe('running')
    const done = second.events.at(-1) as SyncProgress
    expect(done).toMatchObject({ jobId, state: 'done' })
    expect(done.recordings.done).toBe(done.recordings.total)
    expect((await second.ask<LibraryStats>('library:stats')).recordings).toBe(done.recordings.total)
  }, 90_000)
})
