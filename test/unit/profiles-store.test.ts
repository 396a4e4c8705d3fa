import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/main/services/log'
import { ProfileStore, toProfileSummary } from '../../src/main/services/profiles/profile-store'
import { DEFAULT_API_BASE_URL, DEFAULT_OAUTH_BASE_URL, ProfileSummarySchema } from '../../src/shared/ipc/contract/auth'

function setup(start = Date.parse('2026-03-01T10:00:00Z')) {
  const dataDir = mkdtempSync(join(tmpdir(), 'profiles-'))
  const logFile = join(dataDir, 'main.log')
  let now = start
  const clock = () => new Date(now)
  const make = () => new ProfileStore({ dataDir, log: createLogger({ file: logFile }), clock })
  return { dataDir, logFile, store: make(), make, advance: (ms: number) => (now += ms) }
}

describe('ProfileStore', () => {
  it('creates a profile with the documented hosts by default and a random URL-safe id', () => {
    const { store } = setup()
    const a = store.create({ name: '  Agency  ' })
    const b = store.create({ name: 'Client' })
    expect(a).toMatchObject({
      name: 'Agency',
      apiBaseUrl: DEFAULT_API_BASE_URL,
      oauthBaseUrl: DEFAULT_OAUTH_BASE_URL,
      demo: false,
      sessionOnly: false,
      user: null,
      createdAt: '2026-03-01T10:00:00.000Z',
      lastUsedAt: null
    })
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{16}$/)
    expect(b.id).not.toBe(a.id)
  })

  it('keeps custom hosts, the demo and session-only flags, and the user info login returned', () => {
    const { store } = setup()
    const user = { userId: 42, email: 'qa@example.com', orgUnitId: 7 }
    const p = store.create({ name: 'Demo', apiBaseUrl: 'http://127.0.0.1:5000', oauthBaseUrl: 'http://127.0.0.1:5001', demo: true, sessionOnly: true, user })
    expect(store.get(p.id)).toMatchObject({ apiBaseUrl: 'http://127.0.0.1:5000', oauthBaseUrl: 'http://127.0.0.1:5001', demo: true, sessionOnly: true, user })
  })

  it('remembers profiles and the active one across restarts (in <dataDir>/profiles.json)', () => {
    const { store, make, dataDir } = setup()
    const a = store.create({ name: 'Agency' })
    store.create({ name: 'Client' })
    store.setActive(a.id)
    const reopened = make()
    expect(reopened.list().map((p) => p.name).sort()).toEqual(['Agency', 'Client'])
    expect(reopened.active()?.id).toBe(a.id)
    expect(JSON.parse(readFileSync(join(dataDir, 'profiles.json'), 'utf8')).activeProfileId).toBe(a.id)
  })

  it('stamps a profile as used when it becomes active and lists the most recently used first', () => {
    const { store, advance } = setup()
    const a = store.create({ name: 'A' })
    advance(1000)
    const b = store.create({ name: 'B' })
    advance(1000)
    expect(store.setActive(a.id)?.lastUsedAt).toBe('2026-03-01T10:00:02.000Z')
    expect(store.list().map((p) => p.id)).toEqual([a.id, b.id])
    advance(1000)
    store.setActive(b.id)
    expect(store.list().map((p) => p.id)).toEqual([b.id, a.id])
  })

  it('updates user info and hosts but never the id or creation time', () => {
    const { store } = setup()
    const p = store.create({ name: 'A' })
    const updated = store.update(p.id, { user: { userId: '9', email: null, orgUnitId: 3 }, name: 'Renamed' })
    expect(updated).toMatchObject({ id: p.id, createdAt: p.createdAt, name: 'Renamed', user: { userId: '9', email: null, orgUnitId: 3 } })
    expect(store.get(p.id)).toEqual(updated)
  })

  it('refuses to activate or update a profile that does not exist', () => {
    const { store } = setup()
    expect(() => store.setActive('nosuchprofile1')).toThrow(expect.objectContaining({ kind: 'not_found' }))
    expect(() => store.update('nosuchprofile1', { name: 'x' })).toThrow(expect.objectContaining({ kind: 'not_found' }))
  })

  it('gives each profile its own data folder and refuses ids that could escape the data folder', () => {
    const { store, dataDir } = setup()
    const a = store.create({ name: 'A' })
    expect(store.profileDir(a.id)).toBe(join(dataDir, 'profiles', a.id))
    for (const bad of ['../../etc', 'a/b/c/d/e/f/g', '', 'short']) {
      expect(() => store.profileDir(bad)).toThrow(expect.objectContaining({ kind: 'validation' }))
    }
  })

  it('removes a profile but keeps its cached data unless asked to delete it', () => {
    const { store } = setup()
    const a = store.create({ name: 'A' })
    const b = store.create({ name: 'B' })
    store.setActive(a.id)
    for (const p of [a, b]) {
      mkdirSync(store.profileDir(p.id), { recursive: true })
      writeFileSync(join(store.profileDir(p.id), 'library.sqlite'), 'x')
    }
    expect(store.remove(a.id)).toBe(true)
    expect(store.get(a.id)).toBeNull()
    expect(store.active()).toBeNull()
    expect(existsSync(store.profileDir(a.id))).toBe(true)

    expect(store.remove(b.id, { deleteData: true })).toBe(true)
    expect(existsSync(store.profileDir(b.id))).toBe(false)
    expect(existsSync(store.profileDir(a.id))).toBe(true)
    expect(store.remove(b.id)).toBe(false)
  })

  it('clears a profile’s cached calls and recordings on request, keeping the profile, its QA work and its filters', () => {
    const { store } = setup()
    const a = store.create({ name: 'A' })
    const dir = store.profileDir(a.id)
    mkdirSync(join(dir, 'recordings'), { recursive: true })
    const cached = ['library.sqlite', 'library.sqlite-wal', 'library.sqlite-shm', 'library.sqlite.bak-v1', 'recordings/123.wav']
    const kept = ['qa.sqlite', 'qa.sqlite-wal', 'prefs.json']
    for (const name of [...cached, ...kept]) writeFileSync(join(dir, name), 'x')
    store.clearData(a.id)
    expect(readdirSync(dir).sort()).toEqual([...kept].sort())
    expect(store.get(a.id)).not.toBeNull()
    // A profile with nothing on disk yet has nothing to clear.
    expect(() => store.clearData(store.create({ name: 'B' }).id)).not.toThrow()
  })

  it('keeps the other profiles when one record in profiles.json is damaged, and reports it', () => {
    const { store, dataDir, logFile, make } = setup()
    const good = store.create({ name: 'Good' })
    const path = join(dataDir, 'profiles.json')
    const file = JSON.parse(readFileSync(path, 'utf8'))
    file.profiles.push({ id: '../escape', name: 42 })
    writeFileSync(path, JSON.stringify(file))
    expect(make().list().map((p) => p.id)).toEqual([good.id])
    expect(readFileSync(logFile, 'utf8')).toMatch(/skipped an unreadable profile/)
  })

  it('starts with no profiles when profiles.json is not JSON at all', () => {
    const { dataDir, make } = setup()
    writeFileSync(join(dataDir, 'profiles.json'), '{ not json')
    const store = make()
    expect(store.list()).toEqual([])
    expect(store.active()).toBeNull()
    store.create({ name: 'Fresh' })
    expect(store.list()).toHaveLength(1)
  })

  it('writes the file whole, leaving no temporary files behind', () => {
    const { store, dataDir } = setup()
    for (let i = 0; i < 5; i++) store.create({ name: `P${i}` })
    expect(readdirSync(dataDir).filter((f) => f.startsWith('profiles.json'))).toEqual(['profiles.json'])
  })

  it('shows the renderer a contract ProfileSummary: no timestamps, nothing secret', () => {
    const { store } = setup()
    const p = store.create({ name: 'A', user: { userId: 1, email: 'a@example.com', orgUnitId: 2 } })
    const summary = toProfileSummary(p)
    expect(ProfileSummarySchema.strict().parse(summary)).toEqual(summary)
    expect(summary).toEqual({
      id: p.id,
      name: 'A',
      apiBaseUrl: DEFAULT_API_BASE_URL,
      oauthBaseUrl: DEFAULT_OAUTH_BASE_URL,
      demo: false,
      sessionOnly: false,
      user: { userId: 1, email: 'a@example.com', orgUnitId: 2 }
    })
  })
})
