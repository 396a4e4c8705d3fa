/**
 * Settings' offline library panel: the cache's contents and size as main reports them,
 * the recording cache limit, and "clear cached data" behind its confirmation.
 */
import type { Locator, Page } from '@playwright/test'
import { test, expect } from '../fixtures'
import type { Harness } from '../harness/harness'
import { CallsPage } from '../pages/calls-page'
import type { LibraryStats } from '@shared/ipc/contract'

const SCREENSHOTS = 'test-results/screenshots'
const GB = 1024 ** 3

async function libraryStats(harness: Harness): Promise<LibraryStats> {
  const result = await harness.services.dispatch('library:stats', {}, { senderUrl: harness.url })
  if (!result.ok) throw new Error(result.error.message)
  return result.value as LibraryStats
}

async function openSettings(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await expect(dialog).toBeVisible()
  return dialog
}

/** The value shown under a stat's label ("Calls" → "759"). */
function stat(dialog: Locator, label: string): Locator {
  return dialog
    .getByLabel('Offline library')
    .locator('div', { has: dialog.page().getByRole('term').getByText(label, { exact: true }) })
    .getByRole('definition')
}

test.describe('settings: offline library', () => {
  test.beforeEach(async ({ page, harness }) => {
    await new CallsPage(page).openWithDemo(harness)
  })

  test('shows how many calls and recordings are cached and how much space they take', async ({ page, harness }) => {
    const stats = await libraryStats(harness)
    expect(stats.calls, 'browsing stored the first page').toBeGreaterThan(0)

    const dialog = await openSettings(page)
    await expect(stat(dialog, 'Calls')).toHaveText(stats.calls.toLocaleString('en-US'))
    await expect(stat(dialog, 'Database')).toHaveText(/^\d+(\.\d)? (kB|KB|MB|GB)$/)
    await expect(stat(dialog, 'Recordings')).toContainText(stats.recordings.toLocaleString('en-US'))
    // The default limit (5 GB) and how much of it is in use.
    await expect(dialog.getByLabel('Recording cache limit')).toHaveValue(String(stats.recordingCacheLimitBytes / GB))
    await expect(dialog.getByRole('meter', { name: 'Recording cache in use' })).toHaveAttribute(
      'aria-valuemax',
      String(stats.recordingCacheLimitBytes)
    )
    await page.screenshot({ path: `${SCREENSHOTS}/settings.png` })
  })

  test('sets the recording cache limit in GB and refuses less than 100 MB', async ({ page, harness }) => {
    const dialog = await openSettings(page)
    const limit = dialog.getByLabel('Recording cache limit')

    await limit.fill('0.05')
    await dialog.getByRole('button', { name: 'Save limit' }).click()
    await expect(limit).toHaveAccessibleDescription(/at least 100 MB/)
    expect((await libraryStats(harness)).recordingCacheLimitBytes).toBe(5 * GB)

    await limit.fill('2.5')
    await limit.press('Enter')
    await expect(limit).toHaveAccessibleDescription(/^Saved\./)
    expect((await libraryStats(harness)).recordingCacheLimitBytes).toBe(2.5 * GB)

    // Kept: a reopened panel reads it back.
    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect(dialog).toBeHidden()
    await expect((await openSettings(page)).getByLabel('Recording cache limit')).toHaveValue('2.5')
  })

  test('clears the cached calls after a confirmation that says what goes', async ({ page, harness }) => {
    const before = await libraryStats(harness)
    expect(before.calls).toBeGreaterThan(0)
    const dialog = await openSettings(page)

    await dialog.getByRole('button', { name: 'Clear cached data…' }).click()
    const confirm = page.getByRole('alertdialog', { name: 'Clear cached data?' })
    await expect(confirm).toContainText(`${before.calls.toLocaleString('en-US')} calls`)
    await page.screenshot({ path: `${SCREENSHOTS}/settings-clear-confirm.png` })
    // Cancelling keeps everything.
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    await expect(confirm).toBeHidden()
    expect((await libraryStats(harness)).calls).toBe(before.calls)

    await dialog.getByRole('button', { name: 'Clear cached data…' }).click()
    await confirm.getByRole('button', { name: 'Clear cached data' }).click()
    await expect(confirm).toBeHidden()
    await expect(dialog.getByRole('status').filter({ hasText: 'Cached data cleared' })).toBeVisible()
    await expect(stat(dialog, 'Calls')).toHaveText('0')
    const after = await libraryStats(harness)
    expect(after).toMatchObject({ calls: 0, recordings: 0, recordingBytes: 0 })
  })
})
