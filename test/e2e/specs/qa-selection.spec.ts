/**
 * A QA session over calls picked in the list: select calls as desktop lists do —
 * Ctrl/Cmd+click, Shift+click, Shift+↑/↓, Ctrl/Cmd+A, Escape — and start a session over
 * exactly the selected calls, in the list's order.
 */
import type { Locator } from '@playwright/test'
import { test, expect } from '../pages/call-fixtures'
import type { ReviewPane } from '../pages/review-pane'
import { QaPage } from '../pages/qa-page'

/** Click a row (with modifiers) and wait until the review pane shows its call; its id. */
async function clickAndRead(row: Locator, review: ReviewPane, modifiers: ('ControlOrMeta' | 'Shift')[] = []): Promise<number> {
  const before = await review.callId()
  await row.click({ modifiers })
  await expect(row).toHaveAttribute('aria-current', 'true')
  await expect.poll(() => review.callId(), { timeout: 15_000 }).not.toBe(before)
  return (await review.callId()) as number
}

test.describe('QA session from selected calls', () => {
  test.setTimeout(150_000)

  test('selects three calls with Ctrl and Shift clicks and starts a session over exactly those three', async ({ calls, review, page }, testInfo) => {
    const qa = new QaPage(page)
    await expect(calls.grid).toHaveAttribute('aria-multiselectable', 'true')

    // Open rows 4, 5 and 3 in turn (reading their call ids), then Shift+click 5 from 3.
    const fifth = await clickAndRead(calls.rowAt(4), review)
    const sixth = await clickAndRead(calls.rowAt(5), review)
    const fourth = await clickAndRead(calls.rowAt(3), review)
    await expect(calls.selectedCount()).toBeHidden()
    await calls.rowAt(5).click({ modifiers: ['Shift'] })
    for (const index of [3, 4, 5]) await expect(calls.rowAt(index)).toHaveAttribute('aria-selected', 'true')
    await expect(calls.selectedCount()).toHaveText('3 selected')

    // Ctrl/Cmd+click takes a row out and puts it back; the pane shows the row last clicked.
    await calls.rowAt(4).click({ modifiers: ['ControlOrMeta'] })
    await expect(calls.rowAt(4)).toHaveAttribute('aria-selected', 'false')
    await expect(calls.selectedCount()).toHaveText('2 selected')
    await expect.poll(() => review.callId()).toBe(fifth)
    await calls.rowAt(4).click({ modifiers: ['ControlOrMeta'] })
    await expect(calls.selectedCount()).toHaveText('3 selected')
    for (const index of [2, 6]) await expect(calls.rowAt(index)).toHaveAttribute('aria-selected', 'false')
    await expect(qa.launcher).toContainText('from the 3 selected calls')
    await calls.screenshot(testInfo, 'calls-multi-selection')

    // Q offers the selection; the session queues exactly those calls, in the list's order.
    await page.keyboard.press('q')
    await expect(qa.startDialog).toBeVisible()
    await expect(qa.startDialog.getByRole('radio', { name: 'The 3 selected calls' })).toBeChecked()
    await expect(qa.startDialog.getByRole('spinbutton', { name: /Number of calls/ })).toBeHidden()
    await qa.startDialog.getByRole('textbox', { name: 'Session name' }).fill('Picked calls')
    await qa.startDialog.getByRole('button', { name: 'Start session' }).click()
    await expect(qa.panel.getByRole('heading', { name: 'Picked calls' })).toBeVisible({ timeout: 30_000 })
    await expect(qa.queue).toHaveCount(3)
    expect(await qa.queueCallIds()).toEqual([fourth, fifth, sixth])
    await expect(qa.panel.getByLabel('Session progress')).toHaveText('0 / 3')
  })

  test('extends the selection with Shift+↑/↓, selects every loaded call with Ctrl+A, and clears it with Escape', async ({ calls, review, page }) => {
    const total = await calls.total()
    await calls.grid.focus()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await expect(calls.rowAt(1)).toHaveAttribute('aria-selected', 'true')
    await expect.poll(() => review.callId()).not.toBeNull()
    const open = await review.callId()

    await page.keyboard.press('Shift+ArrowDown')
    await page.keyboard.press('Shift+ArrowDown')
    await page.keyboard.press('Shift+ArrowDown')
    await page.keyboard.press('Shift+ArrowUp')
    for (const index of [1, 2, 3]) await expect(calls.rowAt(index)).toHaveAttribute('aria-selected', 'true')
    await expect(calls.rowAt(4)).toHaveAttribute('aria-selected', 'false')
    await expect(calls.selectedCount()).toHaveText('3 selected')
    // Extending from the keyboard does not change the call in the pane.
    expect(await review.callId()).toBe(open)

    await page.keyboard.press('Escape')
    await expect(calls.selectedCount()).toBeHidden()
    await expect(calls.rowAt(1)).toHaveAttribute('aria-selected', 'true')
    await expect(calls.rowAt(2)).toHaveAttribute('aria-selected', 'false')

    // The first page (200 rows) is what has loaded.
    await page.keyboard.press('ControlOrMeta+a')
    await expect(calls.selectedCount()).toHaveText(`${Math.min(200, total)} selected`)
    await page.getByRole('region', { name: 'Call list' }).getByRole('button', { name: 'Clear selection' }).click()
    await expect(calls.selectedCount()).toBeHidden()

    // The shortcut sheet lists the selection keys.
    await page.keyboard.press('?')
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect(sheet.getByRole('region', { name: 'Selecting calls' })).toContainText('Extend the selection up or down')
    await expect(sheet.getByRole('region', { name: 'QA session' })).toContainText('from the selected calls or the current filter')
  })

  test('starts a session from one selected call', async ({ calls, review, page }) => {
    const qa = new QaPage(page)
    const only = await clickAndRead(calls.rowAt(2), review)
    await expect(qa.launcher.getByRole('button', { name: 'Start QA session' })).toBeEnabled()
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await page.keyboard.press('q')
    await expect(qa.startDialog).toBeVisible()
    // The filter stays the default for a single highlighted row; the selected call is offered.
    const selected = qa.startDialog.getByRole('radio', { name: 'The selected call' })
    await expect(qa.startDialog.getByRole('radio', { name: 'Calls of the current filter' })).toBeChecked()
    await selected.check()
    await expect(qa.startDialog.getByRole('spinbutton', { name: /Number of calls/ })).toBeHidden()
    await qa.startDialog.getByRole('textbox', { name: 'Session name' }).fill('One call')
    await qa.startDialog.getByRole('button', { name: 'Start session' }).click()
    await expect(qa.panel.getByRole('heading', { name: 'One call' })).toBeVisible({ timeout: 30_000 })
    expect(await qa.queueCallIds()).toEqual([only])
    // The dialog that had the focus is gone: it starts at the session's name.
    await expect(qa.panel.getByRole('heading', { name: 'One call' })).toBeFocused()
    // A click on an answer moves the cursor and the focus on together: the next answer key is the next row's.
    const greeting = qa.scorecard.getByRole('radiogroup', { name: 'Greeting' })
    const need = qa.scorecard.getByRole('radiogroup', { name: /^Identified the caller/ })
    await greeting.getByRole('radio', { name: 'Yes' }).click()
    await expect(need.getByRole('radio', { name: 'Yes' })).toBeFocused()
    await page.keyboard.press('x')
    await expect(greeting.getByRole('radio', { name: 'Yes' })).toBeChecked()
    await expect(need.getByRole('radio', { name: 'No' })).toBeChecked()
    // An answer key moves the focus on with the cursor too.
    await expect(qa.scorecard.getByRole('radiogroup', { name: /^Captured name/ }).getByRole('radio', { name: 'Yes' })).toBeFocused()
    // And the cursor follows the focus: Shift+Tab back over its Clear to the last row, and Y answers it.
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Shift+Tab')
    await expect(need.getByRole('radio', { name: 'No' })).toBeFocused()
    await page.keyboard.press('y')
    await expect(need.getByRole('radio', { name: 'Yes' })).toBeChecked()
    // On a laptop screen the criteria scroll under the score, which stays in view, as does the row the keys answer.
    await page.setViewportSize({ width: 1366, height: 768 })
    const score = qa.scorecard.locator('output[aria-label="Score"]')
    const current = qa.scorecard.locator('.qa-criterion--current')
    const last = qa.scorecard.locator('.qa-criterion').last()
    await expect(last).not.toBeInViewport({ ratio: 1 })
    const label = (): Promise<string | null> => current.locator('.qa-criterion__label').textContent()
    for (let i = 0; i < 12 && (await current.count()) > 0; i += 1) {
      const before = await label()
      // Yes where the row takes it, else (its hint, in view, says why) a rating of 4.
      await page.keyboard.press('y')
      if ((await current.count()) > 0 && (await label()) === before) {
        await expect(current.getByRole('status')).toBeInViewport({ ratio: 1 })
        await page.keyboard.press('4')
      }
      await expect(score).toBeInViewport({ ratio: 1 })
      if ((await current.count()) > 0) await expect(current).toBeInViewport({ ratio: 1 })
    }
    await expect(last).toBeInViewport({ ratio: 1 })
    // Leaving takes the panel (and the focus in it) away: the focus comes back to Start.
    await qa.leave()
    await expect(qa.launcher.getByRole('button', { name: 'Start QA session' })).toBeFocused()
  })

  test('auto-advance opens and plays the next call when a recording ends', async ({ calls, review, page }) => {
    const qa = new QaPage(page)
    // Two short answered calls: the first to play out, the second to follow.
    const short = /Answered, \d+ seconds,/
    await calls.openCall(short, 0)
    await calls
      .row(short)
      .nth(1)
      .click({ modifiers: ['ControlOrMeta'] })
    await expect(calls.selectedCount()).toHaveText('2 selected')
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await page.keyboard.press('q')
    await expect(qa.startDialog.getByRole('radio', { name: 'The 2 selected calls' })).toBeChecked()
    await qa.startDialog.getByRole('button', { name: 'Start session' }).click()
    await expect(qa.panel.getByLabel('Queue position')).toHaveText('1 of 2', { timeout: 30_000 })
    const [first, second] = await qa.queueCallIds()
    await qa.panel.getByRole('checkbox', { name: 'Auto-advance' }).check()

    await review.waitUntilPlayable()
    expect(await review.callId()).toBe(first)
    await expect.poll(async () => (await review.audio())?.paused, { timeout: 20_000 }).toBe(false)
    // Seek to about a second before the end.
    const duration = await review.duration()
    const box = await review.seek.boundingBox()
    if (!box) throw new Error('the seek bar has no box')
    await page.mouse.click(box.x + box.width * Math.max(0.5, (duration - 1) / duration), box.y + box.height / 2)

    await expect(qa.panel.getByLabel('Queue position')).toHaveText('2 of 2', { timeout: 20_000 })
    await expect.poll(() => review.callId(), { timeout: 15_000 }).toBe(second)
    await review.waitUntilPlayable()
    await expect.poll(async () => (await review.audio())?.paused, { timeout: 20_000 }).toBe(false)
    await expect.poll(async () => (await review.audio())?.currentTime ?? 0, { timeout: 20_000 }).toBeGreaterThan(0.5)
  })
})
