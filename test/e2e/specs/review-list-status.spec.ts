/**
 * The call list after work done elsewhere: leaving a QA session leaves the call that was open
 * openable again (click and Enter), and the rows' status icons follow an offline job that ends
 * and a session that is left, without pressing Refresh.
 */
import type { Locator, Page } from '@playwright/test'
import { test, expect } from '../pages/call-fixtures'
import { QaPage } from '../pages/qa-page'

test.use({ demoCalls: 150 })

async function focusScreen(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
}

test.describe('call list after a session or an offline job', () => {
  test.setTimeout(150_000)

  test('the call open before a session opens again after leaving it, by click and by Enter; reviewed icons follow', async ({
    calls,
    review,
    page
  }) => {
    const qa = new QaPage(page)
    // A session to resume later: the first two calls, the first marked reviewed.
    await calls.rowAt(0).click()
    await calls.rowAt(1).click({ modifiers: ['ControlOrMeta'] })
    await qa.startFromSelection('List status')
    await focusScreen(page)
    await page.keyboard.press('r')
    await expect(qa.queue.first()).toHaveAccessibleName(/, reviewed/)
    await page.keyboard.press('l')
    await expect(qa.panel).toBeHidden()
    // The row of the call reviewed in the session (the queue is in the list's order) shows it
    // without a Refresh.
    await expect(calls.rowAt(0).getByRole('img', { name: 'Reviewed', exact: true })).toBeVisible()

    // Open a call, resume the session (Shift+Q) and leave it (L): the pane is empty again.
    await calls.rowAt(2).click()
    await expect.poll(() => review.callId()).not.toBeNull()
    const opened = await review.callId()
    await focusScreen(page)
    await page.keyboard.press('Shift+Q')
    await expect(qa.panel).toBeVisible({ timeout: 30_000 })
    await focusScreen(page)
    await page.keyboard.press('l')
    await expect(qa.panel).toBeHidden()
    await expect.poll(() => review.callId()).toBeNull()

    // A click on the call that was open opens it.
    await calls.rowAt(2).click()
    await expect.poll(() => review.callId(), { timeout: 15_000 }).toBe(opened)

    // Again, by keyboard: Enter on that row opens it.
    await focusScreen(page)
    await page.keyboard.press('Shift+Q')
    await expect(qa.panel).toBeVisible({ timeout: 30_000 })
    await focusScreen(page)
    await page.keyboard.press('l')
    await expect.poll(() => review.callId()).toBeNull()
    // The grid holds the focus and points at the highlighted row (the one last opened).
    await calls.grid.focus()
    await expect(calls.grid).toHaveAttribute('aria-activedescendant', /.+/)
    await page.keyboard.press('Enter')
    await expect.poll(() => review.callId(), { timeout: 15_000 }).toBe(opened)
  })

  test('rows show their recordings offline as soon as "Make available offline" finishes', async ({ calls, page }) => {
    // Calls with a recording (voicemails) and without (no answer) whatever the time of day: the
    // demo's dates follow the clock, and "Today" held no recorded call at night.
    await calls.choosePreset('Last 7 days')
    await calls.chooseDispositions(['Voicemail', 'No answer'])
    await calls.waitForRows()
    const offline = calls.grid.getByRole('img', { name: 'Recording available offline' })
    await expect(offline).toHaveCount(0)
    await page.getByRole('banner').getByRole('button', { name: 'Settings' }).click()
    const dialog = page.getByRole('dialog', { name: 'Settings' })
    await dialog.getByRole('button', { name: 'Make available offline' }).click()
    await expect(dialog.getByRole('status').filter({ hasText: /^Done:/ })).toBeVisible({ timeout: 90_000 })
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
    // Without Refresh: every row whose call has a recording says it is offline now.
    await expect.poll(() => offline.count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await expect(calls.grid.getByRole('img', { name: 'Recording not downloaded' })).toHaveCount(await countWithoutRecording(calls.callRows()))
  })
})

/** Rows whose call has no recording to download: only answered, transferred and voicemail calls have one. */
async function countWithoutRecording(rows: Locator): Promise<number> {
  let count = 0
  for (const row of await rows.all()) if (!/, (Answered|Transferred|Voicemail),/.test((await row.getAttribute('aria-label')) ?? '')) count += 1
  return count
}
