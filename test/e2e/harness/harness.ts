/**
 * The end-to-end harness: the app's real main-process services (createAppServices, the same
 * function Electron's main calls) wired to a Chromium page in place of Electron's IPC. Each
 * harness has its own data folder. Playwright's `exposeBinding` carries invoke() calls, with the
 * calling frame's URL as the sender that the dispatcher checks.
 */
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { createAppServices, type AppServices, type AppServicesOptions } from '@main/services/app-services'
import { createLogger } from '@main/services/log'
import type { EventName, EventPayloadOf } from '@shared/ipc/contract'
import { CSP_VIOLATION_SCRIPT, watchConsole } from '../console-watch'
import { bridgeInitScript } from './bridge-script'
import { startStaticServer } from './static-server'
import { testKeychain, testKeychainService } from './test-keychain'

export const RENDERER_ROOT = resolve(__dirname, '../../../out/renderer')

export interface Harness {
  /** The renderer's URL (loopback). */
  url: string
  dataDir: string
  services: AppServices
  /** Give a page the bridge; call before page.goto(). */
  attach(page: Page): Promise<void>
  close(): Promise<void>
}

export interface HarnessOptions {
  dataDir: string
  /**
   * The keychain service the harness's real keychain uses; pass the same one to a second harness
   * over the same data folder ("the app started again"). Never the app's own "Call Review".
   */
  keychainService?: string
  /** Override parts of the services' options (e.g. fetch). */
  overrides?: Partial<AppServicesOptions>
}

/** For harnesses started without a service of their own: one per worker, still never the real one. */
const WORKER_KEYCHAIN_SERVICE = testKeychainService()

export async function startHarness({ dataDir, overrides, keychainService }: HarnessOptions): Promise<Harness> {
  mkdirSync(dataDir, { recursive: true })
  const pages = new Set<Page>()
  // The server must exist before the services (they need its origin), and serves through them.
  const built: { services?: AppServices } = {}
  const { server, origin } = await startStaticServer(RENDERER_ROOT, (request) =>
    built.services ? built.services.serveRecording(request) : Promise.resolve(new Response('not ready', { status: 503 }))
  )
  const emit = <E extends EventName>(event: E, payload: EventPayloadOf<E>): void => {
    for (const page of pages) {
      if (page.isClosed()) continue
      void page
        .evaluate(([e, p]) => (window as unknown as { __callReviewEmit?: (e: string, p: unknown) => void }).__callReviewEmit?.(e, p), [
          event as string,
          payload as unknown
        ] as [string, unknown])
        .catch(() => {})
    }
  }
  const ready = await createAppServices({
    dataDir,
    host: 'harness',
    version: '0.0.0-harness',
    fetch: globalThis.fetch,
    log: createLogger({ file: resolve(dataDir, 'logs', 'main.log') }),
    isTrustedSender: (url) => {
      try {
        return new URL(url).origin === origin
      } catch {
        return false
      }
    },
    emit,
    recordingUrl: (callId) => `${origin}/recording/${callId}`,
    // No browser to hand links to here; a spec that cares passes its own through `overrides`.
    openExternal: async () => {},
    keychain: testKeychain(keychainService ?? WORKER_KEYCHAIN_SERVICE),
    // Electron's printToPDF stands in as Chromium's own print to PDF, in a page of the test's browser.
    printToPdf: async (html) => {
      const host = [...pages].find((p) => !p.isClosed())
      if (!host) throw new Error('No page is attached to the harness to print the report with.')
      const printer = await host.context().newPage()
      try {
        await printer.setContent(html)
        return await printer.pdf({ format: 'A4', printBackground: true })
      } finally {
        await printer.close()
      }
    },
    ...overrides
  })
  built.services = ready
  return {
    url: `${origin}/`,
    dataDir,
    services: ready,
    async attach(page) {
      pages.add(page)
      watchConsole(page)
      // The answer crosses as one JSON string: Playwright's own serialiser walks an object value by
      // value and takes ~60 ms for a 200-row page, where Electron's structured clone takes ~1 ms;
      // a string crosses as a string, so the harness's transport costs about what IPC does.
      await page.exposeBinding('__callReviewInvoke', async (source, channel: unknown, payload: unknown) =>
        JSON.stringify(await ready.dispatch(channel, payload, { senderUrl: source.frame.url() }))
      )
      await page.addInitScript({ content: bridgeInitScript() })
      await page.addInitScript({ content: CSP_VIOLATION_SCRIPT })
    },
    async close() {
      // Pages first: an open page holds keep-alive connections (and maybe a streaming
      // recording) that would keep server.close() waiting.
      await Promise.all([...pages].map((page) => page.close().catch(() => {})))
      pages.clear()
      await step('the app services', ready.close())
      const closed = new Promise<void>((r) => server.close(() => r()))
      server.closeAllConnections()
      await step('the renderer server', closed)
    }
  }
}

/** Wait for one teardown step, failing with its name instead of hanging the test's teardown. */
async function step(name: string, done: Promise<void>, ms = 30_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`harness close: ${name} did not close within ${ms / 1000} s`)), ms)
  })
  try {
    await Promise.race([done, late])
  } finally {
    clearTimeout(timer)
  }
}
