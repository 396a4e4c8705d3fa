import { defineConfig } from 'vitest/config'

export default defineConfig({
  // src/main/build-flags.ts: tests run main as a production build with no update feed.
  define: {
    __CALL_REVIEW_DEV_BUILD__: 'false',
    __CALL_REVIEW_UPDATE_FEED__: '""',
    __CALL_REVIEW_ISSUES_URL__: '"https://github.com/call-review/call-review/issues"'
  },
  test: {
    // Playwright specs (test/e2e) and benchmarks (test/bench) are not Vitest's.
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks'
  }
})
