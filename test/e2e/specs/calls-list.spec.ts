/**
 * The call list end to end: the API's total and paging to the end of a long virtual
 * list; filters by disposition and date; inline filter errors; filters kept across a reload;
 * full-text search of the library. Chromium, the harness and the embedded demo server.
 */
import { format, subDays } from 'date-fns'
import { test, expect } from '../pages/call-fixtures'
import { formatCount } from '@renderer/lib/format'

/** What the page's first call list showed, its placeholder or rows, and when (set once, when either first appears). */
interface PlaceholderWatch {
  __firstGrid: { placeholders: boolean; rows: boolean; at: number } | null
}

const PLACEHOLDER_WATCH = `(() => {
  window.__firstGrid = null;
  new MutationObserver((records, observer) => {
    const placeholders = document.querySelector('.list-skeleton, .call-grid__row--loading') !== null;
    const rows = document.querySelector('[role="grid"] [role="row"][aria-rowindex="2"]:not([aria-busy="true"])') !== null;
    if (!placeholders && !rows) return;
    window.__firstGrid = { placeholders, rows, at: performance.now() };
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
})();`

/** Runs after the harness's bridge: every calls:list answer arrives 3 s late; notes when the first did. */
const SLOW_LIST = `(() => {
  window.__listAnsweredAt = Infinity;
  const bridge = window.callReview;
  window.callReview = Object.freeze({
    ...bridge,
    invoke: (channel, request) => {
      const answer = bridge.invoke(channel, request);
      if (channel !== 'calls:list') return answer;
      return answer.then((result) => new Promise((resolve) => setTimeout(() => {
        window.__listAnsweredAt = Math.min(window.__listAnsweredAt, performance.now());
        resolve(result);
      }, 3000)));
    }
  });
})();`

test.describe('call list', () => {
  test('shows the API total and pages to the end of a long list', async ({ calls }, testInfo) => {
    const weekTotal = await calls.total()
    await calls.choosePreset('Last 30 days')
    await expect.poll(() => calls.total()).toBeGreaterThan(weekTotal)
    const total = await calls.total()
    expect(total).toBeGreaterThan(1000)
    await expect(calls.rangeLabel).toHaveText(`1–200 of ${formatCount(total)}`)
    await calls.screenshot(testInfo, 'calls-list')

    await calls.scrollToEnd()
    // The label names the whole API pages in view: from the page of the topmost row in view
    // (a long list ends on a page that starts well past 1) to the last call.
    const firstInView = await calls.firstRowInView()
    const start = Math.floor(firstInView / 200) * 200 + 1
    expect(start).toBeGreaterThan(200)
    await expect(calls.rangeLabel).toHaveText(`${formatCount(start)}–${formatCount(total)} of ${formatCount(total)}`)
    // Virtualized: however long the list, only the rows in view are in the DOM.
    expect(await calls.grid.getByRole('row').count()).toBeLessThan(80)
    await calls.screenshot(testInfo, 'calls-list-end')
  })

  test('a first click on a row of a scrolled list opens that row and leaves the list where it was', async ({ calls }) => {
    // Scrolled so the topmost rendered row sits half under the sticky header: focusing the
    // grid used to highlight that row and scroll it into view between mouse down and up,
    // so the click fell between two rows and opened nothing.
    await calls.grid.evaluate((grid) => {
      grid.scrollTop = 40 * 6 + 20
    })
    const scrolled = await calls.grid.evaluate((grid) => grid.scrollTop)
    expect(scrolled).toBe(260)
    const row = calls.rowAt(12)
    await row.click()
    await expect(row).toHaveAttribute('aria-selected', 'true')
    expect(await calls.grid.evaluate((grid) => grid.scrollTop)).toBe(scrolled)
  })

  test('filters by disposition and by date', async ({ calls }, testInfo) => {
    const allTotal = await calls.total()
    await calls.chooseDispositions(['Voicemail'])
    await expect(calls.filters.getByRole('button', { name: 'Disposition Voicemail' })).toBeVisible()
    await expect.poll(() => calls.total()).toBeLessThan(allTotal)
    await expect.poll(() => calls.visibleDispositions()).toEqual(expect.arrayContaining(['Voicemail']))
    expect(new Set(await calls.visibleDispositions())).toEqual(new Set(['Voicemail']))

    await calls.chooseDispositions(['Voicemail', 'No answer'])
    await expect.poll(async () => new Set(await calls.visibleDispositions())).toEqual(new Set(['Voicemail', 'No answer']))

    const yesterday = format(subDays(new Date(), 1), 'MMM d')
    await calls.choosePreset('Yesterday')
    await expect
      .poll(async () => {
        const started = await calls.callRows().locator('[role="gridcell"]:first-child').allTextContents()
        return started.length > 0 && started.every((t) => t.startsWith(yesterday))
      })
      .toBe(true)
    await calls.screenshot(testInfo, 'calls-filtered')
  })

  test('says inline that a custom range may span at most 31 days, and keeps the results shown', async ({ calls, page }, testInfo) => {
    const before = await calls.rangeLabel.textContent()
    await calls.setCustomRange(format(subDays(new Date(), 40), 'yyyy-MM-dd'), format(new Date(), 'yyyy-MM-dd'))
    await expect(page.getByRole('alert')).toContainText('Date range: A custom range may span at most 31 days')
    await expect(calls.filters.getByLabel('From date')).toHaveAttribute('aria-invalid', 'true')
    await expect(calls.rangeLabel).toHaveText(before ?? '')
    // The list kept is said to be the one before, so its count is not read as the new range's.
    const kept = page.getByRole('note').filter({ hasText: 'These are the calls of the filters applied before' })
    await expect(kept).toBeVisible()
    await calls.screenshot(testInfo, 'filter-range-error')

    await calls.filters.getByLabel('From date').fill(format(subDays(new Date(), 20), 'yyyy-MM-dd'))
    await expect(page.getByRole('alert')).toHaveCount(0)
    await expect(kept).toHaveCount(0)
  })

  test('says when a caller number cannot be a phone number, and searches a typed one in E.164', async ({ calls }) => {
    await calls.openMoreFilters()
    const caller = calls.filters.getByLabel('Caller number')
    await caller.fill('12ab')
    await caller.press('Enter')
    await expect(calls.filters.getByText('"12ab" is not a phone number')).toBeVisible()
    await expect(caller).toHaveAttribute('aria-invalid', 'true')

    const number = (await calls.callRows().first().locator('[role="gridcell"]').nth(1).textContent()) ?? ''
    await caller.fill(number)
    await caller.press('Enter')
    const e164 = `+1${number.replace(/\D/g, '')}`
    await expect(calls.filters.getByText(`Searching ${e164}`)).toBeVisible()
    await expect
      .poll(async () => new Set(await calls.callRows().locator('[role="gridcell"]:nth-child(2)').allTextContents()))
      .toEqual(new Set([number]))
  })

  test('keeps the filters after the app restarts', async ({ calls, page, restartApp }) => {
    await calls.chooseDispositions(['Busy'])
    await expect.poll(async () => new Set(await calls.visibleDispositions())).toEqual(new Set(['Busy']))
    await calls.choosePreset('Last 30 days')
    const savedPreset = (): Promise<string | undefined> =>
      page.evaluate(async () => {
        const result = await window.callReview.invoke('prefs:get', {})
        return result.ok ? result.value.filters?.preset : undefined
      })
    await expect.poll(savedPreset).toBe('last30')
    const again = await restartApp()
    await expect(again.calls.filters.getByRole('button', { name: 'Disposition Busy' })).toBeVisible()
    await expect(again.calls.filters.getByRole('radio', { name: 'Last 30 days' })).toBeChecked()
    await expect.poll(async () => new Set(await again.calls.visibleDispositions())).toEqual(new Set(['Busy']))
  })

  test('starts signed in with the first screen’s code alone, asking for each thing it needs once', async ({ calls, restartApp }) => {
    await expect(calls.grid).toBeVisible()
    const again = await restartApp()
    await expect(again.calls.callRows().first()).toBeVisible()
    const scripts = await again.page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname)
        .filter((path) => path.endsWith('.js'))
    )
    // The entry chunk is there (so the list below is the page's own), and none of what the first
    // screen must not evaluate: zod's chunk (docs/decisions/cold-start.md) or a lazy screen's.
    expect(scripts.some((path) => /\/assets\/index-[\w-]+\.js$/.test(path))).toBe(true)
    expect(scripts.filter((path) => /\/assets\/(zod|SignInScreen|SettingsDialog|QaSessionPanel|TemplatesDialog)-/.test(path))).toEqual([])

    // What the start asks main for, each once: the list's first page was asked before React's
    // first render (main.tsx) and the call screen, mounting after, did not ask again.
    const asked = await again.page.evaluate(() =>
      window.__pageTiming.invokes(0).map((e) => {
        const request = e.request as { source?: string; query?: { offset?: number } } | undefined
        return e.channel === 'calls:list' ? `calls:list ${request?.source} ${request?.query?.offset}` : e.channel
      })
    )
    const count = (what: string): number => asked.filter((a) => a === what).length
    expect({
      'auth:state': count('auth:state'),
      'prefs:get': count('prefs:get'),
      'app:info': count('app:info'),
      'calls:list cache 0': count('calls:list cache 0'),
      'calls:list network 0': count('calls:list network 0')
    }).toEqual({ 'auth:state': 1, 'prefs:get': 1, 'app:info': 1, 'calls:list cache 0': 1, 'calls:list network 0': 1 })
  })

  test('a signed-in start draws the call screen with the library’s rows, not their placeholders', async ({ calls, restartApp }) => {
    await expect(calls.callRows().first()).toBeVisible()
    const again = await restartApp({ initScripts: [PLACEHOLDER_WATCH] })
    // main.tsx lets React's first render wait for the library's first page (a quarter second at
    // most), so the call screen's first frame has its rows: rendered before, it drew the list's
    // placeholder and the rows replaced it a frame or two later.
    expect(await again.page.evaluate(() => (window as unknown as PlaceholderWatch).__firstGrid)).toEqual({
      placeholders: false,
      rows: true,
      at: expect.any(Number)
    })
  })

  test('a list slow to answer does not hold the call screen back', async ({ calls, restartApp }) => {
    await expect(calls.callRows().first()).toBeVisible()
    // The list's answers, the library's and the API's, reach the page 3 s late.
    const again = await restartApp({ initScripts: [SLOW_LIST, PLACEHOLDER_WATCH] })
    const seen = await again.page.evaluate(() => {
      const w = window as unknown as PlaceholderWatch & { __listAnsweredAt: number }
      return { first: w.__firstGrid, drawnBeforeAnswer: w.__firstGrid !== null && w.__firstGrid.at < w.__listAnsweredAt }
    })
    // The splash waited a quarter second at most, then the call screen showed the placeholder.
    expect(seen).toEqual({ first: { placeholders: true, rows: false, at: expect.any(Number) }, drawnBeforeAnswer: true })
  })

  test('keeps the width the list was dragged to, even when the system cancels the drag, after a restart', async ({ calls, page, restartApp }) => {
    await expect(calls.grid).toBeVisible()
    const separator = page.getByRole('separator', { name: 'Resize the call list' })
    const before = Number(await separator.getAttribute('aria-valuenow'))
    const box = await separator.boundingBox()
    if (!box) throw new Error('the separator has no box')
    const x = box.x + box.width / 2
    const y = box.y + box.height / 2
    await page.mouse.move(x, y)
    await page.mouse.down()
    await page.mouse.move(x - 200, y, { steps: 5 })
    await expect.poll(async () => Number(await separator.getAttribute('aria-valuenow'))).toBeLessThan(before - 5)
    const dragged = Number(await separator.getAttribute('aria-valuenow'))
    // The system takes the pointer away (no pointerup): the drag ends where it was and is kept.
    await separator.dispatchEvent('pointercancel')
    await page.mouse.move(x + 100, y, { steps: 5 })
    await page.mouse.up()
    await expect(separator).toHaveAttribute('aria-valuenow', String(dragged))
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const result = await window.callReview.invoke('prefs:get', {})
          return result.ok && result.value.splitRatio !== undefined ? Math.round(result.value.splitRatio * 100) : null
        })
      )
      .toBe(dragged)

    const again = await restartApp()
    await expect(again.page.getByRole('separator', { name: 'Resize the call list' })).toHaveAttribute('aria-valuenow', String(dragged))
  })

  test('searches the local library by full text', async ({ calls, page }, testInfo) => {
    const allTotal = await calls.total()
    await page.getByRole('searchbox', { name: 'Search calls' }).fill('financing')
    await expect(page.getByText('Search in your library')).toBeVisible()
    await expect.poll(() => calls.total()).toBeLessThan(allTotal)
    expect(await calls.total()).toBeGreaterThan(0)
    await calls.screenshot(testInfo, 'calls-search')

    await page.getByRole('searchbox', { name: 'Search calls' }).fill('zzqxv')
    await expect(page.getByText('No call in your library matches “zzqxv”')).toBeVisible()
  })
})
