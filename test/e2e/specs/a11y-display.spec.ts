/**
 * Display settings a person may rely on: focus visible on every control reached by Tab, the
 * OS's reduced-motion setting (no transitions, no smooth scroll), forced colours (high contrast:
 * the focus outline and control borders stay), and 200 % zoom (a 1024-px window at 200 % is a
 * 512-px-wide viewport): the call screen still fits without sideways scrolling.
 */
import type { Page } from '@playwright/test'
import { test, expect } from '../pages/call-fixtures'

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
