/**
 * What the session tests share: a demo server (the embedded Convirza-compatible one), a data
 * folder, a file logger in it, and SessionManagers built the way app-services builds them — a
 * new manager over the same folder and keychain being "the app started again".
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDemoServer, type DemoServer, type DemoServerOptions } from '../../src/main/services/demo-server/index'
import { createLogger, type Logger } from '../../src/main/services/log'
import { ProfileStore } from '../../src/main/services/profiles/profile-store'
import { KeytarSecretStore } from '../../src/main/services/secrets/keytar-secret-store'
import type { SecretStore } from '../../src/main/services/secrets/secret-store'
import { SessionManager, type SessionManagerOptions, type SignInInput, type StartDemo } from '../../src/main/services/session/session-manager'
import { removeAllEntries, testServiceName } from './secrets-keychain-probe'

export interface SessionFixture {
  server: DemoServer
  dataDir: string
  log: Logger
  service: string
  /** A fresh KeytarSecretStore on the test's own keychain service, as a new process would make. */
  keychain(): KeytarSecretStore
  /** A new SessionManager over the same data folder ("the app started again"). */
  manager(overrides?: Partial<SessionManagerOptions>): SessionManager
  /** The demo user's sign-in for a profile named `profileName`. */
  signIn(profileName?: string, overrides?: Partial<SignInInput>): SignInInput
  startDemo: StartDemo
  /** Every access and refresh token the OAuth servers handed out to managers of this fixture. */
  tokensSeen: Set<string>
  close(): Promise<void>
}

export async function createSessionFixture(options: DemoServerOptions = {}): Promise<SessionFixture> {
  // Many sign-ins per file: the login limit is tested on its own server.
  const server = await startDemoServer({ calls: 30, seed: 11, loginRateLimit: 1000, ...options })
  const dataDir = mkdtempSync(join(tmpdir(), 'session-'))
  const log = createLogger({ file: join(dataDir, 'logs', 'main.log') })
  const service = testServiceName()
  const extraServers: DemoServer[] = []
  const tokensSeen = new Set<string>()
  // The real fetch, watched: the tests need to know every token issued to scan for them later.
  const watchedFetch: typeof fetch = async (input, init) => {
    const response = await globalThis.fetch(input, init)
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    if (/\/oauth\/(token|refresh-token)$/.test(new URL(url).pathname) && response.ok) {
      const body = (await response
        .clone()
        .json()
        .catch(() => ({}))) as Record<string, unknown>
      for (const key of ['access_token', 'refresh_token', 'frontend_token']) {
        if (typeof body[key] === 'string') tokensSeen.add(body[key])
      }
    }
    return response
  }
  const keychain = (): KeytarSecretStore => new KeytarSecretStore({ log, service })
  const startDemo: StartDemo = async () => {
    const demo = await startDemoServer({ calls: 30, seed: 12 })
    extraServers.push(demo)
    const { email, password, org_unit_id } = demo.login
    return { apiBaseUrl: demo.apiBaseUrl, oauthBaseUrl: demo.oauthBaseUrl, login: { email, password, orgUnitId: org_unit_id } }
  }
  return {
    server,
    dataDir,
    log,
    service,
    keychain,
    startDemo,
    tokensSeen,
    manager: (overrides = {}) =>
      new SessionManager({
        profiles: new ProfileStore({ dataDir, log }),
        keychain: keychain() as SecretStore,
        fetch: watchedFetch,
        log,
        ...overrides
      }),
    signIn: (profileName = 'Agency', overrides = {}) => ({
      profileName,
      email: server.login.email,
      password: server.login.password,
      orgUnitId: server.login.org_unit_id,
      apiBaseUrl: server.apiBaseUrl,
      oauthBaseUrl: server.oauthBaseUrl,
      sessionOnly: false,
      ...overrides
    }),
    close: async () => {
      await Promise.all([server, ...extraServers].map((s) => s.close()))
      await removeAllEntries(service).catch(() => undefined)
    }
  }
}

/** Every file under `dir` whose bytes contain any of `secrets`, with the secret's label. */
export function filesContaining(dir: string, secrets: Record<string, string>): string[] {
  const hits: string[] = []
  const walk = (path: string): void => {
    for (const name of readdirSync(path)) {
      const full = join(path, name)
      if (statSync(full).isDirectory()) walk(full)
      else {
        const bytes = readFileSync(full)
        for (const [label, secret] of Object.entries(secrets)) if (bytes.includes(secret)) hits.push(`${full}: ${label}`)
      }
    }
  }
  walk(dir)
  return hits
}
