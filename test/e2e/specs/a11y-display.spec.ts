/**
 * Display settings a person may rely on: focus visible on every control reached by Tab, the
 * OS's reduced-motion setting (no transitions, no smooth scroll), forced colours (high contrast:
 * the focus outline and control borders stay), and 200 % zoom (a 1024-px window at 200 % is a
 * 512-px-wide viewport): the call screen still fits without sideways scrolling.
 */
import type { Page } from '@playwright/test'
import { test, expect } from '../pages/call-fixtures'
import { DEFAULT_CRITERIA } from '@shared/qa/default-template'
import { QaPage } from '../pages/qa-page'

/** How the focused element shows focus: its outline or its box-shadow, or null for nothing. */
function focusIndicator(page: Page): Promise<{ tag: string; name: string; shown: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body) return { tag: 'body', name: '', shown: false }
    const style = getComputedStyle(el)
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
    const shadow = style.boxShadow !== 'none'
    return { tag: el.tagName, name: el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? '', shown: outline || shadow }
  })
}

test('every control reached by Tab on the call screen shows focus', async ({ calls, review, page }) => {
  // An answered call, so the player's controls are among those reached (the demo follows the clock).
  await calls.openCall(/, Answered, /)
  await review.waitUntilPlayable()
  await page.keyboard.press('Escape')
  await page.locator('body').focus()
  const hidden: string[] = []
  const reached: string[] = []
  for (let i = 0; i < 30; i += 1) {
    await page.keyboard.press('Tab')
    const focus = await focusIndicator(page)
    reached.push(focus.name)
    if (!focus.shown) hidden.push(`${focus.tag} "${focus.name}"`)
  }
  // The controls that draw their own focus (a resize handle, the list/review separator, the seek bar) are among those reached.
  expect(reached).toEqual(expect.arrayContaining(['Resize column Caller', 'Resize the call list', 'Seek']))
  expect(hidden, 'controls that take focus without showing it').toEqual([])
})

test('with reduced motion, nothing transitions or scrolls smoothly', async ({ calls, page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' })
  const styles = await calls.filters.getByRole('button', { name: /^Disposition/ }).evaluate((el) => {
    const style = getComputedStyle(el)
    return { transition: parseFloat(style.transitionDuration), scroll: getComputedStyle(document.documentElement).scrollBehavior }
  })
  expect(styles.transition).toBeLessThan(0.001)
  expect(styles.scroll).toBe('auto')
})

test('in forced colours, focus and control borders stay visible', async ({ calls, page }) => {
  await page.emulateMedia({ forcedColors: 'active' })
  const button = calls.filters.getByRole('button', { name: /^Disposition/ })
  await button.focus()
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Tab')
  const styles = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement
    const style = getComputedStyle(el)
    return {
      outline: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth),
      border: style.borderTopStyle,
      borderWidth: parseFloat(style.borderTopWidth)
    }
  })
  expect(styles.outline).toBe('solid')
  expect(styles.outlineWidth).toBeGreaterThanOrEqual(2)
  expect(styles.border).not.toBe('none')
  expect(styles.borderWidth).toBeGreaterThan(0)
})

test('at 200 % zoom (512 px wide) the call screen fits without sideways scrolling', async ({ calls, page }) => {
  await page.setViewportSize({ width: 512, height: 450 })
  await expect(calls.grid).toBeVisible()
  await expect(calls.filters.getByRole('button', { name: /^Disposition/ })).toBeVisible()
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow).toBeLessThanOrEqual(0)
})

test('arrow keys on a radio choose in its group and never seek the recording', async ({ calls, review, page }) => {
  // The date range: Tab reaches only the chosen preset, so the arrows are the only way to another.
  const range = calls.filters.getByRole('radiogroup', { name: 'Date range' })
  await range.getByRole('radio', { name: 'Last 7 days' }).focus()
  await page.keyboard.press('ArrowRight')
  await expect(range.getByRole('radio', { name: 'Last 30 days' })).toBeChecked()
  await page.keyboard.press('ArrowLeft')
  await expect(range.getByRole('radio', { name: 'Last 7 days' })).toBeChecked()

  // A scorecard's answers: → chooses the next answer, the recording stays where it was. The
  // session's calls are answered ones, so its first call has a recording to stay put.
  await calls.chooseDispositions(['Answered'])
  await calls.waitForRows()
  await calls.openCall(/, Answered, /)
  await review.waitUntilPlayable()
  const qa = new QaPage(page)
  await page.keyboard.press('q')
  await qa.startDialog.getByRole('spinbutton', { name: /Number of calls/ }).fill('2')
  await qa.startDialog.getByRole('button', { name: 'Start session' }).click()
  await expect(qa.scorecard).toBeVisible({ timeout: 30_000 })
  await review.waitUntilPlayable()
  const before = await review.position()
  const first = qa.scorecard.getByRole('radiogroup').first()
  await first.getByRole('radio').first().focus()
  await page.keyboard.press('Space')
  await expect(first.getByRole('radio').first()).toBeChecked()
  await page.keyboard.press('ArrowRight')
  await expect(first.getByRole('radio').nth(1)).toBeChecked()
  expect(Math.abs((await review.position()) - before)).toBeLessThan(1)
})

test('in forced colours, the selected rows, the open call and the chosen date range stay marked', async ({ calls, page }) => {
  await page.emulateMedia({ forcedColors: 'active' })
  await calls.openCall(/, Answered, /)
  await page.keyboard.press('Shift+ArrowDown')
  const rows = calls.callRows()
  await expect(rows.and(page.locator('[aria-selected="true"]'))).toHaveCount(2)
  const looks = await page.evaluate(() => {
    const grid = document.querySelector('[role="grid"]') as HTMLElement
    const selected = grid.querySelector('[role="row"][aria-selected="true"]') as HTMLElement
    const plain = grid.querySelector('[role="row"][aria-rowindex]:not([aria-selected="true"])') as HTMLElement
    const open = grid.querySelector('.call-grid__row--open') as HTMLElement
    const checked = document.querySelector('.segmented__option input:checked + span') as HTMLElement
    const unchecked = document.querySelector('.segmented__option input:not(:checked) + span') as HTMLElement
    return {
      selected: getComputedStyle(selected).backgroundColor,
      plain: getComputedStyle(plain).backgroundColor,
      openBar: getComputedStyle(open, '::before').backgroundColor,
      checked: getComputedStyle(checked).backgroundColor,
      unchecked: getComputedStyle(unchecked).backgroundColor
    }
  })
  expect(looks.selected).not.toBe(looks.plain)
  expect(looks.openBar).not.toBe(looks.selected)
  expect(looks.openBar).not.toBe('rgba(0, 0, 0, 0)')
  expect(looks.checked).not.toBe(looks.unchecked)
})

test('at 200 % zoom of a 1400 × 900 window, the transcript and the scorecard keep room to read', async ({ calls, review, page }) => {
  await page.setViewportSize({ width: 700, height: 450 })
  await calls.openCall(/, Answered, /)
  await review.waitUntilPlayable()
  const find = review.pane.getByRole('searchbox', { name: 'Search transcript' })
  await find.focus()
  // Focus scrolls the page to the transcript, which has a height to read in.
  const box = await review.transcript.boundingBox()
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(250)
  await expect(find).toBeInViewport()
  // Nothing hangs off the page's end: the page is as tall as the bars and the panes, no taller.
  const spare = await page.evaluate(() => {
    const split = document.querySelector('.calls-screen > .split-view') as HTMLElement
    return document.documentElement.scrollHeight - (split.getBoundingClientRect().bottom + window.scrollY)
  })
  expect(spare).toBeLessThanOrEqual(1)

  const qa = new QaPage(page)
  await qa.launcher.getByRole('button', { name: 'Start QA session' }).click()
  await qa.startDialog.getByRole('spinbutton', { name: /Number of calls/ }).fill('2')
  await qa.startDialog.getByRole('button', { name: 'Start session' }).click()
  await expect(qa.scorecard).toBeVisible({ timeout: 30_000 })
  const answer = qa.scorecard.getByRole('radiogroup').first().getByRole('radio').first()
  await answer.focus()
  await expect(answer).toBeInViewport({ ratio: 1 })
  // The criterion's name shows with its answers, and the scorecard has room for more than a line.
  await expect(qa.scorecard.getByText(DEFAULT_CRITERIA[0]?.label ?? '', { exact: true })).toBeInViewport({ ratio: 1 })
  expect((await qa.scorecard.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(200)
})

test('Page Down in the shortcut sheet scrolls the sheet, not the page behind it', async ({ calls, page }) => {
  await page.setViewportSize({ width: 700, height: 450 })
  await expect(calls.grid).toBeVisible()
  await page.locator('body').press('?')
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(sheet.getByRole('button', { name: 'Close' })).toBeFocused()
  const pageBefore = await page.evaluate(() => window.scrollY)
  await page.keyboard.press('PageDown')
  const body = sheet.getByRole('region', { name: 'Keyboard shortcuts' })
  await expect.poll(() => body.evaluate((el) => el.scrollTop)).toBeGreaterThan(100)
  expect(await page.evaluate(() => window.scrollY)).toBe(pageBefore)
})
