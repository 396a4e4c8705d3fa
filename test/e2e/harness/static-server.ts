import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { Readable } from 'node:stream'
import { CONTENT_SECURITY_POLICY, cspFor } from '@shared/csp'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2'
}

export type WebHandler = (request: Request) => Promise<Response>

/**
 * Serves the built renderer (out/renderer) under the app's CSP, and hands `/recording/<id>` to
 * the same web-standard handler Electron's recording:// protocol uses.
 *
 * The one difference from the shipped policy: Chromium has no recording: protocol here, so media
 * may come from this server's /recording/ path instead. The policy is built by the same cspFor
 * and replaces the shipped one in the header and in index.html's <meta> (two policies would both
 * apply), so the harness changes nothing else and the app ships `media-src recording:` alone.
 */
export function harnessCsp(origin: string): string {
  return cspFor({ media: [`${origin}/recording/`] })
}
export async function startStaticServer(root: string, recordings: WebHandler): Promise<{ server: Server; origin: string }> {
  if (!existsSync(join(root, 'index.html'))) throw new Error(`${root}/index.html is missing: run "npm run build" before the end-to-end tests.`)
  const page = { policy: CONTENT_SECURITY_POLICY }
  const server = createServer((req, res) => {
    void route(root, recordings, page.policy, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500)
      res.end(String(error))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('harness server has no port')
  const origin = `http://127.0.0.1:${address.port}`
  page.policy = harnessCsp(origin)
  return { server, origin }
}

async function route(root: string, recordings: WebHandler, policy: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  if (url.pathname.startsWith('/recording/')) {
    const headers = new Headers()
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
    const response = await recordings(new Request(url, { method: req.method ?? 'GET', headers }))
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()))
    if (!response.body || req.method === 'HEAD') return void res.end()
    const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream)
    res.on('close', () => body.destroy())
    // A recording stream that breaks (the host dropped it) cuts the page's connection, as
    // Electron's protocol does, instead of throwing in the test process.
    body.on('error', () => res.destroy())
    body.pipe(res)
    return
  }
  // Chromium asks an http page for /favicon.ico; Electron's window never does. No content, no 404 in the console.
  if (url.pathname === '/favicon.ico') return void res.writeHead(204).end()
  const path = normalize(join(root, url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname)))
  if (!path.startsWith(root + sep) || !existsSync(path) || !statSync(path).isFile()) {
    res.writeHead(404).end('not found')
    return
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
    'Content-Security-Policy': policy,
    'Cache-Control': 'no-store'
  })
  if (extname(path) === '.html') res.end(withPolicy(readFileSync(path, 'utf8'), policy))
  else createReadStream(path).pipe(res)
}

/** The page's CSP <meta>, switched from the shipped policy to the harness's. */
function withPolicy(html: string, policy: string): string {
  const meta = `content="${CONTENT_SECURITY_POLICY}"`
  if (!html.includes(meta)) throw new Error('The built index.html does not carry the CSP of src/shared/csp.ts: run "npm run build" again.')
  return html.replace(meta, `content="${policy}"`)
}
