/**
 * An archived QA session leaves the launcher: its Resume list, its Resume button and Shift+Q all
 * go to the latest session not archived (the sessions sheet still resumes an archived one).
 */
import { test, expect } from '../pages/call-fixtures'
import { QaPage } from '../pages/qa-page'
import { DEFAULT_CRITERIA } from '@shared/qa/default-template'

test('an archived session is neither offered nor resumed by the launcher or Shift+Q', async ({ calls, page }) => {
  const qa = new QaPage(page)
  await expect(calls.grid).toBeVisible()
  const answers = Object.fromEntries(DEFAULT_CRITERIA.map((criterion) => [criterion.id, criterion.type === 'yes_no' ? 'yes' : 5] as const))
  await qa.seedScoredSessions([
    { name: 'Alpha week', answers: [answers] },
    { name: 'Bravo week', answers: [answers] }
  ])
  const resume = qa.launcher.getByRole('combobox', { name: 'Resume' })
  await expect(resume.locator('option:checked')).toHaveText('Bravo week (1 / 1)')

  await qa.launcher.getByRole('button', { name: 'Sessions' }).click()
  const sheet = page.getByRole('dialog', { name: 'QA sessions' })
  // The list sizes its columns to what they hold: a narrow checkbox column, names whole.
  const table = sheet.getByRole('table', { name: 'Sessions' })
  expect((await table.locator('thead th').first().boundingBox())?.width).toBeLessThan(48)
  for (const row of await table.locator('tbody tr').all()) {
    // The name and both dates each on one line (one box per text line), within the cell.
    const lines = await row.locator('th, td.qa-sessions__when').evaluateAll((cells) =>
      cells.map((cell) => {
        const range = document.createRange()
        range.selectNodeContents(cell)
        const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)))
        return cell.scrollWidth <= cell.clientWidth ? tops.size : -1
      })
    )
    expect(lines).toEqual([1, 1, 1])
  }
  await sheet.getByRole('row', { name: 'Bravo week' }).getByRole('button', { name: 'Archive' }).click()
  await expect(sheet.getByRole('row', { name: 'Bravo week' })).toHaveCount(0)
  await page.keyboard.press('Escape')
  await expect(sheet).toBeHidden()

  await expect(resume.locator('option')).toHaveText(['Alpha week (1 / 1)'])
  await qa.launcher.getByRole('button', { name: 'Resume session' }).click()
  await expect(qa.panel.getByRole('heading', { name: 'Alpha week' })).toBeVisible()
  await qa.leave()
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  await page.keyboard.press('Shift+Q')
  await expect(qa.panel.getByRole('heading', { name: 'Alpha week' })).toBeVisible()
})
