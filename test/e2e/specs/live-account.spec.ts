/**
 * The app against a live account (test/fixtures/live-account) rather than the tidy demo server:
 * an offline sync that cannot store every call says how many of how many it stored and why,
 * and offers Retry instead of "done"; a session whose renewal answer is lost and then refused
 * ends on the sign-in screen with the reason, never left looking signed in.
 */
import type { Page } from '@playwright/test'
import { test, expect } from '../fixtures'
import type { Harness } from '../harness/harness'
import { CallsPage } from '../pages/calls-page'
import { spreadCalls, startLiveAccount, type LiveAccount } from '@test/fixtures/live-account/server'

const SCREENSHOTS = 'test-results/screenshots'
const DAY = 86_400_000

async function signIn(page: Page, harness: Harness, account: LiveAccount, profileName: string): Promise<void> {
  await page.goto(harness.url)
  await page.getByLabel('Email').fill(account.login.email)
  await page.getByLabel('Password').fill(account.login.password)
  await page.getByLabel('Org unit ID').fill(String(account.login.org_unit_id))
  await page.getByLabel('Profile name').fill(profileName)
  await page.getByText('Advanced', { exact: true }).click()
  await page.getByLabel('API base URL').fill(account.apiBaseUrl)
  await page.getByLabel('OAuth base URL').fill(account.oauthBaseUrl)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await new CallsPage(page).waitForRows()
}

test.describe('a live account', () => {
  let account: LiveAccount
  test.beforeAll(async () => {
    // Sixty calls over the last five days: inside the call list's default "last 7 days".
    const now = Date.now()
    account = await startLiveAccount({ calls: spreadCalls(60, now - 5 * DAY, now - 60_000) })
  })
  test.afterAll(async () => {
    await account?.close()
  })
  test.beforeEach(() => {
    account.faults.unreadableIds.clear()
    account.faults.loseRefreshAnswers = 0
  })

  test('an offline sync that could not store every call says how many of how many, why, and offers Retry', async ({ page, harness }) => {
    test.setTimeout(90_000)
    account.faults.unreadableIds.add(12)
    account.faults.unreadableIds.add(30)
    await signIn(page, harness, account, 'Live sync')
    await page.getByRole('banner').getByRole('button', { name: 'Settings' }).click()
    const dialog = page.getByRole('dialog', { name: 'Settings' })
    await dialog.getByRole('button', { name: 'Make available offline' }).click()

    const summary = dialog.getByRole('group', { name: 'Sync summary' })
    await expect(summary).toBeVisible({ timeout: 60_000 })
    await expect(summary).toContainText('58 of 60 calls stored.')
    await expect(summary.getByRole('definition').nth(2)).toHaveText('2')
    await expect(summary.getByRole('list', { name: 'Calls that could not be read' }).getByRole('listitem')).toHaveCount(2)
    await expect(summary.getByRole('list', { name: 'Calls that could not be read' })).toContainText('call_id')
    await expect(dialog.locator('.offline-sync__outcome')).toContainText('58 of 60 calls stored; 2 could not be read')
    await expect(dialog.getByText(/^Done:/)).toHaveCount(0)
    await expect(dialog.getByRole('button', { name: 'Retry' })).toBeEnabled()
    await page.screenshot({ path: `${SCREENSHOTS}/live-account-sync-summary.png` })
  })

  test('a renewal whose answer is lost and is then refused signs out, saying why, instead of stranding the session', async ({ page, harness }) => {
    await signIn(page, harness, account, 'Live session')
    // The access token expires; the server carries out the renewal, but its answer is lost on
    // the way, so the app sends the same renewal token again and the server refuses it as used.
    account.expireAccessTokens()
    account.faults.loseRefreshAnswers = 1
    await new CallsPage(page).choosePreset('Yesterday')

    await expect(page.getByRole('heading', { name: 'Sign in to Live session' })).toBeVisible({ timeout: 20_000 })
    const notice = page.getByRole('status').filter({ hasText: 'Your session ended' })
    await expect(notice).toContainText('the answer to a renewal was lost on the way')
    await expect(notice).toContainText('already used')
    await expect(page.getByLabel('Email')).toHaveValue(account.login.email)
    await page.screenshot({ path: `${SCREENSHOTS}/live-account-signed-out.png` })
  })
})
