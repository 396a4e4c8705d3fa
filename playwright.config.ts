import { mkdirSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join, resolve } from 'node:path'
import { defineConfig } from '@playwright/test'

// Chromium (and anything it spawns) writes only under a scratch folder.
const scratch = resolve(__dirname, '.scratch', 'playwright')
for (const [name, dir] of [
  ['XDG_CONFIG_HOME', 'config'],
  ['XDG_CACHE_HOME', 'cache'],
  ['XDG_RUNTIME_DIR', 'runtime']
] as const) {
  const path = join(scratch, dir)
  mkdirSync(path, { recursive: true, mode: 0o700 })
  process.env[name] = path
}

/** Debian's Chromium; never `playwright install` (no browser downloads here). */
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  // One per core, 2 to 4: each test runs a demo server, the services and Chromium, so a 2-core
  // machine runs two at once, and a larger CI machine finishes sooner.
  workers: Math.min(4, Math.max(2, availableParallelism())),
  retries: 0,
  // Generous: each test runs a demo server, the services and Chromium on a 2-core machine.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    // A failed test keeps its trace (DOM snapshots, actions, network) but no screencast:
    // recording frames for every test doubled the time from sign-in to the list on a 2-core
    // machine (2.8–3.8 s against 0.8–1.4 s); CI's last run with it took 16.2 min, runs without it
    // take 9.7–11.7 min here.
    // The failure's own screenshot is kept; `--trace on` records everything when debugging.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure'
  },
  projects: [
    {
      name: 'chromium',
      testDir: 'test/e2e/specs',
      use: {
        viewport: { width: 1400, height: 900 },
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            // Recordings must start without a user gesture in tests (auto-play).
            '--autoplay-policy=no-user-gesture-required'
          ]
        }
      }
    },
    { name: 'electron', testDir: 'test/e2e/electron' }
  ]
})
