/**
 * Playwright fixtures: every test gets its own data folder and harness (the app's real services
 * behind a Chromium page), in the manner of Insomnia's smoke tests.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect } from '@playwright/test'
import { startHarness, type Harness } from './harness/harness'

export const test = base.extend<{ harness: Harness; dataDir: string }>({
  // Playwright requires a destructuring pattern even when a fixture uses no other fixture.
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'call-review-e2e-'))
    await use(dir)
    rmSync(dir, { recursive: true, force: true })
  },
  harness: async ({ dataDir }, use) => {
    const harness = await startHarness({ dataDir })
    await use(harness)
    await harness.close()
  },
  page: async ({ page, harness }, use) => {
    await harness.attach(page)
    await use(page)
  }
})

export { expect }
