/**
 * Playwright fixtures: every test gets its own data folder and harness (the app's real services
 * behind a Chromium page), in the manner of Insomnia's smoke tests.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect } from '@playwright/test'
import { closeConsoleWatch, openConsoleWatch, type ConsoleWatch } from './console-watch'
import { startHarness, type Harness } from './harness/harness'
import { removeKeychainEntries, testKeychainService } from './harness/test-keychain'

export const test = base.extend<{ harness: Harness; dataDir: string; keychainService: string; consoleErrors: ConsoleWatch }>({
  /**
   * A quiet console (test/e2e/console-watch.ts): set up before every other fixture, so it is torn
   * down after the harness has closed its pages, then fails the test on any console error or
   * uncaught exception the test did not allow.
   */
  consoleErrors: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const watch = openConsoleWatch()
      try {
        await use(watch)
      } finally {
        closeConsoleWatch(watch)
      }
      const verdict = watch.verdict()
      if (verdict) throw new Error(verdict)
    },
    { auto: true }
  ],
  // Playwright requires a destructuring pattern even when a fixture uses no other fixture.
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'call-review-e2e-'))
    await use(dir)
    rmSync(dir, { recursive: true, force: true })
  },
  /** The test's own keychain service (never the app's "Call Review"); its entries are removed after the test. */
  // eslint-disable-next-line no-empty-pattern
  keychainService: async ({}, use) => {
    const service = testKeychainService()
    await use(service)
    await removeKeychainEntries(service)
  },
  harness: async ({ dataDir, keychainService }, use) => {
    const harness = await startHarness({ dataDir, keychainService })
    await use(harness)
    await harness.close()
  },
  page: async ({ page, harness }, use) => {
    await harness.attach(page)
    await use(page)
  }
})

export { expect }
