/**
 * Profiles: one person may hold several Convirza accounts (an agency with clients), each with
 * its own hosts, user info and cached data. What is here is non-secret — names, URLs,
 * the user info login returned — in `<dataDir>/profiles.json`; tokens live in a SecretStore
 * under the profile's id. Each profile's library and preferences live in `<dataDir>/profiles/<id>/`,
 * so switching profiles never mixes one account's calls into another's.
 *
 * The file is re-read on every call: it is tiny, and two stores over one folder (a second
 * services instance in a test, say) then never overwrite each other with a stale copy.
 *
 * A damaged `profiles.json` must not orphan anyone's work: each profile's record is mirrored in
 * its own folder (`profiles/<id>/profile.json`), and when the list cannot be read it is rebuilt
 * from those folders, so every profile keeps its id — and with it its library, QA reviews and
 * keychain entry. The damaged file is kept beside it as `profiles.json.damaged`.
 */
import { randomBytes } from 'node:crypto'
import { copyFileSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { AppError } from '@shared/errors'
import { DEFAULT_API_BASE_URL, DEFAULT_OAUTH_BASE_URL, type ProfileSummary } from '@shared/ipc/contract/auth'
import { readJsonFile, readJsonFileDetailed, writeJsonFile } from '../json-file'
import { isLibraryFile } from '../library/database'
import { RECORDINGS_FOLDER } from '../library/recording-cache'
import type { Logger } from '../log'

/** Each profile's own copy of its record, inside its folder. */
export const PROFILE_RECORD_FILE = 'profile.json'

/** Random and URL-safe, so it can name a folder and a keychain account without escaping. */
const PROFILE_ID = /^[A-Za-z0-9_-]{8,64}$/

const idValue = z.union([z.number(), z.string()]).nullable()

/** The user info login returned: who this profile is. Never a token. */
export const ProfileUserSchema = z.object({ userId: idValue, email: z.string().nullable(), orgUnitId: idValue })
export type ProfileUser = z.infer<typeof ProfileUserSchema>

export const ProfileSchema = z.object({
  id: z.string().regex(PROFILE_ID),
  name: z.string().min(1),
  apiBaseUrl: z.string().min(1),
  oauthBaseUrl: z.string().min(1),
  demo: z.boolean().default(false),
  sessionOnly: z.boolean().default(false),
  user: ProfileUserSchema.nullable().default(null),
  /** ISO 8601. */
  createdAt: z.string(),
  /** ISO 8601; null until first made active. */
  lastUsedAt: z.string().nullable().default(null)
})
export type Profile = z.infer<typeof ProfileSchema>

/** Records are checked one by one below, so one damaged profile does not hide the others. */
const ProfilesFileSchema = z.object({
  activeProfileId: z.string().nullable().catch(null),
  profiles: z.array(z.unknown()).catch([])
})
type ProfilesFile = { activeProfileId: string | null; profiles: Profile[] }

export interface NewProfile {
  name: string
  apiBaseUrl?: string | undefined
  oauthBaseUrl?: string | undefined
  demo?: boolean
  sessionOnly?: boolean
  user?: ProfileUser | null
}

export type ProfilePatch = Partial<Pick<Profile, 'name' | 'apiBaseUrl' | 'oauthBaseUrl' | 'demo' | 'sessionOnly' | 'user'>>

export interface ProfileRepositoryOptions {
  /** The app data folder. */
  dataDir: string
  log: Logger
  clock?: () => Date
  /** Profile ids; defaults to 16 random URL-safe characters. */
  newId?: () => string
}

export class ProfileRepository {
  private readonly dataDir: string
  private readonly log: Logger
  private readonly clock: () => Date
  private readonly newId: () => string

  constructor(options: ProfileRepositoryOptions) {
    this.dataDir = options.dataDir
    this.log = options.log
    this.clock = options.clock ?? (() => new Date())
    this.newId = options.newId ?? (() => randomBytes(12).toString('base64url'))
  }

  private get path(): string {
    return join(this.dataDir, 'profiles.json')
  }

  /** Every profile, most recently used first. */
  list(): Profile[] {
    return [...this.read().profiles].sort((a, b) => (b.lastUsedAt ?? b.createdAt).localeCompare(a.lastUsedAt ?? a.createdAt))
  }

  get(id: string): Profile | null {
    return this.read().profiles.find((p) => p.id === id) ?? null
  }

  /** The profile to open at start and to use now; null before the first sign-in. */
  active(): Profile | null {
    const file = this.read()
    return file.profiles.find((p) => p.id === file.activeProfileId) ?? null
  }

  create(input: NewProfile): Profile {
    const file = this.read()
    let id = this.newId()
    while (file.profiles.some((p) => p.id === id)) id = this.newId()
    const profile = ProfileSchema.parse({
      id,
      name: input.name.trim(),
      apiBaseUrl: input.apiBaseUrl ?? DEFAULT_API_BASE_URL,
      oauthBaseUrl: input.oauthBaseUrl ?? DEFAULT_OAUTH_BASE_URL,
      demo: input.demo ?? false,
      sessionOnly: input.sessionOnly ?? false,
      user: input.user ?? null,
      createdAt: this.clock().toISOString(),
      lastUsedAt: null
    })
    this.write({ ...file, profiles: [...file.profiles, profile] })
    this.writeRecord(profile)
    return profile
  }

  update(id: string, patch: ProfilePatch): Profile {
    const file = this.read()
    const current = file.profiles.find((p) => p.id === id)
    if (!current) throw notFound(id)
    const next = ProfileSchema.parse({ ...current, ...patch, id: current.id, createdAt: current.createdAt })
    this.write({ ...file, profiles: file.profiles.map((p) => (p.id === id ? next : p)) })
    this.writeRecord(next)
    return next
  }

  /** Make a profile the active one (and stamp it as just used), or clear the choice with null. */
  setActive(id: string | null): Profile | null {
    const file = this.read()
    if (id === null) {
      this.write({ ...file, activeProfileId: null })
      return null
    }
    const current = file.profiles.find((p) => p.id === id)
    if (!current) throw notFound(id)
    const next = { ...current, lastUsedAt: this.clock().toISOString() }
    this.write({ activeProfileId: id, profiles: file.profiles.map((p) => (p.id === id ? next : p)) })
    return next
  }

  /**
   * Forget a profile; with `deleteData`, also remove its whole folder (library, recordings, QA
   * work, prefs): nothing is left that belongs to it. Its keychain entry is the caller's to
   * delete — this store knows nothing of secrets.
   */
  remove(id: string, options: { deleteData?: boolean } = {}): boolean {
    const file = this.read()
    if (!file.profiles.some((p) => p.id === id)) return false
    this.write({
      activeProfileId: file.activeProfileId === id ? null : file.activeProfileId,
      profiles: file.profiles.filter((p) => p.id !== id)
    })
    if (options.deleteData) rmSync(this.profileDir(id), { recursive: true, force: true })
    return true
  }

  /**
   * Delete a profile's cached data ("also remove cached calls and recordings" at sign-out): the
   * call library (with its WAL, pre-migration backups and search index) and the recordings. What the API
   * cannot give back stays: QA reviews, notes and sessions (qa.sqlite) and the saved filters.
   */
  clearData(id: string): void {
    const dir = this.profileDir(id)
    let names: string[]
    try {
      names = readdirSync(dir)
    } catch {
      return
    }
    for (const name of names) if (name === RECORDINGS_FOLDER || isLibraryFile(name)) rmSync(join(dir, name), { recursive: true, force: true })
  }

  /** The folder for this profile's own data. Refuses ids that are not ours (no `../` games from IPC). */
  profileDir(id: string): string {
    if (!PROFILE_ID.test(id)) throw new AppError('validation', `"${id.slice(0, 80)}" is not a profile id.`)
    return join(this.dataDir, 'profiles', id)
  }

  private read(): ProfilesFile {
    const read = readJsonFileDetailed(this.path, ProfilesFileSchema, { activeProfileId: null, profiles: [] }, { log: this.log })
    const raw = read.value
    const profiles: Profile[] = []
    raw.profiles.forEach((record, index) => {
      const parsed = ProfileSchema.safeParse(record)
      if (parsed.success && !profiles.some((p) => p.id === parsed.data.id)) profiles.push(parsed.data)
      else this.log.warn('profiles: skipped an unreadable profile in profiles.json', { index })
    })
    const activeProfileId = profiles.some((p) => p.id === raw.activeProfileId) ? raw.activeProfileId : null
    if (read.damaged) {
      this.recoverFromFolders(profiles)
      // Replace the damaged file with the rebuilt list, so it is recovered once, not on every read.
      try {
        this.write({ activeProfileId, profiles })
      } catch (error) {
        this.log.warn('profiles: could not save the rebuilt profiles.json', { error })
      }
    }
    return { activeProfileId, profiles }
  }

  /**
   * `profiles.json` is damaged: add every profile folder the list lacks, from its own record
   * (or, if that is gone too, under its id with the default hosts), and keep the damaged file.
   */
  private recoverFromFolders(profiles: Profile[]): void {
    const damagedCopy = `${this.path}.damaged`
    try {
      if (!existsSync(damagedCopy)) copyFileSync(this.path, damagedCopy)
    } catch (error) {
      this.log.warn('profiles: could not keep a copy of the damaged profiles.json', { error })
    }
    let ids: string[]
    try {
      ids = readdirSync(join(this.dataDir, 'profiles')).filter((name) => PROFILE_ID.test(name))
    } catch {
      return
    }
    for (const id of ids) {
      if (profiles.some((p) => p.id === id)) continue
      const dir = join(this.dataDir, 'profiles', id)
      const saved = readJsonFile(join(dir, PROFILE_RECORD_FILE), ProfileSchema.nullable(), null, { log: this.log })
      profiles.push(saved?.id === id ? saved : this.placeholder(id, dir))
      this.log.warn('profiles: recovered a profile from its folder', { id, fromRecord: saved?.id === id })
    }
  }

  private placeholder(id: string, dir: string): Profile {
    let createdAt = this.clock().toISOString()
    try {
      createdAt = statSync(dir).birthtime.toISOString()
    } catch {
      // Keep now.
    }
    return ProfileSchema.parse({
      id,
      name: `Recovered account ${id.slice(0, 6)}`,
      apiBaseUrl: DEFAULT_API_BASE_URL,
      oauthBaseUrl: DEFAULT_OAUTH_BASE_URL,
      createdAt
    })
  }

  /** The profile's own copy of its record; best effort — profiles.json is the one that counts. */
  private writeRecord(profile: Profile): void {
    try {
      writeJsonFile(join(this.profileDir(profile.id), PROFILE_RECORD_FILE), profile)
    } catch (error) {
      this.log.warn('profiles: could not write the profile’s own record', { id: profile.id, error })
    }
  }

  private write(file: ProfilesFile): void {
    writeJsonFile(this.path, { version: 1, activeProfileId: file.activeProfileId, profiles: file.profiles })
  }
}

/** What the renderer may see of a profile (the contract's ProfileSummary): no timestamps, no secrets. */
export function toProfileSummary(profile: Profile): ProfileSummary {
  return {
    id: profile.id,
    name: profile.name,
    apiBaseUrl: profile.apiBaseUrl,
    oauthBaseUrl: profile.oauthBaseUrl,
    demo: profile.demo,
    sessionOnly: profile.sessionOnly,
    user: profile.user
  }
}

function notFound(id: string): AppError {
  return new AppError('not_found', `There is no profile "${id.slice(0, 80)}". It may have been removed; choose another profile.`)
}
