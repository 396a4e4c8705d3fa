/**
 * Bulk actions on the selected calls: copying their ids and a facts table, each saying what it
 * did. Chromium, the harness and the embedded demo server.
 */
import { test, expect } from '../pages/call-fixtures'

test.describe('bulk actions on selected calls', () => {
  test('copies the selected calls’ ids and facts, saying how many', async ({ calls, page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    const rows = calls.callRows()
    await rows.nth(0).click()
    await rows.nth(2).click({ modifiers: ['Shift'] })
    await expect(page.getByLabel('Selected calls')).toHaveText('3 selected')

    await page.getByRole('button', { name: 'Copy IDs' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'IDs of 3 calls copied' })).toBeVisible()
    const ids = (await page.evaluate(() => navigator.clipboard.readText())).split('\n')
    expect(ids).toHaveLength(3)
    for (const id of ids) expect(id).toMatch(/^\d+$/)

    await page.getByRole('button', { name: 'Copy facts' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Facts of 3 calls copied' })).toBeVisible()
    const table = (await page.evaluate(() => navigator.clipboard.readText())).split('\n')
    expect(table[0]?.split('\t').slice(0, 3)).toEqual(['Call ID', 'Started', 'Duration (s)'])
    expect(table.slice(1).map((line) => line.split('\t')[0])).toEqual(ids)
  })
})
