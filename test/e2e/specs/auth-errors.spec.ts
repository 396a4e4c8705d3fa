/**
 * Sign-in failures a person can act on: the login rate limit says when to
 * retry; a network failure says so; without a keychain the app says what is missing, offers a
 * session-only sign-in, and never writes the token anywhere instead.
 */
import { createServer, type Socket } from 'node:net'
import type { Browser, Page } from '@playwright/test'
import { test, expect } from '../fixtures'
import { startHarness, type Harness } from '../harness/harness'
import { startDemoServer, type DemoServer } from '@main/services/demo-server/index'
import type { SecretStore, SecretStoreStatus, StoredCredentials } from '@main/services/secrets/secret-store'
import { AppError } from '@shared/errors'

const SCREENSHOTS = 'test-results/screenshots'
const NO_KEYCHAIN =
  'Call Review cannot keep your sign-in: no Secret Service (gnome-keyring or KWallet) is running. Install a Secret Service and libsecret — on Debian/Ubuntu: `sudo apt install gnome-keyring libsecret-1-0` — then restart Call Review. You can still sign in for this session only.'

/**
 * A keychain that cannot keep anything, as on Linux without a Secret Service. `reportsAvailable`
 * makes it claim to work until a save is tried (a Secret Service that answers reads but refuses writes).
 */
class UnavailableKeychain implements SecretStore {
  readonly kind = 'keychain' as const
  readonly saves: string[] = []
  constructor(private readonly reportsAvailable: boolean) {}
  async get(): Promise<StoredCredentials | null> {
    throw new AppError('keychain_unavailable', NO_KEYCHAIN)
  }
  async set(profileId: string): Promise<void> {
    this.saves.push(profileId)
    throw new AppError('keychain_unavailable', NO_KEYCHAIN)
  }
  async delete(): Promise<boolean> {
    throw new AppError('keychain_unavailable', NO_KEYCHAIN)
  }
  async status(): Promise<SecretStoreStatus> {
    return this.reportsAvailable ? { available: true } : { available: false, message: NO_KEYCHAIN }
  }
}

async function fillSignIn(page: Page, demo: DemoServer, overrides: { password?: string; oauthBaseUrl?: string } = {}): Promise<void> {
  await page.getByLabel('Email').fill(demo.login.email)
  await page.getByLabel('Password').fill(overrides.password ?? demo.login.password)
  await page.getByLabel('Org unit ID').fill(String(demo.login.org_unit_id))
  await page.getByLabel('Profile name').fill('Front desk')
  await page.getByText('Advanced', { exact: true }).click()
  await page.getByLabel('API base URL').fill(demo.apiBaseUrl)
  await page.getByLabel('OAuth base URL').fill(overrides.oauthBaseUrl ?? demo.oauthBaseUrl)
}

async function withHarness(browser: Browser, harness: Harness, run: (page: Page) => Promise<void>): Promise<void> {
  const page = await browser.newPage()
  try {
    await harness.attach(page)
    await page.goto(harness.url)
    await run(page)
  } finally {
    await page.close()
    await harness.close()
  }
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}

test.describe('sign-in errors', () => {
  // Each test starts its own services and a browser page; a loaded CI machine needs the room.
  test.describe.configure({ timeout: 120_000 })
  let demo: DemoServer
  test.beforeAll(async () => {
    demo = await startDemoServer({ calls: 20, seed: 7 })
  })
  test.beforeEach(() => demo.faults.resetLoginRateLimit())
  test.afterAll(async () => {
    await demo?.close()
  })

  test('after ten sign-ins in a minute, says the limit was reached and when to try again', async ({ page, harness }) => {
    for (let i = 0; i < 10; i += 1) {
      await fetch(`${demo.oauthBaseUrl}/oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: demo.login.email, password: 'wrong', org_unit_id: demo.login.org_unit_id })
      })
    }
    await page.goto(harness.url)
    await fillSignIn(page, demo)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()

    const alert = page.getByRole('alert')
    await expect(alert).toContainText('Too many sign-in attempts')
    await expect(alert).toContainText(/You can try again in \d+ seconds?\./)
    const first = Number(/try again in (\d+) second/.exec((await alert.textContent()) ?? '')?.[1])
    expect(first).toBeGreaterThan(0)
    expect(first).toBeLessThanOrEqual(60)
    // Another try would only be refused again: the button waits with the user.
    await expect(page.getByRole('button', { name: /^Try again in \d+ s$/ })).toBeDisabled()
    // It counts down.
    await expect(alert).not.toContainText(`try again in ${first} second`)
    await page.screenshot({ path: `${SCREENSHOTS}/sign-in-rate-limited.png` })
  })

  test('when the sign-in server cannot be reached, says so and where to look', async ({ page, harness }) => {
    await page.goto(harness.url)
    await fillSignIn(page, demo, { oauthBaseUrl: `http://127.0.0.1:${await closedPort()}` })
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()

    const alert = page.getByRole('alert')
    await expect(alert).toContainText('Can’t reach Convirza', { timeout: 30_000 })
    await expect(alert).toContainText('Check your internet connection')
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  })

  test('a sign-in server that never answers can be given up on: Cancel gives the form back, saying nothing failed', async ({ page, harness }) => {
    // Takes the connection and never answers, as a hung proxy does.
    const sockets = new Set<Socket>()
    const hung = createServer((socket) => void sockets.add(socket))
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve))
    const address = hung.address()
    if (!address || typeof address === 'string') throw new Error('no port')
    try {
      await page.goto(harness.url)
      await fillSignIn(page, demo, { oauthBaseUrl: `http://127.0.0.1:${address.port}` })
      await page.getByRole('button', { name: 'Sign in', exact: true }).click()
      await expect(page.getByRole('button', { name: 'Signing in…' })).toBeDisabled()
      await page.getByRole('button', { name: 'Cancel signing in' }).click()
      await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled({ timeout: 5_000 })
      await expect(page.getByLabel('Email')).toBeEditable()
      await expect(page.getByRole('alert')).toHaveCount(0)
      await expect(page.getByRole('button', { name: 'Cancel signing in' })).toHaveCount(0)
      expect((await harness.services.session.state()).profiles).toEqual([])
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => hung.close(resolve))
    }
  })

  test('without a keychain, says what is missing and how to install it, and signs in for this session only', async ({ browser, dataDir }) => {
    const keychain = new UnavailableKeychain(false)
    const opened: string[] = []
    const openExternal = async (url: string): Promise<void> => void opened.push(url)
    await withHarness(browser, await startHarness({ dataDir, overrides: { keychain, openExternal } }), async (page) => {
      const notice = page.getByRole('status').filter({ hasText: 'Sign-ins can’t be saved on this computer' })
      await expect(notice).toContainText('sudo apt install gnome-keyring')
      // The link goes to the user's browser through app:openExternal; the window itself stays put.
      const appUrl = page.url()
      await notice.getByRole('link', { name: 'About GNOME Keyring' }).click()
      await expect.poll(() => opened).toEqual(['https://gitlab.gnome.org/GNOME/gnome-keyring'])
      expect(page.url()).toBe(appUrl)
      await fillSignIn(page, demo)
      await page.screenshot({ path: `${SCREENSHOTS}/sign-in-no-keychain.png` })
      await page.getByRole('button', { name: 'Sign in for this session only' }).click()

      await expect(page.getByRole('banner').getByRole('button', { name: 'Account: Front desk' })).toBeVisible()
      await page.getByRole('banner').getByRole('button', { name: 'Settings' }).click()
      await expect(page.getByRole('dialog', { name: 'Settings' })).toContainText('Signed in for this session only')
      expect(keychain.saves).toEqual([])
    })
  })

  test('when the keychain refuses to save, offers a session-only sign-in that resubmits the form', async ({ browser, dataDir }) => {
    const keychain = new UnavailableKeychain(true)
    await withHarness(browser, await startHarness({ dataDir, overrides: { keychain } }), async (page) => {
      await fillSignIn(page, demo)
      await page.getByRole('button', { name: 'Sign in', exact: true }).click()

      const alert = page.getByRole('alert')
      await expect(alert).toContainText('Your sign-in can’t be saved on this computer')
      await expect(alert).toContainText('sudo apt install gnome-keyring')
      expect(keychain.saves).toHaveLength(1)
      await page.screenshot({ path: `${SCREENSHOTS}/sign-in-keychain-refused.png` })
      await alert.getByRole('button', { name: 'Sign in for this session only' }).click()

      await expect(page.getByRole('banner').getByRole('button', { name: 'Account: Front desk' })).toBeVisible()
      expect(keychain.saves, 'the session-only sign-in never touches the keychain').toHaveLength(1)
    })
  })
})
