/**
 * The listening habits and the keys of the player, end to end: "pause while writing a note"
 * and "rewind when playback resumes" chosen in Settings act in a QA session; "skip silence"
 * jumps over a fixture's hold; a QA session fetches the next two recordings and their peaks
 * ahead; Space on a control the keyboard focused does that control's action, and Space elsewhere
 * (a control a click focused included) plays and pauses.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import type { Page } from '@playwright/test'
import { test, expect } from '../pages/call-fixtures'
import { QaPage } from '../pages/qa-page'
import type { CallsPage } from '../pages/calls-page'
import type { ReviewPane } from '../pages/review-pane'

/** Answered calls of at least 30 seconds: each has a recording long enough to pause in and resume. */
const ANSWERED_30S = /Answered, [3-9]\d seconds,/

async function focusScreen(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
}

/** Open the first `count` matching calls as a QA session; the queue's call ids. */
async function startSession(calls: CallsPage, review: ReviewPane, qa: QaPage, count: number, name: string): Promise<number[]> {
  await calls.openCall(ANSWERED_30S)
  for (let i = 1; i < count; i += 1)
    await calls
      .row(ANSWERED_30S)
      .nth(i)
      .click({ modifiers: ['ControlOrMeta'] })
  const ids = await qa.startFromSelection(name)
  await review.waitUntilPlayable()
  return ids
}

async function currentTime(review: ReviewPane): Promise<number> {
  return (await review.audio())?.currentTime ?? Number.NaN
}

async function paused(review: ReviewPane): Promise<boolean | undefined> {
  return (await review.audio())?.paused
}

/** The recording's stored analysis rows for a call, read from the profile's library file. */
function storedFeatures(dataDir: string, callId: number): number {
  const file = readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('library.sqlite'))
  if (!file) return 0
  const db = new Database(join(dataDir, file), { readonly: true, fileMustExist: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM audio_features WHERE call_id = ?').get(callId) as { n: number }).n
  } finally {
    db.close()
  }
}

test.describe('listening habits', () => {
  test.setTimeout(200_000)

  test('with the habits on, a note pauses playback and resuming rewinds by the chosen seconds', async ({ page, calls, review }) => {
    await page.getByRole('banner').getByRole('button', { name: 'Settings' }).click()
    const settings = page.getByRole('dialog', { name: 'Settings' })
    const pauseHabit = settings.getByRole('checkbox', { name: /^Pause while writing a note/ })
    const rewindHabit = settings.getByRole('checkbox', { name: /^Rewind when playback resumes/ })
    await expect(pauseHabit).not.toBeChecked()
    await expect(rewindHabit).not.toBeChecked()
    await pauseHabit.check()
    await rewindHabit.check()
    await settings.getByRole('spinbutton', { name: 'Seconds to rewind when playback resumes' }).fill('4')
    await page.keyboard.press('Escape')
    await expect(settings).toBeHidden()

    const qa = new QaPage(page)
    await startSession(calls, review, qa, 2, 'Habits')
    if (await paused(review)) await review.play()
    await expect.poll(() => currentTime(review), { timeout: 30_000 }).toBeGreaterThan(7)

    // N opens a note: playback pauses while it is written.
    await focusScreen(page)
    await page.keyboard.press('n')
    const note = qa.panel.getByRole('textbox', { name: /^Note at \d\d:\d\d$/ })
    await expect(note).toBeFocused()
    await expect.poll(() => paused(review)).toBe(true)
    const pausedAt = await currentTime(review)
    await note.pressSequentially('Price asked here')
    expect(await paused(review)).toBe(true)

    // Enter saves it: playback resumes, 4 seconds before where it paused. The element leaves
    // `paused` as soon as play() is called; howler reports the play (and the habit rewinds) once
    // the element's play promise settles, so the rewind is awaited, not read at once.
    await note.press('Enter')
    await expect(note).toBeHidden()
    await expect.poll(() => paused(review)).toBe(false)
    await expect.poll(() => currentTime(review)).toBeLessThan(pausedAt - 2.5)
    expect(await currentTime(review)).toBeGreaterThan(pausedAt - 6)

    // A plain pause and play rewinds too.
    await review.pause()
    const before = await currentTime(review)
    await review.play()
    await expect.poll(() => currentTime(review)).toBeLessThan(before - 2.5)
  })

  test('skip silence jumps over a hold while playing', async ({ page, calls, review }) => {
    const [hold] = (
      JSON.parse(readFileSync(resolve('resources/demo/calls/roofing-leak-complaint.json'), 'utf8')) as { holds: { start: number; end: number }[] }
    ).holds
    if (!hold) throw new Error('roofing-leak-complaint.json has no hold')
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
    const skip = review.player.getByRole('checkbox', { name: 'Skip silence' })
    await expect(skip).not.toBeChecked()

    // Off (the default): playing into the hold stays in it.
    await review.seek.fill(String(Math.floor(hold.start + 1)))
    await review.play()
    await page.waitForTimeout(1500)
    expect(await currentTime(review)).toBeLessThan(hold.start + 6)
    await review.pause()

    // On: playing into the hold jumps to its end.
    await skip.check()
    await review.seek.fill(String(Math.floor(hold.start - 1)))
    await review.play()
    await expect.poll(() => currentTime(review), { timeout: 15_000 }).toBeGreaterThan(hold.end - 1.5)
    await review.pause()
    await expect(skip).toBeChecked()
  })

  test('a QA session fetches the next two recordings and their peaks before they are opened', async ({ page, calls, review, harness, dataDir }) => {
    // A session over the filter's first four answered calls, none of them opened before.
    await calls.chooseDispositions(['Answered'])
    await calls.waitForRows()
    await focusScreen(page)
    await page.keyboard.press('q')
    const qa = new QaPage(page)
    await expect(qa.startDialog.getByRole('textbox', { name: 'Session name' })).toBeFocused()
    await page.keyboard.type('Ahead')
    await qa.startDialog.getByRole('spinbutton', { name: /Number of calls/ }).fill('4')
    await page.keyboard.press('Enter')
    await expect(qa.panel.getByLabel('Queue position')).toHaveText('1 of 4', { timeout: 30_000 })
    const ids = await qa.queueCallIds()
    const [, second, third, fourth] = ids as [number, number, number, number]
    const onDisk = async (callId: number): Promise<boolean> => {
      const result = await harness.services.dispatch('calls:get', { callId, source: 'cache' }, { senderUrl: harness.url })
      if (!result.ok) throw new Error(`calls:get ${callId}: ${result.error.message}`)
      return (result.value as { recording: { offline: boolean } }).recording.offline
    }
    // While the first call is open: the next two are downloaded and analysed; the fourth is not.
    await expect.poll(() => onDisk(second), { timeout: 30_000 }).toBe(true)
    await expect.poll(() => onDisk(third), { timeout: 30_000 }).toBe(true)
    await expect.poll(() => storedFeatures(dataDir, second), { timeout: 30_000 }).toBe(1)
    await expect.poll(() => storedFeatures(dataDir, third), { timeout: 30_000 }).toBe(1)
    expect(await onDisk(fourth)).toBe(false)
    expect(await qa.panel.getByLabel('Queue position').textContent()).toMatch(/^1 of/)
    // J: the second call opens; the one after it is fetched ahead in turn.
    await focusScreen(page)
    await page.keyboard.press('j')
    await expect(qa.panel.getByLabel('Queue position')).toHaveText(/^2 of/)
    await expect(review.player.locator('canvas.waveform--base')).toBeVisible()
    await expect.poll(() => onDisk(fourth), { timeout: 30_000 }).toBe(true)
  })

  test('Space on a focused control does its action only; Space elsewhere plays and pauses', async ({ page, calls, review }) => {
    await calls.openCall(ANSWERED_30S)
    await review.waitUntilPlayable()
    if (!(await paused(review))) await review.pause()

    // The Play button: Space presses it once (a second toggle from the screen would undo it).
    const play = review.player.getByRole('button', { name: 'Play' })
    await play.focus()
    await page.keyboard.press('Space')
    await expect.poll(() => paused(review)).toBe(false)
    await page.waitForTimeout(300)
    expect(await paused(review)).toBe(false)
    await review.pause()

    // Forward 5 seconds: Space skips ahead and leaves playback paused.
    const start = await review.position()
    await review.player.getByRole('button', { name: 'Forward 5 seconds' }).focus()
    await page.keyboard.press('Space')
    await expect.poll(() => review.position()).toBeGreaterThanOrEqual(start + 4.5)
    await page.waitForTimeout(300)
    expect(await paused(review)).toBe(true)

    // A module tab: Space opens it and playback stays paused.
    const other = review.pane.locator('[role="tab"][aria-selected="false"]').first()
    const tabId = (await other.getAttribute('id')) ?? ''
    await other.focus()
    await page.keyboard.press('Space')
    await expect(review.pane.locator(`[id="${tabId}"]`)).toHaveAttribute('aria-selected', 'true')
    await page.waitForTimeout(300)
    expect(await paused(review)).toBe(true)

    // "Follow playback", a toggle button: Space flips it, nothing else.
    const follow = review.transcript.getByRole('button', { name: 'Follow playback' })
    const pressed = await follow.getAttribute('aria-pressed')
    await follow.focus()
    await page.keyboard.press('Space')
    await expect(follow).toHaveAttribute('aria-pressed', pressed === 'true' ? 'false' : 'true')
    await page.waitForTimeout(300)
    expect(await paused(review)).toBe(true)

    // A text field: Space types a space.
    const find = review.transcript.getByRole('searchbox', { name: 'Search transcript' })
    await find.fill('the')
    await find.press('Space')
    await expect(find).toHaveValue('the ')
    await page.waitForTimeout(300)
    expect(await paused(review)).toBe(true)
    await find.fill('')

    // A turn's time clicked with the mouse keeps the focus, but Space then pauses: it does not
    // play from the turn again.
    await review.transcript
      .getByRole('button', { name: /play from about/ })
      .nth(1)
      .click()
    await expect.poll(() => paused(review)).toBe(false)
    await page.waitForTimeout(800)
    const playedTo = await review.position()
    await page.keyboard.press('Space')
    await expect.poll(() => paused(review)).toBe(true)
    // Played from the turn again, it would be back at the turn's start, before where it had got to.
    expect(await review.position()).toBeGreaterThanOrEqual(playedTo)

    // Nothing focused: Space plays, and again pauses.
    await focusScreen(page)
    await page.keyboard.press('Space')
    await expect.poll(() => paused(review)).toBe(false)
    // The player says it plays (howler reports the start a moment after the element does), then Space pauses.
    await expect(review.player.getByRole('button', { name: 'Pause' })).toBeVisible()
    await page.keyboard.press('Space')
    await expect.poll(() => paused(review)).toBe(true)
  })
})
