import { test, expect } from '../fixtures'

test.describe('app shell in the harness', () => {
  test('loads the renderer with the contract bridge and shows the app header', async ({ page, harness }) => {
    await page.goto(harness.url)
    await expect(page.getByRole('heading', { name: 'Call Review' })).toBeVisible()
    await expect(page.getByLabel('Version')).toHaveText('0.0.0-harness')
  })

  test('paints the splash from the page itself, and applies the app’s styles before React’s first render', async ({ page, harness }) => {
    // At React's first commit into #root (it replaces the page's own splash), note whether every
    // stylesheet the build deferred had loaded and was on (docs/decisions/cold-start.md).
    await page.addInitScript(() => {
      const seen: { deferred: number; appliedAtFirstRender: boolean | null } = { deferred: 0, appliedAtFirstRender: null }
      Object.defineProperty(window, '__firstRender', { value: seen })
      new MutationObserver((_, observer) => {
        const first = document.getElementById('root')?.firstElementChild
        // Until React's first commit, #root holds the page's own splash; React marks the nodes it
        // creates with its fiber (a __reactFiber$… property).
        if (!first || !Object.keys(first).some((key) => key.startsWith('__reactFiber'))) return
        const links = [...document.querySelectorAll<HTMLLinkElement>('link[data-app-styles]')]
        seen.deferred = links.length
        seen.appliedAtFirstRender = links.every((link) => link.media === 'all' && link.sheet !== null)
        observer.disconnect()
      }).observe(document, { childList: true, subtree: true })
    })
    // The app's styles come late, as on a slow disk: React must still wait for them.
    await page.route('**/assets/*.css', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 500))
      await route.continue()
    })
    const response = await page.goto(harness.url)
    const html = (await response?.text()) ?? ''
    expect(html).toMatch(/<div id="root"><div class="startup" role="status" aria-label="Loading Call Review">/)
    expect(html).toMatch(/<link rel="stylesheet" href="\.\/boot\.css" \/>/)
    await expect(page.getByRole('heading', { name: 'Call Review' })).toBeVisible()
    const seen = await page.evaluate(
      () => (window as unknown as { __firstRender: { deferred: number; appliedAtFirstRender: boolean | null } }).__firstRender
    )
    expect(seen.deferred).toBeGreaterThan(0)
    expect(seen.appliedAtFirstRender).toBe(true)
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
