/**
 * Wires the update policy (src/main/services/update-policy.ts) to electron-updater and a native
 * dialog. electron-updater reads the feed from app-update.yml, which electron-builder writes
 * into the package only when the build was made with CALL_REVIEW_UPDATE_URL.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { app, dialog, type BrowserWindow } from 'electron'
import type { Logger } from './services/log'
import { decideUpdates, UpdatePolicy, type RestartAnswer } from './services/update-policy'

export interface UpdatesOptions {
  feedUrl: string
  log: Logger
  window: () => BrowserWindow | undefined
}

export interface Updates {
  /** Decide whether this build updates itself and, if so, start checking. */
  start(): void
  /** Whether a QA session is open; may be told before start() finishes. */
  setSessionActive(active: boolean): void
}

export function createUpdates(options: UpdatesOptions): Updates {
  const { log } = options
  let sessionActive = false
  let policy: UpdatePolicy | null = null
  return {
    setSessionActive(active) {
      sessionActive = active
      policy?.setSessionActive(active)
    },
    start() {
      const decision = decideUpdates({
        feedUrl: options.feedUrl,
        isPackaged: app.isPackaged,
        platform: process.platform,
        appImage: process.env['APPIMAGE'],
        packageType: readPackageType()
      })
      if (!decision.enabled) {
        log.info(`updates: off, ${decision.reason}`)
        return
      }
      void import('electron-updater').then(({ autoUpdater }) => {
        autoUpdater.logger = null
        policy = new UpdatePolicy({ updater: autoUpdater, log, prompt: (version) => askToRestart(options.window(), version) })
        policy.setSessionActive(sessionActive)
        policy.start()
      })
    }
  }
}

function readPackageType(): string | undefined {
  try {
    return readFileSync(join(process.resourcesPath, 'package-type'), 'utf8')
  } catch {
    return undefined
  }
}

async function askToRestart(window: BrowserWindow | undefined, version: string): Promise<RestartAnswer> {
  const options: Electron.MessageBoxOptions = {
    type: 'info',
    buttons: ['Restart Now', 'Later'],
    defaultId: 0,
    cancelId: 1,
    title: 'Update ready',
    message: `Call Review ${version} is ready to install.`,
    detail: 'Restart now to finish installing it, or later: it installs by itself when you quit Call Review. Your reviews and notes are saved.'
  }
  const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options)
  return response === 0 ? 'restart' : 'later'
}
