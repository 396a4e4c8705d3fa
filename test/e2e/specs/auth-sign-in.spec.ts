/**
 * Sign-in end to end: the demo account; a sign-in that survives a new main-services
 * instance over the same data folder and keychain; sign-out removing the keychain entry; and
 * the server's own message for a wrong password. Runs inside scripts/with-keyring.sh, so the
 * keychain is a real gnome-keyring over D-Bus, under each test's own service name.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { test, expect } from '../fixtures'
import { startHarness, type Harness, type HarnessOptions } from '../harness/harness'
import { startDemoServer, type DemoServer } from '@main/services/demo-server/index'
import { keychainAccounts, testKeychain } from '../harness/test-keychain'
import { CallsPage } from '../pages/calls-page'

const SCREENSHOTS = 'test-results/screenshots'

async function activeProfileId(harness: Harness): Promise<string> {
  const result = await harness.services.dispatch('auth:state', {}, { senderUrl: harness.url })
  if (!result.ok) throw new Error(result.error.message)
  const id = (result.value as { activeProfile: { id: string } | null }).activeProfile?.id
  if (!id) throw new Error('no active profile')
  return id
}

interface FormSignIn {
  email: string
  password: string
  orgUnitId: number | string
  profileName: string
  apiBaseUrl: string
  oauthBaseUrl: string
}

/** Fill the sign-in form as a person would, with the servers under "Advanced". */
async function fillSignIn(page: Page, input: FormSignIn): Promise<void> {
  await page.getByLabel('Email').fill(input.email)
  await page.getByLabel('Password').fill(input.password)
  await page.getByLabel('Org unit ID').fill(String(input.orgUnitId))
  await page.getByLabel('Profile name').fill(input.profileName)
  await page.getByText('Advanced', { exact: true }).click()
  await page.getByLabel('API base URL').fill(input.apiBaseUrl)
  await page.getByLabel('OAuth base URL').fill(input.oauthBaseUrl)
}

/**
 * Starts new main services over the data folder and keychain in `options` (a test's second one
 * is the app started again), opens a page on them, runs `steps` and closes both; steps' result.
 */
async function withAppStarted<T>(browser: Browser, options: HarnessOptions, steps: (page: Page, harness: Harness) => Promise<T>): Promise<T> {
  const harness = await startHarness(options)
  try {
    const page = await browser.newPage()
    await harness.attach(page)
    await page.goto(harness.url)
    const result = await steps(page, harness)
    await page.close()
    return result
  } finally {
    await harness.close()
  }
}

function accountButton(page: Page, name: string | RegExp) {
  return page.getByRole('banner').getByRole('button', { name: typeof name === 'string' ? `Account: ${name}` : name })
}

test.describe('sign-in', () => {
  // Each test starts its own services and a browser page; a loaded CI machine needs the room.
  test.describe.configure({ timeout: 120_000 })
  let demo: DemoServer
  test.beforeAll(async () => {
    demo = await startDemoServer({ calls: 50, seed: 4 })
  })
  test.beforeEach(() => {
    // Every sign-in here comes from 127.0.0.1; each test starts with the 10-a-minute limit unspent.
    demo.faults.resetLoginRateLimit()
  })
  test.afterAll(async () => {
    await demo?.close()
  })

  const account = (profileName: string): FormSignIn => ({
    email: demo.login.email,
    password: demo.login.password,
    orgUnitId: demo.login.org_unit_id,
    profileName,
    apiBaseUrl: demo.apiBaseUrl,
    oauthBaseUrl: demo.oauthBaseUrl
  })

  test('signs in to the demo account and labels its data as demo data', async ({ page, harness }) => {
    const cspViolations: string[] = []
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text())
    })
    await page.goto(harness.url)
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
    await page.screenshot({ path: `${SCREENSHOTS}/sign-in.png` })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.screenshot({ path: `${SCREENSHOTS}/sign-in-dark.png` })
    await page.emulateMedia({ colorScheme: 'light' })

    await page.getByRole('button', { name: 'Try the demo account' }).click()

    await expect(accountButton(page, 'Demo account Demo')).toBeVisible()
    await expect(page.getByRole('banner').getByRole('note')).toHaveText(/Demo data/)
    await expect(page.getByRole('button', { name: 'Try the demo account' })).toHaveCount(0)
    await page.screenshot({ path: `${SCREENSHOTS}/signed-in-demo.png` })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.screenshot({ path: `${SCREENSHOTS}/signed-in-demo-dark.png` })
    // Every screen so far rendered under the strict CSP: no inline style or script was needed.
    expect(cspViolations).toEqual([])
  })

  test('is still signed in when new main services start over the same data folder and keychain', async ({ browser, dataDir, keychainService }) => {
    const keychain = (): ReturnType<typeof testKeychain> => testKeychain(keychainService)
    const profileId = await withAppStarted(browser, { dataDir, keychainService }, async (page, first) => {
      await fillSignIn(page, account('Acme Dental'))
      await page.getByRole('button', { name: 'Sign in', exact: true }).click()
      await expect(accountButton(page, 'Acme Dental')).toBeVisible()
      return activeProfileId(first)
    })
    expect(await keychain().get(profileId)).not.toBeNull()

    demo.faults.resetStats()
    await withAppStarted(browser, { dataDir, keychainService }, async (page) => {
      await expect(accountButton(page, 'Acme Dental')).toBeVisible()
      await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toHaveCount(0)
      await new CallsPage(page).waitForRows()
      // Signed in with the saved pair, not by logging in again.
      expect(demo.faults.requestCount('/v3/conversations/calls')).toBeGreaterThan(0)
      expect(demo.faults.requestCount('/oauth/token')).toBe(0)
    })
  })

  test('the demo account survives new main services over the same data folder and keychain, and signing out removes its entry', async ({
    browser,
    dataDir,
    keychainService
  }) => {
    const keychain = testKeychain(keychainService)
    const profileId = await withAppStarted(browser, { dataDir, keychainService }, async (page, first) => {
      await page.getByRole('button', { name: 'Try the demo account' }).click()
      await new CallsPage(page).waitForRows()
      return activeProfileId(first)
    })
    expect(await keychain.get(profileId)).not.toBeNull()

    await withAppStarted(browser, { dataDir, keychainService }, async (page, second) => {
      await expect(accountButton(page, 'Demo account Demo')).toBeVisible()
      await new CallsPage(page).waitForRows()
      expect(await activeProfileId(second)).toBe(profileId)

      await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click()
      await page.getByRole('dialog', { name: 'Sign out' }).getByRole('button', { name: 'Sign out' }).click()
      await expect(page.getByRole('heading', { name: /^Sign in/ })).toBeVisible()
      expect(await keychain.get(profileId)).toBeNull()
      expect(await keychainAccounts(keychainService)).toEqual([])
    })
  })

  test('signing out removes the keychain entry, keeps the cached calls unless asked to remove them too', async ({
    page,
    harness,
    dataDir,
    keychainService
  }) => {
    const keychain = (): ReturnType<typeof testKeychain> => testKeychain(keychainService)
    const signInAgain = async (): Promise<void> => {
      await page.getByLabel('Password').fill(demo.login.password)
      await page.getByLabel('Password').press('Enter')
    }
    const signOut = async (removeCachedData: boolean): Promise<void> => {
      await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click()
      const dialog = page.getByRole('dialog', { name: 'Sign out' })
      const remove = dialog.getByRole('checkbox', { name: /cached calls and recordings/ })
      await expect(remove).not.toBeChecked()
      await remove.setChecked(removeCachedData)
      if (removeCachedData) await page.screenshot({ path: `${SCREENSHOTS}/sign-out.png` })
      await dialog.getByRole('button', { name: 'Sign out' }).click()
      await expect(page.getByRole('heading', { name: 'Sign in to Northwind' })).toBeVisible()
    }

    await page.goto(harness.url)
    await fillSignIn(page, account('Northwind'))
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await new CallsPage(page).waitForRows()
    const profileId = await activeProfileId(harness)
    const library = join(dataDir, 'profiles', profileId, 'library.sqlite')
    expect(await keychain().get(profileId)).not.toBeNull()
    expect(existsSync(library), 'browsing cached the calls').toBe(true)

    await signOut(false)
    expect(await keychain().get(profileId)).toBeNull()
    expect(existsSync(library), 'cached calls are kept by default').toBe(true)
    // The signed-out profile is filled in, so signing back in needs only the password.
    await expect(page.getByLabel('Email')).toHaveValue(demo.login.email)
    await expect(page.getByLabel('Password')).toHaveValue('')

    await signInAgain()
    await expect(accountButton(page, 'Northwind')).toBeVisible()
    expect(await keychain().get(profileId)).not.toBeNull()
    const qa = join(dataDir, 'profiles', profileId, 'qa.sqlite')
    expect(existsSync(qa), 'the call list read the reviewed marks from the QA store').toBe(true)
    await signOut(true)
    expect(await keychain().get(profileId)).toBeNull()
    expect(existsSync(library), 'cached calls removed on request').toBe(false)
    expect(existsSync(qa), 'QA reviews, notes and sessions are not cached data: they stay').toBe(true)
  })

  test('when Convirza ends the session, returns to sign-in, says why, and keeps the account filled in', async ({
    page,
    harness,
    keychainService
  }) => {
    const keychain = (): ReturnType<typeof testKeychain> => testKeychain(keychainService)
    await page.goto(harness.url)
    await fillSignIn(page, account('Session test'))
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    const calls = new CallsPage(page)
    await calls.waitForRows()
    const profileId = await activeProfileId(harness)
    const stored = await keychain().get(profileId)
    expect(stored?.refreshToken).toBeTruthy()

    // Revoked on the server (as an admin would): the next request is refused and cannot be renewed.
    const revoked = await fetch(`${demo.oauthBaseUrl}/oauth/revoke-token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${stored?.accessToken}` },
      body: JSON.stringify({ refresh_token: stored?.refreshToken })
    })
    expect(revoked.ok).toBe(true)
    // A click, not check(): the refused request can sign out before check() sees the radio
    // checked, and the radio is gone with the call screen.
    await calls.filters.getByRole('radio', { name: 'Yesterday' }).click()

    await expect(page.getByRole('heading', { name: 'Sign in to Session test' })).toBeVisible({ timeout: 20_000 })
    await expect(page.getByRole('status').filter({ hasText: 'Your session ended' })).toBeVisible()
    await expect(page.getByLabel('Email')).toHaveValue(demo.login.email)
    await expect(page.getByLabel('Password')).toBeFocused()
    expect(await keychain().get(profileId)).toBeNull()
    await page.screenshot({ path: `${SCREENSHOTS}/sign-in-session-ended.png` })
  })

  test('signs in with a pasted access token', async ({ page, harness }) => {
    const issued = await fetch(`${demo.oauthBaseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: demo.login.email, password: demo.login.password, org_unit_id: demo.login.org_unit_id })
    })
    const { access_token: accessToken } = (await issued.json()) as { access_token: string }
    expect(accessToken).toBeTruthy()

    await page.goto(harness.url)
    await page.getByRole('button', { name: 'Use an access token' }).click()
    await page.getByLabel('Access token').fill(accessToken)
    await page.getByLabel('Profile name').fill('Integration user')
    await page.getByText('Advanced', { exact: true }).click()
    await page.getByLabel('API base URL').fill(demo.apiBaseUrl)
    await expect(page.getByLabel('OAuth base URL')).toHaveCount(0)
    await page.getByRole('button', { name: 'Sign in with token' }).click()

    await expect(accountButton(page, 'Integration user')).toBeVisible()
    await new CallsPage(page).waitForRows()
    // The form let go of the token once main had it.
    await expect(page.getByLabel('Access token')).toHaveCount(0)
  })

  test("shows the server's own message for a wrong password", async ({ page, harness }) => {
    const refused = await fetch(`${demo.oauthBaseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: demo.login.email, password: 'not-the-password', org_unit_id: demo.login.org_unit_id })
    })
    const serverMessage = ((await refused.json()) as { message: string }).message
    expect(serverMessage.length).toBeGreaterThan(0)

    await page.goto(harness.url)
    await fillSignIn(page, { ...account('Wrong password'), password: 'not-the-password' })
    await page.getByLabel('Password').press('Enter')

    const alert = page.getByRole('alert')
    await expect(alert).toContainText('Sign-in failed')
    await expect(alert).toContainText(serverMessage)
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
    await page.screenshot({ path: `${SCREENSHOTS}/sign-in-wrong-password.png` })
  })

  test('names each missing or malformed field next to it and sends nothing', async ({ page, harness }) => {
    const sent: string[] = []
    const dispatch = harness.services.dispatch
    harness.services.dispatch = (channel, payload, caller) => {
      sent.push(String(channel))
      return dispatch(channel, payload, caller)
    }
    await page.goto(harness.url)
    await page.getByLabel('Email').fill('not-an-email')
    await page.getByLabel('Org unit ID').fill('twelve')
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()

    await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByLabel('Email')).toHaveAccessibleDescription(/email address/)
    await expect(page.getByLabel('Password')).toHaveAccessibleDescription('Enter your password.')
    await expect(page.getByLabel('Org unit ID')).toHaveAccessibleDescription(/positive number/)
    await expect(page.getByLabel('Profile name')).toHaveAccessibleDescription('Give the profile a name.')
    await expect(page.getByLabel('Email')).toBeFocused()
    expect(sent.filter((c) => c.startsWith('auth:sign'))).toEqual([])
  })
})
