import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Playwright specs (test/e2e) and benchmarks (test/bench) are not Vitest's.
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks'
  }
})
