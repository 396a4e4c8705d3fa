/**
 * The review pane as the README shows it: a call with a hold (roofing-leak-complaint), played
 * up to the turn after the hold, at 1024×700 and 1440×900, light and dark. Each shot checks that
 * the waveform, its hold mark, the highlighted turn and the player are on screen. With
 * SCREENSHOTS_DIR set (docs/screenshots), the images are written there as well.
 */
import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect } from '../pages/call-fixtures'
import { SCREENSHOT_DIR } from '../pages/calls-page'

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 }
] as const

/** How many lines the filter bar's and the review pane's control rows take (distinct middles of their items). */
function linesOfEach(): Record<string, number> {
  const lines = (selector: string): number => {
    const items = [...document.querySelectorAll(selector)].filter((e) => e.getBoundingClientRect().width > 1)
    return new Set(items.map((e) => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2))).size
  }
  return {
    player: lines('.player__controls > *'),
    transcriptHeader: lines('.transcript-panel__header > *, .transcript-find > *'),
    moduleTabs: lines('.module-tabs__list > *'),
    filters: lines('.filter-bar__filters > *')
  }
}

test.describe('review pane screenshots', () => {
  test.setTimeout(150_000)

  test('the listening workspace at 1024×700 and 1440×900, light and dark', async ({ calls, review, page }, testInfo) => {
    await calls.choosePreset('Last 30 days')
    await calls.waitForRows()
    await calls.search('warranty')
    const row = calls
      .callRows()
      .filter({ has: page.getByRole('gridcell', { name: '1:18', exact: true }) })
      .first()
    await expect(row).toBeVisible({ timeout: 20_000 })
    await row.click()
    await review.waitUntilPlayable()
    await expect(review.player.getByRole('img', { name: /^Hold from / }).first()).toBeAttached({ timeout: 30_000 })
    // Play from the turn after the hold, then pause: the played part and the spoken turn show.
    const after = review.transcript.getByRole('listitem').filter({ hasText: 'Thank you for holding' })
    await after.getByRole('button', { name: /play from about/ }).click()
    await expect.poll(async () => (await review.audio())?.paused).toBe(false)
    await review.pause()
    await page.mouse.move(0, 0)
    // Room for the transcript on a laptop: from a 1280-px window the pane (44 %, 560 px) keeps the
    // player's settings and the transcript's find tools to one line each (the module tabs too for
    // most calls), and from 1366 px the filters (Views included) keep to one line too.
    for (const [size, rows] of [
      [
        { width: 1280, height: 720 },
        // The module tabs' width depends on the call's counts ("Comments 2"): at 1280 px they may wrap.
        { player: 1, transcriptHeader: 1, filters: 2 }
      ],
      [
        { width: 1366, height: 768 },
        { player: 1, transcriptHeader: 1, moduleTabs: 1, filters: 1 }
      ],
      [
        { width: 1440, height: 900 },
        { player: 1, transcriptHeader: 1, moduleTabs: 1, filters: 1 }
      ]
    ] as const) {
      await page.setViewportSize(size)
      await expect.poll(() => page.evaluate(linesOfEach), { message: `${size.width}×${size.height}` }).toMatchObject(rows)
    }
    const dir = process.env['SCREENSHOTS_DIR']
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      for (const size of SIZES) {
        await page.setViewportSize(size)
        await expect(review.seek).toBeInViewport()
        await expect(after).toHaveAttribute('aria-current', 'true')
        await expect(after).toBeInViewport()
        const name = `review-pane-${size.width}x${size.height}-${scheme}`
        await calls.screenshot(testInfo, name)
        if (dir) {
          mkdirSync(dir, { recursive: true })
          copyFileSync(join(SCREENSHOT_DIR, `${name}.png`), join(dir, `${name}.png`))
        }
      }
    }
  })
})
