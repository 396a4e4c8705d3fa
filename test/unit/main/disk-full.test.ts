/**
 * A disk that fills up while a recording downloads, while reviews are exported, and while an
 * offline sync downloads its recordings (issue 14, "A full or read-only disk is an error the user
 * can act on"). No tmpfs can be made small here, so ENOSPC is injected at the fs layer each
 * piece of code writes through (node:fs/promises FileHandle#write for recordings, node:fs
 * writeSync for exports); everything else — SQLite, the HTTP server, the folders — is real.
 * Each ends in a typed `disk_full` error naming where, and loses nothing saved before.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CallRecordSchema } from '@shared/convirza/schemas'
import { AppError } from '@shared/errors'
import type { SyncProgress } from '@shared/ipc/contract/library'
import { RecordingCache } from '@main/services/library/recording-cache'
import { SyncJobs } from '@main/services/library/sync-jobs'
import { writeExport } from '@main/services/qa/export'
import { QaRepository } from '@main/services/qa/qa-repository'
import { DEFAULT_TEMPLATE_ID } from '@shared/qa/default-template'
import { wavBytes } from '@test/fixtures/library/audio-bytes'
import { tempProfileDir } from '@test/fixtures/library/library-setup'
import { recordingCacheSetup } from '@test/fixtures/library/recording-cache-setup'

/**
 * Which writes fail with ENOSPC; `after` lets that many succeed first, `bytes` (when set) lets
 * file-handle writes succeed until that many bytes are written — independent of how the HTTP
 * stream happens to chunk a recording on this machine.
 */
const full = vi.hoisted(() => ({ handleWrites: false, writeSync: false, after: 0, bytes: null as number | null }))

function enospc(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' })
}

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>()
  const open = async (...args: Parameters<typeof actual.open>) => {
    const handle = await actual.open(...args)
    return new Proxy(handle, {
      get(target, key) {
        if (key === 'write' && full.handleWrites)
          return async (...rest: unknown[]) => {
            if (full.bytes !== null) {
              const chunk = rest[0] as { byteLength?: number; length?: number }
              full.bytes -= chunk.byteLength ?? chunk.length ?? 0
              if (full.bytes >= 0) return (target.write as (...a: unknown[]) => Promise<unknown>)(...rest)
              throw enospc()
            }
            if (full.after-- > 0) return (target.write as (...a: unknown[]) => Promise<unknown>)(...rest)
            throw enospc()
          }
        const value = Reflect.get(target, key) as unknown
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
      }
    })
  }
  return { ...actual, open, default: { ...actual, open } }
})

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>()
  const writeSync = ((...args: Parameters<typeof actual.writeSync>) => {
    if (full.writeSync && full.after-- <= 0) throw enospc()
    return (actual.writeSync as (...a: unknown[]) => number)(...args)
  }) as typeof actual.writeSync
  return { ...actual, writeSync, default: { ...actual, writeSync } }
})

const fixture = recordingCacheSetup()
afterEach(() => Object.assign(full, { handleWrites: false, writeSync: false, after: 0, bytes: null }))

const ME = 'qa@example.com'

function seedCalls(profileDir: string, count: number) {
  const library = fixture.libraries.make(profileDir)
  const records = Array.from({ length: count }, (_, i) =>
    CallRecordSchema.parse({
      call_id: i + 1,
      call_started: new Date(Date.parse('2026-03-20T00:00:00Z') - i * 60_000).toISOString(),
      recording_details: { url: `https://api.example.test/rec/${i + 1}`, format: 'wav' }
    })
  )
  for (const r of records) fixture.server.files.set(r.call_id, { bytes: wavBytes(200_000, r.call_id), contentType: 'audio/wav' })
  return { library, records }
}

describe('a full disk', () => {
  it('while downloading a recording: a typed disk_full naming the folder, no partial file, the recordings already saved kept', async () => {
    const profileDir = tempProfileDir('disk-full-rec-')
    const { library, records } = seedCalls(profileDir, 2)
    library.upsertCalls(records, '2026-04-01T00:00:00.000Z')
    const cache = new RecordingCache({ profileDir, library, openRecording: fixture.server.openRecording })
    fixture.caches.push(cache)
    await cache.download(1)
    const saved = cache.entry(1)
    expect(saved?.bytes).toBeGreaterThan(0)

    full.handleWrites = true
    full.after = 1
    const error = await cache.download(2).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ kind: 'disk_full' })
    const dir = (error as AppError & { path?: string }).path as string
    expect(dir.startsWith(profileDir)).toBe(true)
    expect((error as AppError).message).toMatch(/^Saving the recording of call 2 failed: the disk holding .* is full\. Free some space/)
    expect((error as AppError).message).not.toMatch(/ENOSPC/)
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([])
    expect(cache.entry(2)).toBeNull()
    expect(cache.entry(1)).toEqual(saved)
  })

  it('while exporting reviews: a typed disk_full naming the file, no temp file, an earlier export at that path untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'disk-full-export-'))
    const store = new QaRepository(dir)
    try {
      const session = store.createSession(ME, { name: 'Week 12', templateId: DEFAULT_TEMPLATE_ID, callIds: [1, 2, 3] })
      store.saveReview(ME, { sessionId: session.id, callId: 1, comment: 'fine', reviewed: true })
      const path = join(dir, 'exports', 'reviews.csv')
      const options = { getCallFacts: () => null, reviewer: ME, timeZone: 'UTC', now: new Date('2026-04-01T00:00:00Z'), format: 'csv' as const, path }
      await writeExport(store.exportItems(ME, {}), options)
      const before = readFileSync(path, 'utf8')

      full.writeSync = true
      full.after = 1
      const error = await writeExport(store.exportItems(ME, {}), options).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(AppError)
      expect(error).toMatchObject({ kind: 'disk_full', path })
      expect((error as AppError).message).toContain(`Exporting the reviews failed: the disk holding ${path} is full`)
      expect(readdirSync(join(dir, 'exports'))).toEqual(['reviews.csv'])
      expect(readFileSync(path, 'utf8')).toBe(before)
      // The reviews themselves are in the QA database, untouched by the failed file.
      expect(store.getSession(ME, session.id).items.find((i) => i.callId === 1)?.review).toMatchObject({ comment: 'fine', reviewed: true })
    } finally {
      store.close()
    }
  })

  it('while a sync downloads recordings: it stops once with a typed message naming the folder, keeping the calls and recordings it stored', async () => {
    const profileDir = tempProfileDir('disk-full-sync-')
    const { library, records } = seedCalls(profileDir, 6)
    const cache = new RecordingCache({ profileDir, library, openRecording: fixture.server.openRecording })
    fixture.caches.push(cache)
    const events: SyncProgress[] = []
    const jobs = new SyncJobs({
      library,
      cache,
      listPage: async (input) => {
        const offset = input.offset ?? 0
        const limit = input.limit ?? 200
        return { total: records.length, calls: records.slice(offset, offset + limit) }
      },
      emit: (p) => events.push(p),
      pageSize: 3,
      downloadConcurrency: 1,
      progressIntervalMs: 0
    })
    try {
      // Two recordings of ~200 KB fit, then the disk is full part-way through the third.
      full.handleWrites = true
      full.bytes = 500_000
      await jobs.start({ start: '2026-03-01T00:00:00.000Z', end: '2026-03-31T00:00:00.000Z' })
      await jobs.idle()
      const last = events.at(-1) as SyncProgress
      expect(last.state).toBe('failed')
      expect(last.error).toMatch(/^Saving the recording of call \d+ failed: the disk holding .* is full\. Free some space on it and try again;/)
      expect(last.error).toContain('What is already stored stays available offline')
      expect(last.error).not.toMatch(/ENOSPC|Error:/)
      expect(last.calls).toEqual({ done: 6, total: 6 })
      expect(last.recordings.done).toBe(2)
      for (const r of records) expect(library.get(r.call_id)?.record.call_id).toBe(r.call_id)
      const onDisk = records.filter((r) => cache.entry(r.call_id) !== null)
      expect(onDisk).toHaveLength(last.recordings.done)
      // Stopped at the first failure rather than failing every recording after it.
      expect(fixture.server.requests.size).toBeLessThanOrEqual(last.recordings.done + 1)
    } finally {
      jobs.abandon()
      await jobs.idle()
    }
  })
})
