/**
 * A damaged qa.sqlite, as the app wires it (createAppServices over the demo server): the call
 * list keeps working with calls shown as not reviewed, the QA area names the file and offers the
 * last backup, and moving it aside and restoring happens only when asked — nothing is deleted.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createAppServices, type AppServices } from '@main/services/app-services'
import { startDemoServer, type DemoServer } from '@main/services/demo-server/index'
import { createLogger } from '@main/services/log'
import { MemorySecretStore } from '@main/services/secrets/memory-secret-store'
import type { StartDemo } from '@main/services/session/session-manager'
import type { AuthState } from '@shared/ipc/contract/auth'
import type { CallDetail, CallListPage } from '@shared/ipc/contract/calls'
import type { QaHealth } from '@shared/ipc/contract/qa-recovery'
import type { IpcResult } from '@shared/errors'

let demo: DemoServer
beforeAll(async () => {
  demo = await startDemoServer({ calls: 300, seed: 5, loginRateLimit: 1000 })
})
afterAll(async () => demo?.close())

const running: AppServices[] = []
afterEach(async () => {
  for (const services of running.splice(0)) await services.close()
})

const startDemo: StartDemo = async () => ({
  apiBaseUrl: demo.apiBaseUrl,
  oauthBaseUrl: demo.oauthBaseUrl,
  login: { email: demo.login.email, password: demo.login.password, orgUnitId: demo.login.org_unit_id }
})

async function start(dataDir: string, keychain: MemorySecretStore) {
  const services = await createAppServices({
    dataDir,
    host: 'harness',
    version: '0.0.0-test',
    fetch: globalThis.fetch,
    log: createLogger({ file: join(dataDir, 'logs', 'main.log') }),
    isTrustedSender: () => true,
    emit: () => {},
    recordingUrl: (callId) => `recording://call/${callId}`,
    openExternal: async () => {},
    keychain,
    startDemo
  })
  running.push(services)
  const raw = (channel: string, payload: unknown = {}): Promise<IpcResult<unknown>> =>
    services.dispatch(channel, payload, { senderUrl: 'app://test' })
  const ask = async <T>(channel: string, payload: unknown = {}): Promise<T> => {
    const result = await raw(channel, payload)
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
    return result.value as T
  }
  return { services, ask, raw }
}

function month() {
  const end = new Date()
  return { start: new Date(end.getTime() - 30 * 86_400_000).toISOString(), end: end.toISOString() }
}

describe('a damaged QA database', () => {
  it('keeps the call list working, names the file, and restores the last backup only when asked', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'qa-damaged-'))
    const keychain = new MemorySecretStore()
    const first = await start(dataDir, keychain)
    const state = await first.ask<AuthState>('auth:signInDemo')
    const page = await first.ask<CallListPage>('calls:list', { query: { ...month(), limit: 10 }, source: 'network' })
    expect(page.items.length).toBeGreaterThan(0)
    expect(await first.ask<QaHealth>('qa:health')).toEqual({ status: 'ok' })
    await first.services.close()
    running.length = 0

    const profileDir = join(dataDir, 'profiles', state.activeProfile?.id as string)
    const qaFile = join(profileDir, 'qa.sqlite')
    // The rolling backup was taken when the database was first opened.
    expect(existsSync(`${qaFile}.backup`)).toBe(true)
    for (const suffix of ['-wal', '-shm']) rmSync(qaFile + suffix, { force: true })
    const damaged = Buffer.concat([Buffer.from('SQLite format 3\u0000'), Buffer.alloc(4080, 0xff)])
    writeFileSync(qaFile, damaged)

    const second = await start(dataDir, keychain)
    const cached = await second.ask<CallListPage>('calls:list', { query: { ...month(), limit: 10 }, source: 'cache' })
    expect(cached.items.map((i) => i.callId)).toEqual(page.items.map((i) => i.callId))
    expect(cached.items.every((i) => !i.reviewed)).toBe(true)
    expect((await second.ask<CallDetail>('calls:get', { callId: page.items[0]!.callId })).reviewed).toBe(false)

    const health = await second.ask<QaHealth>('qa:health')
    expect(health).toMatchObject({ status: 'damaged', file: qaFile, backup: { file: `${qaFile}.backup` } })
    if (health.status !== 'damaged') throw new Error('unreachable')
    expect(health.message).toContain(qaFile)
    expect(health.message).toMatch(/Nothing is deleted/)
    // The QA screens say what is wrong, with the file, instead of "Something went wrong".
    const listed = await second.raw('qa:listTemplates', {})
    expect(listed).toMatchObject({ ok: false, error: { kind: 'damaged_file', path: qaFile } })

    const recovered = await second.ask<{ health: QaHealth; movedTo: string }>('qa:recover', { action: 'restoreBackup' })
    expect(recovered.health).toEqual({ status: 'ok' })
    expect(readFileSync(recovered.movedTo).equals(damaged)).toBe(true)
    expect(existsSync(`${qaFile}.backup`)).toBe(true)
    expect((await second.raw('qa:listTemplates', {})).ok).toBe(true)
    // Asking again with a working database changes nothing.
    expect(await second.raw('qa:recover', { action: 'startAfresh' })).toMatchObject({ ok: false, error: { kind: 'validation' } })
    expect(readdirSync(profileDir).filter((n) => n.includes('.damaged-'))).toHaveLength(1)
  })
})
