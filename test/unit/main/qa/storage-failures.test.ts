/**
 * The QA database under pressure from outside: a second process writing the same file, and a
 * disk that fills up while a review is saved.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import { DEFAULT_TEMPLATE_ID } from '@shared/qa/default-template'
import { QaRepositories } from '@main/services/qa/qa-repositories'

const ME = 'qa@example.com'
const stores = new QaRepositories()
afterEach(() => stores.closeAll())

/** Another process holding the QA database's write lock for `ms`, with a write, like a second app window would. */
function holdWriteLock(path: string, ms: number): Promise<{ released: Promise<void> }> {
  const betterSqlite = createRequire(import.meta.url).resolve('better-sqlite3')
  const script = `
    const Database = require(${JSON.stringify(betterSqlite)})
    const db = new Database(${JSON.stringify(path)})
    db.pragma('busy_timeout = 5000')
    db.exec('BEGIN IMMEDIATE')
    db.prepare('INSERT INTO probe (x) VALUES (1)').run()
    process.stdout.write('locked\\n')
    setTimeout(() => { db.exec('COMMIT'); db.close() }, ${ms})
  `
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  const released = new Promise<void>((resolve, reject) => {
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the other writer exited with ${code}`))))
  })
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve({ released })
    })
    child.on('error', reject)
  })
}

describe('the QA database and other writers', () => {
  it('waits for a second process’s write instead of failing with "database is locked"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qa-two-writers-'))
    const store = stores.forProfile(dir)
    const raw = new Database(store.path)
    raw.exec('CREATE TABLE probe (x INTEGER)')
    raw.close()

    const other = await holdWriteLock(store.path, 400)
    // Reads the template, then writes, while the other process holds the write lock: it must wait for it.
    const session = store.createSession(ME, { name: 'While another writes', templateId: DEFAULT_TEMPLATE_ID, callIds: [1, 2] })
    await other.released
    expect(store.getSession(ME, session.id).items.map((i) => i.callId)).toEqual([1, 2])
  })

  it('renames, archives, deletes and restores a session while a second app instance holds the write lock, losing neither one’s work', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qa-two-writers-'))
    const store = stores.forProfile(dir)
    const raw = new Database(store.path)
    raw.exec('CREATE TABLE probe (x INTEGER)')
    raw.close()
    const session = store.createSession(ME, { name: 'Before', templateId: DEFAULT_TEMPLATE_ID, callIds: [1, 2] })
    store.saveReview(ME, { sessionId: session.id, callId: 1, comment: 'kept', reviewed: true })
    // Each change reads the session, then writes: begun deferred, its snapshot goes stale when the
    // other writer commits, and SQLite refuses it at once ("database is locked") instead of waiting.
    const changes: (() => void)[] = [
      () => store.renameSession(ME, session.id, 'After'),
      () => store.archiveSession(ME, session.id, true),
      () => store.deleteSession(ME, session.id),
      () => store.restoreSession(ME, session.id)
    ]
    for (const change of changes) {
      const other = await holdWriteLock(store.path, 300)
      change()
      await other.released
    }
    const probe = new Database(store.path, { readonly: true })
    expect(probe.prepare('SELECT count(*) FROM probe').pluck().get()).toBe(changes.length)
    probe.close()
    const after = store.getSession(ME, session.id)
    expect(after).toMatchObject({ name: 'After', archived: true })
    expect(after.items.find((i) => i.callId === 1)?.review).toMatchObject({ comment: 'kept', reviewed: true })
  })

  it('says the disk is full, and where, when saving a review, and keeps what was saved before', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qa-full-'))
    const store = stores.forProfile(dir)
    const session = store.createSession(ME, { name: 'Full disk', templateId: DEFAULT_TEMPLATE_ID, callIds: [1] })
    // A database that may not grow: SQLite's own SQLITE_FULL, as on a full disk.
    const db = (store as unknown as { db: Database.Database }).db
    const pages = db.pragma('page_count', { simple: true }) as number
    db.pragma(`max_page_count = ${pages}`)
    let thrown: unknown
    try {
      for (let i = 0; i < 200; i += 1) store.addNote(ME, { sessionId: session.id, callId: 1, seconds: i, text: 'n'.repeat(1000) })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(AppError)
    expect(thrown).toMatchObject({ kind: 'disk_full', path: store.path })
    expect((thrown as AppError).message).toContain(`the disk holding ${store.path} is full`)
    expect(store.getSession(ME, session.id).name).toBe('Full disk')
  })
})
