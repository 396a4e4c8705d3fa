/**
 * The Convirza client signed in to a real embedded demo server, for the integration tests:
 * each test file starts one server, and each test gets a fresh sign-in whose log goes to its
 * own temp file (read back by the secrets test). Retry delays are short to keep tests fast.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { startDemoServer, type DemoServer, type DemoServerOptions } from '../../src/main/services/demo-server'
import { createLogger, type Logger } from '../../src/main/services/log'
import { ConvirzaAuth, type TokenPair } from '../../src/main/services/convirza/auth'
import { ConvirzaClient, type ConvirzaClientOptions } from '../../src/main/services/convirza/client'

export interface SignedIn {
  auth: ConvirzaAuth
  client: ConvirzaClient
  log: Logger
  logFile: string
  /** Every pair handed to persist, in order. */
  persisted: TokenPair[]
}

/** A small seeded server; the login rate limit is lifted unless a test asks for it. */
export function startDemo(options: DemoServerOptions = {}): Promise<DemoServer> {
  return startDemoServer({ calls: 2000, seed: 7, loginRateLimit: 10_000, ...options })
}

/**
 * One demo server for the calling test file, closed after its last test, with its faults and
 * request counts cleared before each test; `started` is handed the server once it is up.
 */
export function demoServerPerFile(started: (demo: DemoServer) => void): void {
  let demo: DemoServer
  beforeAll(async () => {
    demo = await startDemo()
    started(demo)
  })
  afterAll(() => demo.close())
  beforeEach(() => {
    demo.faults.clear()
    demo.faults.resetStats()
  })
}

export function connect(demo: DemoServer, options: Partial<ConvirzaClientOptions> & { persist?: (pair: TokenPair) => Promise<void> } = {}): SignedIn {
  const logFile = join(mkdtempSync(join(tmpdir(), 'convirza-it-')), 'main.log')
  const log = createLogger({ file: logFile })
  const persisted: TokenPair[] = []
  const auth = new ConvirzaAuth({
    oauthBaseUrl: demo.oauthBaseUrl,
    fetch,
    log,
    persist: async (pair) => {
      persisted.push(pair)
      await options.persist?.(pair)
    }
  })
  const client = new ConvirzaClient({ apiBaseUrl: demo.apiBaseUrl, fetch, auth, log, minRetryDelayMs: 5, timeoutMs: 5_000, ...options })
  return { auth, client, log, logFile, persisted }
}

export async function signIn(demo: DemoServer, options: Parameters<typeof connect>[1] = {}): Promise<SignedIn> {
  const session = connect(demo, options)
  await session.auth.login({ email: demo.login.email, password: demo.login.password, orgUnitId: demo.login.org_unit_id })
  return session
}

/** The thrown value of a promise that must fail. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the promise to fail, but it succeeded')
    },
    (error: unknown) => error
  )
}
