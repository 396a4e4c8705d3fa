/**
 * Bulk actions on the selected calls: copying their ids and a facts table, exporting their facts
 * as CSV and JSON, and making them available offline, each saying what it did. Chromium, the
 * harness and the embedded demo server.
 */
import { readFileSync } from 'node:fs'
import Papa from 'papaparse'
import type { Locator } from '@playwright/test'
import { test, expect } from '../pages/call-fixtures'

/**
 * Answered calls of 30–119 s: each has a short recording in the demo data, whatever today's rows
 * are (the 40-minute one is left out). Row names speak it: "42 seconds", "1 minute 18 seconds".
 */
const ANSWERED_30S = /Answered, (?:[3-5]\d seconds|1 minute(?: \d+ seconds?)?),/

/** The file an export wrote, once the list's status line names it. */
async function exportedPath(status: Locator, format: 'CSV' | 'JSON'): Promise<string> {
  await expect(status).toContainText(`3 calls exported as ${format} to`)
  return (await status.locator('code').textContent()) ?? ''
}

test.describe('bulk actions on selected calls', () => {
  test('copies the selected calls’ ids and facts, saying how many', async ({ calls, page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    const rows = calls.callRows()
    await rows.nth(0).click()
    await rows.nth(2).click({ modifiers: ['Shift'] })
    await expect(calls.selectedCount()).toHaveText('3 selected')

    await page.getByRole('button', { name: 'Copy IDs' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'IDs of 3 calls copied' })).toBeVisible()
    const ids = (await page.evaluate(() => navigator.clipboard.readText())).split('\n')
    expect(ids).toHaveLength(3)
    for (const id of ids) expect(id).toMatch(/^\d+$/)

    await page.getByRole('button', { name: 'Copy facts' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Facts of 3 calls copied' })).toBeVisible()
    const table = (await page.evaluate(() => navigator.clipboard.readText())).split('\n')
    expect(table[0]?.split('\t').slice(0, 3)).toEqual(['Call ID', 'Started (local time)', 'Duration (s)'])
    expect(table.slice(1).map((line) => line.split('\t')[0])).toEqual(ids)
  })

  test('exports the selected calls as CSV and JSON and makes them available offline', async ({ calls, page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    // Three rows, each found again by its whole name: the grid draws only the rows near the view,
    // so "the second matching row drawn" can be another call once the view has moved.
    const answered = calls.row(ANSWERED_30S)
    const picked: Locator[] = []
    for (let i = 0; i < 3; i += 1) {
      const name = await answered.nth(i).getAttribute('aria-label')
      if (!name) throw new Error('A call row has no accessible name.')
      picked.push(calls.grid.getByRole('row', { name, exact: true }))
    }
    for (const [i, row] of picked.entries()) await row.click(i === 0 ? {} : { modifiers: ['ControlOrMeta'] })
    await expect(calls.selectedCount()).toHaveText('3 selected')
    // Each of the three is marked selected; with many calls today they can be further apart than
    // the rows drawn, so each is brought into view.
    for (const row of picked) {
      await row.scrollIntoViewIfNeeded()
      await expect(row).toHaveAttribute('aria-selected', 'true')
    }
    const selectedRows = calls.grid.locator('[role="row"][aria-selected="true"]')
    // The two rows only selected, not opened, have not had their recording fetched.
    await expect(selectedRows.getByRole('img', { name: 'Recording not downloaded' })).not.toHaveCount(0)
    await page.getByRole('button', { name: 'Copy IDs' }).click()
    const ids = (await page.evaluate(() => navigator.clipboard.readText())).split('\n').map(Number).sort()
    expect(ids).toHaveLength(3)

    const list = page.getByRole('region', { name: 'Call list' })
    const status = list.getByRole('status', { name: 'Bulk action result' })
    await list.getByRole('button', { name: 'Export 3 selected calls as CSV' }).click()
    const csvPath = await exportedPath(status, 'CSV')
    const csv = Papa.parse<Record<string, string>>(readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true })
    expect(csv.errors).toEqual([])
    expect(csv.data.map((row) => Number(row['call_id'])).sort()).toEqual(ids)
    for (const row of csv.data) {
      expect(row['disposition']).toBe('Answered')
      expect(Number(row['duration_seconds'])).toBeGreaterThanOrEqual(30)
      expect(row['recording_available']).toBe('yes')
    }

    await list.getByRole('button', { name: 'Export 3 selected calls as JSON' }).click()
    const jsonPath = await exportedPath(status, 'JSON')
    const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as {
      notInLibrary: number[]
      calls: { callId: number; disposition: string; started: string }[]
    }
    expect(json.notInLibrary).toEqual([])
    expect(json.calls.map((c) => c.callId).sort()).toEqual(ids)
    for (const call of json.calls) {
      expect(call.disposition).toBe('Answered')
      expect(call.started).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/)
    }

    await list.getByRole('button', { name: 'Make 3 selected calls available offline' }).click()
    await expect(status).toHaveText('3 calls available offline, with 3 recordings.', { timeout: 30_000 })
    await expect(selectedRows.getByRole('img', { name: 'Recording available offline' })).toHaveCount(3)
  })
})
