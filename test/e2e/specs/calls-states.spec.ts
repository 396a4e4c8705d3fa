/**
 * The call screen's states: cached rows with an offline banner when the API
 * cannot be reached; an error with the server's message, request_id and a retry when nothing is
 * cached; a refused token returning to sign-in with the filters kept; the dark theme.
 */
import { format, subDays } from 'date-fns'
import { expectFrameInPlace, expectNoA11yViolations } from '../a11y'
import { test, expect } from '../pages/call-fixtures'
import { CallsPage } from '../pages/calls-page'

test.describe('call screen states', () => {
  test('keeps the cached rows and says it is offline when the API cannot be reached', async ({ calls, demo, page }, testInfo) => {
    const firstRow = await calls.callRows().first().getAttribute('aria-label')
    const fault = demo.faults.inject({ kind: 'reset', path: '/v3/conversations/calls', times: Infinity })
    await page.getByRole('button', { name: 'Refresh calls' }).click()
    const banner = page.getByRole('status').filter({ hasText: 'Offline — data from' })
    await expect(banner).toBeVisible({ timeout: 30_000 })
    // The count is the library's now: the banner says a range never downloaded whole looks smaller.
    await expect(banner).toContainText('Only the calls in your library are listed and counted')
    await expect(calls.callRows().first()).toHaveAttribute('aria-label', firstRow ?? '')
    await calls.screenshot(testInfo, 'calls-offline')
    await expectNoA11yViolations(page, 'call screen offline, with cached rows')

    fault.cancel()
    await banner.getByRole('button', { name: 'Try again' }).click()
    await expect(banner).toHaveCount(0, { timeout: 30_000 })
    await expect(page.getByText(/^Fetched /)).toBeVisible()
  })

  test('while a page loads in a short window, the placeholder rows stay inside the list', async ({ calls, demo, page }) => {
    await page.setViewportSize({ width: 1024, height: 600 })
    // Every calls request until cancelled: a single one could be spent by a request of the list
    // before (seen in CI), leaving the new range's answer quick enough to skip the placeholder.
    const fault = demo.faults.inject({ kind: 'latency', ms: 4000, path: '/v3/conversations/calls', times: Infinity })
    // Days never asked for before: nothing cached, so the list shows its placeholder until the answer.
    await calls.setCustomRange(format(subDays(new Date(), 45), 'yyyy-MM-dd'), format(subDays(new Date(), 41), 'yyyy-MM-dd'))
    await expect(page.getByRole('status', { name: 'Loading calls' })).toBeVisible()
    await expectFrameInPlace(page, 'call list loading in a 1024×600 window')
    fault.cancel()
    await calls.waitForRows()
  })

  test('shows the server message, its request id and a retry when nothing is cached', async ({ calls, demo, page }, testInfo) => {
    // Days never asked for before: nothing in the library for them.
    const fault = demo.faults.inject({
      kind: 'status',
      status: 500,
      message: 'The calls service is down for maintenance.',
      path: '/v3/conversations/calls',
      times: Infinity
    })
    await calls.setCustomRange(format(subDays(new Date(), 25), 'yyyy-MM-dd'), format(subDays(new Date(), 22), 'yyyy-MM-dd'))
    const alert = page.getByRole('alert').filter({ hasText: 'The calls could not be loaded' })
    await expect(alert).toBeVisible({ timeout: 30_000 })
    await expect(alert).toContainText('The calls service is down for maintenance.')
    await expect(alert).toContainText(/Request ID \S+/)
    // Nothing is loading any more: the status line does not say so beside the error.
    await expect(page.getByLabel('Calls shown')).not.toContainText('Loading')
    await calls.screenshot(testInfo, 'calls-error')
    await expectNoA11yViolations(page, "call screen with the list's error")

    fault.cancel()
    await alert.getByRole('button', { name: 'Retry' }).click()
    await calls.waitForRows()
  })

  test('says when the groups cannot be loaded, with the request id, and loads them on retry', async ({ demo, harness, page }) => {
    // Before signing in: the call screen asks for the groups tree as it opens.
    const fault = demo.faults.inject({
      kind: 'status',
      status: 500,
      message: 'The groups service is down.',
      path: '/v3/groups/tree',
      times: Infinity
    })
    const calls = new CallsPage(page)
    await calls.openWithDemo(harness)
    const alert = calls.filters.getByRole('alert').filter({ hasText: 'The groups could not be loaded' })
    await expect(alert).toBeVisible({ timeout: 30_000 })
    await expect(alert).toContainText('The groups service is down.')
    await expect(alert).toContainText(/Request ID \S+/)
    // The tree picker offers "All groups" only while the tree is missing.
    const picker = calls.filters.getByRole('button', { name: /^Group / })
    const groups = page.getByRole('tree', { name: 'Groups' })
    await picker.click()
    await expect(groups.getByRole('treeitem')).toHaveCount(1)
    await page.keyboard.press('Escape')

    fault.cancel()
    await alert.getByRole('button', { name: 'Retry' }).click()
    await expect(alert).toHaveCount(0, { timeout: 30_000 })
    await picker.click()
    await expect.poll(() => groups.getByRole('treeitem').count()).toBeGreaterThan(1)
  })

  test('a refused token returns to sign-in and the filters are still there after signing in again', async ({ calls, demo, page }) => {
    await calls.chooseDispositions(['Voicemail'])
    await expect.poll(async () => new Set(await calls.visibleDispositions())).toEqual(new Set(['Voicemail']))
    demo.faults.expireAccessTokens()
    demo.faults.inject({ kind: 'status', status: 401, path: '/oauth/refresh-token', times: Infinity })
    await page.getByRole('button', { name: 'Refresh calls' }).click()
    await expect(page.getByRole('button', { name: 'Try the demo account' })).toBeVisible({ timeout: 30_000 })

    demo.faults.clear()
    await page.getByRole('button', { name: 'Try the demo account' }).click()
    await calls.waitForRows()
    await expect(calls.filters.getByRole('button', { name: 'Disposition Voicemail' })).toBeVisible()
    expect(new Set(await calls.visibleDispositions())).toEqual(new Set(['Voicemail']))
  })

  test('follows a dark OS theme', async ({ calls, review, page }, testInfo) => {
    await page.emulateMedia({ colorScheme: 'dark' })
    await calls.openCall(/Answered, \d+ seconds,/)
    await expect(review.heading()).toBeVisible()
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    expect(background).toBe('rgb(21, 24, 28)')
    await calls.screenshot(testInfo, 'review-pane-dark')
  })
})
