import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, cspFor, sessionCsp } from '@shared/csp'
import { harnessCsp } from '@test/e2e/harness/static-server'

function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/)
      return [name, values]
    })
  )
}

describe('content security policy', () => {
  it('is the same in index.html as the header main sends', () => {
    const html = readFileSync('src/renderer/index.html', 'utf8')
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBe(CONTENT_SECURITY_POLICY)
  })

  it('allows no remote script, no eval and no inline script', () => {
    const shipped = directives(CONTENT_SECURITY_POLICY)
    expect(shipped['script-src']).toEqual(["'self'"])
    expect(shipped['default-src']).toEqual(["'none'"])
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https?:/)
  })

  it("takes media only from the recording: protocol, not 'self' (the page is a file:// URL)", () => {
    expect(directives(CONTENT_SECURITY_POLICY)['media-src']).toEqual(['recording:'])
  })

  it('relaxes script, style and connect for the dev server only, never eval or media', () => {
    const dev = directives(cspFor({ dev: true }))
    expect(dev['script-src']).toEqual(["'self'", "'unsafe-inline'"])
    expect(dev['style-src']).toEqual(["'self'", "'unsafe-inline'"])
    expect(dev['connect-src']).toContain('ws:')
    expect(dev['media-src']).toEqual(['recording:'])
    expect(cspFor({ dev: true })).not.toMatch(/unsafe-eval/)
  })

  it('sends the dev variant only while a dev server URL is set', () => {
    expect(sessionCsp(undefined)).toBe(CONTENT_SECURITY_POLICY)
    expect(sessionCsp('')).toBe(CONTENT_SECURITY_POLICY)
    expect(sessionCsp('http://localhost:5173')).toBe(cspFor({ dev: true }))
    expect(sessionCsp('http://localhost:5173')).not.toBe(CONTENT_SECURITY_POLICY)
  })

  it('gives the browser harness its own media source and changes nothing else', () => {
    const harness = directives(harnessCsp('http://127.0.0.1:4321'))
    const shipped = directives(CONTENT_SECURITY_POLICY)
    expect(harness['media-src']).toEqual(['http://127.0.0.1:4321/recording/'])
    expect({ ...harness, 'media-src': [] }).toEqual({ ...shipped, 'media-src': [] })
  })
})
