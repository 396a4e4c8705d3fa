import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLogger } from '@main/services/log'
import { ProfileRepository, toProfileSummary } from '@main/services/profiles/profile-repository'
import { DEFAULT_API_BASE_URL, DEFAULT_OAUTH_BASE_URL, ProfileSummarySchema } from '@shared/ipc/contract/auth'

function setup(start = Date.parse('2026-03-01T10:00:00Z')) {
  const dataDir = mkdtempSync(join(tmpdir(), 'profiles-'))
  const logFile = join(dataDir, 'main.log')
  let now = start
  const clock = () => new Date(now)
  const make = () => new ProfileRepository({ dataDir, log: createLogger({ file: logFile }), clock })
  return { dataDir, logFile, store: make(), make, advance: (ms: number) => (now += ms) }
}

describe('ProfileRepository', () => {
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
    const p = store.create({
      name: 'Demo',
      apiBaseUrl: 'http://127.0.0.1:5000',
      oauthBaseUrl: 'http://127.0.0.1:5001',
      demo: true,
      sessionOnly: true,
      user
    })
    expect(store.get(p.id)).toMatchObject({
      apiBaseUrl: 'http://127.0.0.1:5000',
      oauthBaseUrl: 'http://127.0.0.1:5001',
      demo: true,
      sessionOnly: true,
      user
    })
  })

  it('remembers profiles and the active one across restarts (in <dataDir>/profiles.json)', () => {
    const { store, make, dataDir } = setup()
    const a = store.create({ name: 'Agency' })
    store.create({ name: 'Client' })
    store.setActive(a.id)
    const reopened = make()
    expect(
      reopened
        .list()
        .map((p) => p.name)
        .sort()
    ).toEqual(['Agency', 'Client'])
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
    const kept = ['qa.sqlite', 'qa.sqlite-wal', 'prefs.json', 'profile.json']
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
    expect(
      make()
        .list()
        .map((p) => p.id)
    ).toEqual([good.id])
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

  it('writes the file whole, keeping the previous copy and leaving no temporary files behind', () => {
    const { store, dataDir } = setup()
    for (let i = 0; i < 5; i++) store.create({ name: `P${i}` })
    expect(
      readdirSync(dataDir)
        .filter((f) => f.startsWith('profiles.json'))
        .sort()
    ).toEqual(['profiles.json', 'profiles.json.prev'])
    expect(JSON.parse(readFileSync(join(dataDir, 'profiles.json.prev'), 'utf8')).profiles).toHaveLength(4)
  })

  it('rebuilds a damaged profiles.json from the profile folders, keeping every id, host and user', () => {
    const { store, dataDir, logFile, make } = setup()
    const user = { userId: 7, email: 'qa@example.com', orgUnitId: 3 }
    const a = store.create({ name: 'Agency', apiBaseUrl: 'https://api.example.com', oauthBaseUrl: 'https://auth.example.com', user })
    const b = store.create({ name: 'Client' })
    const path = join(dataDir, 'profiles.json')
    // Both the file and its previous copy are damaged (a disk error, say).
    writeFileSync(path, '\u0000\u0000garbage')
    writeFileSync(`${path}.prev`, '{ "activeProfileId": ')
    const reopened = make()
    const byId = new Map(reopened.list().map((p) => [p.id, p]))
    expect([...byId.keys()].sort()).toEqual([a.id, b.id].sort())
    expect(byId.get(a.id)).toMatchObject({ name: 'Agency', apiBaseUrl: 'https://api.example.com', oauthBaseUrl: 'https://auth.example.com', user })
    // The damaged file is kept for the curious, and the rebuilt list is saved.
    expect(readFileSync(`${path}.damaged`, 'utf8')).toContain('garbage')
    expect(JSON.parse(readFileSync(path, 'utf8')).profiles).toHaveLength(2)
    expect(readFileSync(logFile, 'utf8')).toMatch(/recovered a profile from its folder/)
  })

  it('recovers a profile folder that lost its own record under its id, with the default hosts', () => {
    const { store, dataDir, make } = setup()
    const a = store.create({ name: 'Agency' })
    rmSync(join(store.profileDir(a.id), 'profile.json'))
    writeFileSync(join(store.profileDir(a.id), 'qa.sqlite'), 'reviews')
    writeFileSync(join(dataDir, 'profiles.json'), 'not json')
    rmSync(join(dataDir, 'profiles.json.prev'), { force: true })
    const [recovered] = make().list()
    expect(recovered).toMatchObject({ id: a.id, apiBaseUrl: DEFAULT_API_BASE_URL, oauthBaseUrl: DEFAULT_OAUTH_BASE_URL })
    expect(recovered?.name).toMatch(/^Recovered account/)
  })

  it('uses the previous copy of a damaged profiles.json, so the active profile is kept', () => {
    const { store, dataDir, make } = setup()
    const a = store.create({ name: 'A' })
    store.setActive(a.id)
    store.create({ name: 'B' })
    writeFileSync(join(dataDir, 'profiles.json'), '{"profiles": [')
    const reopened = make()
    expect(reopened.active()?.id).toBe(a.id)
    expect(reopened.list()).toHaveLength(2)
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
