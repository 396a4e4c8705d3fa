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

/** Starts checking for updates when this build may update itself; returns the policy, or null. */
export async function startUpdates(options: UpdatesOptions): Promise<UpdatePolicy | null> {
  const { log } = options
  const decision = decideUpdates({
    feedUrl: options.feedUrl,
    isPackaged: app.isPackaged,
    platform: process.platform,
    appImage: process.env['APPIMAGE'],
    packageType: readPackageType()
  })
  if (!decision.enabled) {
    log.info(`updates: off, ${decision.reason}`)
    return null
  }
  const { autoUpdater } = await import('electron-updater')
  autoUpdater.logger = null
  const policy = new UpdatePolicy({ updater: autoUpdater, log, prompt: (version) => askToRestart(options.window(), version) })
  policy.start()
  return policy
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
