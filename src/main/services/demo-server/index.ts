/**
 * The embedded Convirza-compatible server: serves the demo account in the app and
 * every integration and end-to-end test, on 127.0.0.1 and a random port by default. Plain
 * node:http, no Electron, so it runs in tests, in the app's main process and standalone (cli.ts).
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { resolve } from 'node:path'
import type { CallRecord } from '@shared/convirza/schemas'
import { INCLUDE_MODULES } from '@shared/convirza/schemas'
import { DEMO_USERS, OTHER_ACCOUNT_ID } from './accounts'
import { loadAudioLibrary } from './audio-library'
import { buildCallRecord, recordingAssetOf, type RecordContext } from './call-record'
import { generateDataset, indexOfCallId, SPAN_DAYS } from './dataset'
import { createFaultQueue, type FaultController } from './faults'
import { RecordingSigner } from './recordings'
import { createRequestHandler } from './router'
import { LoginRateLimiter, TokenRegistry } from './token-registry'
import { EncodedRecordCache } from './record-cache'

export type { Fault, FaultController, FaultHandle, FaultKind, FaultSpec, RequestLogEntry } from './faults'
export { RECORDING_EXPIRED_MESSAGE } from './recordings'
export { DEMO_USERS, ORG_UNITS, CAMPAIGNS, ROUTES } from './accounts'
export type { DemoUser, OrgUnit, Campaign, ProvisionedRoute } from './accounts'

export interface DemoServerOptions {
  /** 0 (default) picks a free port. */
  port?: number
  /** Default 127.0.0.1: the demo server never listens beyond this machine unless asked. */
  host?: string
  /** How many calls to seed, 1..100000; default 2000. */
  calls?: number
  /** Same seed (and `now`), same data; default 1. */
  seed?: number
  /** Days before `now` the calls are spread over, 1..365; default 42 (more than one 31-day query). */
  spanDays?: number
  /** How long a recording URL stays valid; default 7 days (docs/convirza-api.md). */
  recordingTtlSeconds?: number
  /** The server's clock, for data generation, token and URL expiry and the login rate limit. */
  now?: () => Date
  /** Where `demo/recordings` lives; default `<cwd>/resources`. */
  resourcesDir?: string
  /** Sign-in attempts allowed per minute per IP; default 10 (docs/convirza-api.md). */
  loginRateLimit?: number
}

export interface DemoLogin {
  email: string
  password: string
  org_unit_id: number
}

export interface DemoServer {
  /** e.g. http://127.0.0.1:PORT, without /v3: clients append /v3/conversations/calls, /v3/groups/tree. */
  apiBaseUrl: string
  /** e.g. http://127.0.0.1:PORT: clients append /oauth/token, /oauth/refresh-token, /oauth/revoke-token. */
  oauthBaseUrl: string
  login: DemoLogin
  /** An org unit of a second seeded account the demo user cannot see (→ 403). */
  otherAccountOrgUnitId: number
  faults: FaultController
  /**
   * The seeded dataset as full records (every include module), newest first, for tests to
   * compare against. Built on first access; recording URLs in it are signed at that moment.
   */
  readonly calls: readonly CallRecord[]
  close(): Promise<void>
}

const DAY_SECONDS = 86_400
const MAX_CALLS = 100_000

function checkOptions(calls: number, ttl: number, port: number, spanDays: number): void {
  if (!Number.isInteger(calls) || calls < 1 || calls > MAX_CALLS)
    throw new RangeError(`Demo server: calls must be a whole number from 1 to ${MAX_CALLS}; got ${calls}.`)
  if (!(spanDays >= 1 && spanDays <= 365)) throw new RangeError(`Demo server: spanDays must be from 1 to 365; got ${spanDays}.`)
  if (!(ttl > 0)) throw new RangeError(`Demo server: recordingTtlSeconds must be positive; got ${ttl}.`)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`Demo server: port must be 0..65535; got ${port}.`)
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolvePromise(server.address() as AddressInfo)
    })
  })
}

/** Seed the data, load the demo recordings and listen. */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const now = options.now ?? ((): Date => new Date())
  const size = options.calls ?? 2000
  const ttl = options.recordingTtlSeconds ?? 7 * DAY_SECONDS
  const port = options.port ?? 0
  const host = options.host ?? '127.0.0.1'
  const spanDays = options.spanDays ?? SPAN_DAYS
  checkOptions(size, ttl, port, spanDays)
  const audio = loadAudioLibrary(options.resourcesDir ?? resolve(process.cwd(), 'resources'))
  const dataset = generateDataset(size, options.seed ?? 1, now(), spanDays)
  const tokens = new TokenRegistry(now)
  const loginLimiter = new LoginRateLimiter(options.loginRateLimit ?? 10, now)
  const faults = createFaultQueue({ expireAccessTokens: () => tokens.expireAllAccessTokens(), resetLoginRateLimit: () => loginLimiter.reset() })
  const signer = new RecordingSigner(ttl, now)
  const recordContext = ({ expiredLinks }: { expiredLinks: boolean }): RecordContext => ({
    dataset,
    audio,
    recordingLink: (callId, fileName) => signer.link(callId, fileName, expiredLinks)
  })

  const server = createServer(
    createRequestHandler({
      now,
      faults,
      oauth: { users: DEMO_USERS, tokens, loginLimiter },
      api: { tokens, recordContext, encodedRecords: new EncodedRecordCache() },
      recordings: {
        signer,
        assetOf: (callId) => {
          const index = indexOfCallId(dataset, callId)
          return index < 0 ? null : recordingAssetOf({ dataset, audio }, index)
        }
      }
    })
  )
  const sockets = new Set<Socket>()
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const address = await listen(server, port, host)
  const origin = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`
  signer.apiBaseUrl = origin
  const demoUser = DEMO_USERS[0] as (typeof DEMO_USERS)[number]
  let materialised: CallRecord[] | null = null

  return {
    apiBaseUrl: origin,
    oauthBaseUrl: origin,
    login: { email: demoUser.email, password: demoUser.password, org_unit_id: demoUser.org_unit_id },
    otherAccountOrgUnitId: OTHER_ACCOUNT_ID,
    faults,
    get calls(): readonly CallRecord[] {
      if (!materialised) {
        const context = recordContext({ expiredLinks: false })
        const all = new Set(INCLUDE_MODULES)
        materialised = Array.from({ length: dataset.size }, (_, i) => buildCallRecord(context, i, all))
      }
      return materialised
    },
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((error) => (error ? reject(error) : resolveClose()))
        for (const socket of sockets) socket.destroy()
      })
  }
}
