/**
 * The app:// protocol's handler (src/main/services/app-protocol.ts), called as Electron's
 * protocol.handle calls it, over a real folder standing in for the renderer build, with files
 * beside it that must never be served.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_INDEX_URL, APP_ORIGIN, createAppProtocolHandler, isOnOrigin, originOf, rendererRoot } from '@main/services/app-protocol'

const base = mkdtempSync(join(tmpdir(), 'call-review-app-protocol-'))
const root = join(base, 'renderer')
mkdirSync(join(root, 'assets'), { recursive: true })
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Call Review</title>')
writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)')
writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}')
writeFileSync(join(base, 'secret.txt'), 'outside the build')
mkdirSync(join(base, 'renderer-evil'))
writeFileSync(join(base, 'renderer-evil', 'x.js'), 'sibling folder sharing the prefix')
symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'))

const serve = createAppProtocolHandler({ root, contentSecurityPolicy: "default-src 'none'" })
const get = (url: string, init?: RequestInit) => serve(new Request(url, init))

describe('app:// protocol', () => {
  it('serves index.html, for / too, with the CSP header', async () => {
    for (const url of [APP_INDEX_URL, `${APP_ORIGIN}/`]) {
      const response = await get(url)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(response.headers.get('content-security-policy')).toBe("default-src 'none'")
      expect(await response.text()).toContain('<title>Call Review</title>')
    }
  })

  it('serves the build’s scripts and styles with their types and no sniffing', async () => {
    const js = await get(`${APP_ORIGIN}/assets/index-abc.js`)
    expect(js.status).toBe(200)
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(js.headers.get('x-content-type-options')).toBe('nosniff')
    expect(js.headers.get('content-security-policy')).toBeNull()
    expect(await js.text()).toBe('console.log(1)')
    expect((await get(`${APP_ORIGIN}/assets/index-abc.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8')
  })

  it.each([
    `${APP_ORIGIN}/../secret.txt`,
    `${APP_ORIGIN}/%2e%2e/secret.txt`,
    `${APP_ORIGIN}/..%2Fsecret.txt`,
    `${APP_ORIGIN}/assets/..%2F..%2Fsecret.txt`,
    `${APP_ORIGIN}/%2E%2E%2F%2E%2E%2Fsecret.txt`,
    `${APP_ORIGIN}/..%5Csecret.txt`,
    `${APP_ORIGIN}/%2Fetc%2Fpasswd`,
    `${APP_ORIGIN}//etc/passwd`,
    `${APP_ORIGIN}/..%2Frenderer-evil%2Fx.js`,
    `${APP_ORIGIN}/index.html%00.js`,
    `${APP_ORIGIN}/%E0%A4%A`
  ])('refuses %s: a path that leaves the build or is malformed', async (url) => {
    const response = await get(url)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('outside the build')
  })

  it('refuses a link inside the build that points outside it', async () => {
    const response = await get(`${APP_ORIGIN}/assets/link.txt`)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('outside the build')
  })

  it('answers 404 for a missing file and for a folder', async () => {
    expect((await get(`${APP_ORIGIN}/nope.js`)).status).toBe(404)
    expect((await get(`${APP_ORIGIN}/assets`)).status).toBe(404)
  })

  it('answers only for its own host', async () => {
    expect((await get('app://elsewhere/index.html')).status).toBe(404)
    expect((await get('app://call-review.evil/index.html')).status).toBe(404)
  })

  it('allows only GET and HEAD; HEAD has no body', async () => {
    expect((await get(APP_INDEX_URL, { method: 'POST', body: 'x' })).status).toBe(405)
    const head = await get(APP_INDEX_URL, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })

  it('finds the renderer build beside main’s bundle', () => {
    expect(rendererRoot(join('/opt/Call Review/resources/app.asar/out/main'))).toBe(join('/opt/Call Review/resources/app.asar/out/renderer'))
  })
})

describe('trusted origin', () => {
  it('gives custom schemes a real origin, unlike Node’s URL', () => {
    expect(new URL(APP_INDEX_URL).origin).toBe('null')
    expect(originOf(APP_INDEX_URL)).toBe('app://call-review')
  })

  it.each([
    [APP_INDEX_URL, true],
    [`${APP_ORIGIN}/assets/x.js#frag`, true],
    ['app://call-review.evil/index.html', false],
    ['app://evil/index.html', false],
    ['app://user@call-review/index.html', false],
    ['app://call-review:8080/index.html', false],
    ['file:///opt/Call%20Review/resources/app.asar/out/renderer/index.html', false],
    ['file://host/out/renderer/index.html', false],
    ['https://call-review/index.html', false],
    ['not a url', false],
    ['', false]
  ])('%s is on the app origin: %s', (url, expected) => {
    expect(isOnOrigin(url, APP_ORIGIN)).toBe(expected)
  })

  it('compares a dev server’s full origin, port included', () => {
    expect(isOnOrigin('http://localhost:5173/', 'http://localhost:5173')).toBe(true)
    expect(isOnOrigin('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
    expect(isOnOrigin('https://localhost:5173/', 'http://localhost:5173')).toBe(false)
  })
})
