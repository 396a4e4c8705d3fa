/**
 * The listening workspace's benchmarks, in Chromium against the built renderer (out/renderer)
 * and the app's real services (the end-to-end harness), as renderer.bench.ts:
 *   - stored peaks loaded and drawn: calls:audio answered from the library (features and turn
 *     times stored) plus drawing its 1,200 columns on a 1,400 × 52 canvas at 2× — < 16 ms;
 *   - select a cached call until the pane, with its waveform, is painted — median < 80 ms,
 *     p95 < 100 ms;
 *   - in a QA session over cached calls, J until the next recording plays — < 150 ms.
 * The calls, records, recordings and waveforms are fetched first through the real handlers, then
 * the demo server is stopped, so every number is the library's and the renderer's alone.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { startDemoServer } from '@main/services/demo-server'
import { MemorySecretStore } from '@main/services/secrets/memory-secret-store'
import { drawPeaks } from '@renderer/components/player/waveform-draw'
import type { AudioOverview, CallListPage } from '@shared/ipc/contract'
import { RENDERER_ROOT, startHarness, type Harness } from '../e2e/harness/harness'
import { percentile, round, type BenchResult } from './types'

const SELECT_RUNS = 20
const DRAW_RUNS = 40
const NEXT_RUNS = 8
/** Yesterday's calls with a recording to cache: enough for the select runs and a session of NEXT_RUNS + 1. */
const WANT_WITH_AUDIO = NEXT_RUNS + 4

const median = (s: readonly number[]): number => percentile(s, 50)
const spread = (s: readonly number[]): string =>
  `${s.length} runs; median ${round(median(s))} ms, p95 ${round(percentile(s, 95))} ms, min ${round(Math.min(...s))}, max ${round(Math.max(...s))}`

async function ask<T>(harness: Harness, channel: string, request: unknown): Promise<T> {
  const result = await bounded(harness.services.dispatch(channel, request, { senderUrl: harness.url }), 60_000, channel)
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.value as T
}

/** Waits for `work`, or fails after `ms` saying what did not happen: a bench never hangs. */
async function bounded<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms)
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** ms from a click on a row to the frame that shows its call with the waveform drawn. */
async function selectToWaveform(page: Page, rowIndex: number): Promise<number> {
  const row = page.locator(`[role="grid"] [role="row"][aria-rowindex="${rowIndex + 2}"]`)
  await row.scrollIntoViewIfNeeded()
  const measured = page.evaluate(async () => {
    const t = window.__pageTiming
    const since = t.now()
    const subtitle = (): string => document.querySelector('[aria-label="Call review"] .call-header__subtitle')?.textContent ?? ''
    const canvas = (): HTMLCanvasElement | null => document.querySelector<HTMLCanvasElement>('[aria-label="Call review"] canvas.waveform--base')
    const before = subtitle()
    const at = await t.painted(
      () => Boolean(t.clickSince(since) && subtitle() && subtitle() !== before && (canvas()?.width ?? 0) > 1),
      15_000,
      // Say which part of "painted" did not come.
      () =>
        !t.clickSince(since)
          ? 'select → painted: the click never reached the page'
          : subtitle() === before
            ? `select → painted: the pane still shows the previous call (${before})`
            : !canvas()
              ? `select → painted: the waveform never appeared for ${subtitle()} (its calls:audio failed or is still running)`
              : 'select → painted: the waveform canvas was never sized'
    )
    return at - t.clickSince(since)
  })
  await bounded(row.click(), 20_000, `clicking row ${rowIndex}`)
  return bounded(measured, 20_000, `select row ${rowIndex} → painted`)
}

/** ms to draw the peaks on a fresh 2800 × 104 canvas (a 1,400 px track at 2×), in the page. */
async function drawTimes(page: Page, overview: AudioOverview): Promise<number[]> {
  return page.evaluate(
    ({ source, peaks, runs }) => {
      const draw = new Function(`return ${source}`)() as (ctx: CanvasRenderingContext2D, p: typeof peaks, w: number, h: number) => void
      const times: number[] = []
      for (let i = 0; i < runs; i += 1) {
        const canvas = document.createElement('canvas')
        canvas.width = 2800
        canvas.height = 104
        const ctx = canvas.getContext('2d') as CanvasRenderingContext2D
        ctx.fillStyle = '#888'
        const start = performance.now()
        draw(ctx, peaks, 2800, 104)
        ctx.getImageData(0, 0, 1, 1)
        times.push(performance.now() - start)
      }
      return times
    },
    { source: drawPeaks.toString(), peaks: overview.peaks, runs: DRAW_RUNS }
  )
}

/**
 * ms from J in a QA session to the next recording playing (its audio element playing, with
 * data). The watcher is installed in the page and confirmed before J is pressed (a press that
 * raced ahead of it would never be seen), and gives up after 10 s with what it saw.
 */
async function nextToAudio(page: Page): Promise<number> {
  await bounded(
    page.evaluate(() => {
      type H = { Howler?: { _howls: { _src: string | string[]; _sounds: { _node?: HTMLMediaElement }[] }[] } }
      type W = { __nextToAudio?: Promise<number> }
      // howler reuses its audio elements: the sound is told apart by its source, not its element.
      const srcOf = (): string => String((window as unknown as H).Howler?._howls[0]?._src ?? '')
      const first = srcOf()
      const watching = new Promise<number>((resolve, reject) => {
        let pressedAt = 0
        document.addEventListener('keydown', (event) => (pressedAt = event.timeStamp), { capture: true, once: true })
        const started = performance.now()
        const poll = (): void => {
          const node = (window as unknown as H).Howler?._howls[0]?._sounds[0]?._node
          // Playing with data to play: the first audio is under way (its clock may lag a frame).
          if (pressedAt && node && srcOf() !== first && !node.paused && (node.currentTime > 0 || node.readyState >= 3))
            return resolve(performance.now() - pressedAt)
          if (performance.now() - started > 10_000) {
            const position = document.querySelector('[aria-label="Queue position"]')?.textContent ?? '?'
            return reject(
              new Error(
                `the next recording did not start within 10 s of J (${pressedAt ? 'J seen' : 'J never seen'}; queue at ${position}; source ${srcOf() === first ? 'unchanged' : 'changed'}; ${node ? `element ${node.paused ? 'paused' : 'playing'}, readyState ${node.readyState}, error ${node.error?.code ?? 'none'}` : 'no audio element'})`
              )
            )
          }
          requestAnimationFrame(poll)
        }
        requestAnimationFrame(poll)
      })
      // Keep an unawaited rejection from surfacing before the bench reads it.
      watching.catch(() => undefined)
      ;(window as unknown as W).__nextToAudio = watching
    }),
    10_000,
    'installing the next-call watcher'
  )
  await bounded(page.keyboard.press('j'), 10_000, 'pressing J')
  return bounded(
    page.evaluate(() => (window as unknown as { __nextToAudio?: Promise<number> }).__nextToAudio as Promise<number>),
    15_000,
    'J → first audio'
  )
}

export async function run(): Promise<BenchResult[]> {
  if (!existsSync(join(RENDERER_ROOT, 'index.html'))) throw new Error('out/renderer is missing: run "npm run build" before the renderer benchmarks.')
  const dataDir = mkdtempSync(join(tmpdir(), 'listening-bench-'))
  // About 40 calls a day: yesterday is a whole day, so it has enough with recordings whatever the hour
  // the bench runs (today, early in the morning, can have three).
  const demo = await startDemoServer({ calls: 1200, seed: 5, spanDays: 30 })
  let demoClosed = false
  const harness = await startHarness({
    dataDir,
    overrides: {
      keychain: new MemorySecretStore(),
      startDemo: async () => ({
        apiBaseUrl: demo.apiBaseUrl,
        oauthBaseUrl: demo.oauthBaseUrl,
        login: { email: demo.login.email, password: demo.login.password, orgUnitId: demo.login.org_unit_id }
      })
    }
  })
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required']
  })
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
    await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f)' })
    const page = await context.newPage()
    await harness.attach(page)
    await page.goto(harness.url)
    await page.getByRole('button', { name: 'Try the demo account' }).click()
    await page.getByRole('grid', { name: 'Calls' }).waitFor({ timeout: 60_000 })
    await page.getByRole('radio', { name: 'Yesterday' }).check()
    await page.getByRole('row', { name: /./ }).nth(1).waitFor()

    // Everything the list shows is fetched and cached: records, recordings, waveforms and turn times.
    const now = new Date()
    const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1).toISOString()
    const end = new Date(new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime() - 1).toISOString()
    const page0 = await ask<CallListPage>(harness, 'calls:list', { query: { start, end, limit: 200, offset: 0 }, source: 'cache' })
    const withAudio: number[] = []
    const audioIds: number[] = []
    const callAsk: number[] = []
    let overview: AudioOverview | null = null
    for (const [i, item] of page0.items.entries()) {
      if (withAudio.length >= WANT_WITH_AUDIO) break
      const detail = await ask<{ recording: { available: boolean } }>(harness, 'calls:get', { callId: item.callId, source: 'network' })
      if (!detail.recording.available) continue
      overview = await ask<AudioOverview>(harness, 'calls:audio', { callId: item.callId, buckets: 1200 })
      const t0 = performance.now()
      await ask<AudioOverview>(harness, 'calls:audio', { callId: item.callId, buckets: 1200 })
      callAsk.push(performance.now() - t0)
      withAudio.push(i)
      audioIds.push(item.callId)
    }
    if (!overview || withAudio.length < 4)
      throw new Error(
        `only ${withAudio.length} of yesterday's ${page0.items.length} calls have a recording; the bench needs 4 (at least ${NEXT_RUNS + 1} for every J run)`
      )
    await demo.close()
    demoClosed = true

    const draws = await drawTimes(page, overview)
    const loadAndDraw = median(callAsk) + median(draws)

    // Warm the pane once, then alternate between cached calls with recordings.
    await selectToWaveform(page, withAudio[0] as number)
    const selects: number[] = []
    for (let i = 0; i < SELECT_RUNS; i += 1) selects.push(await selectToWaveform(page, withAudio[(i + 1) % withAudio.length] as number))

    // A QA session over the cached calls with recordings, made through the real handler and
    // resumed with Shift+Q after a reload (the screen reads the sessions when it opens). If it
    // cannot finish, its row says why and the figures above are still reported.
    const nextName = 'QA session: next call (J) to first audio, queue cached and fetched ahead (p95)'
    let nextRow: BenchResult
    try {
      const templates = await ask<{ id: string }[]>(harness, 'qa:listTemplates', {})
      await ask(harness, 'qa:createSession', { name: 'Bench', templateId: templates[0]?.id, callIds: audioIds.slice(0, NEXT_RUNS + 1) })
      await page.reload()
      await page.getByRole('grid', { name: 'Calls' }).waitFor({ timeout: 60_000 })
      await page.getByRole('button', { name: 'Start QA session' }).waitFor()
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
      await page.keyboard.press('Shift+Q')
      await page.getByRole('region', { name: 'QA session', exact: true }).waitFor({ timeout: 30_000 })
      const nexts: number[] = []
      const available = Math.min(NEXT_RUNS, withAudio.length - 1)
      // The session opens at its first call: its recording must be loading before J is timed.
      await page.waitForFunction(() => document.querySelector('[aria-label="Queue position"]')?.textContent?.startsWith('1 of'), undefined, {
        timeout: 30_000
      })
      for (let i = 0; i < available; i += 1) {
        // Give the session its time on each call, as a reviewer would: the next two are fetched ahead meanwhile.
        await page.waitForTimeout(1500)
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
        nexts.push(await nextToAudio(page))
      }
      nextRow = {
        name: nextName,
        target: '< 150 ms',
        value: round(percentile(nexts, 95)),
        unit: 'ms',
        pass: percentile(nexts, 95) < 150,
        notes: `${spread(nexts)}; ${NEXT_RUNS + 1} calls in the session, each given 1.5 s before J`
      }
    } catch (error) {
      nextRow = {
        name: nextName,
        target: '< 150 ms',
        value: Number.NaN,
        unit: 'ms',
        pass: false,
        notes: `did not finish: ${error instanceof Error ? error.message : String(error)}`
      }
    }

    return [
      {
        name: 'stored peaks loaded and drawn (1,200 columns, 1,400 × 52 px track at 2×)',
        target: '< 16 ms',
        value: round(loadAndDraw),
        unit: 'ms',
        pass: loadAndDraw < 16,
        notes: `calls:audio from the library (features and turn times stored) median ${round(median(callAsk))} ms over ${callAsk.length} calls; draw ${spread(draws)}`
      },
      {
        name: 'select a cached call until the pane with its waveform is painted',
        target: 'median < 80 ms',
        value: round(median(selects)),
        unit: 'ms',
        pass: median(selects) < 80,
        notes: spread(selects)
      },
      {
        name: 'select a cached call until the pane with its waveform is painted: p95',
        target: 'p95 < 100 ms',
        value: round(percentile(selects, 95)),
        unit: 'ms',
        pass: percentile(selects, 95) < 100,
        notes: `${selects.length} runs`
      },
      nextRow
    ]
  } finally {
    // Closing must not hang the run either; a close that fails is reported, not thrown over the results.
    const close = (work: Promise<unknown>, what: string): Promise<unknown> =>
      bounded(work, 30_000, what).catch((error: unknown) =>
        console.warn(`listening bench: ${error instanceof Error ? error.message : String(error)}`)
      )
    await close(browser.close(), 'closing Chromium')
    await close(harness.close(), 'closing the harness')
    if (!demoClosed) await close(demo.close(), 'closing the demo server')
    rmSync(dataDir, { recursive: true, force: true })
  }
}
