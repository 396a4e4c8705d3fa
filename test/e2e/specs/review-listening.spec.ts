/**
 * The listening workspace end to end: at 1024×700 the player, a transcript turn and the QA
 * scorecard's active criterion are on screen together; the transcript is tied to the audio
 * (click a turn's time to seek, the highlight follows playback); a call opened from a
 * full-text search opens at its matching turn; holds are marked on the waveform.
 */
import type { Page } from '@playwright/test'
import { test, expect } from '../pages/call-fixtures'
import { QaPage } from '../pages/qa-page'

const SHORT_ANSWERED = /Answered, \d+ seconds,/

async function focusScreen(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
}

test.describe('listening workspace', () => {
  test.setTimeout(150_000)

  test('at 1024×700 the player, a transcript turn and the active criterion are in view together', async ({ calls, review, page }, testInfo) => {
    await page.setViewportSize({ width: 1024, height: 700 })
    const qa = new QaPage(page)
    await calls.openCall(SHORT_ANSWERED)
    const first = await calls.row(SHORT_ANSWERED).first().getAttribute('aria-rowindex')
    await calls.row(SHORT_ANSWERED).nth(1).click({ modifiers: ['ControlOrMeta'] })
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
    // The next call starts with the scorecard and the transcript at their tops.
    await page.keyboard.press('j')
    await expect(qa.panel.getByLabel('Queue position')).toHaveText(/^2 of/)
    await expect(qa.scorecard.locator('[aria-current="step"]')).toBeInViewport()
    await expect(review.transcript.getByRole('list', { name: 'Transcript turns' })).toHaveJSProperty('scrollTop', 0)
    await calls.screenshot(testInfo, 'listening-1024-qa')
  })
})
