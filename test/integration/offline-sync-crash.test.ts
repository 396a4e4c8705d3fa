/**
 * Crash safety of "make available offline" (issue 5): a process is SIGKILLed mid-sync; the
 * library then opens, every page it reported stored is there, no partial recording is served,
 * and a new job resumes and completes without duplicating rows.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { ConvirzaAuth } from '../../src/main/services/convirza/auth'
import { ConvirzaClient } from '../../src/main/services/convirza/client'
import { startDemoServer, type DemoServer } from '../../src/main/services/demo-server/index'
import { CallLibrary } from '../../src/main/services/library/call-library'
import { createLogger } from '../../src/main/services/log'
import { RecordingFiles } from '../../src/main/services/offline/recording-files'
import { SyncService } from '../../src/main/services/offline/sync-service'
import type { SyncProgress } from '../../src/shared/ipc/contract'

let server: DemoServer
beforeAll(async () => {
  server = await startDemoServer({ calls: 2000, seed: 11 })
})
afterAll(async () => server?.close())

it('survives SIGKILL mid-sync: nothing committed is lost, no partial recording is served, resume completes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sync-crash-'))
  const end = new Date().toISOString()
  const query = { start: new Date(Date.parse(end) - 7 * 86_400_000).toISOString(), end }
  // Slow recordings down so the kill lands while a download is being written.
  server.faults.setLatency(40)
  const { email, password, org_unit_id } = server.login
  // node itself runs the child (tsx as a loader), so SIGKILL hits the process doing the work
  // rather than an npx wrapper that would leave it running.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'offline-sync-child.ts'), dir, server.apiBaseUrl, server.oauthBaseUrl, email, password, String(org_unit_id), JSON.stringify(query)],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  let lastSeen: SyncProgress | null = null
  await new Promise<void>((resolve, reject) => {
    let buffer = ''
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      for (const line of lines) {
        lastSeen = JSON.parse(line) as SyncProgress
        if (lastSeen.recordings.done >= 3) {
          child.kill('SIGKILL')
          resolve()
        }
      }
    })
    child.on('exit', () => resolve())
    child.on('error', reject)
  })
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit')
  expect(child.signalCode).toBe('SIGKILL')
  server.faults.setLatency(0)
  const seen = lastSeen as SyncProgress | null
  expect(seen?.state).toBe('running')
  expect(seen!.recordings.done).toBeGreaterThanOrEqual(3)

  const log = createLogger()
  const library = new CallLibrary(dir, { log })
  expect(library.db.pragma('integrity_check', { simple: true })).toBe('ok')
  expect(library.stats().calls).toBe(seen!.calls.total)
  const files = new RecordingFiles(dir, library)
  expect(readdirSync(join(dir, 'recordings')).filter((n) => n.endsWith('.part'))).toEqual([])

  const auth = new ConvirzaAuth({ oauthBaseUrl: server.oauthBaseUrl, fetch, log, persist: async () => {} })
  await auth.login({ email, password, orgUnitId: org_unit_id })
  const client = new ConvirzaClient({ apiBaseUrl: server.apiBaseUrl, fetch, auth, log })
  const events: SyncProgress[] = []
  const sync = new SyncService({ library, files, source: () => client, emit: (p) => events.push(p), log })
  const resumed = await sync.start(query)
  expect(resumed.jobId).toBe(seen!.jobId)
  await sync.idle()
  const done = events.at(-1)!
  expect(done.error).toBeUndefined()
  expect(done.state).toBe('done')
  expect(done.recordings.done).toBe(done.recordings.total)
  expect(library.stats().calls).toBe(seen!.calls.total)
  expect(library.stats().recordings).toBe(done.recordings.total)
}, 60_000)
