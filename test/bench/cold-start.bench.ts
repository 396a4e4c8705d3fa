/**
 * Cold start with a full library, in Chromium against the built renderer (out/renderer) and the
 * app's real services (the end-to-end harness). The library holds 10,000 calls of the default
 * filter (the last 7 days); then, 5 times, a fresh harness (createAppServices over the same data
 * folder: the library is opened again) and a fresh browser load the app, signed in, and the
 * page reports, from its navigation start:
 *   - first paint (< 200 ms): the browser's first-paint entry;
 *   - first cached rows (< 300 ms): the frame after the library's first page reached the page
 *     with rows in the list;
 *   - first network page (< 500 ms): the frame after the API's first page reached the page.
 * Medians of the 5. Beside them, the peer (react-floor.ts): a page of React alone rendering 40
 * rows, timed the same way, and the app's figures as multiples of it. Electron's own start (the
 * window, before navigation) is not in these numbers; docs/decisions/cold-start.md says what
 * Electron adds and where its V8 code cache is used.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { startDemoServer } from '@main/services/demo-server'
import { MemorySecretStore } from '@main/services/secrets/memory-secret-store'
import type { AppServicesOptions } from '@main/services/app-services'
import { RENDERER_ROOT, startHarness, type Harness } from '../e2e/harness/harness'
import { pageSignal, reportSource } from './page-signal'
import { FLOOR_ROWS, measureReactFloor } from './react-floor'
import { percentile, round, type BenchResult } from './types'

const CALLS = 10_000
const RUNS = 5
const FILL_CONCURRENCY = 4

const median = (s: readonly number[]): number => percentile(s, 50)
const spread = (s: readonly number[]): string =>
  `${s.length} fresh starts: ${s.map((v) => round(v, 0)).join(', ')} ms; median ${round(median(s))}, min ${round(Math.min(...s))}, max ${round(Math.max(...s))}`

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking']

interface StartTimes {
  firstPaint: number
  cachedAnswer: number
  cachedRows: number
  networkAnswer: number
  networkRows: number
}

/** What the page logs, with its times as JSON, once both sets of rows are on screen. */
const SIGNAL = 'cold-start-times:'

/**
 * Runs in the page before the app's scripts, after the harness's bridge: wraps the bridge to note
 * when the first page of calls:list arrives from each source, and checks every frame whether
 * its rows are in the list, then reports the times on the console (page-signal.ts: nothing of
 * Playwright's runs in the page while it starts). Times are performance.now(): ms since navigation
 * start.
 */
const TIMING_SCRIPT = `(() => {
  const t = { cachedAnswer: 0, cachedRows: 0, networkAnswer: 0, networkRows: 0 };
  const bridge = window.callReview;
  window.callReview = Object.freeze({
    ...bridge,
    invoke: (channel, request) => bridge.invoke(channel, request).then((result) => {
      if (channel === 'calls:list' && result.ok && request && request.query && request.query.offset === 0 && !request.text) {
        const now = performance.now();
        if (request.source === 'cache' && !t.cachedAnswer && result.value.items.length > 0) t.cachedAnswer = now;
        if (request.source === 'network' && !t.networkAnswer) t.networkAnswer = now;
      }
      return result;
    })
  });
  const frame = () => {
    const row = document.querySelector('[role="grid"] [role="row"][aria-rowindex="2"][aria-label]');
    const now = performance.now();
    if (row && t.cachedAnswer && !t.cachedRows) t.cachedRows = now;
    if (row && t.networkAnswer && !t.networkRows) t.networkRows = now;
    if (!t.cachedRows || !t.networkRows) requestAnimationFrame(frame);
    else (${reportSource(SIGNAL)})(t);
  };
  requestAnimationFrame(frame);
})();`

async function ask<T>(harness: Harness, channel: string, request: unknown): Promise<T> {
  const result = await harness.services.dispatch(channel, request, { senderUrl: harness.url })
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.value as T
}

/** Every page of the last 8 days through the real calls:list handler, stored in the library. */
async function fillLibrary(harness: Harness): Promise<number> {
  const end = new Date()
  const start = new Date(end.getTime() - 8 * 86_400_000)
  const list = (offset: number): Promise<{ total: number }> =>
    ask(harness, 'calls:list', { query: { start: start.toISOString(), end: end.toISOString(), limit: 200, offset }, source: 'network' })
  const { total } = await list(0)
  let next = 200
  const worker = async (): Promise<void> => {
    while (next < total) {
      const offset = next
      next += 200
      await list(offset)
    }
  }
  await Promise.all(Array.from({ length: FILL_CONCURRENCY }, worker))
  return total
}

async function coldStart(dataDir: string, overrides: Partial<AppServicesOptions>): Promise<StartTimes & { harnessMs: number }> {
  const began = performance.now()
  const harness = await startHarness({ dataDir, overrides })
  const harnessMs = performance.now() - began
  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    await harness.attach(page)
    await page.addInitScript({ content: TIMING_SCRIPT })
    const reported = pageSignal<StartTimes>(page, SIGNAL, 60_000)
    await page.goto(harness.url, { waitUntil: 'commit' })
    return { ...(await reported), harnessMs }
  } finally {
    await browser.close()
    await harness.close()
  }
}

export async function run(): Promise<BenchResult[]> {
  if (!existsSync(join(RENDERER_ROOT, 'index.html')))
    throw new Error('out/renderer is missing: run `npx electron-vite build` before the cold-start benchmark.')
  const dataDir = mkdtempSync(join(tmpdir(), 'cold-start-bench-'))
  const demo = await startDemoServer({ calls: CALLS, seed: 11, spanDays: 7 })
  // One keychain for every start, as the OS keeps it between runs of the app.
  const overrides: Partial<AppServicesOptions> = {
    keychain: new MemorySecretStore(),
    startDemo: async () => ({
      apiBaseUrl: demo.apiBaseUrl,
      oauthBaseUrl: demo.oauthBaseUrl,
      login: { email: demo.login.email, password: demo.login.password, orgUnitId: demo.login.org_unit_id }
    })
  }
  try {
    // Sign in once and fill the library, as a previous session of the app would have.
    const harness = await startHarness({ dataDir, overrides })
    const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
    let cached = 0
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
      await harness.attach(page)
      await page.goto(harness.url)
      await page.getByRole('button', { name: 'Try the demo account' }).click()
      await page.getByRole('grid', { name: 'Calls' }).waitFor({ timeout: 60_000 })
      cached = await fillLibrary(harness)
    } finally {
      await browser.close()
      await harness.close()
    }
    console.log(`  cold-start bench: ${cached} calls cached; ${RUNS} fresh starts…`)

    const runs: (StartTimes & { harnessMs: number })[] = []
    for (let i = 0; i < RUNS; i += 1) runs.push(await coldStart(dataDir, overrides))
    const floor = await measureReactFloor(RUNS, CHROMIUM_ARGS)
    const floorPaint = median(floor.map((f) => f.firstPaint))
    const floorRows = median(floor.map((f) => f.rows))
    const times = (v: number, of: number): string => `${round(v / of, 1)}× the peer's ${round(of, 0)} ms (React alone, below)`
    const of = (key: keyof StartTimes): number[] => runs.map((r) => r[key])
    const overlap = runs.filter((r) => r.networkAnswer - r.cachedAnswer < r.cachedAnswer).length
    return [
      {
        name: `cold start: first paint, ${cached} calls cached`,
        target: '< 200 ms median',
        value: round(median(of('firstPaint'))),
        unit: 'ms',
        pass: median(of('firstPaint')) < 200,
        notes: `since navigation start; ${spread(of('firstPaint'))}; ${times(median(of('firstPaint')), floorPaint)}`
      },
      {
        name: `cold start: first cached rows, ${cached} calls cached`,
        target: '< 300 ms median',
        value: round(median(of('cachedRows'))),
        unit: 'ms',
        pass: median(of('cachedRows')) < 300,
        notes: `since navigation start, the frame with the library's rows; ${spread(of('cachedRows'))}; the answer reached the page at a median ${round(median(of('cachedAnswer')))} ms; ${times(median(of('cachedRows')), floorRows)}`
      },
      {
        name: `cold start: first network page, ${cached} calls cached`,
        target: '< 500 ms median',
        value: round(median(of('networkRows'))),
        unit: 'ms',
        pass: median(of('networkRows')) < 500,
        notes: `since navigation start, the frame after the API's first page arrived (demo server on loopback); ${spread(of('networkRows'))}; answer at a median ${round(median(of('networkAnswer')))} ms, ${overlap} of ${RUNS} runs with it sooner after the cached answer than the cached answer took (both requests in flight together); fresh harness (services, library opened) took a median ${round(median(runs.map((r) => r.harnessMs)))} ms before navigation; ${times(median(of('networkRows')), floorRows)}`
      },
      {
        name: 'cold start peer: React alone, first paint',
        target: 'peer, for comparison',
        value: round(floorPaint),
        unit: 'ms',
        pass: null,
        notes: `a page of the app's react and react-dom and nothing else, built and minified by the same bundler, timed as the app is; ${spread(floor.map((f) => f.firstPaint))}`
      },
      {
        name: `cold start peer: React alone, ${FLOOR_ROWS} rows`,
        target: 'peer, for comparison',
        value: round(floorRows),
        unit: 'ms',
        pass: null,
        notes: `the frame with its rows; no data asked for, no app code: the least a React screen takes here from navigation start; ${spread(floor.map((f) => f.rows))}`
      }
    ]
  } finally {
    await demo.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
