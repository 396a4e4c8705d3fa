/**
 * Fixtures for the call-screen specs: each test gets its own demo server (so faults injected
 * in one test cannot leak into another), a harness whose "Try the demo account" signs in to it,
 * and the call screen opened and signed in. The keychain is the in-memory store: these specs
 * are about the call screen, not the OS keychain (the auth specs test that).
 */
import type { Page } from '@playwright/test'
import { test as base, expect } from '../fixtures'
import { startHarness, type Harness } from '../harness/harness'
import { startDemoServer, type DemoServer } from '@main/services/demo-server'
import { MemorySecretStore } from '@main/services/secrets/memory-secret-store'
import { CallsPage } from './calls-page'
import { ReviewPane } from './review-pane'

/** The app again, after a restart: new services over the same data folder and keychain. */
export interface RestartedApp {
  harness: Harness
  page: Page
  calls: CallsPage
  review: ReviewPane
}

interface CallScreenFixtures {
  /** How many calls the demo server seeds (over 30+ days). */
  demoCalls: number
  demo: DemoServer
  /** The keychain the app's services use; it outlives a restart, as the OS keychain does. */
  memoryKeychain: MemorySecretStore
  /** The call screen, signed in to the demo and showing its first rows. */
  calls: CallsPage
  review: ReviewPane
  /**
   * Quit the app (its services and page) and start it again on the same data folder and
   * keychain, in a new page of the same browser context; resolves once the call list shows rows.
   * `initScripts` run in the new page after the harness's bridge, before the app's own scripts.
   */
  restartApp: (options?: { initScripts?: readonly string[] }) => Promise<RestartedApp>
}

function startCallHarness(dataDir: string, demo: DemoServer, keychain: MemorySecretStore): Promise<Harness> {
  return startHarness({
    dataDir,
    overrides: {
      keychain,
      startDemo: async () => ({
        apiBaseUrl: demo.apiBaseUrl,
        oauthBaseUrl: demo.oauthBaseUrl,
        login: { email: demo.login.email, password: demo.login.password, orgUnitId: demo.login.org_unit_id }
      })
    }
  })
}

/** Closing twice (a restart, then the fixture's teardown) closes once. */
function closeOnce(harness: Harness): Harness {
  const close = harness.close.bind(harness)
  let closing: Promise<void> | undefined
  harness.close = () => (closing ??= close())
  return harness
}

export const test = base.extend<CallScreenFixtures>({
  demoCalls: [3000, { option: true }],
  demo: async ({ demoCalls }, use) => {
    const demo = await startDemoServer({ calls: demoCalls, seed: 6 })
    await use(demo)
    await demo.close()
  },
  // Playwright requires a destructuring pattern even when a fixture uses no other fixture.
  // eslint-disable-next-line no-empty-pattern
  memoryKeychain: async ({}, use) => {
    await use(new MemorySecretStore())
  },
  harness: async ({ dataDir, demo, memoryKeychain }, use) => {
    const harness = closeOnce(await startCallHarness(dataDir, demo, memoryKeychain))
    await use(harness)
    await harness.close()
  },
  restartApp: async ({ harness, dataDir, demo, memoryKeychain, context }, use) => {
    const restarted: Harness[] = []
    await use(async ({ initScripts = [] } = {}) => {
      await (restarted.at(-1) ?? harness).close()
      const next = closeOnce(await startCallHarness(dataDir, demo, memoryKeychain))
      restarted.push(next)
      const page = await context.newPage()
      await next.attach(page)
      for (const content of initScripts) await page.addInitScript({ content })
      await page.goto(next.url)
      const calls = new CallsPage(page)
      await calls.waitForRows()
      return { harness: next, page, calls, review: new ReviewPane(page) }
    })
    for (const started of restarted) await started.close()
  },
  calls: async ({ page, harness }, use) => {
    const calls = new CallsPage(page)
    await calls.openWithDemo(harness)
    await use(calls)
  },
  review: async ({ page }, use) => {
    await use(new ReviewPane(page))
  }
})

export { expect }
