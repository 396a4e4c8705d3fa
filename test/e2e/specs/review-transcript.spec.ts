/**
 * Searching inside a call's transcript: highlights, the match count, next and
 * previous (buttons and Enter / Shift+Enter), and copying the transcript.
 */
import { test, expect } from '../pages/call-fixtures'

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

    await review.searchTranscript('qqzzx')
    await expect(review.matchCount()).toHaveText('No matches')
    await expect(review.transcript.locator('mark')).toHaveCount(0)

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
