/**
 * Composition only: build the services, create the hardened window, register IPC, the app and
 * recording protocols, the menu and updates. The only module (with its siblings security.ts,
 * ipc-main.ts, app-menu.ts and updates.ts) that imports `electron`; everything it wires lives
 * in ./services and runs without Electron.
 */
import { join } from 'node:path'
import { app, BrowserWindow, dialog, net, protocol, screen, session, shell } from 'electron'
import { AppError } from '@shared/errors'
import { createAppServices, type AppServices } from './services/app-services'
import { createLogger, type Logger } from './services/log'
import { isVisibleOn, loadWindowState, saveWindowState } from './services/window-state'
import { emitTo, registerIpc } from './ipc-main'
import { sessionCsp } from '@shared/csp'
import { hardenSession, hardenWebContents, openHttpsExternally, trustedRenderer } from './security'
import { APP_INDEX_URL, APP_SCHEME, createAppProtocolHandler, rendererRoot } from './services/app-protocol'
import { resolveResourcesDir } from './services/resources-dir'
import { devOverrides } from './services/dev-overrides'
import { DEV_BUILD, ISSUES_URL, UPDATE_FEED_URL } from './build-flags'
import { installAppMenu } from './app-menu'
import { createUpdates } from './updates'

protocol.registerSchemesAsPrivileged([
  // The renderer's origin (checklist #18: no file://); standard and secure, like https.
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  { scheme: 'recording', privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } }
])

const devServerUrl = devOverrides(DEV_BUILD, process.env).rendererUrl
/** The renderer's own URL: the dev server in `npm run dev`, app://call-review otherwise. */
const isAppUrl = trustedRenderer(devServerUrl)
/** Never in a packaged build; `npm run dev` and `npm start` keep them. */
const devTools = !app.isPackaged

let mainWindow: BrowserWindow | undefined
let services: AppServices | undefined

/**
 * A QA report's HTML as PDF (services/qa/report.ts makes the page). A hidden window with no
 * preload and JavaScript off, in a session of its own that keeps nothing on disk (the app's
 * session puts its CSP on every response, which would refuse the report's inline styles); the
 * page is a data URL, so nothing is fetched. Not run by the tests: Electron cannot start on the
 * build machines; the harness prints the same HTML with Playwright's Chromium (page.pdf).
 */
async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      session: session.fromPartition('qa-report-print'),
      javascript: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick'
    }
  })
  hardenWebContents(win.webContents, () => false)
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`)
    return await win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: false, pageSize: 'A4' })
  } finally {
    win.destroy()
  }
}

function createWindow(dataDir: string, log: Logger): BrowserWindow {
  const saved = loadWindowState(dataDir, log)
  const onScreen = isVisibleOn(
    saved,
    screen.getAllDisplays().map((d) => d.workArea)
  )
  const win = new BrowserWindow({
    width: saved.width,
    height: saved.height,
    ...(onScreen ? { x: saved.x, y: saved.y } : {}),
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Call Review',
    webPreferences: {
      // Scan suppression (PRELOAD_JS_CHECK, "review the preload"): reviewed — it is sandboxed and
      // exposes only the contract's channels, each validated again in main.
      preload: join(__dirname, '../preload/index.cjs'), // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools,
      // Middle-click must not open links in new windows (Electron security checklist #14).
      disableBlinkFeatures: 'Auxclick'
    }
  })
  if (saved.maximized) win.maximize()
  hardenWebContents(win.webContents, isAppUrl)
  win.once('ready-to-show', () => win.show())
  win.on('close', () => {
    const b = win.getNormalBounds()
    saveWindowState(dataDir, { ...b, maximized: win.isMaximized() }, log)
  })
  if (devServerUrl) void win.loadURL(devServerUrl)
  else void win.loadURL(APP_INDEX_URL)
  return win
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  void app.whenReady().then(async () => {
    const dataDir = app.getPath('userData')
    const log = createLogger({ file: join(dataDir, 'logs', 'main.log'), console: !app.isPackaged })
    hardenSession(session.defaultSession, sessionCsp(devServerUrl))
    const updates = createUpdates({ feedUrl: UPDATE_FEED_URL, log, window: () => mainWindow })
    try {
      services = await createAppServices({
        dataDir,
        host: 'electron',
        version: app.getVersion(),
        // net.fetch honours the system's proxy settings and certificate store. It must never reach
        // the app's own protocol handlers (recording:, app:), whatever address a server hands us.
        fetch: (input, init) => net.fetch(input as string, { ...init, bypassCustomProtocolHandlers: true }),
        log,
        isTrustedSender: isAppUrl,
        emit: (event, payload) => emitTo(mainWindow?.webContents, event, payload),
        recordingUrl: (callId) => `recording://call/${callId}`,
        openExternal: openHttpsExternally,
        resourcesDir: resolveResourcesDir({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, mainDir: __dirname }),
        onQaSessionActive: (active) => updates.setSessionActive(active),
        printToPdf: printHtmlToPdf,
        exportFiles: {
          chooseSavePath: async (suggested, format) => {
            const options = { defaultPath: suggested, filters: [{ name: format.toUpperCase(), extensions: [format] }] }
            const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options)
            return result.canceled || !result.filePath ? null : result.filePath
          },
          showInFolder: (path) => shell.showItemInFolder(path),
          open: async (path) => {
            const problem = await shell.openPath(path)
            if (problem) throw new Error(problem)
          }
        }
      })
    } catch (error) {
      // A read-only, missing or full data folder (data-folder.ts): say so before quitting.
      log.error('startup: could not start', { error })
      dialog.showErrorBox(
        'Call Review cannot start',
        error instanceof AppError ? error.message : 'Call Review could not start. The log has the details.'
      )
      app.quit()
      return
    }
    registerIpc(services.dispatch)
    const serve = services.serveRecording
    protocol.handle('recording', (request) => serve(request))
    protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: rendererRoot(__dirname), contentSecurityPolicy: sessionCsp(devServerUrl) }))
    installAppMenu({
      dataDir,
      logsDir: join(dataDir, 'logs'),
      issuesUrl: ISSUES_URL,
      devTools,
      log,
      sendCommand: (command) => emitTo(mainWindow?.webContents, 'menu:command', { command })
    })
    updates.start()
    mainWindow = createWindow(dataDir, log)
    mainWindow.on('closed', () => (mainWindow = undefined))
  })

  app.on('window-all-closed', () => {
    void services?.close().finally(() => app.quit())
  })
}
