/**
 * The listening workspace end to end: at 1024×700 the player, a transcript turn and the QA
 * scorecard's active criterion are on screen together; the transcript is tied to the audio
 * (click a turn's time to seek, the highlight follows playback); a call opened from a
 * full-text search opens at its matching turn; holds are marked on the waveform.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { test, expect } from '../pages/call-fixtures'
import type { ReviewPane } from '../pages/review-pane'
import { QaPage } from '../pages/qa-page'

/** Ground truth of a fixture call (resources/demo/calls/<id>.json). */
function truth(id: string): { holds: { start: number; end: number }[] } {
  return JSON.parse(readFileSync(resolve('resources/demo/calls', `${id}.json`), 'utf8')) as { holds: { start: number; end: number }[] }
}

/** "1:05" → 65. */
function seconds(clock: string): number {
  const [m, s] = clock.split(':').map(Number) as [number, number]
  return m * 60 + s
}

/** The spoken turn's index (aria-current), or -1. */
async function spokenTurn(review: ReviewPane): Promise<number> {
  const turns = review.transcript.getByRole('list', { name: 'Transcript turns' }).getByRole('listitem')
  const all = await turns.evaluateAll((items) => items.map((item) => item.getAttribute('aria-current')))
  return all.indexOf('true')
}

const SHORT_ANSWERED = /Answered, \d+ seconds,/

async function focusScreen(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
}

test.describe('listening workspace', () => {
  test.setTimeout(200_000)

  test('at 1024×700 the player, a transcript turn and the active criterion are in view together', async ({ calls, review, page }, testInfo) => {
    await page.setViewportSize({ width: 1024, height: 700 })
    const qa = new QaPage(page)
    await calls.openCall(SHORT_ANSWERED)
    const first = await calls.row(SHORT_ANSWERED).first().getAttribute('aria-rowindex')
    await calls
      .row(SHORT_ANSWERED)
      .nth(1)
      .click({ modifiers: ['ControlOrMeta'] })
    expect(first).not.toBeNull()
    await qa.startFromSelection('Layout')
    await review.waitUntilPlayable()
    const turn = review.transcript.getByRole('list', { name: 'Transcript turns' }).getByRole('listitem').first()
    const criterion = qa.scorecard.locator('[aria-current="step"]')
    await expect(review.player.getByRole('button', { name: /^(Play|Pause)$/ })).toBeInViewport()
    await expect(review.seek).toBeInViewport()
    await expect(turn).toBeInViewport()
    await expect(criterion).toBeInViewport()
    // Scoring moves the active criterion down the card; it stays in view.
    await focusScreen(page)
    for (let i = 0; i < 6; i += 1) await page.keyboard.press('y')
    await expect(criterion).toBeInViewport()
    // The next call starts with the scorecard and the transcript at their tops. (Follow is
    // turned off first: with it on, the autoplaying call's transcript follows the audio down.)
    const follow = review.transcript.getByRole('button', { name: 'Follow playback' })
    await expect(follow).toBeVisible({ timeout: 30_000 })
    if ((await follow.getAttribute('aria-pressed')) === 'true') await follow.click()
    await expect(follow).toHaveAttribute('aria-pressed', 'false')
    await review.transcript.getByRole('list', { name: 'Transcript turns' }).evaluate((list) => list.scrollTo({ top: list.scrollHeight }))
    await focusScreen(page)
    await page.keyboard.press('j')
    await expect(qa.panel.getByLabel('Queue position')).toHaveText(/^2 of/)
    await expect(qa.scorecard.locator('[aria-current="step"]')).toBeInViewport()
    await expect(review.transcript.getByRole('list', { name: 'Transcript turns' })).toHaveJSProperty('scrollTop', 0)
    await calls.screenshot(testInfo, 'listening-1024-qa')
  })

  test('clicking a turn’s time seeks there, and the highlight follows playback', async ({ calls, review }) => {
    // At least 30 seconds long: a 14-second call may end before the highlight can move on.
    await calls.openCall(/Answered, [3-9]\d seconds,/)
    await review.waitUntilPlayable()
    const times = review.transcript.getByRole('button', { name: /, play from about .* \(estimated time\)$/ })
    const turns = review.transcript.getByRole('list', { name: 'Transcript turns' }).getByRole('listitem')
    await expect.poll(() => times.count(), { timeout: 30_000 }).toBe(await turns.count())
    await expect(review.transcript.getByText(/Times are estimated from the audio/)).toBeVisible()
    const third = times.nth(2)
    const label = (await third.textContent()) ?? ''
    const target = seconds(label.replace('≈', ''))
    const clickedAt = Date.now()
    await third.click()
    await expect.poll(async () => (await review.audio())?.paused).toBe(false)
    await review.pause()
    // Played from the turn's time: at or after it, by no more than the time it has been playing.
    // The label is in whole seconds, so the turn's own start may lie up to a second past it.
    const at = (await review.audio())?.currentTime ?? 0
    expect(at).toBeGreaterThanOrEqual(target - 0.6)
    expect(at).toBeLessThanOrEqual(target + (Date.now() - clickedAt) / 1000 + 1)
    const highlighted = await spokenTurn(review)
    expect(highlighted).toBeGreaterThanOrEqual(2)
    // Playing on, the highlight moves to the turns that follow.
    await review.play()
    await expect.poll(() => spokenTurn(review), { timeout: 25_000 }).toBeGreaterThan(highlighted)
    // A scroll by hand turns "Follow playback" off; a click turns it back on.
    const follow = review.transcript.getByRole('button', { name: 'Follow playback' })
    await expect(follow).toHaveAttribute('aria-pressed', 'true')
    await review.transcript.getByRole('list', { name: 'Transcript turns' }).dispatchEvent('wheel', { deltaY: 200 })
    await expect(follow).toHaveAttribute('aria-pressed', 'false')
    await follow.click()
    await expect(follow).toHaveAttribute('aria-pressed', 'true')
    // Space plays and pauses with the focus on the seek slider too.
    const wasPaused = (await review.audio())?.paused
    await review.seek.focus()
    await review.page.keyboard.press('Space')
    await expect.poll(async () => (await review.audio())?.paused).toBe(!wasPaused)
    await expect(review.player.getByRole('button', { name: wasPaused ? 'Pause' : 'Play' })).toBeVisible()
    await review.page.keyboard.press('Space')
    await expect.poll(async () => (await review.audio())?.paused).toBe(wasPaused)
  })

  test('a call opened from a full-text search opens at its matching turn; holds are marked on the waveform', async ({
    calls,
    review,
    page
  }, testInfo) => {
    await page.setViewportSize({ width: 1440, height: 900 })
    await calls.choosePreset('Last 30 days')
    await calls.waitForRows()
    // Each hold fixture by a word of its transcript; its rows by its length (a comment may match the word too).
    for (const [word, fixture, length] of [
      ['warranty', 'roofing-leak-complaint', '1:18'],
      ['tankless', 'plumbing-water-heater-hold', '1:25']
    ] as const) {
      // Waits for this word's results: the second search would otherwise pick from the first's list.
      await calls.search(word)
      const row = calls
        .callRows()
        .filter({ has: page.getByRole('gridcell', { name: length, exact: true }) })
        .first()
      await expect(row).toBeVisible({ timeout: 20_000 })
      await row.click()
      await review.waitUntilPlayable()
      // The transcript opens at the first turn that holds the word, found and highlighted.
      await expect(review.transcript.getByRole('searchbox', { name: 'Search transcript' })).toHaveValue(word)
      await expect(review.currentMatch()).toBeInViewport()
      // The waveform marks the hold where the ground truth has it (within 2 s).
      const hold = review.player.getByRole('img', { name: /^Hold from / })
      await expect(hold.first()).toBeAttached({ timeout: 30_000 })
      const [trueHold] = truth(fixture).holds
      const name = (await hold.first().getAttribute('aria-label')) ?? ''
      const [, from, to] = /from (\d+:\d\d) to (\d+:\d\d)/.exec(name) ?? []
      expect(Math.abs(seconds(from ?? '') - (trueHold?.start ?? -99))).toBeLessThanOrEqual(2)
      expect(Math.abs(seconds(to ?? '') - (trueHold?.end ?? -99))).toBeLessThanOrEqual(2)
      // The matching turn's time seeks there.
      const turn = review.transcript.getByRole('listitem').filter({ has: page.locator('mark.transcript-mark--current') })
      await turn.getByRole('button', { name: /play from about/ }).click()
      await expect.poll(async () => (await review.audio())?.paused).toBe(false)
      await expect.poll(() => spokenTurn(review)).toBeGreaterThanOrEqual(0)
      expect(await turn.getAttribute('aria-current')).toBe('true')
      await review.pause()
    }
    await calls.screenshot(testInfo, 'listening-search-hold')
  })
})
