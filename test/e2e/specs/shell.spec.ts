import { test, expect } from '../fixtures'

test.describe('app shell in the harness', () => {
  test('loads the renderer with the contract bridge and shows the app header', async ({ page, harness }) => {
    await page.goto(harness.url)
    await expect(page.getByRole('heading', { name: 'Call Review' })).toBeVisible()
    await expect(page.getByLabel('Version')).toHaveText('0.0.0-harness')
  })

  test('runs no Node in the page and exposes only the bridge', async ({ page, harness }) => {
    await page.goto(harness.url)
    const globals = await page.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      bridge: Object.keys(window.callReview).sort()
    }))
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke', 'on'] })
  })

  test('serves the page with the app CSP, which blocks injected inline script', async ({ page, harness, consoleErrors }) => {
    consoleErrors.allow(
      /^Executing inline script violates the following Content Security Policy directive 'script-src 'self''/,
      'the test injects an inline script'
    )
    consoleErrors.allow(/^Content-Security-Policy violation: script-src-elem blocked inline$/, 'the same, as the harness reports every violation')
    const response = await page.goto(harness.url)
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'")
    const outcome = await page.evaluate(
      () =>
        new Promise<{ ran: boolean; violated: string | null }>((resolve) => {
          let violated: string | null = null
          document.addEventListener('securitypolicyviolation', (e) => (violated = e.violatedDirective))
          const script = document.createElement('script')
          script.textContent = 'window.__injected = true'
          document.body.appendChild(script)
          setTimeout(() => resolve({ ran: (window as unknown as { __injected?: boolean }).__injected === true, violated }), 200)
        })
    )
    expect(outcome).toEqual({ ran: false, violated: 'script-src-elem' })
  })
})
