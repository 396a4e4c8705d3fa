/**
 * The packaged app, as `npm run dist` leaves it in dist/ (the unpacked folder beside the
 * installers): where it exists, launch it and check the hardened build — the window from
 * app://call-review, the application menu answering its accelerators, DevTools that cannot open,
 * and the fuses that refuse --inspect. Playwright's _electron needs --inspect, which the fuses
 * turn off, so the app is driven over Chromium's DevTools protocol instead. Where there is no
 * package (as on CI machines that cannot download Electron), the test skips and says why.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, expect, test, type Browser } from '@playwright/test'

const dist = resolve(__dirname, '../../../dist')

/** The packaged executable electron-builder's `dir` step leaves for this OS. */
function findPackagedApp(): { path?: string; why?: string } {
  const candidates =
    process.platform === 'darwin'
      ? ['mac-arm64', 'mac', 'mac-universal'].map((d) => join(dist, d, 'Call Review.app', 'Contents', 'MacOS', 'Call Review'))
      : process.platform === 'win32'
        ? ['win-unpacked', 'win-arm64-unpacked'].map((d) => join(dist, d, 'Call Review.exe'))
        : ['linux-unpacked', 'linux-arm64-unpacked'].map((d) => join(dist, d, 'call-review'))
  const path = candidates.find((c) => existsSync(c))
  return path
    ? { path }
    : { why: `no packaged app in dist/ (looked for ${candidates.join(', ')}); run "npm run dist" where Electron can be downloaded` }
}

const found = findPackagedApp()
if (!found.path) console.log(`[electron packaged] skipped: ${found.why}`)

/** Starts the packaged app with Chromium's remote debugging on a free port; resolves its endpoint. */
function launch(
  executable: string,
  extraArgs: string[] = []
): { child: ChildProcess; endpoint: Promise<string>; exited: Promise<number | null>; output: () => string } {
  const userData = mkdtempSync(join(tmpdir(), 'call-review-packaged-'))
  const child = spawn(
    executable,
    [`--user-data-dir=${userData}`, '--remote-debugging-port=0', ...(process.platform === 'linux' ? ['--no-sandbox'] : []), ...extraArgs],
    {
      env: { ...process.env, ELECTRON_RENDERER_URL: 'https://evil.example/', ELECTRON_RUN_AS_NODE: '' },
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  let output = ''
  const endpoint = new Promise<string>((resolveEndpoint, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(output)
      if (match) resolveEndpoint(match[1]!)
    }
    child.stderr?.on('data', onData)
    child.stdout?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`the packaged app exited (${code}) before it could be driven:\n${output.slice(-2000)}`)))
  })
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  return { child, endpoint, exited, output: () => output }
}

test.describe('packaged app', () => {
  test.skip(!found.path, found.why)

  let browser: Browser | undefined
  let running: ReturnType<typeof launch> | undefined
  test.afterEach(async () => {
    await browser?.close().catch(() => {})
    if (running && running.child.exitCode === null) running.child.kill()
  })

  test('opens the hardened window from app://, with a working menu and no DevTools', async () => {
    running = launch(found.path!)
    const endpoint = await running.endpoint
    browser = await chromium.connectOverCDP(endpoint)
    const context = browser.contexts()[0]!
    const page = context.pages()[0] ?? (await context.waitForEvent('page'))
    // ELECTRON_RENDERER_URL was set to another site: a packaged build ignores it.
    await expect(page).toHaveURL('app://call-review/index.html')
    await expect(page.getByRole('heading', { name: 'Call Review' })).toBeVisible()
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined')

    // DevTools: the usual keys do nothing, and no DevTools front end ever appears as a target.
    await page.keyboard.press('F12')
    await page.keyboard.press(process.platform === 'darwin' ? 'Meta+Alt+I' : 'Control+Shift+I')
    await page.waitForTimeout(1000)
    const port = new URL(endpoint).port
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { url: string }[]
    expect(targets.filter((t) => t.url.startsWith('devtools://'))).toEqual([])

    // The menu's View ▸ Zoom Out accelerator changes the page's zoom; File ▸ Quit's closes the app.
    // (Zoom In's is Ctrl+Shift+= on most layouts; Zoom Out's needs no Shift.)
    const ratio = await page.evaluate(() => window.devicePixelRatio)
    await page.keyboard.press(process.platform === 'darwin' ? 'Meta+Minus' : 'Control+Minus')
    await expect.poll(() => page.evaluate(() => window.devicePixelRatio)).toBeLessThan(ratio)
    await page.keyboard.press(process.platform === 'darwin' ? 'Meta+0' : 'Control+0')
    await page.keyboard.press(process.platform === 'darwin' ? 'Meta+Q' : 'Control+Q')
    expect(await running.exited).toBe(0)
  })

  test('refuses --inspect (the fuses are flipped)', async () => {
    running = launch(found.path!, ['--inspect=0'])
    await running.endpoint
    // With EnableNodeCliInspectArguments off, Node's inspector never starts.
    await new Promise((r) => setTimeout(r, 2000))
    expect(running.output()).not.toMatch(/Debugger listening on/)
  })
})
