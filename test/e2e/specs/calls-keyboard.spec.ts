/**
 * The call screen from the keyboard: ↑/↓ and Enter in the list, J/K,
 * Space, ←/→ and Shift+←/→, [ and ], / and ?; and no shortcut fires while typing in a field.
 */
import { test, expect } from '../pages/call-fixtures'

test.describe('keyboard', () => {
  test('moves through the list with the arrows and Enter, and through calls with J and K', async ({ calls, review, page }) => {
    // Focus lands on the first row; one step down and Enter opens the second call.
    await calls.grid.focus()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    const rows = calls.callRows()
    await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true')
    const second = await review.heading().textContent()

    await page.keyboard.press('j')
    await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'true')
    await expect(review.heading()).not.toHaveText(second ?? '')
    await page.keyboard.press('k')
    await page.keyboard.press('k')
    await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true')

    // Outside a QA session too, J opens the next call with its transcript at the top, however
    // far down the last one was read. Two answered calls in a row, both with a transcript; a
    // short window, so a transcript scrolls; "Follow playback" off (a scroll by hand), so only the
    // move to the next call can bring the list back up.
    await page.setViewportSize({ width: 1024, height: 700 })
    const names = await rows.evaluateAll((all) => all.map((row) => row.getAttribute('aria-label') ?? ''))
    const answered = (name: string | undefined): boolean => /, Answered, /.test(name ?? '')
    const pair = names.findIndex((name, i) => answered(name) && answered(names[i + 1]))
    expect(pair, 'two answered calls follow each other in the list').toBeGreaterThanOrEqual(0)
    await rows.nth(pair).click()
    const list = review.transcript.getByRole('list', { name: 'Transcript turns' })
    await expect(list.getByRole('listitem').first()).toBeVisible()
    await list.dispatchEvent('wheel', { deltaY: 200 })
    await list.evaluate((l) => l.scrollTo({ top: l.scrollHeight }))
    await expect.poll(() => list.evaluate((l) => l.scrollTop)).toBeGreaterThan(0)
    const before = await review.heading().textContent()
    await calls.grid.focus()
    await page.keyboard.press('j')
    await expect(rows.nth(pair + 1)).toHaveAttribute('aria-selected', 'true')
    await expect(review.heading()).not.toHaveText(before ?? '')
    await expect(list.getByRole('listitem').first()).toBeVisible()
    await expect(list).toHaveJSProperty('scrollTop', 0)
  })

  test('plays, skips and changes speed with keys, and leaves keys alone while typing', async ({ calls, review, page }, testInfo) => {
    // At least 30 seconds long, so a 15-second skip from near the start stays inside the recording.
    await calls.openCall(/Answered, [3-9]\d seconds,/)
    await review.waitUntilPlayable()
    await page.keyboard.press('Space')
    await expect(review.player.getByRole('button', { name: 'Pause' })).toBeVisible()
    await expect.poll(() => review.position(), { timeout: 15_000 }).toBeGreaterThan(0.3)
    await page.keyboard.press('Space')
    await expect(review.player.getByRole('button', { name: 'Play' })).toBeVisible()

    const at = (): Promise<number> => review.audio().then((a) => a?.currentTime ?? 0)
    const start = await at()
    await page.keyboard.press('Shift+ArrowRight')
    await expect.poll(at).toBeGreaterThan(start + 14)
    await page.keyboard.press('ArrowLeft')
    await expect.poll(at).toBeLessThan(start + 11)
    await page.keyboard.press('ArrowRight')
    await expect.poll(at).toBeGreaterThan(start + 14)
    await page.keyboard.press('Shift+ArrowLeft')
    await expect.poll(at).toBeLessThan(start + 1)

    await page.keyboard.press(']')
    await page.keyboard.press(']')
    expect(await review.speed()).toBe('1.5')
    await page.keyboard.press('[')
    expect(await review.speed()).toBe('1.25')

    // "/" goes to the call search; typing there types, it does not change call or speed.
    const open = await review.heading().textContent()
    await page.keyboard.press('/')
    const search = page.getByRole('searchbox', { name: 'Search calls' })
    await expect(search).toBeFocused()
    await page.keyboard.type('jk [')
    await expect(search).toHaveValue('jk [')
    await expect(review.heading()).toHaveText(open ?? '')
    expect(await review.speed()).toBe('1.25')
    await search.press('Escape')
    await expect(search).toHaveValue('')
    await calls.waitForRows()

    // Ctrl+F goes to the transcript's find box.
    await calls.grid.focus()
    await page.keyboard.press('Control+f')
    await expect(review.transcript.getByRole('searchbox', { name: 'Search transcript' })).toBeFocused()

    await calls.grid.focus()
    await page.keyboard.press('?')
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect(sheet).toBeVisible()
    await expect(sheet.getByText('Back 15 seconds')).toBeVisible()
    await calls.screenshot(testInfo, 'shortcut-sheet')
    await page.keyboard.press('Escape')
    await expect(sheet).toHaveCount(0)
  })
})
