/**
 * Fixtures for the call-screen specs: each test gets its own demo server (so faults injected
 * in one test cannot leak into another), a harness whose "Try the demo account" signs in to it,
 * and the call screen opened and signed in. The keychain is the in-memory store: these specs
 * are about the call screen, not the OS keychain (issue 4 has its own).
 */
import { test as base, expect } from '../fixtures'
import { startHarness, type Harness } from '../harness/harness'
import { startDemoServer, type DemoServer } from '../../../src/main/services/demo-server'
import { MemorySecretStore } from '../../../src/main/services/secrets/memory-secret-store'
import { CallsPage } from './calls-page'
import { ReviewPane } from './review-pane'

interface CallScreenFixtures {
  /** How many calls the demo server seeds (over 30+ days). */
  demoCalls: number
  demo: DemoServer
  /** The call screen, signed in to the demo and showing its first rows. */
  calls: CallsPage
  review: ReviewPane
}

export const test = base.extend<CallScreenFixtures>({
  demoCalls: [3000, { option: true }],
  demo: async ({ demoCalls }, use) => {
    const demo = await startDemoServer({ calls: demoCalls, seed: 6 })
    await use(demo)
    await demo.close()
  },
  harness: async ({ dataDir, demo }, use) => {
    const harness: Harness = await startHarness({
      dataDir,
      overrides: {
        keychain: new MemorySecretStore(),
        startDemo: async () => ({
          apiBaseUrl: demo.apiBaseUrl,
          oauthBaseUrl: demo.oauthBaseUrl,
          login: { email: demo.login.email, password: demo.login.password, orgUnitId: demo.login.org_unit_id }
        })
      }
    })
    await use(harness)
    await harness.close()
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
