import { test, expect } from '../fixtures'

test.describe('IPC contract as seen from the renderer', () => {
  test('a valid request reaches its handler and returns the typed result', async ({ page, harness }) => {
    await page.goto(harness.url)
    const result = await page.evaluate(() => window.callReview.invoke('app:ping', { message: 'hello' }))
    expect(result).toEqual({ ok: true, value: { echo: 'hello' } })
  })

  test('an invalid payload gets a clear validation error and the handler never runs', async ({ page, harness }) => {
    await page.goto(harness.url)
    // prefs:set would write prefs.json if its handler ran; volume 7 breaks the contract (0..1).
    const result = await page.evaluate(() =>
      window.callReview.invoke('prefs:set', { volume: 7 } as unknown as Parameters<typeof window.callReview.invoke<'prefs:set'>>[1])
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.kind).toBe('validation')
    expect(result.error.message).toContain('prefs:set')
    expect(result.error.fields?.[0]?.field).toBe('volume')
    const stored = await page.evaluate(() => window.callReview.invoke('prefs:get', {}))
    expect(stored).toEqual({ ok: true, value: {} })
  })

  test('an unknown channel is refused before it reaches main', async ({ page, harness }) => {
    await page.goto(harness.url)
    const result = await page.evaluate(() =>
      (window.callReview.invoke as (c: string, p: unknown) => Promise<unknown>)('fs:readFile', { path: '/etc/passwd' })
    )
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad_request' } })
  })

  test('a frame from another origin is refused by the sender check', async ({ page, harness, consoleErrors }) => {
    await page.goto(harness.url)
    // Call the raw transport as an untrusted page would: the same server under another name is
    // another origin (a page with no CSP, so nothing but the sender check stands in the way).
    const popup = await page.context().newPage()
    await harness.attach(popup)
    const foreign = new URL('/not-the-app', harness.url.replace('127.0.0.1', 'localhost'))
    consoleErrors.allow(/^Failed to load resource: the server responded with a status of 404 /, 'the foreign page is a 404 on purpose')
    await popup.goto(foreign.href)
    expect(await popup.evaluate(() => location.origin)).not.toBe(new URL(harness.url).origin)
    const result = await popup.evaluate(() =>
      (window as unknown as { __callReviewInvoke: (c: string, p: unknown) => Promise<unknown> }).__callReviewInvoke('app:info', {})
    )
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden' } })
  })
})
