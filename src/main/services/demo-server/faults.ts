/**
 * Fault injection and request statistics for tests of the client against the demo server
 * (latency, 429 with Retry-After, 5xx, connection resets, truncated or malformed JSON,
 * a schema-invalid record inside a page, expired recording URLs).
 *
 * Faults are queued: each request takes the first queued fault that matches it (kind applicable
 * to the route, optional `path` prefix and `method`), and the fault's `times` counts down.
 * Example: `faults.inject({ kind: 'status', status: 503, times: 2, path: '/v3/conversations/calls' })`.
 */

/** What can go wrong. Each kind applies only where it makes sense (see `appliesTo`). */
export type Fault =
  /** Answer with this status and an error envelope. 429 carries `Retry-After` (default 1 s). Any path. */
  | { kind: 'status'; status: number; retryAfterSeconds?: number; message?: string }
  /** Destroy the socket without answering (ECONNRESET at the client). Any path. */
  | { kind: 'reset' }
  /** Wait this long before handling the request. Any path. */
  | { kind: 'latency'; ms: number }
  /** A 200 whose JSON body stops halfway. JSON routes only. */
  | { kind: 'truncated-json' }
  /** A 200 whose body is not JSON at all. JSON routes only. */
  | { kind: 'malformed-json' }
  /** One record in the next non-empty calls page breaks the schema: `call_started: "not-a-date"` or `call_id` an object. */
  | { kind: 'invalid-record'; field?: 'call_started' | 'call_id' }
  /** The next calls page with `include=recordings` hands out URLs that have already expired. */
  | { kind: 'expired-urls' }
  /** The next recording download answers 410 as if its URL had expired, even though it has not. */
  | { kind: 'recording-expired' }
  /** A recording host that ignores Range: the whole file with 200, whatever part was asked for. */
  | { kind: 'ignore-range' }

export type FaultKind = Fault['kind']

/** A fault plus where and how often it strikes. */
export type FaultSpec = Fault & {
  /** How many matching requests it hits; default 1. `Infinity` keeps it until `clear()`. */
  times?: number
  /** Only requests whose path starts with this, e.g. '/v3/conversations/calls' or '/oauth/refresh-token'. */
  path?: string
  /** Only requests with this method (GET, POST, HEAD). */
  method?: string
}

/** What `inject` returns: how many hits are left, and a way to withdraw the fault. */
export interface FaultHandle {
  remaining(): number
  cancel(): void
}

/** One request as the server received it. */
export interface RequestLogEntry {
  method: string
  path: string
  /** The raw query string, with its leading '?', or ''. */
  search: string
  /** The status sent; null when the connection was reset or the response never finished. */
  status: number | null
  /** The fault this request took, if any. */
  fault: FaultKind | null
}

/** The test-facing control of the demo server's faults, sessions and request counts. */
export interface FaultController {
  /** Queue a fault; it strikes the next `times` matching requests (default 1). */
  inject(spec: FaultSpec): FaultHandle
  /** Add `ms` of latency to every request until changed; 0 turns it off. */
  setLatency(ms: number): void
  /** Withdraw every queued fault and the persistent latency. Request counts are kept. */
  clear(): void
  /** How many requests reached `path` (exact pathname, e.g. '/oauth/refresh-token'); all requests when omitted. */
  requestCount(path?: string): number
  /** Every request received since the start or the last `resetStats()`, oldest first. */
  requests(): readonly RequestLogEntry[]
  /** Forget the request counts and log. */
  resetStats(): void
  /** Make every access token issued so far invalid (401), as if they had expired; refresh tokens stay valid. */
  expireAccessTokens(): void
  /** Forget past sign-in attempts, so the 10-per-minute login limit starts afresh. */
  resetLoginRateLimit(): void
}

interface Queued {
  fault: Fault
  remaining: number
  path: string | undefined
  method: string | undefined
}

const JSON_ONLY: ReadonlySet<FaultKind> = new Set(['truncated-json', 'malformed-json'])
const RECORDINGS_PREFIX = '/v3/recordings/'

/** Whether a fault kind can strike a request to `path` at all. */
export function appliesTo(kind: FaultKind, path: string): boolean {
  if (JSON_ONLY.has(kind)) return !path.startsWith(RECORDINGS_PREFIX)
  if (kind === 'invalid-record' || kind === 'expired-urls') return path === '/v3/conversations/calls'
  if (kind === 'recording-expired' || kind === 'ignore-range') return path.startsWith(RECORDINGS_PREFIX)
  return true
}

/** The server's side of the controller: take faults while handling requests. */
export interface FaultQueue extends FaultController {
  /** Take (and count down) the first queued fault of one of `kinds` matching this request. */
  take<K extends FaultKind>(kinds: readonly K[], path: string, method: string): Extract<Fault, { kind: K }> | null
  /** The latency to add to this request: the persistent one plus the first queued latency fault it matches. */
  latencyFor(path: string, method: string): number
  record(entry: RequestLogEntry): RequestLogEntry
}

export function createFaultQueue(hooks: { expireAccessTokens(): void; resetLoginRateLimit(): void }): FaultQueue {
  let queue: Queued[] = []
  let latencyMs = 0
  let log: RequestLogEntry[] = []

  const take = <K extends FaultKind>(kinds: readonly K[], path: string, method: string): Extract<Fault, { kind: K }> | null => {
    const entry = queue.find(
      (q) =>
        q.remaining > 0 &&
        (kinds as readonly FaultKind[]).includes(q.fault.kind) &&
        appliesTo(q.fault.kind, path) &&
        (q.path === undefined || path.startsWith(q.path)) &&
        (q.method === undefined || q.method.toUpperCase() === method)
    )
    if (!entry) return null
    entry.remaining--
    if (entry.remaining <= 0) queue = queue.filter((q) => q !== entry)
    return entry.fault as Extract<Fault, { kind: K }>
  }

  return {
    inject(spec) {
      const { times = 1, path, method, ...fault } = spec
      if (!(times > 0)) throw new RangeError(`fault times must be positive; got ${times}`)
      if (fault.kind === 'status' && (fault.status < 100 || fault.status > 599)) throw new RangeError(`not an HTTP status: ${fault.status}`)
      const entry: Queued = { fault: fault as Fault, remaining: times, path, method }
      queue.push(entry)
      return {
        remaining: () => Math.max(0, entry.remaining),
        cancel: () => {
          entry.remaining = 0
          queue = queue.filter((q) => q !== entry)
        }
      }
    },
    setLatency(ms) {
      if (!(ms >= 0)) throw new RangeError(`latency must be 0 or more ms; got ${ms}`)
      latencyMs = ms
    },
    clear() {
      queue = []
      latencyMs = 0
    },
    requestCount: (path) => (path === undefined ? log.length : log.filter((e) => e.path === path).length),
    requests: () => log.slice(),
    resetStats() {
      log = []
    },
    expireAccessTokens: () => hooks.expireAccessTokens(),
    resetLoginRateLimit: () => hooks.resetLoginRateLimit(),
    take,
    latencyFor(path, method) {
      return latencyMs + (take(['latency'], path, method)?.ms ?? 0)
    },
    record(entry) {
      log.push(entry)
      return entry
    }
  }
}
