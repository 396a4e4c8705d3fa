/**
 * The offline library as the app wires it (createAppServices → ProfileResources → RecordingCache
 * and SyncJobs), driven through the IPC handlers and the recording handler the page uses, against
 * the demo server: a job cut short by quitting carries on when the app starts again, a recording
 * plays from disk once cached (and not at all once signed out), clearing cancels a running job, a profile's
 * job runs only while that profile is the signed-in one, and QA finds the calls of a page the
 * moment it is answered, before the page's library write has committed.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createAppServices, type AppServices } from '@main/services/app-services'
import { startDemoServer, type DemoServer } from '@main/services/demo-server/index'
import { LibraryThread } from '@main/services/library/library-thread'
import { createLogger } from '@main/services/log'
import { MemorySecretStore } from '@main/services/secrets/memory-secret-store'
import type { StartDemo } from '@main/services/session/session-manager'
import type { AuthState } from '@shared/ipc/contract/auth'
import type { CallDetail, CallListPage } from '@shared/ipc/contract/calls'
import type { LibraryStats, SyncProgress } from '@shared/ipc/contract/library'

let demo: DemoServer
beforeAll(async () => {
  demo = await startDemoServer({ calls: 2000, seed: 21, loginRateLimit: 1000 })
})
afterAll(async () => demo?.close())

const running: AppServices[] = []
afterEach(async () => {
  vi.restoreAllMocks()
  demo.faults.clear()
  for (const services of running.splice(0)) await services.close()
})

const startDemo: StartDemo = async () => ({
  apiBaseUrl: demo.apiBaseUrl,
  oauthBaseUrl: demo.oauthBaseUrl,
  login: { email: demo.login.email, password: demo.login.password, orgUnitId: demo.login.org_unit_id }
})

/** The app's services over `dataDir`; a second call over the same folder and keychain is the app started again. */
async function start(dataDir: string, keychain: MemorySecretStore) {
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
  return { services, events, ask }
}

/** A week of the demo's calls: a few hundred, with their recordings. */
function week() {
  const end = new Date()
  return { start: new Date(end.getTime() - 7 * 86_400_000).toISOString(), end: end.toISOString() }
}

const newDataDir = () => mkdtempSync(join(tmpdir(), 'library-wiring-'))

type Started = Awaited<ReturnType<typeof start>>

/** Signs in to the demo server's account again as a second profile, for this session only (kept out of the keychain). */
async function signInSecondAccount(ask: Started['ask']): Promise<AuthState> {
  return ask<AuthState>('auth:signIn', {
    profileName: 'Second account',
    email: demo.login.email,
    password: demo.login.password,
    orgUnitId: demo.login.org_unit_id,
    apiBaseUrl: demo.apiBaseUrl,
    oauthBaseUrl: demo.oauthBaseUrl,
    sessionOnly: true
  })
}

/** Store a page of the week's calls and cache one recording (played through the protocol handler); its call id. */
async function cacheCallsAndARecording({ services, ask }: Started): Promise<number> {
  const page = await ask<CallListPage>('calls:list', { query: { ...week(), limit: 30 }, source: 'network' })
  for (const item of page.items) {
    if (!(await ask<CallDetail>('calls:get', { callId: item.callId })).recording.available) continue
    const played = await services.serveRecording(new Request(`recording://call/${item.callId}`, { headers: { Range: 'bytes=0-99' } }))
    expect(played.status).toBe(206)
    await played.arrayBuffer()
    await expect.poll(async () => (await ask<LibraryStats>('library:stats')).recordings, { timeout: 10_000 }).toBe(1)
    return item.callId
  }
  throw new Error('no call of the week has a recording')
}

describe('the offline library as the app wires it', () => {
  it('gives QA the calls of a page from the API the moment it is answered, before its write has committed', async () => {
    const { ask } = await start(newDataDir(), new MemorySecretStore())
    await ask<AuthState>('auth:signInDemo')
    const [template] = await ask<{ id: string }[]>('qa:listTemplates', {})
    // The library thread takes 300 ms over each write, so the page is answered well before it is
    // stored, as on a busy machine.
    const write = LibraryThread.prototype.write
    vi.spyOn(LibraryThread.prototype, 'write').mockImplementation(async function (this: LibraryThread, request) {
      await new Promise((resolve) => setTimeout(resolve, 300))
      return write.call(this, request)
    })
    const page = await ask<CallListPage>('calls:list', { query: { ...week(), limit: 50, offset: 0 }, source: 'network' })
    expect(page.items.length).toBeGreaterThan(0)
    // The session's queue reads each call's facts from the library (CallLibrary#whenShownStored).
    const session = await ask<{ items: { callId: number; call: unknown }[] }>('qa:createSession', {
      name: 'Right after the list',
      templateId: template!.id,
      callIds: page.items.map((item) => item.callId)
    })
    expect(session.items.filter((item) => item.call === null).map((item) => item.callId)).toEqual([])
  })

  it('carries on a job cut short by quitting when the app starts again, to the end', async () => {
    const dataDir = newDataDir()
    const keychain = new MemorySecretStore()
    const first = await start(dataDir, keychain)
    await first.ask<AuthState>('auth:signInDemo')
    demo.faults.setLatency(150)
    const { jobId } = await first.ask<SyncProgress>('sync:start', { query: week() })
    await expect.poll(() => first.events.at(-1)?.recordings.done ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(2)
    await first.services.close()
    running.splice(running.indexOf(first.services), 1)
    const stoppedAt = first.events.at(-1) as SyncProgress
    expect(stoppedAt.state).toBe('running')

    demo.faults.setLatency(0)
    const second = await start(dataDir, keychain)
    // Nothing asked for it: signing the profile back in at start resumed the job.
    expect(second.events[0]).toMatchObject({ jobId, state: 'running' })
    await expect.poll(() => second.events.at(-1)?.state, { timeout: 60_000 }).toBe('done')
    const done = second.events.at(-1) as SyncProgress
    expect(done).toMatchObject({ jobId, calls: { done: stoppedAt.calls.total, total: stoppedAt.calls.total } })
    expect(done.recordings.done).toBe(done.recordings.total)
    expect(await second.ask<SyncProgress>('sync:status')).toMatchObject({ jobId, state: 'done' })
    const stats = await second.ask<LibraryStats>('library:stats')
    expect(stats.recordings).toBe(done.recordings.total)
    expect(stats.recordingBytes).toBeGreaterThan(0)
  })

  it('plays a recording through the API while it caches, then from disk, and serves nothing once signed out', async () => {
    const { services, ask } = await start(newDataDir(), new MemorySecretStore())
    await ask<AuthState>('auth:signInDemo')
    const page = await ask<CallListPage>('calls:list', { query: { ...week(), limit: 50 }, source: 'network' })
    const withRecording: number[] = []
    for (const item of page.items) {
      if ((await ask<CallDetail>('calls:get', { callId: item.callId })).recording.available) withRecording.push(item.callId)
      if (withRecording.length === 2) break
    }
    const [callId, other] = withRecording as [number, number]

    const streamed = await services.serveRecording(new Request(`recording://call/${callId}`, { headers: { Range: 'bytes=0-99' } }))
    expect(streamed.status).toBe(206)
    expect((await streamed.arrayBuffer()).byteLength).toBe(100)
    await expect.poll(async () => (await ask<LibraryStats>('library:stats')).recordings, { timeout: 10_000 }).toBe(1)

    demo.faults.resetStats()
    const fromDisk = await services.serveRecording(new Request(`recording://call/${callId}`, { headers: { Range: 'bytes=100-199' } }))
    expect(fromDisk.status).toBe(206)
    expect(fromDisk.headers.get('content-range')).toMatch(/^bytes 100-199\/\d+$/)
    expect((await fromDisk.arrayBuffer()).byteLength).toBe(100)
    expect(demo.faults.requestCount()).toBe(0)

    // Signed out: the profile's recordings are not served, cached or not.
    await ask<AuthState>('auth:signOut', { removeCachedData: false })
    for (const id of [callId, other]) {
      const refused = await services.serveRecording(new Request(`recording://call/${id}`))
      expect(refused.status).toBe(401)
      expect(await refused.text()).toBe('Sign in to play recordings.')
    }
  })

  it('clears cached calls and recordings, cancelling a running job first, and sets the cache limit through the cache', async () => {
    const dataDir = newDataDir()
    const { events, ask } = await start(dataDir, new MemorySecretStore())
    const state = await ask<AuthState>('auth:signInDemo')
    demo.faults.setLatency(150)
    const { jobId } = await ask<SyncProgress>('sync:start', { query: week() })
    await expect.poll(() => events.at(-1)?.recordings.done ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(1)

    const cleared = await ask<LibraryStats>('library:clear')
    expect(cleared).toMatchObject({ calls: 0, recordings: 0, recordingBytes: 0 })
    expect(events.at(-1)).toMatchObject({ jobId, state: 'cancelled' })
    const recordingsDir = join(dataDir, 'profiles', state.activeProfile?.id as string, 'recordings')
    expect(readdirSync(recordingsDir)).toEqual([])
    expect(await ask<SyncProgress | null>('sync:status')).toBeNull()

    const limited = await ask<LibraryStats>('library:setCacheLimit', { bytes: 200 * 1024 ** 2 })
    expect(limited.recordingCacheLimitBytes).toBe(200 * 1024 ** 2)
    expect((await ask<LibraryStats>('library:stats')).recordingCacheLimitBytes).toBe(200 * 1024 ** 2)
  })

  it('stops a profile’s job when it signs out, without failing it, and carries it on only once it is signed in again', async () => {
    const dataDir = newDataDir()
    const keychain = new MemorySecretStore()
    const first = await start(dataDir, keychain)
    await first.ask<AuthState>('auth:signInDemo')
    demo.faults.setLatency(150)
    const { jobId } = await first.ask<SyncProgress>('sync:start', { query: week() })
    await expect.poll(() => first.events.at(-1)?.recordings.done ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(1)
    await first.ask<AuthState>('auth:signOut', { removeCachedData: false })
    const stopped = first.events.length
    expect(await first.ask<SyncProgress>('sync:status')).toMatchObject({ jobId, state: 'cancelled' })

    // Started again signed out: the profile is still the active one, and reading its job does not restart it.
    await first.services.close()
    running.splice(running.indexOf(first.services), 1)
    demo.faults.setLatency(0)
    const second = await start(dataDir, keychain)
    expect(await second.ask<SyncProgress>('sync:status')).toMatchObject({ jobId, state: 'cancelled' })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect([...first.events.slice(stopped), ...second.events]).toEqual([])

    await second.ask<AuthState>('auth:signInDemo')
    await expect.poll(() => second.events.at(-1)?.state, { timeout: 60_000 }).toBe('done')
    expect(second.events.every((e) => e.jobId === jobId)).toBe(true)
    expect([...first.events, ...second.events].some((e) => e.state === 'failed')).toBe(false)
  })

  it('stops a profile’s job without failing it while another profile is active, and carries it on when it is back', async () => {
    const { events, ask } = await start(newDataDir(), new MemorySecretStore())
    const first = await ask<AuthState>('auth:signInDemo')
    demo.faults.setLatency(150)
    const { jobId } = await ask<SyncProgress>('sync:start', { query: week() })
    await expect.poll(() => events.at(-1)?.recordings.done ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(1)

    await signInSecondAccount(ask)
    const stopped = events.length
    // The second profile has no job; the first one's is neither failed nor running on.
    expect(await ask<SyncProgress | null>('sync:status')).toBeNull()
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(events.slice(stopped)).toEqual([])
    expect(events.some((e) => e.state === 'failed')).toBe(false)

    demo.faults.setLatency(0)
    await ask<AuthState>('auth:switchProfile', { profileId: first.activeProfile?.id })
    await expect.poll(() => events.at(-1)?.state, { timeout: 60_000 }).toBe('done')
    expect(events.at(-1)).toMatchObject({ jobId })
    expect(events.slice(stopped).every((e) => e.jobId === jobId)).toBe(true)
  })
  it('clears one profile’s cached calls and recordings and leaves another profile’s alone', async () => {
    const dataDir = newDataDir()
    const app = await start(dataDir, new MemorySecretStore())
    const first = await app.ask<AuthState>('auth:signInDemo')
    const firstCall = await cacheCallsAndARecording(app)
    const firstStats = await app.ask<LibraryStats>('library:stats')
    expect(firstStats.calls).toBeGreaterThan(0)

    const second = await signInSecondAccount(app.ask)
    expect(second.activeProfile?.id).not.toBe(first.activeProfile?.id)
    await cacheCallsAndARecording(app)
    expect(await app.ask<LibraryStats>('library:clear')).toMatchObject({ calls: 0, recordings: 0, recordingBytes: 0 })
    expect(readdirSync(join(dataDir, 'profiles', second.activeProfile?.id as string, 'recordings'))).toEqual([])

    await app.ask<AuthState>('auth:switchProfile', { profileId: first.activeProfile?.id })
    expect(await app.ask<LibraryStats>('library:stats')).toMatchObject({
      calls: firstStats.calls,
      recordings: 1,
      recordingBytes: firstStats.recordingBytes
    })
    const firstRecordings = readdirSync(join(dataDir, 'profiles', first.activeProfile?.id as string, 'recordings'))
    expect(firstRecordings).toHaveLength(1)
    expect(firstRecordings[0]).toMatch(new RegExp(`^${firstCall}\\.`))
    const cached = await app.ask<CallListPage>('calls:list', { query: { ...week(), limit: 30 }, source: 'cache' })
    expect(cached.items).toHaveLength(30)
  })

  it('still lists calls from the API when the library file is damaged, and clearing it starts a fresh one', async () => {
    const dataDir = newDataDir()
    const keychain = new MemorySecretStore()
    const first = await start(dataDir, keychain)
    const state = await first.ask<AuthState>('auth:signInDemo')
    await cacheCallsAndARecording(first)
    await first.services.close()
    running.splice(running.indexOf(first.services), 1)
    const profileDir = join(dataDir, 'profiles', state.activeProfile?.id as string)
    for (const name of ['library.sqlite-wal', 'library.sqlite-shm']) rmSync(join(profileDir, name), { force: true })
    writeFileSync(join(profileDir, 'library.sqlite'), 'this is not a database; '.repeat(500))
    writeFileSync(join(profileDir, 'library.sqlite.bak-v1'), 'a copy from before an upgrade')
    mkdirSync(join(profileDir, 'recordings'), { recursive: true })

    const second = await start(dataDir, keychain)
    const page = await second.ask<CallListPage>('calls:list', { query: { ...week(), limit: 30 }, source: 'network' })
    expect(page).toMatchObject({ source: 'network' })
    expect(page.items).toHaveLength(30)
    await expect(second.ask('library:stats')).rejects.toThrow(/is damaged and cannot be read\. Clear the cached data in Settings/)

    expect(await second.ask<LibraryStats>('library:clear')).toMatchObject({ calls: 0, recordings: 0, recordingBytes: 0 })
    expect(existsSync(join(profileDir, 'library.sqlite.bak-v1'))).toBe(false)
    expect(readdirSync(join(profileDir, 'recordings'))).toEqual([])
    await second.ask<CallListPage>('calls:list', { query: { ...week(), limit: 30 }, source: 'network' })
    const cached = await second.ask<CallListPage>('calls:list', { query: { ...week(), limit: 30 }, source: 'cache' })
    expect(cached.items.map((i) => i.callId)).toEqual(page.items.map((i) => i.callId))
  })
})
