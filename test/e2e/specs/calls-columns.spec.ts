/**
 * The call list's columns as a reviewer shapes them: the defaults fit a 1024 px window, columns
 * are chosen, ordered and resized (by dragging and by the keyboard), kept across a restart, and
 * saved with a view. Chromium, the harness and the embedded demo server.
 */
import type { Locator, Page } from '@playwright/test'
import { test, expect } from '../pages/call-fixtures'

test.use({ viewport: { width: 1024, height: 768 } })

const DEFAULTS = ['Started', 'Caller', 'Disposition', 'Duration', 'Campaign', 'Status']

/** The grid's header names as they read on screen ("Status" for the icons' column), in the order they show. */
async function headerNames(grid: Locator): Promise<string[]> {
  return grid
    .getByRole('columnheader')
    .evaluateAll((cells) => cells.map((cell) => (cell.querySelector('span[aria-hidden="true"]') ?? cell).textContent.trim()))
}

async function headerWidth(grid: Locator, name: string): Promise<number> {
  const box = await grid.getByRole('columnheader', { name }).boundingBox()
  if (!box) throw new Error(`The ${name} header is not on screen`)
  return Math.round(box.width)
}

function columnsPanel(page: Page): Locator {
  return page.getByRole('group', { name: 'Columns' })
}

async function openColumns(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Columns', exact: true }).click()
  return columnsPanel(page)
}

test.describe('call list columns', () => {
  test('shows the default columns in a 1024 px window without a sideways scroll', async ({ calls }) => {
    expect(await headerNames(calls.grid)).toEqual(DEFAULTS)
    const overflow = await calls.grid.evaluate((el) => el.scrollWidth - el.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
  })

  test('chooses, orders and resizes columns, and keeps them across a restart', async ({ calls, page, restartApp }) => {
    test.slow()
    const panel = await openColumns(page)
    await panel.getByRole('checkbox', { name: 'Tags' }).check()
    await panel.getByRole('checkbox', { name: 'Campaign' }).uncheck()
    await panel.getByRole('button', { name: 'Move Duration earlier' }).click()
    await panel.getByRole('button', { name: 'Move Duration earlier' }).click()
    await page.keyboard.press('Escape')
    await expect(panel).toHaveCount(0)
    const expected = ['Started', 'Duration', 'Caller', 'Disposition', 'Tags', 'Status']
    expect(await headerNames(calls.grid)).toEqual(expected)
    // The rows follow the headers: the second cell of a row is now its duration.
    await expect(calls.callRows().first().getByRole('gridcell').nth(1)).toHaveText(/^\d+:\d\d$/)

    // By keyboard: three steps of 8 px wider.
    const callerBefore = await headerWidth(calls.grid, 'Caller')
    const callerEdge = calls.grid.getByRole('separator', { name: 'Resize column Caller' })
    await callerEdge.focus()
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight')
    await expect(callerEdge).toHaveAttribute('aria-valuenow', String(callerBefore + 24))
    expect(await headerWidth(calls.grid, 'Caller')).toBe(callerBefore + 24)

    // By dragging the Started column's edge 40 px to the right.
    const startedBefore = await headerWidth(calls.grid, 'Started')
    const startedEdge = calls.grid.getByRole('separator', { name: 'Resize column Started' })
    const box = await startedEdge.boundingBox()
    if (!box) throw new Error('The Started resize edge is not on screen')
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2 + 20, box.y + box.height / 2, { steps: 3 })
    await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 3 })
    await page.mouse.up()
    expect(await headerWidth(calls.grid, 'Started')).toBe(startedBefore + 40)
    const callerAfter = await headerWidth(calls.grid, 'Caller')

    const again = await restartApp()
    expect(await headerNames(again.calls.grid)).toEqual(expected)
    expect(await headerWidth(again.calls.grid, 'Started')).toBe(startedBefore + 40)
    expect(await headerWidth(again.calls.grid, 'Caller')).toBe(callerAfter)

    // "Default columns" brings back what a new profile sees.
    const panelAgain = await openColumns(again.page)
    await panelAgain.getByRole('button', { name: 'Default columns' }).click()
    expect(await headerNames(again.calls.grid)).toEqual(DEFAULTS)
  })

  test('a saved view brings back its columns', async ({ calls, page }) => {
    const panel = await openColumns(page)
    await panel.getByRole('checkbox', { name: 'Tracking number' }).check()
    await panel.getByRole('checkbox', { name: 'Disposition' }).uncheck()
    await page.keyboard.press('Escape')
    const withTracking = await headerNames(calls.grid)
    expect(withTracking).toContain('Tracking number')
    expect(withTracking).not.toContain('Disposition')

    const views = page.getByRole('toolbar', { name: 'Saved views' })
    await views.getByRole('button', { name: 'Save view…' }).click()
    await views.getByRole('textbox', { name: 'Name of the new view' }).fill('Numbers')
    await page.keyboard.press('Enter')
    await expect(views.getByRole('button', { name: 'Numbers', exact: true })).toHaveAttribute('aria-pressed', 'true')

    await (await openColumns(page)).getByRole('button', { name: 'Default columns' }).click()
    await page.keyboard.press('Escape')
    expect(await headerNames(calls.grid)).not.toContain('Tracking number')
    // Changing the sort leaves the view; one click on it brings its columns back.
    await calls.grid.getByRole('columnheader', { name: 'Duration' }).getByRole('button').click()
    await expect(views.getByRole('button', { name: 'Numbers', exact: true })).toHaveAttribute('aria-pressed', 'false')
    await views.getByRole('button', { name: 'Numbers', exact: true }).click()
    await expect.poll(() => headerNames(calls.grid)).toEqual(withTracking)
  })

  test('tag chips show whole words, the rest counted in "+N" whose tooltip names every tag', async ({ calls, page }) => {
    const panel = await openColumns(page)
    await panel.getByRole('checkbox', { name: 'Tags' }).check()
    await page.keyboard.press('Escape')
    const more = calls.grid.locator('.tag-chip--more').first()
    await expect(more).toBeVisible({ timeout: 15_000 })
    const cell = more.locator('xpath=..')
    const shown = await cell.evaluate((el) => {
      const box = el.querySelector('.tag-chips') as HTMLElement
      const chips = [...box.children] as HTMLElement[]
      const top = chips[0]?.offsetTop ?? 0
      const right = el.getBoundingClientRect().right
      return chips
        .filter((chip) => chip.offsetTop === top)
        .map((chip) => ({ text: chip.textContent, clipped: chip.scrollWidth > chip.clientWidth || chip.getBoundingClientRect().right > right + 0.5 }))
    })
    expect(shown.length).toBeGreaterThan(0)
    for (const chip of shown) expect(chip.clipped, `chip "${chip.text}" is cut`).toBe(false)
    const all = ((await more.getAttribute('title')) ?? '').split(', ')
    const hidden = Number(((await more.textContent()) ?? '').replace('+', ''))
    expect(shown.length + hidden).toBe(all.length)
    expect(all.slice(0, shown.length)).toEqual(shown.map((chip) => chip.text))
    await expect(more).toHaveAttribute('aria-label', `${hidden} more tags: ${all.slice(shown.length).join(', ')}`)
  })
})
