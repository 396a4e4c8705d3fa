/**
 * The demo server's request pipeline: log the request, apply injected latency and faults, route,
 * and turn thrown HttpErrors (and anything unexpected) into error envelopes with a request_id.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { handleCalls, handleGroupsTree, type ApiDeps } from './calls-route'
import type { FaultQueue } from './faults'
import { HttpError, sendError, type RequestContext } from './http-helpers'
import { handleRefresh, handleRevoke, handleToken, type OAuthDeps } from './oauth-routes'
import { handleRecording, RECORDINGS_PATH, type RecordingDeps } from './recordings'

export interface RouterDeps {
  now: () => Date
  faults: FaultQueue
  oauth: OAuthDeps
  api: ApiDeps
  recordings: RecordingDeps
}

type Handler = (context: RequestContext) => void | Promise<void>

const STATUS_TEXT: Record<number, string> = {
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout'
}

function route(path: string, deps: RouterDeps): { methods: string[]; handler: Handler } | null {
  switch (path) {
    case '/oauth/token':
      return { methods: ['POST'], handler: (c) => handleToken(c, deps.oauth) }
    case '/oauth/refresh-token':
      return { methods: ['POST'], handler: (c) => handleRefresh(c, deps.oauth) }
    case '/oauth/revoke-token':
      return { methods: ['POST'], handler: (c) => handleRevoke(c, deps.oauth) }
    case '/v3/conversations/calls':
      return { methods: ['GET'], handler: (c) => handleCalls(c, deps.api) }
    case '/v3/groups/tree':
      return { methods: ['GET'], handler: (c) => handleGroupsTree(c, deps.api) }
    default:
      if (path.startsWith(RECORDINGS_PATH)) return { methods: ['GET', 'HEAD'], handler: (c) => handleRecording(c, deps.recordings) }
      return null
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export function createRequestHandler(deps: RouterDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void handle(req, res, deps)
  }
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: RouterDeps): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://demo.invalid')
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname
  const method = (req.method ?? 'GET').toUpperCase()
  const entry = deps.faults.record({ method, path, search: url.search, status: null, fault: null })
  res.on('finish', () => {
    entry.status = res.statusCode
  })
  const context: RequestContext = {
    req,
    res,
    url,
    requestId: randomUUID(),
    now: deps.now,
    takeFault: (kinds) => {
      const fault = deps.faults.take(kinds, path, method)
      if (fault) entry.fault ??= fault.kind
      return fault
    }
  }
  res.setHeader('X-Request-Id', context.requestId)
  try {
    const delay = deps.faults.latencyFor(path, method)
    if (delay > 0) await sleep(delay)
    const fault = context.takeFault(['status', 'reset'])
    if (fault?.kind === 'reset') {
      req.socket.destroy()
      return
    }
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = fault.status === 429 ? { 'Retry-After': String(fault.retryAfterSeconds ?? 1) } : {}
      throw new HttpError(
        fault.status,
        fault.message ?? `${STATUS_TEXT[fault.status] ?? 'Error'} (injected by the demo server's fault controller).`,
        headers
      )
    }
    const target = route(path, deps)
    if (!target) throw new HttpError(404, `No such endpoint: ${method} ${path}.`)
    if (!target.methods.includes(method))
      throw new HttpError(405, `${path} accepts ${target.methods.join(' or ')}, not ${method}.`, { Allow: target.methods.join(', ') })
    await target.handler(context)
  } catch (error) {
    if (res.headersSent) {
      res.destroy()
      return
    }
    if (error instanceof HttpError) {
      sendError(context, error.status, error.message, error.headers)
      return
    }
    console.error(`demo server: ${method} ${path} failed (request ${context.requestId})`, error)
    sendError(context, 500, 'The demo server failed to handle this request; see its log for the request_id.')
  }
}
