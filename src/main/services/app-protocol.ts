/**
 * The renderer's own origin, app://call-review, in place of file:// (Electron security checklist
 * #18, "avoid usage of the file:// protocol"): under file:// every local file shares the page's
 * origin, so any path that ends in index.html would pass a sender check. Registered by
 * src/main/index.ts with protocol.handle; a plain function of Request → Response, so it is tested
 * in Node exactly as Electron calls it. It serves only files inside the renderer build folder.
 */
import { readFile as readFileCb, realpath as realpathCb, stat as statCb } from 'node:fs'
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { promisify } from 'node:util'

// The callback forms: Electron's asar support patches these for paths inside app.asar, where
// the packaged renderer lives.
const readFile = promisify(readFileCb)
const realpath = promisify(realpathCb)
const stat = promisify(statCb)

export const APP_SCHEME = 'app'
export const APP_HOST = 'call-review'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
/** What the window loads. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`

/**
 * The origin of a URL, for custom schemes too: Node's URL gives "null" as the origin of any
 * scheme it does not know, which would make every app: URL equal to every other.
 */
export function originOf(url: string): string | null {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return null
  }
  if (u.username || u.password || !u.host) return null
  return `${u.protocol}//${u.host}`
}

/** True when `url` is on exactly `expectedOrigin`: scheme, host and port all equal. */
export function isOnOrigin(url: string, expectedOrigin: string): boolean {
  const origin = originOf(url)
  return origin !== null && origin === originOf(expectedOrigin)
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8'
}

export interface AppProtocolOptions {
  /** The renderer build folder (out/renderer); nothing outside it is ever served. */
  root: string
  /** The Content-Security-Policy every HTML page is served with. */
  contentSecurityPolicy: string
}

function refuse(status: number, message: string): Response {
  return new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } })
}

/** The file under `root` a request names, or null when it names none (or tries to leave it). */
async function fileFor(root: string, url: URL): Promise<string | null> {
  let path: string
  try {
    path = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (path === '/' || path === '') path = '/index.html'
  if (path.includes('\0') || path.includes('\\')) return null
  const full = resolve(root, `.${path}`)
  const inside = (p: string, base: string) => {
    const rel = relative(base, p)
    return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)
  }
  if (!inside(full, root)) return null
  try {
    // A link inside the build that points outside it is refused too.
    const [real, realRoot] = await Promise.all([realpath(full), realpath(root)])
    if (!inside(real, realRoot) || !(await stat(real)).isFile()) return null
    return real
  } catch {
    return null
  }
}

export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const root = resolve(options.root)
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, `${request.method} is not allowed on ${APP_ORIGIN}.`)
    let url: URL
    try {
      url = new URL(request.url)
    } catch {
      return refuse(400, 'Not a URL.')
    }
    if (originOf(request.url) !== APP_ORIGIN) return refuse(404, `${request.url.slice(0, 200)} is not part of Call Review.`)
    const file = await fileFor(root, url)
    if (!file) return refuse(404, `${url.pathname.slice(0, 200)} is not part of Call Review.`)
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
    const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' }
    // Scan suppression (CSP_GLOBAL_CHECK): the scanner cannot read a variable here; the policy is
    // src/shared/csp.ts's, which the <meta> of src/renderer/index.html carries and it does check.
    if (type.startsWith('text/html')) headers['Content-Security-Policy'] = options.contentSecurityPolicy // eng-disable CSP_GLOBAL_CHECK
    const body = request.method === 'HEAD' ? null : await readFile(file)
    return new Response(body, { status: 200, headers })
  }
}

/** The renderer build folder next to main's bundle (out/main → out/renderer; the same inside app.asar). */
export function rendererRoot(mainDir: string): string {
  return join(mainDir, '..', 'renderer')
}
