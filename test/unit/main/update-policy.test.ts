/**
 * The update policy (src/main/services/update-policy.ts) driving the real electron-updater — its
 * AppImage updater, with electron-updater's own Node HTTP client in place of Electron's — against
 * a generic feed served over loopback: it checks, downloads in the background, and asks to
 * restart only when no QA session is open.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { NodeHttpExecutor } from 'builder-util'
import { AppImageUpdater, NoOpLogger } from 'electron-updater'
import type { AppAdapter } from 'electron-updater/out/AppAdapter'
import { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createLogger } from '@main/services/log'
import { DAILY_MS, decideUpdates, UpdatePolicy, type RestartAnswer } from '@main/services/update-policy'

const log = createLogger({ file: join(mkdtempSync(join(tmpdir(), 'update-policy-log-')), 'main.log') })
const NEW_BUILD = Buffer.from('#!/bin/sh\necho "Call Review 2.0.0"\n'.repeat(200))

/** A generic feed as `npm run dist` writes it: latest-linux.yml beside the AppImage. */
let server: Server
let feedUrl = ''
let feedVersion = '2.0.0'
const hits: string[] = []
beforeAll(async () => {
  server = createServer((request, response) => {
    hits.push(request.url ?? '')
    if (request.url?.startsWith('/latest-linux')) {
      const sha512 = createHash('sha512').update(NEW_BUILD).digest('base64')
      const file = `Call-Review-${feedVersion}.AppImage`
      response.setHeader('Content-Type', 'text/yaml')
      response.end(
        `version: ${feedVersion}\nfiles:\n  - url: ${file}\n    sha512: ${sha512}\n    size: ${NEW_BUILD.length}\npath: ${file}\nsha512: ${sha512}\nreleaseDate: '2026-12-01T00:00:00.000Z'\n`
      )
    } else if (request.url?.endsWith('.AppImage')) {
      response.setHeader('Content-Length', NEW_BUILD.length)
      response.end(NEW_BUILD)
    } else {
      response.statusCode = 404
      response.end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
})
afterAll(() => server.close())

const appImageBefore = process.env['APPIMAGE']
afterEach(() => {
  if (appImageBefore === undefined) delete process.env['APPIMAGE']
  else process.env['APPIMAGE'] = appImageBefore
})

/**
 * electron-updater's HTTP client with Node's http in place of Electron's net (the only part of
 * it that needs Electron): the same download, redirect and checksum code runs.
 */
class NodeNetHttpExecutor extends ElectronHttpExecutor {
  private readonly node = new NodeHttpExecutor()
  override createRequest(options: Parameters<NodeHttpExecutor['createRequest']>[0], callback: (response: unknown) => void) {
    return this.node.createRequest(options, callback) as never
  }
}

/** The real AppImage updater, as a packaged 1.0.0 AppImage would run it, pointed at the loopback feed. */
function realUpdater() {
  const dir = mkdtempSync(join(tmpdir(), 'call-review-updater-'))
  process.env['APPIMAGE'] = join(dir, 'Call-Review-1.0.0.AppImage')
  writeFileSync(process.env['APPIMAGE'], 'old build')
  // What electron-builder writes into the package when a feed is configured (publish).
  writeFileSync(join(dir, 'app-update.yml'), `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: call-review-updater\n`)
  const app: AppAdapter = {
    version: '1.0.0',
    name: 'call-review',
    isPackaged: true,
    appUpdateConfigPath: join(dir, 'app-update.yml'),
    userDataPath: join(dir, 'user-data'),
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {}
  }
  const updater = new AppImageUpdater(null, app)
  ;(updater as unknown as { httpExecutor: ElectronHttpExecutor }).httpExecutor = new NodeNetHttpExecutor()
  updater.logger = new NoOpLogger()
  updater.disableDifferentialDownload = true
  updater.setFeedURL({ provider: 'generic', url: feedUrl })
  // Installing would replace the AppImage and restart; the test only needs to see it asked for.
  const quitAndInstall = vi.spyOn(updater, 'quitAndInstall').mockImplementation(() => {})
  const downloaded = new Promise<string>((resolve) => updater.on('update-downloaded', (info) => resolve(info.version)))
  return { updater, quitAndInstall, downloaded }
}

function policyWith(answer: RestartAnswer) {
  const real = realUpdater()
  const prompt = vi.fn(async (_version: string) => answer)
  const timers: { run: () => void; ms: number }[] = []
  const policy = new UpdatePolicy({ updater: real.updater, prompt, log, every: (run, ms) => (timers.push({ run, ms }), () => {}) })
  return { ...real, policy, prompt, timers }
}

describe('update policy against a loopback feed', () => {
  it('downloads in the background and asks nothing while a QA session is open, then asks once it closes', async () => {
    feedVersion = '2.0.0'
    const { policy, prompt, downloaded, quitAndInstall } = policyWith('restart')
    policy.setSessionActive(true)
    policy.start()
    expect(await downloaded).toBe('2.0.0')
    await new Promise((r) => setTimeout(r, 50))
    expect(prompt).not.toHaveBeenCalled()
    expect(quitAndInstall).not.toHaveBeenCalled()

    policy.setSessionActive(false)
    await vi.waitFor(() => expect(prompt).toHaveBeenCalledWith('2.0.0'))
    await vi.waitFor(() => expect(quitAndInstall).toHaveBeenCalledWith(false, true))
    policy.stop()
  })

  it('asks right after the download when no session is open; "Later" leaves it to the next quit', async () => {
    feedVersion = '2.0.0'
    const { policy, prompt, downloaded, quitAndInstall, updater } = policyWith('later')
    policy.start()
    await downloaded
    await vi.waitFor(() => expect(prompt).toHaveBeenCalledTimes(1))
    expect(quitAndInstall).not.toHaveBeenCalled()
    expect(updater.autoInstallOnAppQuit).toBe(true)
    // Closing a session later does not ask about the same version again.
    policy.setSessionActive(true)
    policy.setSessionActive(false)
    await new Promise((r) => setTimeout(r, 50))
    expect(prompt).toHaveBeenCalledTimes(1)
  })

  it('checks at start and again every day', async () => {
    feedVersion = '1.0.0'
    hits.length = 0
    const { policy, prompt, timers } = policyWith('restart')
    policy.start()
    await vi.waitFor(() => expect(hits.filter((h) => h.startsWith('/latest-linux'))).toHaveLength(1))
    expect(timers.map((t) => t.ms)).toEqual([DAILY_MS])
    timers[0]!.run()
    await vi.waitFor(() => expect(hits.filter((h) => h.startsWith('/latest-linux'))).toHaveLength(2))
    // The feed's version is the running one: nothing downloaded, nothing asked.
    expect(hits.some((h) => h.endsWith('.AppImage'))).toBe(false)
    expect(prompt).not.toHaveBeenCalled()
  })
})

describe('whether this build updates itself', () => {
  const base = {
    feedUrl: 'https://updates.example.com/cr/',
    isPackaged: true,
    platform: 'linux' as const,
    appImage: '/home/u/Call-Review.AppImage',
    packageType: undefined
  }

  it('does for a packaged AppImage, macOS app or Windows install built with a feed', () => {
    expect(decideUpdates(base)).toEqual({ enabled: true })
    expect(decideUpdates({ ...base, platform: 'darwin', appImage: undefined })).toEqual({ enabled: true })
    expect(decideUpdates({ ...base, platform: 'win32', appImage: undefined })).toEqual({ enabled: true })
  })

  it.each([
    [{ feedUrl: '' }, /without an update feed/],
    [{ isPackaged: false }, /not a packaged build/],
    [{ packageType: 'deb\n' }, /deb package: updates come from the system's package manager/],
    [{ packageType: 'rpm' }, /rpm package/],
    [{ appImage: undefined }, /not running as an AppImage/]
  ])('does not when %o', (change, reason) => {
    const decision = decideUpdates({ ...base, ...change })
    expect(decision.enabled).toBe(false)
    expect(decision.enabled === false && decision.reason).toMatch(reason)
  })
})
