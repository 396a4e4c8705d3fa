/**
 * Several Convirza accounts side by side: add one from the account menu,
 * switch between them without a restart, each with its own data; the demo stays labelled.
 */
import { test, expect } from '../fixtures'
import { startDemoServer, type DemoServer } from '@main/services/demo-server/index'

const SCREENSHOTS = 'test-results/screenshots'

test.describe('profiles', () => {
  let demo: DemoServer
  test.beforeAll(async () => {
    demo = await startDemoServer({ calls: 30, seed: 21 })
  })
  test.afterAll(async () => {
    await demo?.close()
  })

  test('adds an account from the account menu and switches between accounts without a restart', async ({ page, harness }) => {
    test.setTimeout(90_000)
    await page.goto(harness.url)
    await page.getByLabel('Email').fill(demo.login.email)
    await page.getByLabel('Password').fill(demo.login.password)
    await page.getByLabel('Org unit ID').fill(String(demo.login.org_unit_id))
    await page.getByLabel('Profile name').fill('Acme Roofing')
    await page.getByText('Advanced', { exact: true }).click()
    await page.getByLabel('API base URL').fill(demo.apiBaseUrl)
    await page.getByLabel('OAuth base URL').fill(demo.oauthBaseUrl)
    await page.getByLabel('OAuth base URL').press('Enter')
    const banner = page.getByRole('banner')
    await expect(banner.getByRole('button', { name: 'Account: Acme Roofing' })).toBeVisible()
    // A call open in this account, when the next account comes.
    const review = page.getByRole('region', { name: 'Call review' })
    await page.getByRole('grid').getByRole('row').nth(1).click()
    await expect(review.getByRole('heading', { level: 2 })).toBeVisible({ timeout: 20_000 })

    // Add the demo as a second account.
    await banner.getByRole('button', { name: 'Account: Acme Roofing' }).click()
    const menu = page.getByRole('menu', { name: 'Accounts' })
    await expect(menu.getByRole('menuitemradio', { name: /Acme Roofing/ })).toHaveAttribute('aria-checked', 'true')
    await menu.getByRole('menuitem', { name: 'Add account' }).click()
    await expect(page.getByRole('heading', { name: 'Add a Convirza account' })).toBeVisible()
    await page.getByRole('button', { name: 'Try the demo account' }).click()
    await expect(banner.getByRole('button', { name: 'Account: Demo account Demo' })).toBeVisible()
    await expect(banner.getByRole('note')).toHaveText(/Demo data/)
    // The other account's call is not asked of this one ("Call … was not found"): nothing is open.
    await expect(review.getByText('Choose a call to review')).toBeVisible()
    await expect(page.getByText('This call could not be opened')).toHaveCount(0)
    // Nor when switching from the menu, with a call of this account open.
    await page.getByRole('grid').getByRole('row').nth(1).click()
    await expect(review.getByRole('heading', { level: 2 })).toBeVisible({ timeout: 20_000 })

    // Both are listed, the demo marked as such; switch back by keyboard.
    await banner.getByRole('button', { name: /^Account: Demo account/ }).click()
    await expect(menu.getByRole('menuitemradio')).toHaveCount(2)
    await expect(menu.getByRole('menuitemradio', { name: /Demo account/ })).toContainText('Demo')
    await expect(menu.getByRole('menuitemradio', { name: /Demo account/ })).toBeFocused()
    await page.screenshot({ path: `${SCREENSHOTS}/profile-menu.png` })
    // Arrow keys move through the accounts and "Add account", wrapping around.
    const acme = menu.getByRole('menuitemradio', { name: /Acme Roofing/ })
    for (let presses = 0; presses < 3 && !(await acme.evaluate((el) => el === document.activeElement)); presses += 1)
      await page.keyboard.press('ArrowDown')
    await expect(acme).toBeFocused()
    await page.keyboard.press('Enter')

    await expect(banner.getByRole('button', { name: 'Account: Acme Roofing' })).toBeVisible()
    await expect(banner.getByRole('note')).toHaveCount(0)
    await expect(review.getByText('Choose a call to review')).toBeVisible()
    await expect(page.getByText('This call could not be opened')).toHaveCount(0)
    const state = await harness.services.session.state()
    expect(state).toMatchObject({ signedIn: true, activeProfile: { name: 'Acme Roofing', demo: false } })
    expect(state.profiles.map((p) => p.name).sort()).toEqual(['Acme Roofing', 'Demo account'])
  })

  test('cancelling "Add account" returns to the signed-in account', async ({ page, harness }) => {
    await page.goto(harness.url)
    await page.getByRole('button', { name: 'Try the demo account' }).click()
    const banner = page.getByRole('banner')
    await banner.getByRole('button', { name: /^Account: Demo account/ }).click()
    await page.getByRole('menuitem', { name: 'Add account' }).click()
    await page.getByRole('button', { name: 'Cancel' }).click()
    await expect(banner.getByRole('button', { name: /^Account: Demo account/ })).toBeVisible()
  })
})
