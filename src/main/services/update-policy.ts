/**
 * When Call Review updates itself (electron-updater, a generic feed): only a packaged build made
 * with a feed URL (build/update-feed.ts) and installed as something that can replace itself —
 * macOS, the Windows installer, an AppImage; a deb or rpm is updated by the package manager. It
 * checks at start and then daily, downloads in the background, and asks before restarting — never
 * while a QA session is open: then it waits until the session closes. Declining leaves the update
 * to be installed when the app quits. No `electron` import: src/main/updates.ts passes in the
 * updater and the dialog, and tests drive the real electron-updater against a loopback feed.
 */
import type { Logger } from './log'

export const DAILY_MS = 24 * 60 * 60 * 1000

/** What the policy uses of electron-updater's AppUpdater. */
export interface UpdaterPort {
  autoDownload: boolean
  autoInstallOnAppQuit: boolean
  checkForUpdates(): Promise<unknown>
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
}

export interface UpdateSetup {
  /** The feed baked in at build time, or empty. */
  feedUrl: string
  isPackaged: boolean
  platform: NodeJS.Platform
  /** Set by the AppImage runtime to the AppImage's path. */
  appImage: string | undefined
  /** The contents of <resources>/package-type, which electron-builder writes into deb, rpm and pacman packages. */
  packageType: string | undefined
}

export type UpdateDecision = { enabled: true } | { enabled: false; reason: string }

export function decideUpdates(setup: UpdateSetup): UpdateDecision {
  if (!setup.feedUrl) return { enabled: false, reason: 'this build was made without an update feed (CALL_REVIEW_UPDATE_URL)' }
  if (!setup.isPackaged) return { enabled: false, reason: 'not a packaged build' }
  if (setup.platform === 'linux') {
    const type = setup.packageType?.trim()
    if (type) return { enabled: false, reason: `installed as a ${type} package: updates come from the system's package manager` }
    if (!setup.appImage) return { enabled: false, reason: 'not running as an AppImage, which is the only Linux build that updates itself' }
  }
  return { enabled: true }
}

export type RestartAnswer = 'restart' | 'later'

export interface UpdatePolicyDeps {
  updater: UpdaterPort
  /** Asks the user whether to restart now to finish installing `version`. */
  prompt: (version: string) => Promise<RestartAnswer>
  log: Logger
  /** setInterval and clearInterval, injected so a test can run "a day later" at once. */
  every?: (run: () => void, ms: number) => () => void
}

export class UpdatePolicy {
  private sessionActive = false
  /** A downloaded version the user has not been asked about yet. */
  private pending: string | null = null
  private asked = new Set<string>()
  private asking = false
  private stopTimer: (() => void) | null = null

  constructor(private readonly deps: UpdatePolicyDeps) {
    const { updater, log } = deps
    updater.autoDownload = true
    updater.autoInstallOnAppQuit = true
    updater.on('update-downloaded', (info) => {
      log.info('updates: downloaded', { version: info.version })
      this.pending = info.version
      void this.askIfFree()
    })
    updater.on('error', (error) => log.warn('updates: the update check or download failed; trying again tomorrow', { error }))
  }

  /** Check now, then once a day. */
  start(): void {
    void this.check()
    const every =
      this.deps.every ??
      ((run, ms) => {
        const timer = setInterval(run, ms)
        timer.unref()
        return () => clearInterval(timer)
      })
    this.stopTimer = every(() => void this.check(), DAILY_MS)
  }

  stop(): void {
    this.stopTimer?.()
    this.stopTimer = null
  }

  /** The renderer opened or closed a QA session; a pending question waits for it to close. */
  setSessionActive(active: boolean): void {
    this.sessionActive = active
    if (!active) void this.askIfFree()
  }

  private async check(): Promise<void> {
    try {
      await this.deps.updater.checkForUpdates()
    } catch {
      // Reported through the updater's 'error' event.
    }
  }

  private async askIfFree(): Promise<void> {
    const version = this.pending
    if (!version || this.sessionActive || this.asking || this.asked.has(version)) return
    this.asking = true
    try {
      const answer = await this.deps.prompt(version)
      this.asked.add(version)
      this.pending = null
      if (answer === 'restart') this.deps.updater.quitAndInstall(false, true)
      else this.deps.log.info('updates: restart declined; the update installs when Call Review quits', { version })
    } catch (error) {
      // The question could not be shown; the update still installs when the app quits.
      this.deps.log.warn('updates: could not ask to restart', { version, error })
    } finally {
      this.asking = false
    }
  }
}
