/**
 * "Make available offline" from settings: every call of the call list's filters and
 * every recording, with a progress bar (calls x/y, recordings x/y, bytes, time left), cancel,
 * and the job's progress shown again after the panel is reopened or the window reloaded.
 * Against its own demo server, so the test can slow it down enough to watch and cancel.
 */
import type { Page } from '@playwright/test'
import { test, expect } from '../fixtures'
import type { Harness } from '../harness/harness'
import { CallsPage } from '../pages/calls-page'
import { startDemoServer, type DemoServer } from '@main/services/demo-server/index'
import type { LibraryStats, SyncProgress } from '@shared/ipc/contract'

const SCREENSHOTS = 'test-results/screenshots'
/** Added to every demo-server request so a job runs for many seconds: long enough to watch and cancel. */
const SLOW_MS = 1500

async function ask<T>(harness: Harness, channel: 'library:stats' | 'sync:status'): Promise<T> {
  const result = await harness.services.dispatch(channel, {}, { senderUrl: harness.url })
  if (!result.ok) throw new Error(result.error.message)
  return result.value as T
}

async function signIn(page: Page, harness: Harness, demo: DemoServer): Promise<void> {
  await page.goto(harness.url)
  await page.getByLabel('Email').fill(demo.login.email)
  await page.getByLabel('Password').fill(demo.login.password)
  await page.getByLabel('Org unit ID').fill(String(demo.login.org_unit_id))
  await page.getByLabel('Profile name').fill('Offline test')
  await page.getByText('Advanced', { exact: true }).click()
  await page.getByLabel('API base URL').fill(demo.apiBaseUrl)
  await page.getByLabel('OAuth base URL').fill(demo.oauthBaseUrl)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  // The call list has applied its filters: that is the query the job covers.
  await expect(page.getByLabel('Calls shown')).toHaveText(/of [\d,]+/, { timeout: 30_000 })
}

/** The last 30 days: a few hundred calls, so a slowed-down job runs long enough to watch. */
async function longJob(page: Page): Promise<void> {
  const calls = new CallsPage(page)
  await calls.choosePreset('Last 30 days')
  await expect(calls.rangeLabel).toHaveText(/of [\d,]{3,}/)
}

async function openSettings(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await expect(dialog).toBeVisible()
  return dialog
}

/** "12 / 40" → [12, 40]. */
function counts(text: string | null): [number, number] {
  const match = /([\d,]+)\s*\/\s*([\d,]+)/.exec(text ?? '')
  if (!match) throw new Error(`no counts in "${text}"`)
  return [Number(match[1]?.replace(/,/g, '')), Number(match[2]?.replace(/,/g, ''))]
}

test.describe('make available offline', () => {
  let demo: DemoServer
  test.beforeAll(async () => {
    demo = await startDemoServer({ calls: 300, seed: 9 })
  })
  test.beforeEach(() => {
    demo.faults.clear()
    demo.faults.resetLoginRateLimit()
  })
  test.afterAll(async () => {
    await demo?.close()
  })

  test('downloads every call of the current filters and its recording, with progress to completion', async ({ page, harness }) => {
    test.setTimeout(120_000)
    await signIn(page, harness, demo)
    const dialog = await openSettings(page)
    await expect(dialog.getByText('Current filters')).toBeVisible()
    await dialog.getByRole('button', { name: 'Make available offline' }).click()

    const bar = dialog.getByRole('progressbar', { name: 'Make available offline' })
    await expect(bar).toBeVisible()

    await expect(dialog.getByRole('status').filter({ hasText: /^Done:/ })).toBeVisible({ timeout: 90_000 })
    await expect(bar).toHaveAttribute('aria-valuenow', '100')
    const [callsDone, callsTotal] = counts(await dialog.getByTestId('sync-calls').textContent())
    const [recordingsDone, recordingsTotal] = counts(await dialog.getByTestId('sync-recordings').textContent())
    expect(callsTotal).toBeGreaterThan(0)
    expect(callsDone).toBe(callsTotal)
    expect(recordingsDone).toBe(recordingsTotal)
    await expect(page.getByRole('banner').getByRole('button', { name: /available offline: show progress/ })).toHaveCount(0)
    await page.screenshot({ path: `${SCREENSHOTS}/offline-done.png` })

    // What settings says is what the library holds.
    const stats = await ask<LibraryStats>(harness, 'library:stats')
    expect(stats.calls).toBeGreaterThanOrEqual(callsTotal)
    expect(stats.recordings).toBeGreaterThanOrEqual(recordingsTotal)
    const status = await ask<SyncProgress>(harness, 'sync:status')
    expect(status).toMatchObject({ state: 'done', calls: { done: callsTotal, total: callsTotal } })
  })

  test('cancels a running job, and starting again finishes it', async ({ page, harness }) => {
    test.setTimeout(120_000)
    await signIn(page, harness, demo)
    const dialog = await openSettings(page)
    demo.faults.setLatency(SLOW_MS)
    await dialog.getByRole('button', { name: 'Make available offline' }).click()
    await expect(dialog.getByRole('progressbar', { name: 'Make available offline' })).toBeVisible()

    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(dialog.getByRole('status').filter({ hasText: /^Cancelled after/ })).toBeVisible({ timeout: 30_000 })
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toHaveCount(0)
    expect(await ask<SyncProgress>(harness, 'sync:status')).toMatchObject({ state: 'cancelled' })
    await page.screenshot({ path: `${SCREENSHOTS}/offline-cancelled.png` })

    demo.faults.setLatency(0)
    await dialog.getByRole('button', { name: 'Make available offline' }).click()
    await expect(dialog.getByRole('status').filter({ hasText: /^Done:/ })).toBeVisible({ timeout: 90_000 })
    const [callsDone, callsTotal] = counts(await dialog.getByTestId('sync-calls').textContent())
    expect(callsDone).toBe(callsTotal)
  })

  test('shows a running job again after the panel is reopened and after the window reloads', async ({ page, harness }) => {
    test.setTimeout(120_000)
    await signIn(page, harness, demo)
    await longJob(page)
    let dialog = await openSettings(page)
    demo.faults.setLatency(SLOW_MS)
    await dialog.getByRole('button', { name: 'Make available offline' }).click()
    await expect(dialog.getByRole('progressbar', { name: 'Make available offline' })).toBeVisible()

    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
    const chip = page.getByRole('banner').getByRole('button', { name: /available offline: show progress/ })
    await expect(chip).toBeVisible()
    await chip.click()
    await expect(dialog.getByRole('progressbar', { name: 'Make available offline' })).toBeVisible()
    await expect(dialog.getByText(/Time left/)).toBeVisible()
    await page.screenshot({ path: `${SCREENSHOTS}/offline-progress.png` })

    await page.reload()
    expect(await ask<SyncProgress>(harness, 'sync:status'), 'the job runs on in main').toMatchObject({ state: 'running' })
    await expect(page.getByRole('banner').getByRole('button', { name: /available offline: show progress/ })).toBeVisible()
    dialog = await openSettings(page)
    await expect(dialog.getByRole('progressbar', { name: 'Make available offline' })).toBeVisible()
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeVisible()

    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(dialog.getByRole('status').filter({ hasText: /^Cancelled after/ })).toBeVisible({ timeout: 30_000 })
  })
})
