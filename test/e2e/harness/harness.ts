/**
 * The end-to-end harness: the app's real main-process services (createAppServices, the same
 * function Electron's main calls) wired to a Chromium page in place of Electron's IPC. Each
 * harness has its own data folder. A WebSocket on the renderer's origin carries invoke() calls and
 * main's events (bridge-socket.ts), with the page's origin as the sender the dispatcher checks.
 */
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { createAppServices, type AppServices, type AppServicesOptions } from '@main/services/app-services'
import { createLogger } from '@main/services/log'
import type { EventName, EventPayloadOf } from '@shared/ipc/contract'
import { CSP_VIOLATION_SCRIPT, watchConsole } from '../console-watch'
import { bridgeInitScript } from './bridge-script'
import { bridgeTransportScript, serveBridge } from './bridge-socket'
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
  /**
   * The scripts attach() runs in each new document before the app's (the transport, then the
   * preload's stand-in), for a page driven without Playwright (soak.bench.ts).
   */
  bridgeScripts: string
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
  const isTrustedSender = (url: string): boolean => {
    try {
      return new URL(url).origin === origin
    } catch {
      return false
    }
  }
  const bridge = serveBridge(server, {
    dispatch: (channel, payload, caller) =>
      built.services ? built.services.dispatch(channel, payload, caller) : Promise.reject(new Error('the services are not ready')),
    isTrustedSender
  })
  const emit = <E extends EventName>(event: E, payload: EventPayloadOf<E>): void => bridge.emit(event, payload)
  const ready = await createAppServices({
    dataDir,
    host: 'harness',
    version: '0.0.0-harness',
    fetch: globalThis.fetch,
    log: createLogger({ file: resolve(dataDir, 'logs', 'main.log') }),
    isTrustedSender,
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
  // The transport first: the bridge script calls its window.__callReviewInvoke.
  const bridgeScripts = `${bridgeTransportScript(origin)}\n${bridgeInitScript()}`
  return {
    bridgeScripts,
    url: `${origin}/`,
    dataDir,
    services: ready,
    async attach(page) {
      pages.add(page)
      watchConsole(page)
      await page.addInitScript({ content: bridgeScripts })
      await page.addInitScript({ content: CSP_VIOLATION_SCRIPT })
    },
    async close() {
      // Pages first: an open page holds keep-alive connections (and maybe a streaming
      // recording) that would keep server.close() waiting.
      await Promise.all([...pages].map((page) => page.close().catch(() => {})))
      pages.clear()
      await step('the bridge', bridge.close())
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
