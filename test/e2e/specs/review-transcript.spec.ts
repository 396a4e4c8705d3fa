/**
 * Searching inside a call's transcript: highlights, the match count, next and
 * previous (buttons and Enter / Shift+Enter), the hits marked on the waveform, Ctrl+F jumping to
 * the first matching turn (and playing from it), and copying the transcript.
 */
import { test, expect } from '../pages/call-fixtures'

/** "1:05" → 65. */
function seconds(clock: string): number {
  const [m, s] = clock.replace('≈', '').split(':').map(Number) as [number, number]
  return m * 60 + s
}

/** A word first said late in the call: the latest turn holding a word no earlier turn contains. */
function lateWord(texts: string[]): { word: string; turn: number } | null {
  for (let turn = texts.length - 1; turn > 0; turn -= 1) {
    const earlier = texts.slice(0, turn).join('\n').toLowerCase()
    const word = (texts[turn]?.toLowerCase().match(/[a-z]{4,}/g) ?? []).find((w) => !earlier.includes(w))
    if (word) return { word, turn }
  }
  return null
}

test.describe('transcript', () => {
  test('shows speaker turns and finds words in them, with a count and next/previous', async ({ calls, review, page, harness, demo }, testInfo) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(harness.url).origin })
    // At least 30 seconds long: a short call (a wrong number) may hold the word only once.
    await calls.openCall(/Answered, [3-9]\d seconds,/)
    const turns = review.transcript.getByRole('list', { name: 'Transcript turns' }).getByRole('listitem')
    await expect(turns.first()).toBeVisible()
    const speakers = await turns.locator('.turn__speaker').allTextContents()
    expect(new Set(speakers)).toEqual(new Set(['Agent', 'Caller']))

    // Count the word in the transcript text ourselves, then compare with the find bar.
    const text = (await turns.locator('.turn__text').allTextContents()).join('\n').toLowerCase()
    // The transcript's most frequent word of three letters or more, so there are several matches
    // to step through whichever call the demo's date range puts first.
    const counts = new Map<string, number>()
    for (const w of text.match(/[a-z]{3,}/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1)
    const word = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'the'
    const expected = text.split(word).length - 1
    expect(expected).toBeGreaterThan(2)

    await review.searchTranscript(word.toUpperCase())
    await expect(review.matchCount()).toHaveText(`1 of ${expected}`)
    await expect(review.transcript.locator('mark')).toHaveCount(expected)
    await expect(review.currentMatch()).toHaveCount(1)

    await review.transcript.getByRole('button', { name: 'Next match' }).click()
    await expect(review.matchCount()).toHaveText(`2 of ${expected}`)
    await review.transcript.getByRole('searchbox', { name: 'Search transcript' }).press('Enter')
    await expect(review.matchCount()).toHaveText(`3 of ${expected}`)
    await review.transcript.getByRole('searchbox', { name: 'Search transcript' }).press('Shift+Enter')
    await expect(review.matchCount()).toHaveText(`2 of ${expected}`)
    await review.transcript.getByRole('button', { name: 'Previous match' }).click()
    await review.transcript.getByRole('button', { name: 'Previous match' }).click()
    await expect(review.matchCount()).toHaveText(`${expected} of ${expected}`)
    await calls.screenshot(testInfo, 'review-transcript-search')

    // Each turn holding a match is marked on the waveform, at that turn's (estimated) time.
    await review.waitUntilPlayable()
    const times = review.transcript.getByRole('button', { name: /, play from about .* \(estimated time\)$/ })
    await expect.poll(() => times.count(), { timeout: 30_000 }).toBe(await turns.count())
    const hitTimes = await turns
      .filter({ has: page.locator('mark') })
      .locator('.turn__time')
      .allTextContents()
    expect(hitTimes.length).toBeGreaterThan(0)
    const hits = review.player.getByRole('img', { name: /^Find match at about / })
    await expect(hits).toHaveCount(hitTimes.length)
    expect(await hits.evaluateAll((marks) => marks.map((m) => m.getAttribute('aria-label')))).toEqual(
      hitTimes.map((t) => `Find match at about ${t.replace('≈', '')}`)
    )

    await review.searchTranscript('qqzzx')
    await expect(review.matchCount()).toHaveText('No matches')
    await expect(review.transcript.locator('mark')).toHaveCount(0)
    await expect(hits).toHaveCount(0)

    // Ctrl+F and a word first said late in the call: the find bar jumps to that turn, scrolled
    // into view within the transcript list (the pane around it stays put), and it plays from there.
    await page.setViewportSize({ width: 1024, height: 700 })
    const list = review.transcript.getByRole('list', { name: 'Transcript turns' })
    const late = lateWord(await turns.locator('.turn__text').allTextContents())
    if (!late) throw new Error('no turn holds a word that no earlier turn does')
    await review.searchTranscript('')
    await list.evaluate((l) => l.scrollTo({ top: 0 }))
    const below = await list.evaluate((l, turn) => {
      const item = l.querySelector<HTMLElement>(`[data-turn="${turn}"]`)
      return item ? item.getBoundingClientRect().top - l.getBoundingClientRect().top >= l.clientHeight : false
    }, late.turn)
    expect(below, `turn ${late.turn} starts out of view, below the list's fold`).toBe(true)
    await calls.grid.focus()
    await page.keyboard.press('Control+f')
    await expect(review.transcript.getByRole('searchbox', { name: 'Search transcript' })).toBeFocused()
    await page.keyboard.type(late.word)
    await expect(review.matchCount()).toHaveText(/^1 of \d+$/)
    const matchTurn = turns.filter({ has: page.locator('mark.transcript-mark--current') })
    await expect(matchTurn).toHaveAttribute('data-turn', String(late.turn))
    // The match itself lies wholly inside the list's box (at 1024×700 the list is short: the
    // turn's first line may sit just above it).
    await expect
      .poll(() =>
        list.evaluate((l) => {
          const mark = l.querySelector('mark.transcript-mark--current')?.getBoundingClientRect()
          const box = l.getBoundingClientRect()
          return mark ? mark.top >= box.top && mark.bottom <= box.bottom : false
        })
      )
      .toBe(true)
    await expect(review.currentMatch()).toBeInViewport()
    const time = matchTurn.getByRole('button', { name: /play from about/ })
    const target = seconds((await time.textContent()) ?? '')
    const clickedAt = Date.now()
    await time.click()
    await expect.poll(async () => (await review.audio())?.paused).toBe(false)
    await review.pause()
    const at = (await review.audio())?.currentTime ?? 0
    expect(at).toBeGreaterThanOrEqual(target - 0.6)
    expect(at).toBeLessThanOrEqual(target + (Date.now() - clickedAt) / 1000 + 0.6)

    await page.evaluate(() => navigator.clipboard.writeText('before copying'))
    await review.transcript.getByRole('button', { name: 'Copy' }).click()
    await expect(review.transcript.getByRole('button', { name: 'Copied' })).toBeVisible()
    // The whole transcript as the API gave it, not what the find bar shows.
    const callId = await review.callId()
    const transcription = demo.calls.find((c) => c.call_id === callId)?.transcription
    expect(transcription, `the demo has call ${callId} with a transcript`).toBeTruthy()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(transcription)
  })

  test('a call without a transcript says so', async ({ calls, review }) => {
    // Filtered, so the test does not depend on an unanswered call being on the first page today.
    await calls.chooseDispositions(['No answer'])
    await calls.waitForRows()
    await calls.openCall(/No answer,/)
    await expect(review.transcript).toContainText('This call has no transcript.')
  })
})
