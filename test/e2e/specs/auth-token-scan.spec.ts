/**
 * "The token never reaches the renderer", asserted: after a full sign-in with a
 * password and a browse of calls, the access token, the refresh token and the password appear
 * nowhere the renderer can reach — the answers to every preload call and every event it got, the
 * DOM, localStorage, sessionStorage, IndexedDB, Cache Storage, cookies — and nowhere in the app
 * data folder (every file, recursively: profiles, SQLite files with their WAL, logs, settings).
 * The access token expires mid-browse, so the session is renewed once: every token the OAuth
 * server issued (the login's pair and each renewed pair, recorded as main's fetch receives them)
 * is scanned for, not only the pair in the keychain at the end.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import type { Page } from '@playwright/test'
import { test, expect } from '../fixtures'
import { startHarness } from '../harness/harness'
import { testKeychain } from '../harness/test-keychain'
import { CallsPage } from '../pages/calls-page'
import { ReviewPane } from '../pages/review-pane'
import { startDemoServer, type DemoServer } from '@main/services/demo-server/index'
import { EVENT_NAMES } from '@shared/ipc/contract'

interface Secret {
  name: string
  value: string
}

/** Each secret in UTF-8 and UTF-16 (SQLite may store either) and, where it differs, URL-encoded. */
function needles(secrets: Secret[]): { name: string; bytes: Buffer }[] {
  return secrets.flatMap(({ name, value }) => [
    { name, bytes: Buffer.from(value, 'utf8') },
    { name: `${name} (UTF-16)`, bytes: Buffer.from(value, 'utf16le') },
    ...(encodeURIComponent(value) === value ? [] : [{ name: `${name} (URL-encoded)`, bytes: Buffer.from(encodeURIComponent(value), 'utf8') }])
  ])
}

/** Every "<secret> in <where>" found in the text sources. */
function scanTexts(sources: Record<string, string>, secrets: Secret[]): string[] {
  const hits: string[] = []
  for (const [where, text] of Object.entries(sources)) {
    const bytes = Buffer.from(text, 'utf8')
    for (const needle of needles(secrets)) if (bytes.includes(needle.bytes)) hits.push(`${needle.name} in ${where}`)
  }
  return hits
}

/** Every "<secret> in <file>" under a folder, reading each file whole (SQLite pages included). */
function scanFolder(root: string, secrets: Secret[]): { hits: string[]; files: number } {
  const hits: string[] = []
  let files = 0
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile() || statSync(path).isFile()) {
        files += 1
        const bytes = readFileSync(path)
        for (const needle of needles(secrets)) if (bytes.includes(needle.bytes)) hits.push(`${needle.name} in ${relative(root, path)}`)
      }
    }
  }
  walk(root)
  return { hits, files }
}

/** What the page itself holds: the DOM, web storage, IndexedDB, Cache Storage, cookies. */
async function renderer(page: Page): Promise<Record<string, string>> {
  const sources = await page.evaluate(async () => {
    const storage = (s: Storage): string =>
      JSON.stringify(Object.fromEntries(Array.from({ length: s.length }, (_, i) => [s.key(i), s.getItem(s.key(i) ?? '')])))
    const dumpDatabase = (name: string): Promise<string> =>
      new Promise((resolve) => {
        const open = indexedDB.open(name)
        open.onerror = () => resolve(`(could not open ${name})`)
        open.onsuccess = () => {
          const db = open.result
          const stores = Array.from(db.objectStoreNames)
          if (stores.length === 0) return resolve('{}')
          const tx = db.transaction(stores, 'readonly')
          const out: Record<string, unknown> = {}
          for (const store of stores) {
            const all = tx.objectStore(store).getAll()
            all.onsuccess = () => (out[store] = all.result)
          }
          tx.oncomplete = () => resolve(JSON.stringify(out))
          tx.onerror = () => resolve(`(could not read ${name})`)
        }
      })
    const databases = await indexedDB.databases()
    const indexed: Record<string, string> = {}
    for (const db of databases) if (db.name) indexed[db.name] = await dumpDatabase(db.name)
    const cacheStorage: Record<string, string[]> = {}
    for (const key of await caches.keys()) cacheStorage[key] = (await (await caches.open(key)).keys()).map((r) => r.url)
    return {
      dom: document.documentElement.outerHTML,
      // Form fields' live values are not in outerHTML.
      inputs: JSON.stringify(Array.from(document.querySelectorAll('input, textarea')).map((el) => (el as HTMLInputElement).value)),
      localStorage: storage(localStorage),
      sessionStorage: storage(sessionStorage),
      indexedDB: JSON.stringify({ names: databases.map((d) => d.name), contents: indexed }),
      cacheStorage: JSON.stringify(cacheStorage),
      cookies: document.cookie,
      title: document.title
    }
  })
  const cookies = JSON.stringify(await page.context().cookies())
  return { ...Object.fromEntries(Object.entries(sources).map(([k, v]) => [`page ${k}`, v])), 'browser cookies': cookies }
}

test.describe('the token never reaches the renderer', () => {
  let demo: DemoServer
  test.beforeAll(async () => {
    demo = await startDemoServer({ calls: 400, seed: 11 })
  })
  test.afterAll(async () => {
    await demo?.close()
  })

  test('after a full sign-in and a browse of calls, no token or password is anywhere the renderer or the data folder holds', async ({
    browser,
    dataDir,
    keychainService
  }) => {
    test.setTimeout(120_000)
    // Every token the OAuth server hands main, read from the answers main's fetch receives.
    const issued = new Set<string>()
    const watchedFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init)
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
      if (/^\/oauth\/(token|refresh-token)$/.test(url.pathname) && response.ok) {
        const body = (await response.clone().json()) as Record<string, unknown>
        for (const key of ['access_token', 'refresh_token']) if (typeof body[key] === 'string') issued.add(body[key])
      }
      return response
    }
    const harness = await startHarness({ dataDir, keychainService, overrides: { fetch: watchedFetch } })
    try {
      const page = await browser.newPage()
      await harness.attach(page)
      // Every answer main sends the renderer, recorded as it crosses.
      const answers: { channel: string; result: unknown }[] = []
      const dispatch = harness.services.dispatch
      harness.services.dispatch = async (channel, payload, caller) => {
        const result = await dispatch(channel, payload, caller)
        answers.push({ channel: String(channel), result })
        return result
      }
      // Every event main pushes, recorded in the page as the renderer receives it.
      await page.addInitScript({
        content: `(() => {
          const seen = [];
          Object.defineProperty(window, '__scanEvents', { value: seen });
          for (const name of ${JSON.stringify(EVENT_NAMES)}) window.callReview.on(name, (p) => seen.push({ name, p }));
        })();`
      })

      await page.goto(harness.url)
      await page.getByLabel('Email').fill(demo.login.email)
      await page.getByLabel('Password').fill(demo.login.password)
      await page.getByLabel('Org unit ID').fill(String(demo.login.org_unit_id))
      await page.getByLabel('Profile name').fill('Scan test')
      await page.getByText('Advanced', { exact: true }).click()
      await page.getByLabel('API base URL').fill(demo.apiBaseUrl)
      await page.getByLabel('OAuth base URL').fill(demo.oauthBaseUrl)
      await page.getByRole('button', { name: 'Sign in', exact: true }).click()

      // Browse: the list, a call with its recording and transcript, another call, settings.
      const calls = new CallsPage(page)
      await calls.waitForRows()
      // The access token expires now: the next API call renews the session mid-browse.
      demo.faults.resetStats()
      demo.faults.expireAccessTokens()
      await calls.choosePreset('Last 30 days')
      await calls.waitForRows()
      await expect.poll(() => demo.faults.requestCount('/oauth/refresh-token'), { message: 'the session was renewed mid-browse' }).toBe(1)
      const review = new ReviewPane(page)
      // An answered call, so it has a recording and a transcript (which calls come first depends
      // on the time of day the test runs: the demo's calls are spread over the past weeks).
      await calls.openCall(/, Answered, /)
      await expect(review.heading()).toBeVisible()
      // The recording streams through main too (a slow machine may take a while to start it).
      await expect(review.seek).toBeEnabled({ timeout: 45_000 })
      await expect(review.transcript).toBeVisible()
      await calls.callRows().and(page.locator('[aria-selected="false"]')).first().click()
      await expect(review.heading()).toBeVisible()
      await page.getByRole('button', { name: 'Settings' }).click()
      await expect(page.getByRole('dialog', { name: 'Settings' }).getByText('Calls', { exact: true })).toBeVisible()
      await page.keyboard.press('Escape')

      const state = answers.find((a) => a.channel === 'auth:state')?.result as { value?: { activeProfile?: { id: string } } }
      const profileId = state?.value?.activeProfile?.id ?? (await harness.services.session.state()).activeProfile?.id
      expect(profileId, 'a signed-in profile').toBeTruthy()
      const stored = await testKeychain(keychainService).get(profileId as string)
      expect(stored, 'the sign-in is in the keychain').not.toBeNull()
      // The login's pair and the renewed pair: four tokens, the last two the ones in the keychain.
      expect(issued.size, 'tokens issued at login and at the renewal').toBe(4)
      expect([...issued].slice(2)).toEqual([stored?.accessToken, stored?.refreshToken])
      const secrets: Secret[] = [
        ...[...issued].map((value, i) => ({ name: `${i % 2 === 0 ? 'access' : 'refresh'} token #${Math.floor(i / 2) + 1}`, value })),
        { name: 'password', value: demo.login.password }
      ]
      // Short or empty values would make "no hits" meaningless.
      for (const secret of secrets) expect(secret.value.length, `${secret.name} length`).toBeGreaterThanOrEqual(8)

      const events = await page.evaluate(() => JSON.stringify((window as unknown as { __scanEvents: unknown[] }).__scanEvents))
      const rendererSources = {
        ...(await renderer(page)),
        'answers to preload calls': JSON.stringify(answers),
        'events pushed to the renderer': events
      }
      expect(answers.length, 'the browse made preload calls').toBeGreaterThan(5)
      expect(answers.map((a) => a.channel)).toEqual(expect.arrayContaining(['auth:signIn', 'calls:list', 'calls:get', 'library:stats']))

      // The scanners find a secret where there is one (so zero hits below means something).
      expect(scanTexts({ probe: `x${secrets[0]?.value}y` }, secrets)).toEqual(['access token #1 in probe'])
      const probeDir = mkdtempSync(join(tmpdir(), 'call-review-scan-probe-'))
      try {
        writeFileSync(join(probeDir, 'probe.bin'), Buffer.concat([Buffer.from([0, 1]), Buffer.from(demo.login.password, 'utf16le')]))
        expect(scanFolder(probeDir, secrets).hits).toEqual(['password (UTF-16) in probe.bin'])
      } finally {
        rmSync(probeDir, { recursive: true, force: true })
      }

      expect(scanTexts(rendererSources, secrets)).toEqual([])
      const folder = scanFolder(dataDir, secrets)
      expect(folder.files, 'the data folder holds the library, profiles and logs').toBeGreaterThan(2)
      expect(folder.hits).toEqual([])
    } finally {
      await harness.close()
    }
  })
})
