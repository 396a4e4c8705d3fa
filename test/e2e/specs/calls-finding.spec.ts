/**
 * Finding calls: search by a number in the formats people type, by a word of the reviewer's
 * own QA note, sorting by a column (the library's order, said so), and the offline banner
 * showing fast. Chromium, the harness and the embedded demo server.
 */
import type { Page } from '@playwright/test'
import { test, expect } from '../pages/call-fixtures'

const PHONE = /\((\d{3})\) (\d{3})-(\d{4})/

/**
 * The real count of a range's calls the library does not hold: the API's total for the range that
 * the page's latest matching calls:list asked (a search's text, or a library-only filter), less
 * the library's total for it. The harness's bridge notes each request the page made since `since`.
 */
async function rangeNotDownloaded(page: Page, since: number, asked: { text: string } | { local: true }): Promise<{ missing: number; held: number }> {
  return page.evaluate(
    async ({ after, asked }) => {
      const request = window.__pageTiming
        .invokes(after, 'calls:list')
        .map((e) => e.request as { query: { start: string; end: string }; text?: string; local?: unknown })
        .reverse()
        .find((r) => ('text' in asked ? r.text === asked.text : r.local !== undefined))
      if (!request) throw new Error(`the page sent no calls:list request for ${JSON.stringify(asked)}`)
      const query = { ...request.query, offset: 0, limit: 1 }
      const [library, api] = await Promise.all([
        window.callReview.invoke('calls:list', { query, source: 'cache' }),
        window.callReview.invoke('calls:list', { query, source: 'network' })
      ])
      if (!library.ok || !api.ok) throw new Error('calls:list refused')
      return { missing: api.value.total - library.value.total, held: library.value.total }
    },
    { after: since, asked }
  )
}

test.describe('finding calls', () => {
  test('finds the open call by its caller number typed in four formats', async ({ calls, page }) => {
    const allTotal = await calls.total()
    const label = (await calls.callRows().first().getAttribute('aria-label')) ?? ''
    const number = PHONE.exec(label)
    expect(number, `the first row names a caller number: ${label}`).not.toBeNull()
    const [formatted, area, exchange, line] = number as unknown as [string, string, string, string]
    const search = page.getByRole('searchbox', { name: 'Search calls' })
    for (const typed of [formatted, `${area}${exchange}${line}`, `+1 ${area} ${exchange}`, line]) {
      await search.fill(typed)
      await expect(page.getByText('Search in your library')).toBeVisible()
      const row = calls.row(new RegExp(`${formatted.replace(/[()]/g, '\\$&')}.*matched in number`))
      await expect(row.first()).toBeVisible({ timeout: 15_000 })
      expect(await calls.total()).toBeLessThanOrEqual(allTotal)
    }
    // The whole number is much narrower than the whole range.
    await search.fill(formatted)
    await expect.poll(() => calls.total()).toBeLessThan(allTotal)
  })

  test('finds a call by a word of the reviewer’s own note, saying the note and its moment', async ({ calls, page }) => {
    // A search waits until the index thread has written every stored call; on a loaded machine that takes a while.
    test.slow()
    await calls.waitForRows()
    const callId = await page.evaluate(async () => {
      const now = new Date()
      const start = new Date(now.getTime() - 6 * 86_400_000)
      const list = await window.callReview.invoke('calls:list', {
        query: { start: start.toISOString(), end: now.toISOString(), limit: 5 },
        source: 'cache'
      })
      if (!list.ok) throw new Error(list.error.message)
      const id = list.value.items[2]?.callId
      if (id === undefined) throw new Error('no cached calls')
      const session = await window.callReview.invoke('qa:createSession', { name: 'Search notes', templateId: 'default-inbound', callIds: [id] })
      if (!session.ok) throw new Error(session.error.message)
      const note = await window.callReview.invoke('qa:addNote', {
        sessionId: session.value.id,
        callId: id,
        seconds: 72,
        text: 'Caller sounded wobbulous about pricing'
      })
      if (!note.ok) throw new Error(note.error.message)
      return id
    })
    expect(callId).toBeGreaterThan(0)
    await page.getByRole('searchbox', { name: 'Search calls' }).fill('wobbulous')
    await expect.poll(() => calls.total().catch(() => null), { timeout: 60_000 }).toBe(1)
    await expect(calls.callRows()).toHaveCount(1)
    await expect(calls.callRows().first()).toHaveAttribute('aria-label', /matched in your note at 1:12: Caller sounded wobbulous about pricing/)
    await expect(calls.grid.locator('mark', { hasText: 'wobbulous' })).toBeVisible()
  })

  test('sorts by duration in the library, saying so, and back to the API’s order', async ({ calls, page }) => {
    const durationHeader = calls.grid.getByRole('columnheader', { name: 'Duration' })
    await expect(durationHeader).toHaveAttribute('aria-sort', 'none')
    const apiTotal = await calls.total()
    await durationHeader.getByRole('button').click()
    await expect(durationHeader).toHaveAttribute('aria-sort', 'descending')
    await expect(page.getByText('Sorted by duration in your library')).toBeVisible()
    // In a list too narrow for the whole line, it is cut at its end, never at its start.
    const viewport = page.viewportSize()
    await page.setViewportSize({ width: 720, height: viewport?.height ?? 800 })
    const sortNote = page.getByText('Sorted by duration in your library')
    const cut = await sortNote.evaluate((note) => {
      const line = note.parentElement as HTMLElement
      return { cut: note.scrollWidth > note.clientWidth, startHidden: note.getBoundingClientRect().left < line.getBoundingClientRect().left - 0.5 }
    })
    expect(cut).toEqual({ cut: true, startHidden: false })
    if (viewport) await page.setViewportSize(viewport)
    // The library holds the first page only: the list says how many of the range it leaves out.
    await expect.poll(() => calls.total()).toBeLessThan(apiTotal)
    const libraryTotal = await calls.total()
    await expect(page.getByRole('note').filter({ hasText: 'not downloaded yet' })).toHaveText(
      `${(apiTotal - libraryTotal).toLocaleString('en-US')} calls of this range are not downloaded yet, so this list leaves them out. Make available offline`
    )
    const seconds = async (): Promise<number[]> => {
      // Duration is the fourth of the default columns.
      const cells = await calls.callRows().locator('[role="gridcell"]:nth-child(4)').allTextContents()
      return cells.slice(0, 10).map((text) => {
        const [m, s] = text.split(':').map(Number)
        return (m ?? 0) * 60 + (s ?? 0)
      })
    }
    await expect
      .poll(async () => {
        const list = await seconds()
        return list.length > 3 && list.every((v, i) => i === 0 || (list[i - 1] ?? 0) >= v)
      })
      .toBe(true)

    await durationHeader.getByRole('button').click()
    await expect(durationHeader).toHaveAttribute('aria-sort', 'ascending')
    await expect
      .poll(async () => {
        const list = await seconds()
        return list.length > 3 && list.every((v, i) => i === 0 || (list[i - 1] ?? 0) <= v)
      })
      .toBe(true)

    const startedHeader = calls.grid.getByRole('columnheader', { name: 'Started' })
    await startedHeader.getByRole('button').click()
    await expect(startedHeader).toHaveAttribute('aria-sort', 'descending')
    await expect(page.getByText('Sorted by duration in your library')).toHaveCount(0)
    await expect(page.getByRole('note').filter({ hasText: 'not downloaded yet' })).toHaveCount(0)
  })

  test('shows the cached rows with the offline banner within 3 seconds of the server going away', async ({ calls, demo, page }) => {
    // The app has settled: the list's page came from the API.
    await expect(page.getByText(/^Fetched /)).toBeVisible({ timeout: 30_000 })
    const firstRow = await calls.callRows().first().getAttribute('aria-label')
    demo.faults.inject({ kind: 'reset', path: '/v3/conversations/calls', times: Infinity })
    // Timed in the page, from the click to the banner, as the user sees it: the harness runs the
    // app's main services inside the test runner, whose own round trips are not the app's.
    await page.evaluate(() => {
      const timing = { clicked: 0, banner: 0 }
      ;(window as unknown as { offlineTiming: typeof timing }).offlineTiming = timing
      document.addEventListener('click', () => (timing.clicked ||= performance.now()), { capture: true })
      new MutationObserver(() => {
        if (!timing.banner && document.body.innerText.includes('Offline — data from')) timing.banner = performance.now()
      }).observe(document.body, { subtree: true, childList: true, characterData: true })
    })
    await page.getByRole('button', { name: 'Refresh calls' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Offline — data from' })).toBeVisible({ timeout: 10_000 })
    const timing = await page.evaluate(() => (window as unknown as { offlineTiming: { clicked: number; banner: number } }).offlineTiming)
    expect(timing.clicked).toBeGreaterThan(0)
    expect(timing.banner - timing.clicked).toBeLessThan(3_000)
    await expect(calls.callRows().first()).toHaveAttribute('aria-label', firstRow ?? '')
  })

  test('an empty search counts the calls of the range the library does not hold yet, and offers to fetch them', async ({ calls, page }) => {
    await calls.waitForRows()
    await expect(page.getByText(/^Fetched /)).toBeVisible({ timeout: 30_000 })
    // The harness's bridge notes each request the page makes: the search's range is asked of both sources below.
    const since = await page.evaluate(() => window.__pageTiming.now())
    await page.getByRole('searchbox', { name: 'Search calls' }).fill('zzqxvbnonsense')
    await expect(page.getByText('No call in your library matches “zzqxvbnonsense”')).toBeVisible({ timeout: 15_000 })
    const hint = page.getByText(/calls? of this range (is|are) not downloaded yet, so search cannot see/)
    await expect(hint).toBeVisible({ timeout: 15_000 })
    const shown = Number(/^([\d,]+)/.exec((await hint.textContent()) ?? '')?.[1]?.replace(/,/g, ''))
    // The real count: the API's total for the searched range, less what the library holds of it.
    const expected = await rangeNotDownloaded(page, since, { text: 'zzqxvbnonsense' })
    expect(expected.missing).toBeGreaterThan(0)
    expect(expected.held).toBeGreaterThan(0)
    expect(shown).toBe(expected.missing)
    await expect(page.getByRole('button', { name: 'Make available offline' })).toBeVisible()
    // A search that finds calls says the same: its hits are of the calls the library holds only.
    await page.getByRole('searchbox', { name: 'Search calls' }).fill('warranty')
    await expect(calls.callRows().first()).toBeVisible({ timeout: 15_000 })
    await expect(page.getByRole('note').filter({ hasText: 'not downloaded yet' })).toHaveText(
      `${expected.missing.toLocaleString('en-US')} calls of this range are not downloaded yet, so search cannot see them. Make available offline`,
      { timeout: 15_000 }
    )
    // A selected hit keeps its marks: their tint is not the selected row's.
    const hitRow = calls
      .callRows()
      .filter({ has: page.locator('mark') })
      .first()
    await hitRow.click()
    await expect(hitRow).toHaveAttribute('aria-selected', 'true')
    const [rowTint, markTint] = await hitRow.evaluate((row) => [
      getComputedStyle(row).backgroundColor,
      getComputedStyle(row.querySelector('mark') as Element).backgroundColor
    ])
    expect(markTint).not.toBe(rowTint)
  })

  test('a library filter that finds nothing says how many calls of the range it could not look at', async ({ calls, page }) => {
    await calls.waitForRows()
    await expect(page.getByText(/^Fetched /)).toBeVisible({ timeout: 30_000 })
    const since = await page.evaluate(() => window.__pageTiming.now())
    await calls.openMoreFilters()
    const shortest = page.getByRole('textbox', { name: 'Shortest duration' })
    await shortest.fill('59:00')
    await shortest.press('Enter')
    await expect(page.getByText('No call in your library matches these filters')).toBeVisible({ timeout: 15_000 })
    const hint = page.getByText(/calls? of this range (is|are) not downloaded yet, so this list leaves/)
    await expect(hint).toBeVisible({ timeout: 15_000 })
    const shown = Number(/^([\d,]+)/.exec((await hint.textContent()) ?? '')?.[1]?.replace(/,/g, ''))
    // The real count: the API's total for the filtered range, less what the library holds of it.
    const { missing } = await rangeNotDownloaded(page, since, { local: true })
    expect(missing).toBeGreaterThan(0)
    expect(shown).toBe(missing)
    await expect(page.getByRole('button', { name: 'Make available offline' })).toBeVisible()
    // Not the advice for the API's filters, which is not what is wrong.
    await expect(page.getByText('Try a longer date range, another group, or fewer dispositions.')).toHaveCount(0)
  })

  test('a recording not downloaded says "you are offline" when the server is gone, not a format error', async ({
    calls,
    review,
    demo,
    page,
    consoleErrors
  }) => {
    consoleErrors.allow(/^Failed to load resource/, 'the server is gone on purpose')
    await expect(page.getByText(/^Fetched /)).toBeVisible({ timeout: 30_000 })
    demo.faults.inject({ kind: 'reset', path: '/v3/', times: Infinity })
    await page.getByRole('button', { name: 'Refresh calls' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Offline — data from' })).toBeVisible({ timeout: 10_000 })
    // An answered call (it has a recording; the demo's calls move with the clock) not opened
    // before, so its recording was never fetched.
    const row = calls.row(/Answered/).nth(1)
    await expect(row.getByRole('img', { name: 'Recording not downloaded' })).toBeVisible()
    await row.click()
    const alert = review.player.getByRole('alert')
    await expect(alert).toContainText('This recording is not downloaded — you are offline.', { timeout: 20_000 })
    await expect(alert).not.toContainText('format')
  })

  test('saves the filters and sort as a view, switches to it by click and by Alt+1, renames and deletes it, across a restart', async ({
    calls,
    page,
    restartApp
  }) => {
    // Two app starts and a dozen list queries.
    test.slow()
    const views = page.getByRole('toolbar', { name: 'Saved views' })
    await calls.chooseDispositions(['Voicemail'])
    await expect.poll(async () => new Set(await calls.visibleDispositions())).toEqual(new Set(['Voicemail']))
    await calls.grid.getByRole('columnheader', { name: 'Duration' }).getByRole('button').click()
    await views.getByRole('button', { name: 'Save view…' }).click()
    const viewName = views.getByRole('textbox', { name: 'Name of the new view' })
    await viewName.fill('Long voicemails')
    // A click elsewhere keeps what was typed; the Save button saves it.
    await calls.grid.click({ position: { x: 5, y: 5 } })
    await expect(viewName).toHaveValue('Long voicemails')
    await views.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(views.getByRole('button', { name: 'Long voicemails', exact: true })).toHaveAttribute('aria-pressed', 'true')
    // The same name again (in another case) replaces that view only once the user says so.
    await views.getByRole('button', { name: 'Save view…' }).click()
    await viewName.fill('long VOICEMAILS')
    await page.keyboard.press('Enter')
    await expect(views.getByRole('alert')).toContainText('A view is already named “long VOICEMAILS”')
    await expect(views.getByRole('button', { name: 'Long voicemails', exact: true })).toBeVisible()
    await views.getByRole('button', { name: 'Replace', exact: true }).click()
    await expect(views.getByRole('button', { name: 'long VOICEMAILS', exact: true })).toHaveAttribute('aria-pressed', 'true')
    await expect(views.getByRole('button', { name: /^long voicemails$/i })).toHaveCount(1)
    await views.getByRole('button', { name: 'Rename' }).click()
    await views.getByRole('textbox', { name: 'New name of the view' }).fill('Long voicemails')
    await page.keyboard.press('Enter')
    await expect(views.getByRole('button', { name: 'Long voicemails', exact: true })).toBeVisible()

    // Back to the defaults, then one click on the view brings its filters and sort back.
    await calls.filters.getByRole('button', { name: 'Clear filters' }).click()
    await calls.grid.getByRole('columnheader', { name: 'Started' }).getByRole('button').click()
    await expect(views.getByRole('button', { name: 'Long voicemails', exact: true })).toHaveAttribute('aria-pressed', 'false')
    await expect(calls.filters.getByRole('button', { name: 'Clear filters' })).toHaveCount(0)
    await views.getByRole('button', { name: 'Long voicemails', exact: true }).click()
    await expect(calls.filters.getByRole('button', { name: 'Disposition Voicemail' })).toBeVisible()
    await expect(calls.grid.getByRole('columnheader', { name: 'Duration' })).toHaveAttribute('aria-sort', 'descending')
    await expect.poll(async () => new Set(await calls.visibleDispositions())).toEqual(new Set(['Voicemail']))

    const again = await restartApp()
    const viewsAgain = again.page.getByRole('toolbar', { name: 'Saved views' })
    // The filters and sort are still the view's: it is the active one (Rename and Delete offered).
    await expect(viewsAgain.getByRole('button', { name: 'Long voicemails', exact: true })).toHaveAttribute('aria-pressed', 'true')
    await expect(viewsAgain.getByRole('button', { name: 'Rename' })).toBeVisible()
    // The sort was kept too.
    await expect(again.calls.grid.getByRole('columnheader', { name: 'Duration' })).toHaveAttribute('aria-sort', 'descending')
    await again.calls.filters.getByRole('button', { name: 'Clear filters' }).click()
    await expect(again.calls.filters.getByRole('button', { name: 'Disposition Voicemail' })).toHaveCount(0)
    await again.calls.grid.focus()
    await again.page.keyboard.press('Alt+1')
    await expect(again.calls.filters.getByRole('button', { name: 'Disposition Voicemail' })).toBeVisible()
    await expect(viewsAgain.getByRole('button', { name: 'Long voicemails', exact: true })).toHaveAttribute('aria-pressed', 'true')

    await viewsAgain.getByRole('button', { name: 'Rename' }).click()
    await viewsAgain.getByRole('textbox', { name: 'New name of the view' }).fill('Voicemails, longest first')
    await again.page.keyboard.press('Enter')
    await expect(viewsAgain.getByRole('button', { name: 'Voicemails, longest first', exact: true })).toBeVisible()
    // Deleting asks first; "Keep it" keeps it.
    await viewsAgain.getByRole('button', { name: 'Delete view Voicemails, longest first' }).click()
    const confirm = viewsAgain.getByRole('group', { name: 'Delete the view' })
    await expect(confirm).toContainText('Delete the view “Voicemails, longest first”?')
    await confirm.getByRole('button', { name: 'Keep it' }).click()
    await expect(viewsAgain.getByRole('button', { name: 'Voicemails, longest first', exact: true })).toBeVisible()
    await viewsAgain.getByRole('button', { name: 'Delete view Voicemails, longest first' }).click()
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click()
    await expect(viewsAgain.getByRole('button', { name: 'Voicemails, longest first', exact: true })).toHaveCount(0)
  })
})
