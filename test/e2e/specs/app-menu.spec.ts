/**
 * The application menu's commands as the page receives them ('menu:command', sent by
 * src/main/app-menu.ts; here pushed through the harness's event path), and the QA-session
 * signal main's update policy waits on. The menu itself is tested in test/unit/main/app-menu.test.ts
 * and, where Electron runs, in test/e2e/electron.
 */
import type { Page } from '@playwright/test'
import { test, expect } from '../fixtures'
import { startHarness } from '../harness/harness'
import { CallsPage } from '../pages/calls-page'
import { QaPage } from '../pages/qa-page'

/** What main does when a menu item is clicked: emit the event to the page. */
async function menuCommand(page: Page, payload: unknown): Promise<void> {
  await page.evaluate(
    (p) => (window as unknown as { __callReviewEmit: (e: string, p: unknown) => void }).__callReviewEmit('menu:command', p),
    payload
  )
}

async function startSession(qa: QaPage, name: string): Promise<void> {
  await qa.page.keyboard.press('q')
  await expect(qa.startDialog).toBeVisible()
  await qa.startDialog.getByRole('textbox', { name: 'Session name' }).fill(name)
  await qa.startDialog.getByRole('button', { name: 'Start session' }).click()
  await expect(qa.panel.getByRole('heading', { name })).toBeVisible({ timeout: 30_000 })
}

test.describe('application menu commands', () => {
  test.beforeEach(async ({ page, harness }) => {
    await new CallsPage(page).openWithDemo(harness)
  })

  test('File ▸ Settings and File ▸ Sign Out open their dialogs', async ({ page }) => {
    await menuCommand(page, { command: 'open-settings' })
    const settings = page.getByRole('dialog', { name: 'Settings' })
    await expect(settings).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(settings).toBeHidden()
    await menuCommand(page, { command: 'sign-out' })
    await expect(page.getByRole('dialog', { name: /Sign out/ })).toBeVisible()
  })

  test('Help ▸ Keyboard Shortcuts shows the sheet, also while a field has focus', async ({ page }) => {
    await page.getByRole('searchbox').first().focus()
    await menuCommand(page, { command: 'show-shortcuts' })
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
  })

  test('File ▸ Export Reviews opens the export dialog once there are reviews to export', async ({ page }) => {
    const qa = new QaPage(page)
    await startSession(qa, 'Exported from the menu')
    await qa.leave()
    await menuCommand(page, { command: 'export-reviews' })
    await expect(qa.exportDialog).toBeVisible()
    await expect(qa.exportDialog).toContainText('Exported from the menu')
  })

  test('a command outside the contract does nothing', async ({ page }) => {
    await menuCommand(page, { command: 'delete-everything' })
    await menuCommand(page, 'open-settings')
    await expect(page.getByRole('dialog')).toHaveCount(0)
  })
})

test('tells main when a QA session opens and closes', async ({ browser, dataDir }) => {
  const seen: boolean[] = []
  const harness = await startHarness({ dataDir, overrides: { onQaSessionActive: (active) => void seen.push(active) } })
  const page = await browser.newPage()
  try {
    await harness.attach(page)
    await new CallsPage(page).openWithDemo(harness)
    await expect.poll(() => seen).toEqual([false])
    const qa = new QaPage(page)
    await startSession(qa, 'Menu check')
    await expect.poll(() => seen).toEqual([false, true])
    await qa.leave()
    await expect.poll(() => seen).toEqual([false, true, false])
  } finally {
    await page.close()
    await harness.close()
  }
})
