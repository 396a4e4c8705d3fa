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
