/**
 * The standalone demo server (`npm run demo-server -- ...`, i.e. `tsx src/main/services/demo-server/cli.ts`):
 * one JSON line first, then it serves until SIGTERM/SIGINT. It is spawned as `node --import tsx
 * cli.ts`, the same code without tsx's wrapper process, whose signal relay races under load
 * and can turn a clean exit into 130; npm itself only adds seconds of start-up.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'

const children: ChildProcessWithoutNullStreams[] = []
const SCRIPT = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts['demo-server'] ?? ''

function startCli(args: string[]): {
  child: ChildProcessWithoutNullStreams
  firstLine: Promise<string>
  exit: Promise<number | null>
  stderr: () => string
} {
  const script = SCRIPT.replace(/^tsx /, '')
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: process.cwd(), env: { ...process.env, FORCE_COLOR: '0' } })
  children.push(child)
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const firstLine = new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout })
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`demo server exited (${code}) before printing: ${stderr}`)))
  })
  firstLine.catch(() => {})
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, firstLine, exit, stderr: () => stderr }
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

describe('npm run demo-server', () => {
  it('is the script package.json declares', () => {
    expect(SCRIPT).toBe('tsx src/main/services/demo-server/cli.ts')
  })

  it('prints one JSON line with the base URLs and the demo login, serves it, and stops on SIGTERM', async () => {
    const cli = startCli(['--port', '0', '--calls', '120', '--seed', '9', '--recording-ttl', '30'])
    const info = JSON.parse(await cli.firstLine) as {
      apiBaseUrl: string
      oauthBaseUrl: string
      login: { email: string; password: string; org_unit_id: number }
    }
    expect(info).toEqual({
      apiBaseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      oauthBaseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      login: { email: expect.any(String), password: expect.any(String), org_unit_id: expect.any(Number) }
    })
    const signIn = await fetch(`${info.oauthBaseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(info.login)
    })
    const { access_token } = (await signIn.json()) as { access_token: string }
    const res = await fetch(`${info.apiBaseUrl}/v3/conversations/calls?start=2000-01-01T00:00:00Z&limit=1&include=recordings`, {
      headers: { authorization: `Bearer ${access_token}` }
    })
    // start far in the past: the range rule still applies to the standalone server.
    expect(res.status).toBe(400)
    const page = await fetch(`${info.apiBaseUrl}/v3/conversations/calls?limit=200&include=recordings`, {
      headers: { authorization: `Bearer ${access_token}` }
    })
    const body = (await page.json()) as { data: { calls: { recording_details?: { expires_at: number } | null }[] } }
    const expiresAt = body.data.calls.find((c) => c.recording_details)?.recording_details?.expires_at as number
    expect(expiresAt - Date.now() / 1000).toBeGreaterThan(25)
    expect(expiresAt - Date.now() / 1000).toBeLessThanOrEqual(30)
    cli.child.kill('SIGTERM')
    expect(await cli.exit).toBe(0)
  })

  it('closes the server on SIGINT too', async () => {
    const cli = startCli(['--calls', '10'])
    await cli.firstLine
    cli.child.kill('SIGINT')
    expect(await cli.exit).toBe(0)
    expect(cli.stderr()).toMatch(/SIGINT, closing/)
  })

  it('exits 1 and says why when an option is invalid', async () => {
    const cli = startCli(['--calls', '0'])
    expect(await cli.exit).toBe(1)
    expect(cli.stderr()).toMatch(/calls must be a whole number from 1 to 100000/)
  })
})
