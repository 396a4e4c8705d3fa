/**
 * The renderer benchmarks, in Chromium against the built renderer (out/renderer) and the
 * app's real services (the end-to-end harness):
 *   - a list of 100,000 rows: first render < 150 ms;
 *   - scrolling it: p95 frame time < 16.7 ms, at a fast flick (10,000 px/s); a 36,000 px/s fling
 *     is reported beside it;
 *   - selecting a cached call until the review pane is painted: < 100 ms;
 *   - sorting the cached calls by a column, click to the frame with the re-ordered first rows:
 *     median < 100 ms;
 *   - switching saved view (sort and filters), click to the frame with its first rows: median < 150 ms;
 *   - the renderer's JS heap with every row of that list loaded (reported).
 * The rows are real: the demo server seeds 100,000 calls, the real calls:list handler fetches the
 * window into the library page by page, then the demo server is stopped so the list is served
 * from the library (as offline) and API timing cannot leak into the renderer's numbers.
 * A query may span 31 days (docs/convirza-api.md), so the demo spreads its 100,000 calls over the last
 * 30 and one 31-day query lists them all.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from '@playwright/test'
import { endOfDay, format, startOfDay, subDays } from 'date-fns'
import { startDemoServer } from '@main/services/demo-server'
import { MemorySecretStore } from '@main/services/secrets/memory-secret-store'
import { RENDERER_ROOT, startHarness, type Harness } from '../e2e/harness/harness'
import { percentile, round, type BenchResult } from './types'

const DEMO_CALLS = 100_000
const FILL_CONCURRENCY = 4
const FIRST_RENDER_RUNS = 7
const SCROLL_FRAMES = 600
/** Measured scroll passes after one warm-up pass; the p95 is over all their frames. */
const SCROLL_PASSES = 3
/** About 4 rows a frame: a fast flick, 10,000 px/s at 60 fps. The target is measured here. */
const SCROLL_STEP_PX = 167
/** 15 rows a frame, 36,000 px/s: a fling faster than anyone reads; reported, not a target. */
const FLING_STEP_PX = 600
const SELECT_RUNS = 20
/** Sort clicks: each sortable header of the default columns, both ways, this many rounds. */
const SORT_ROUNDS = 3
const VIEW_SWITCHES = 20
const REORDERING_COLUMNS = ['Started', 'Duration', 'Caller', 'Campaign', 'Disposition']
/** The same columns as the list's sort keys, for timing the handler alone. */
const HANDLER_COLUMNS = ['started', 'duration', 'caller', 'campaign', 'disposition'] as const

const median = (s: readonly number[]): number => percentile(s, 50)
const spread = (s: readonly number[]): string =>
  `${s.length} runs; median ${round(median(s))} ms, p95 ${round(percentile(s, 95))} ms, min ${round(Math.min(...s))}, max ${round(Math.max(...s))}`

/** The widest window a query allows, in whole local days: today and the 30 days before it. */
function window31(now: Date): { from: string; to: string; start: string; end: string } {
  const first = subDays(now, 30)
  return {
    from: format(first, 'yyyy-MM-dd'),
    to: format(now, 'yyyy-MM-dd'),
    start: startOfDay(first).toISOString(),
    end: endOfDay(now).toISOString()
  }
}

/** Fetch every page of the window through the real calls:list handler, storing it in the library. */
async function fillLibrary(harness: Harness, start: string, end: string): Promise<number> {
  const list = async (offset: number): Promise<{ total: number }> => {
    const result = await harness.services.dispatch(
      'calls:list',
      { query: { start, end, limit: 200, offset }, source: 'network' },
      { senderUrl: harness.url }
    )
    if (!result.ok) throw new Error(`calls:list at offset ${offset}: ${result.error.message}`)
    return result.value as { total: number }
  }
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

/** ms from the calls:list answer reaching the page to the frame that shows its rows. */
async function firstRender(page: Page, minTotal: number): Promise<number> {
  await page.getByRole('radio', { name: 'Today' }).check()
  await page
    .getByRole('grid', { name: 'Calls' })
    .or(page.getByRole('status', { name: 'Loading calls' }))
    .first()
    .waitFor()
  const measured = page.evaluate(async (min) => {
    const t = window.__pageTiming
    const since = t.now()
    const answeredAt = (): number =>
      t.invokes(since, 'calls:list').find((e) => e.answeredAt && (e.total ?? 0) >= min && e.offset === 0)?.answeredAt ?? 0
    const at = await t.painted(
      () => {
        const grid = document.querySelector('[role="grid"]')
        return Boolean(
          answeredAt() && Number(grid?.getAttribute('aria-rowcount')) >= min && grid?.querySelector('[role="row"][aria-rowindex="2"][aria-label]')
        )
      },
      60_000,
      () => (answeredAt() ? `the ${min} rows were not painted within 60 s of their answer` : `no calls:list answer of ${min} rows within 60 s`)
    )
    return at - answeredAt()
  }, minTotal)
  await page.getByRole('radio', { name: 'Custom' }).check()
  return measured
}

/** Scroll down every row so each page of the list is loaded into the renderer. */
async function loadEveryRow(page: Page, total: number): Promise<void> {
  const grid = page.getByRole('grid', { name: 'Calls' })
  for (let row = 0; row < total; row += 150) {
    await grid.evaluate((el, top) => el.scrollTo({ top }), row * 40)
    await page.waitForFunction(() => !document.querySelector('[role="grid"] [aria-busy="true"]'), undefined, { timeout: 30_000 })
  }
}

/** Frame times (rAF to rAF, frame rate unlimited) while the list scrolls a fixed step a frame. */
async function scrollFrames(page: Page, selector = '[role="grid"]', step = SCROLL_STEP_PX): Promise<number[]> {
  return page.locator(selector).evaluate(
    (el, { frames, step }) =>
      new Promise<number[]>((resolve) => {
        el.scrollTo({ top: 0 })
        const deltas: number[] = []
        let last = 0
        let direction = 1
        const tick = (time: number): void => {
          if (last) deltas.push(time - last)
          last = time
          if (el.scrollTop + el.clientHeight + step >= el.scrollHeight) direction = -1
          if (el.scrollTop - step <= 0) direction = 1
          el.scrollTop += direction * step
          if (deltas.length < frames) requestAnimationFrame(tick)
          else resolve(deltas)
        }
        requestAnimationFrame(tick)
      }),
    { frames: SCROLL_FRAMES, step }
  )
}

/**
 * The same scroll over a plain static list (3,000 absolutely positioned divs, no script): what
 * this machine's Chromium takes for a frame at all, to read the list's number against.
 */
async function controlFrames(context: BrowserContext): Promise<number[]> {
  const page = await context.newPage()
  try {
    await page.setContent(
      `<div id="s" style="height:800px;overflow:auto;background:#fff;font:13px sans-serif"><div style="height:${3000 * 40}px;position:relative">${Array.from(
        { length: 3000 },
        (_, i) =>
          `<div style="position:absolute;top:${i * 40}px;height:40px;left:0;right:0;border-bottom:1px solid #ddd">Row ${i} · (801) 555-1234 · Jane Smith · Answered · 3:02 · Roofing Q1</div>`
      ).join('')}</div></div>`
    )
    return await scrollFrames(page, '#s')
  } finally {
    await page.close()
  }
}

/** ms from a click on a row to the frame that shows that call in the review pane. */
async function selectToPaint(page: Page, rowIndex: number): Promise<number> {
  const row = page.locator(`[role="grid"] [role="row"][aria-rowindex="${rowIndex + 2}"]`)
  await row.scrollIntoViewIfNeeded()
  const measured = page.evaluate(async () => {
    const t = window.__pageTiming
    const since = t.now()
    const subtitle = (): string => document.querySelector('[aria-label="Call review"] .call-header__subtitle')?.textContent ?? ''
    const before = subtitle()
    const at = await t.painted(
      () => Boolean(t.clickSince(since) && subtitle() && subtitle() !== before),
      20_000,
      () => (t.clickSince(since) ? `the pane still showed "${before}" 20 s after the click` : 'the click never reached the page')
    )
    return at - t.clickSince(since)
  })
  await row.click()
  return measured
}

/**
 * ms from a click on `target` to the frame that shows the list's new first rows: the first row's
 * label differs from before the click and no page of the grid is still loading. Split at the
 * moment the first calls:list request left the page and the moment its answer reached it.
 */
async function clickToRows(page: Page, target: ReturnType<Page['locator']>): Promise<Timed> {
  const measured = page.evaluate(async () => {
    const t = window.__pageTiming
    const since = t.now()
    const first = (): string => document.querySelector('[role="grid"] [role="row"][aria-rowindex="2"]')?.getAttribute('aria-label') ?? ''
    const before = first()
    const at = await t.painted(
      () => {
        const now = first()
        return Boolean(t.clickSince(since) && now && now !== before && !document.querySelector('[role="grid"] [aria-busy="true"]'))
      },
      20_000,
      () => `the first row stayed "${before}" for 20 s after the click`
    )
    const clickedAt = t.clickSince(since)
    const list = t.invokes(clickedAt, 'calls:list')[0]
    return {
      total: at - clickedAt,
      sent: list ? list.sentAt - clickedAt : Number.NaN,
      answer: list?.answeredAt ? list.answeredAt - clickedAt : Number.NaN
    }
  })
  await target.click()
  return measured
}

/** A click's time to painted rows, and the part of it until the list's answer reached the page. */
interface Timed {
  total: number
  /** Click → the first calls:list request left the page (the renderer's own work). */
  sent: number
  answer: number
}

const split = (timed: readonly Timed[]): string => {
  const sent = timed.map((t) => t.sent).filter((a) => Number.isFinite(a))
  const answers = timed.map((t) => t.answer).filter((a) => Number.isFinite(a))
  const paints = timed.filter((t) => Number.isFinite(t.answer)).map((t) => t.total - t.answer)
  return `${spread(timed.map((t) => t.total))}; of which click → the request leaves the page: median ${round(median(sent))} ms, p95 ${round(percentile(sent, 95))}; click → the library's answer on the page: median ${round(median(answers))} ms, p95 ${round(percentile(answers, 95))}; answer → painted: median ${round(median(paints))} ms, p95 ${round(percentile(paints, 95))}`
}

/** Clicks on each sortable header among the shown columns, both ways, timed to the re-ordered rows. */
async function sortToRows(page: Page): Promise<{ samples: Timed[]; columns: string[]; byColumn: string }> {
  const grid = page.getByRole('grid', { name: 'Calls' })
  // The columns whose values differ across the demo's calls: a sort by a column where every call
  // ties (no call is scored or reviewed here) keeps the order, so no new first row would come.
  const columns: string[] = []
  for (const name of REORDERING_COLUMNS) {
    if ((await grid.getByRole('columnheader', { name }).first().getByRole('button').count()) > 0) columns.push(name)
  }
  if (columns.length === 0) throw new Error(`none of the columns ${REORDERING_COLUMNS.join(', ')} is shown with a sort button`)
  const samples: Timed[] = []
  const perColumn = new Map<string, Timed[]>()
  for (let round = 0; round < SORT_ROUNDS; round += 1) {
    for (const name of columns) {
      const button = grid.getByRole('columnheader', { name }).first().getByRole('button').first()
      // Two clicks: descending, then ascending; each re-orders the first rows.
      const timed = (): Promise<Timed> =>
        clickToRows(page, button).catch((error: unknown) => {
          throw new Error(`sort by ${name}: ${error instanceof Error ? error.message : String(error)}`)
        })
      samples.push(await timed())
      samples.push(await timed())
      perColumn.set(name, [...(perColumn.get(name) ?? []), ...samples.slice(-2)])
    }
  }
  // Back to the API's order for what follows.
  const started = grid.getByRole('columnheader', { name: 'Started' }).first()
  while ((await started.getAttribute('aria-sort')) !== 'descending') await started.getByRole('button').first().click()
  const byColumn = [...perColumn]
    .map(([name, timed]) => `${name} ${round(median(timed.map((t) => t.total)))} (answer on the page ${round(median(timed.map((t) => t.answer)))})`)
    .join(', ')
  return { samples, columns, byColumn }
}

/** Save two views (different sorts and filters), then switch between them by click, timed to rows. */
async function viewSwitches(page: Page): Promise<Timed[]> {
  const grid = page.getByRole('grid', { name: 'Calls' })
  const views = page.getByRole('toolbar', { name: 'Saved views' })
  const save = async (name: string): Promise<void> => {
    await views.getByRole('button', { name: 'Save view…' }).click()
    await views.getByRole('textbox', { name: 'Name of the new view' }).fill(name)
    await page.keyboard.press('Enter')
    await views.getByRole('button', { name, exact: true }).waitFor()
  }
  const sortBy = async (name: string, direction: 'ascending' | 'descending'): Promise<void> => {
    const header = grid.getByRole('columnheader', { name }).first()
    for (let i = 0; i < 3 && (await header.getAttribute('aria-sort')) !== direction; i += 1) {
      await header.getByRole('button').first().click()
      await page.waitForFunction(() => !document.querySelector('[role="grid"] [aria-busy="true"]'))
    }
  }
  await sortBy('Duration', 'descending')
  await save('Longest first')
  await sortBy('Duration', 'ascending')
  await save('Shortest first')
  const samples: Timed[] = []
  for (let i = 0; i < VIEW_SWITCHES; i += 1) {
    const name = i % 2 === 0 ? 'Longest first' : 'Shortest first'
    samples.push(await clickToRows(page, views.getByRole('button', { name, exact: true })))
  }
  return samples
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
  await cdp.detach()
  return usedSize / 2 ** 20
}

export async function run(): Promise<BenchResult[]> {
  if (!existsSync(join(RENDERER_ROOT, 'index.html'))) throw new Error('out/renderer is missing: run "npm run build" before the renderer benchmarks.')
  const dataDir = mkdtempSync(join(tmpdir(), 'renderer-bench-'))
  const demo = await startDemoServer({ calls: DEMO_CALLS, seed: 7, spanDays: 30 })
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
    // As playwright.config.ts, plus an unlimited frame rate so a frame's time is its real cost.
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-gpu-vsync', '--disable-frame-rate-limit']
  })
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
    // tsx keeps function names with a `__name` helper that page.evaluate's copies do not carry.
    await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f)' })
    const page = await context.newPage()
    await harness.attach(page)
    await page.goto(harness.url)
    await page.getByRole('button', { name: 'Try the demo account' }).click()
    await page.getByRole('grid', { name: 'Calls' }).waitFor({ timeout: 60_000 })
    const baselineHeap = await heapMb(page)

    const range = window31(new Date())
    const fillStarted = performance.now()
    const total = await fillLibrary(harness, range.start, range.end)
    const fillSeconds = (performance.now() - fillStarted) / 1000
    console.log(`  renderer bench: ${total} calls in the library in ${round(fillSeconds, 1)} s`)
    await demo.close()
    demoClosed = true

    await page.getByRole('radio', { name: 'Custom' }).check()
    await page.getByLabel('From date').fill(range.from)
    await page.getByLabel('To date').fill(range.to)
    await page.getByRole('row', { name: /./ }).nth(1).waitFor()
    const renders: number[] = []
    for (let i = 0; i < FIRST_RENDER_RUNS; i += 1) renders.push(await firstRender(page, total))

    console.log(`  renderer bench: first render ${renders.map((r) => round(r)).join(', ')} ms; loading every row…`)
    await loadEveryRow(page, total)
    const heap = await heapMb(page)
    // One pass first, not counted: the rows' first layouts, the JIT and collecting what loading
    // every row left behind all land in it. Then SCROLL_PASSES passes, pooled.
    const warmUp = await scrollFrames(page)
    const passes: number[][] = []
    for (let i = 0; i < SCROLL_PASSES; i += 1) passes.push(await scrollFrames(page))
    const frames = passes.flat()
    const fling = await scrollFrames(page, '[role="grid"]', FLING_STEP_PX)
    const control = await controlFrames(context)

    await page.getByRole('grid', { name: 'Calls' }).evaluate((el) => el.scrollTo({ top: 0 }))
    const selects: number[] = []
    for (let i = 0; i < SELECT_RUNS; i += 1) selects.push(await selectToPaint(page, (i * 3) % 18))
    const sorts = await sortToRows(page)
    const switches = await viewSwitches(page)
    // The same sorted first page asked from the page itself: the handler plus the harness's
    // transport (Playwright's binding, standing in for Electron's IPC), without the store or React.
    const roundTrips = await page.evaluate(
      async ({ start, end }) => {
        const bridge = (window as unknown as { callReview: { invoke: (c: string, r: unknown) => Promise<unknown> } }).callReview
        const times: number[] = []
        for (let i = 0; i < 20; i += 1) {
          const at = performance.now()
          await bridge.invoke('calls:list', {
            query: { start, end, limit: 200, offset: 0 },
            sort: { column: 'duration', direction: i % 2 === 0 ? 'desc' : 'asc' },
            source: 'cache'
          })
          times.push(performance.now() - at)
        }
        return times
      },
      { start: range.start, end: range.end }
    )
    const sortTotals = sorts.samples.map((t) => t.total)
    // Main's share alone: the same sorted first page asked of the handler directly, in Node,
    // for each sorted column both ways.
    const handlerTimes: number[] = []
    const handlerByColumn = new Map<string, number[]>()
    for (let i = 0; i < 40; i += 1) {
      const column = HANDLER_COLUMNS[i % HANDLER_COLUMNS.length] ?? 'duration'
      const started = performance.now()
      const answer = await harness.services.dispatch(
        'calls:list',
        {
          query: { start: range.start, end: range.end, limit: 200, offset: 0 },
          sort: { column, direction: Math.floor(i / HANDLER_COLUMNS.length) % 2 === 0 ? 'desc' : 'asc' },
          source: 'cache'
        },
        { senderUrl: harness.url }
      )
      const took = performance.now() - started
      handlerTimes.push(took)
      handlerByColumn.set(column, [...(handlerByColumn.get(column) ?? []), took])
      if (!answer.ok) throw new Error(`calls:list sorted by ${column}: ${answer.error.message}`)
    }
    const handlerColumns = [...handlerByColumn].map(([name, times]) => `${name} ${round(median(times))}`).join(', ')
    const switchTotals = switches.map((t) => t.total)

    const rows = `${total.toLocaleString('en-US')} rows`
    return [
      {
        name: `call list first render, ${rows}`,
        target: '< 150 ms',
        value: round(median(renders)),
        unit: 'ms',
        pass: median(renders) < 150,
        notes: `from the library's answer reaching the page to the frame with rows; ${spread(renders)}`
      },
      {
        name: `call list scrolling, ${rows}, every row loaded`,
        target: 'p95 < 16.7 ms',
        value: round(percentile(frames, 95)),
        unit: 'ms',
        pass: percentile(frames, 95) < 16.7,
        notes: `${frames.length} frames (${SCROLL_PASSES} passes of ${SCROLL_FRAMES}, p95 ${passes.map((f) => round(percentile(f, 95))).join(' / ')} ms, after a warm-up pass not counted, p95 ${round(percentile(warmUp, 95))} ms) at ${SCROLL_STEP_PX} px (4 rows) a frame, 10,000 px/s at 60 fps, frame rate unlimited; median ${round(median(frames))} ms, p99 ${round(percentile(frames, 99))} ms, max ${round(Math.max(...frames))} ms. Control, a static page of plain divs scrolled alike in the same browser: median ${round(median(control))} ms, p95 ${round(percentile(control, 95))} ms`
      },
      {
        name: `call list fling, ${rows}, ${FLING_STEP_PX} px (15 rows) a frame`,
        target: 'report',
        value: round(percentile(fling, 95)),
        unit: 'ms',
        pass: null,
        notes: `p95 frame time at 36,000 px/s, faster than rows can be read; median ${round(median(fling))} ms, p99 ${round(percentile(fling, 99))} ms`
      },
      {
        name: 'select a cached call until the review pane is painted',
        target: '< 100 ms',
        value: round(median(selects)),
        unit: 'ms',
        pass: median(selects) < 100,
        notes: `click to the frame showing the call; ${spread(selects)}`
      },
      {
        name: `sort ${total.toLocaleString('en-US')} cached calls by a column until the first rows are painted`,
        target: '< 100 ms median',
        value: round(median(sortTotals)),
        unit: 'ms',
        pass: sortTotals.length > 0 && median(sortTotals) < 100,
        notes: `click on a header to the frame with the re-ordered first rows, served by the library (the server is gone); columns ${sorts.columns.join(', ')}, each both ways, ${SORT_ROUNDS} rounds; ${split(sorts.samples)}; median by column (ms): ${sorts.byColumn}. The calls:list handler alone, in Node, for a sorted first page: median ${round(median(handlerTimes))} ms, p95 ${round(percentile(handlerTimes, 95))}, median by column ${handlerColumns}; asked from the page (handler and the harness's transport, no store, no React): median ${round(median(roundTrips))} ms, p95 ${round(percentile(roundTrips, 95))}`
      },
      {
        name: `switch saved view until its first rows are painted, ${rows} cached`,
        target: '< 150 ms median',
        value: round(median(switchTotals)),
        unit: 'ms',
        pass: median(switchTotals) < 150,
        notes: `click on a view (two views: duration descending / ascending) to the frame with its first rows; ${split(switches)}`
      },
      {
        name: `renderer JS heap with ${rows} loaded`,
        target: 'report',
        value: round(heap, 1),
        unit: 'MB',
        pass: null,
        notes: `after GC; ${round(baselineHeap, 1)} MB signed in with the first page only; library filled through calls:list in ${round(fillSeconds, 1)} s`
      }
    ]
  } finally {
    await browser.close()
    await harness.close()
    if (!demoClosed) await demo.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
