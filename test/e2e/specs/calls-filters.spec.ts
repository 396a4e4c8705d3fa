/**
 * Filters by name and filters only the library answers: a campaign chosen by its name, the
 * group tree, a score range (said to be the library's), and a sort by score. The demo's calls
 * follow the clock, so each test reads what it filters by from the rows it has.
 */
import type { Locator } from '@playwright/test'
import { test, expect } from '../pages/call-fixtures'

/** Where a column is in the grid as the user has it (columns can be chosen and reordered). */
async function cellIndex(grid: Locator, name: string): Promise<number> {
  const names = await grid
    .getByRole('columnheader')
    .evaluateAll((cells) => cells.map((cell) => (cell.querySelector('span[aria-hidden="true"]') ?? cell).textContent.trim()))
  const index = names.indexOf(name)
  if (index < 0) throw new Error(`No ${name} column among ${names.join(', ')}`)
  return index
}
const scoreOf = (label: string | null): number | null => {
  const match = /score (\d+)$/.exec(label ?? '')
  return match ? Number(match[1]) : null
}

test.describe('filters by name and in the library', () => {
  test('chooses a campaign by its name and lists only its calls', async ({ calls, page }) => {
    await calls.waitForRows()
    const CAMPAIGN_CELL = await cellIndex(calls.grid, 'Campaign')
    const name = (await calls.callRows().first().getByRole('gridcell').nth(CAMPAIGN_CELL).textContent())?.trim() ?? ''
    expect(name.length).toBeGreaterThan(1)
    await calls.openMoreFilters()
    const field = page.getByRole('combobox', { name: 'Campaign' })
    await field.fill(name)
    await field.press('Enter')
    await expect(calls.filters.getByRole('button', { name: 'Clear filters' })).toBeVisible()
    await expect
      .poll(async () => new Set(await calls.callRows().evaluateAll((rows, i) => rows.map((r) => r.children[i]?.textContent?.trim()), CAMPAIGN_CELL)))
      .toEqual(new Set([name]))
  })

  test('narrows the groups tree by name and picks a group', async ({ calls, page }) => {
    await calls.waitForRows()
    const picker = calls.filters.getByRole('button', { name: /^Group / })
    await picker.click()
    const tree = page.getByRole('tree', { name: 'Groups' })
    await expect.poll(() => tree.getByRole('treeitem').count()).toBeGreaterThan(1)
    const second = (await tree.getByRole('treeitem').nth(1).locator('.group-tree__label').first().textContent())?.trim() ?? ''
    await page.getByRole('textbox', { name: 'Find a group' }).fill(second)
    await tree.getByRole('treeitem', { name: second }).first().locator('.group-tree__label').first().click()
    await expect(picker).toHaveAccessibleName(`Group ${second}`)
  })

  test('finds a group by keyboard: ↓ goes to the first match, Enter in the box picks it', async ({ calls, page }) => {
    await calls.waitForRows()
    const picker = calls.filters.getByRole('button', { name: /^Group / })
    await picker.click()
    const tree = page.getByRole('tree', { name: 'Groups' })
    await expect.poll(() => tree.getByRole('treeitem').count()).toBeGreaterThan(2)
    // The last group listed sits under its parents, which stay shown (muted) when it is found.
    const leaf = ((await tree.locator('.group-tree__label').allTextContents()).at(-1) ?? '').trim()
    const find = page.getByRole('textbox', { name: 'Find a group' })
    await find.fill(leaf)
    await expect(tree.locator('.group-tree__item--match')).toHaveCount(1)
    await find.press('ArrowDown')
    await expect(tree.getByRole('treeitem', { name: leaf, exact: true })).toBeFocused()
    await find.focus()
    await find.press('Enter')
    await expect(picker).toHaveAccessibleName(`Group ${leaf}`)
  })

  test('filters by score in the library, says so, and sorts by score', async ({ calls, page }) => {
    await calls.waitForRows()
    await calls.openMoreFilters()
    const lowest = page.getByRole('textbox', { name: 'Lowest score' })
    await lowest.fill('70')
    await lowest.press('Enter')
    await expect(page.getByText(/Filtered in your library/)).toBeVisible()
    await expect
      .poll(async () => (await calls.callRows().evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')))).map(scoreOf))
      .not.toContainEqual(null)
    const scores = (await calls.callRows().evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')))).map(scoreOf) as number[]
    expect(scores.length).toBeGreaterThan(0)
    for (const score of scores) expect(score).toBeGreaterThanOrEqual(70)

    // Score is not among the default columns: show it first.
    await page.getByRole('button', { name: 'Columns', exact: true }).click()
    await page.getByRole('checkbox', { name: 'Score' }).check()
    await page.keyboard.press('Escape')
    await calls.grid.getByRole('columnheader', { name: 'Score' }).getByRole('button').click()
    await expect(calls.grid.getByRole('columnheader', { name: 'Score' })).toHaveAttribute('aria-sort', 'descending')
    await expect
      .poll(async () => {
        const sorted = (await calls.callRows().evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')))).map(scoreOf) as number[]
        return sorted.every((s, i) => i === 0 || (sorted[i - 1] as number) >= s)
      })
      .toBe(true)
  })

  test('setting a filter leaves the search box where it was, and "Clear filters" shows only off the defaults', async ({ calls, page }) => {
    await calls.waitForRows()
    const search = page.getByRole('searchbox', { name: 'Search calls' })
    const clear = calls.filters.getByRole('button', { name: 'Clear filters' })
    await expect(clear).toHaveCount(0)
    const before = await search.boundingBox()
    expect(before).not.toBeNull()

    await calls.chooseDispositions(['Voicemail'])
    await expect(calls.filters.getByRole('button', { name: 'Disposition Voicemail' })).toBeVisible()
    await expect(clear).toBeVisible()
    expect(await search.boundingBox()).toEqual(before)

    await calls.choosePreset('Yesterday')
    expect(await search.boundingBox()).toEqual(before)

    await clear.click()
    await expect(clear).toHaveCount(0)
    expect(await search.boundingBox()).toEqual(before)
  })
})
