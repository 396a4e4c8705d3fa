import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

const packageJson = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { bugs: { url: string } }

export default defineConfig({
  // The path aliases of tsconfig.base.json (@test: the tests' own fixtures, never from src).
  resolve: {
    alias: {
      '@shared': resolve(import.meta.dirname, 'src/shared'),
      '@main': resolve(import.meta.dirname, 'src/main'),
      '@renderer': resolve(import.meta.dirname, 'src/renderer/src'),
      '@test': resolve(import.meta.dirname, 'test')
    }
  },
  // src/main/build-flags.ts: tests run main as a production build with no update feed.
  define: {
    __CALL_REVIEW_DEV_BUILD__: 'false',
    __CALL_REVIEW_UPDATE_FEED__: '""',
    __CALL_REVIEW_ISSUES_URL__: JSON.stringify(packageJson.bugs.url)
  },
  test: {
    // Playwright specs (test/e2e) and benchmarks (test/bench) are not Vitest's.
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    // One temporary folder per run, removed at its end (test/setup/scratch-tmp.ts).
    globalSetup: ['test/setup/scratch-tmp.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default is one worker per core less one: a single worker on a 2-core CI machine,
    // where most of these files wait on sockets, child processes and PostgreSQL rather than the
    // CPU. One per core, at least two.
    maxWorkers: Math.max(2, availableParallelism())
  }
})
