/**
 * Export of any set of QA reviews: three sessions over overlapping calls picked in
 * the list, then the "Export reviews" dialog writes the reviewed calls of two of them (CSV and
 * JSON, parsed and checked row by row), the reviews of calls selected in the list across every
 * session, and says so, writing nothing, when a choice holds no reviews.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import Papa from 'papaparse'
import type { Locator, Page } from '@playwright/test'
import { test, expect } from '../pages/call-fixtures'
import type { CallsPage } from '../pages/calls-page'
import { QaPage } from '../pages/qa-page'

interface ExportedJson {
  sessions: { name: string }[]
  rows: { callId: number; sessionName: string; reviewed: boolean }[]
}

/** Select rows `first`–`last` of the list (click, then Shift+click). */
async function selectRows(calls: CallsPage, first: number, last: number): Promise<void> {
  await calls.rowAt(first).click()
  await calls.rowAt(last).click({ modifiers: ['Shift'] })
  await expect(calls.selectedCount()).toHaveText(`${last - first + 1} selected`)
}

/** Mark these queue positions reviewed, then leave the session. */
async function review(qa: QaPage, positions: number[]): Promise<void> {
  for (const position of positions) {
    await qa.queue.nth(position).click()
    await expect(qa.panel.getByLabel('Queue position')).toHaveText(new RegExp(`^${position + 1} of `))
    await qa.panel.getByRole('button', { name: 'Mark reviewed' }).click()
    await expect(qa.panel.getByRole('button', { name: 'Reviewed ✓' })).toBeVisible()
  }
  await expect(qa.panel.getByLabel('Session progress')).toHaveText(new RegExp(`^${positions.length} / `))
  await qa.leave()
}

async function focusScreen(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
}

function sessionBox(dialog: Locator, name: string): Locator {
  return dialog.getByRole('checkbox', { name: new RegExp(`^${name} \\(`) })
}

test.describe('QA review export', () => {
  test.setTimeout(180_000)

  test('exports the reviews of chosen sessions and of selected calls, and only those', async ({ page, calls }, testInfo) => {
    const qa = new QaPage(page)
    // Week A: rows 0–2, Week B: rows 2–4 (row 2 is in both), Week C: rows 5–6.
    await selectRows(calls, 0, 2)
    const a = await qa.startFromSelection('Week A')
    await review(qa, [0])
    await selectRows(calls, 2, 4)
    const b = await qa.startFromSelection('Week B')
    await review(qa, [1])
    await selectRows(calls, 5, 6)
    const c = await qa.startFromSelection('Week C')
    await review(qa, [0, 1])
    expect(b[0]).toBe(a[2])

    // E opens the dialog with every session ticked; keep A and B, only their reviewed calls.
    await focusScreen(page)
    await page.keyboard.press('e')
    const dialog = qa.exportDialog
    await expect(dialog).toBeVisible()
    await expect(dialog.getByRole('checkbox', { name: 'All sessions' })).toBeFocused()
    for (const name of ['Week A', 'Week B', 'Week C']) await expect(sessionBox(dialog, name)).toBeChecked()
    // Week C's two calls are still selected in the list: offered, not applied.
    await expect(dialog.getByRole('checkbox', { name: 'Only the 2 calls selected in the list' })).not.toBeChecked()
    await sessionBox(dialog, 'Week C').uncheck()
    await expect(dialog.getByRole('checkbox', { name: 'All sessions' })).not.toBeChecked()
    await dialog.getByRole('checkbox', { name: 'Only calls marked reviewed' }).check()
    await dialog.getByRole('button', { name: 'Export CSV' }).click()
    const csvPath = await qa.writtenPath(dialog, 'Wrote 2 calls as CSV to')
    await dialog.getByRole('button', { name: 'Export JSON' }).click()
    const jsonPath = await qa.writtenPath(dialog, 'Wrote 2 calls as JSON to')
    await calls.screenshot(testInfo, 'qa-export-reviews')

    const expected = [
      ['Week A', a[0]],
      ['Week B', b[1]]
    ]
    const parsed = Papa.parse<Record<string, string>>(readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true })
    expect(parsed.errors).toEqual([])
    const csv = parsed.data
    expect(csv.map((row) => [row['session'], Number(row['call_id'])])).toEqual(expected)
    expect(csv.every((row) => row['reviewed'] === 'yes')).toBe(true)
    const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as ExportedJson
    expect(json.rows.map((row) => [row.sessionName, row.callId])).toEqual(expected)
    expect(json.sessions.map((s) => s.name)).toEqual(['Week A', 'Week B'])
    await dialog.getByRole('button', { name: 'Done' }).click()
    await expect(dialog).toBeHidden()

    // Calls picked in the list: row 2 (in A and B), row 5 (in C), row 7 (in no session).
    await calls.rowAt(2).click()
    await calls.rowAt(5).click({ modifiers: ['ControlOrMeta'] })
    await calls.rowAt(7).click({ modifiers: ['ControlOrMeta'] })
    await page.getByRole('region', { name: 'Call list' }).getByRole('button', { name: 'Export reviews of 3 selected calls' }).click()
    await expect(dialog.getByRole('checkbox', { name: 'Only the 3 calls selected in the list' })).toBeChecked()
    await expect(dialog.getByRole('checkbox', { name: 'All sessions' })).toBeChecked()
    await dialog.getByRole('button', { name: 'Export JSON' }).click()
    const selectedPath = await qa.writtenPath(dialog, 'Wrote 3 calls as JSON to')
    const selected = JSON.parse(readFileSync(selectedPath, 'utf8')) as ExportedJson
    expect(selected.rows.map((row) => [row.sessionName, row.callId])).toEqual([
      ['Week A', a[2]],
      ['Week B', b[0]],
      ['Week C', c[0]]
    ])

    // None of them is marked reviewed in A or B: the dialog says so and writes nothing.
    await sessionBox(dialog, 'Week C').uncheck()
    await dialog.getByRole('checkbox', { name: 'Only calls marked reviewed' }).check()
    await dialog.getByRole('button', { name: 'Export CSV' }).click()
    await expect(dialog.getByRole('alert')).toHaveText(
      /^Nothing to export: none of the 3 selected calls is marked reviewed in the chosen sessions, so no file was written\./
    )
    await expect(dialog.getByRole('status', { name: 'Export result' })).toBeHidden()
    expect(readdirSync(dirname(selectedPath)).sort()).toEqual([csvPath, jsonPath, selectedPath].map((path) => basename(path)).sort())
  })
})
