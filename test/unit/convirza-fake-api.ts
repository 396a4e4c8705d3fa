/**
 * A tiny real HTTP server for the Convirza client's unit tests: each test scripts the answers
 * and reads back every request the client made (method, path, headers, body). The full
 * Convirza-compatible server (src/main/services/demo-server) is used by the integration tests.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createLogger, type Logger } from '../../src/main/services/log'

export interface RecordedRequest {
  method: string
  /** Path and query, as sent. */
  url: string
  headers: IncomingHttpHeaders
  body: string
}

export interface FakeApi {
  url: string
  requests: RecordedRequest[]
  close(): Promise<void>
}

export type FakeHandler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>

export async function startFakeApi(handler: FakeHandler): Promise<FakeApi> {
  const requests: RecordedRequest[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const recorded = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }
      requests.push(recorded)
      Promise.resolve(handler(recorded, res)).catch((error: unknown) => {
        res.statusCode = 599
        res.end(String(error))
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers })
  response.end(JSON.stringify(body))
}

export function errorBody(code: number, message: string, requestId = `req-${code}`): unknown {
  return { code, message, request_id: requestId, timestamp: '2026-03-01T00:00:00Z' }
}

/** A minimal valid call record. */
export function call(callId: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { call_id: callId, call_started: '2026-02-14T18:20:12.000Z', disposition: 'ANSWERED', ...extra }
}

export function callsEnvelope(calls: unknown[], total = calls.length, requestId = 'req-page'): unknown {
  return { code: 200, message: 'Success', data: { total, calls }, request_id: requestId, timestamp: '2026-03-01T00:00:00Z' }
}

let tokenCounter = 0
/** A token response with distinct, long tokens (so the logger's redaction applies to them). */
export function tokenResponse(prefix = 'tok'): {
  access_token: string
  refresh_token: string
  expires_in: string
  refresh_expires_in: string
  token_type: string
  user: unknown
} {
  tokenCounter++
  return {
    access_token: `${prefix}-access-${tokenCounter}-aaaaaaaaaaaa`,
    refresh_token: `${prefix}-refresh-${tokenCounter}-rrrrrrrrrrrr`,
    token_type: 'Bearer',
    expires_in: '2026-03-08T00:00:00.000Z',
    refresh_expires_in: '2026-08-28T00:00:00.000Z',
    user: { user_id: 7, email: 'qa@example.com', role_id: 1, org_unit_id: 1200 }
  }
}

/** A logger that writes nothing; tests that read the log use createLogger({ file }). */
export function quietLog(): Logger {
  return createLogger({})
}

export function pathOf(request: RecordedRequest): string {
  return request.url.split('?')[0] ?? ''
}

export function paramsOf(request: RecordedRequest): URLSearchParams {
  return new URLSearchParams(request.url.split('?')[1] ?? '')
}
