/**
 * QA sessions: leave a session and resume it where it was left, and pinned notes
 * that jump the audio, edit and delete.
 */
import { test, expect } from '../fixtures'
import { CallsPage } from '../pages/calls-page'
import { ReviewPane } from '../pages/review-pane'

test.describe('QA session resume and notes', () => {
  test.setTimeout(120_000)

  test('resumes at the call and moment it was left; notes jump the audio there, edit and delete', async ({ page, harness }, testInfo) => {
    const calls = new CallsPage(page)
    const review = new ReviewPane(page)
    await calls.openWithDemo(harness)
    await calls.chooseDispositions(['Answered'])
    await calls.waitForRows()
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())

    await page.keyboard.press('q')
    const dialog = page.getByRole('dialog', { name: 'Start a QA session' })
    await expect(dialog.getByRole('textbox', { name: 'Session name' })).toBeFocused()
    await page.keyboard.type('Resume check')
    await dialog.getByRole('spinbutton', { name: /Number of calls/ }).fill('3')
    await page.keyboard.press('Enter')
    const panel = page.getByRole('region', { name: 'QA session', exact: true })
    await expect(panel.getByLabel('Queue position')).toHaveText('1 of 3')

    await page.keyboard.press('j')
    await expect(panel.getByLabel('Queue position')).toHaveText('2 of 3')
    await review.waitUntilPlayable()
    await expect.poll(async () => (await review.audio())?.currentTime ?? 0, { timeout: 20_000 }).toBeGreaterThan(4)

    // A note, then edit it, jump to it from the list and from the seek-bar marker.
    await page.keyboard.press('n')
    await page.keyboard.type('first words')
    // A QA key pressed with the focus away from the open note waits for the note, and says so:
    // J would have dropped its text.
    const draft = panel.getByRole('textbox', { name: /^Note at / })
    await panel.getByLabel('Queue position').click()
    await expect(draft).not.toBeFocused()
    await page.keyboard.press('j')
    await expect(draft).toBeFocused()
    await expect(panel.getByRole('status').filter({ hasText: 'Finish this note first' })).toBeVisible()
    await expect(panel.getByLabel('Queue position')).toHaveText('2 of 3')
    await expect(draft).toHaveValue('first words')
    await page.keyboard.press('Enter')
    const notes = panel.getByRole('list', { name: 'Notes on this call' })
    await expect(notes).toContainText('first words')
    await notes.getByRole('button', { name: /^Edit the note at / }).click()
    const edit = notes.getByRole('textbox', { name: /^Edit the note at / })
    await edit.fill('caller gave the address')
    await edit.press('Enter')
    await expect(notes).toContainText('caller gave the address')
    const jump = notes.getByRole('button', { name: /^Jump to / })
    const noteTime = /(\d\d):(\d\d)$/.exec((await jump.getAttribute('aria-label')) ?? '')
    const noteSeconds = Number(noteTime?.[1]) * 60 + Number(noteTime?.[2])
    await expect.poll(async () => (await review.audio())?.currentTime ?? 0).toBeGreaterThan(noteSeconds + 2)
    await jump.click()
    await expect.poll(async () => (await review.audio())?.currentTime ?? 99).toBeLessThan(noteSeconds + 1.5)
    await review.player.getByRole('button', { name: /^Note: caller gave the address at / }).click()
    await expect.poll(async () => (await review.audio())?.currentTime ?? 99).toBeLessThan(noteSeconds + 1.5)

    // Leave mid-call, paused, and resume: the same call, at the moment it was left.
    await expect.poll(async () => (await review.audio())?.currentTime ?? 0, { timeout: 20_000 }).toBeGreaterThan(noteSeconds + 3)
    await review.pause()
    const left = (await review.audio())?.currentTime ?? 0
    expect(left).toBeGreaterThan(3)
    // The app's own position (what is saved) has caught up with the paused audio.
    await expect.poll(() => review.position()).toBeCloseTo(left, 0)
    await panel.getByRole('button', { name: 'Leave session' }).click()
    await expect(panel).toBeHidden()
    const launcher = page.getByRole('region', { name: 'QA sessions' })
    await launcher.getByRole('button', { name: 'Resume session' }).click()
    await expect(panel.getByLabel('Queue position')).toHaveText('2 of 3')
    await expect(notes).toContainText('caller gave the address')
    // The first time the resumed audio reports a position, it is where it was left, not a
    // restart from 0 that merely played on past it.
    await expect.poll(async () => (await review.audio())?.currentTime ?? 0, { timeout: 20_000, intervals: [50] }).toBeGreaterThan(0.2)
    const resumedAt = (await review.audio())?.currentTime ?? 0
    expect(Math.abs(resumedAt - left)).toBeLessThan(1)
    await calls.screenshot(testInfo, 'qa-session-resumed')

    await notes.getByRole('button', { name: /^Delete the note at / }).click()
    await expect(panel.getByText('No notes on this call yet.')).toBeVisible()
  })
})
