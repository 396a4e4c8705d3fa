/**
 * Composition only: build the services, create the hardened window, register IPC and the
 * recording protocol. The only module (with its siblings security.ts and ipc-main.ts) that
 * imports `electron`; everything it wires lives in ./services and runs without Electron.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, dialog, net, protocol, screen, session, shell } from 'electron'
import { createAppServices, type AppServices } from './services/app-services'
import { createLogger } from './services/log'
import { isVisibleOn, loadWindowState, saveWindowState } from './services/window-state'
import { emitTo, registerIpc } from './ipc-main'
import { sessionCsp } from '../shared/csp'
import { hardenSession, hardenWebContents, openHttpsExternally } from './security'

protocol.registerSchemesAsPrivileged([
  { scheme: 'recording', privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } }
])

const rendererIndex = join(__dirname, '../renderer/index.html')
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined

/** The renderer's own URL: the dev server in `npm run dev`, the built index.html otherwise. */
function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url)
    if (devServerUrl) return u.origin === new URL(devServerUrl).origin
    return u.protocol === 'file:' && u.pathname === pathToFileURL(rendererIndex).pathname
  } catch {
    return false
  }
}

let mainWindow: BrowserWindow | undefined
let services: AppServices | undefined

function createWindow(dataDir: string): BrowserWindow {
  const saved = loadWindowState(dataDir)
  const onScreen = isVisibleOn(saved, screen.getAllDisplays().map((d) => d.workArea))
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
      // Middle-click must not open links in new windows (Electron security checklist #14).
      disableBlinkFeatures: 'Auxclick'
    }
  })
  if (saved.maximized) win.maximize()
  hardenWebContents(win.webContents, isAppUrl)
  win.once('ready-to-show', () => win.show())
  win.on('close', () => {
    const b = win.getNormalBounds()
    saveWindowState(dataDir, { ...b, maximized: win.isMaximized() })
  })
  if (devServerUrl) void win.loadURL(devServerUrl)
  else void win.loadFile(rendererIndex)
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
    services = await createAppServices({
      dataDir,
      host: 'electron',
      version: app.getVersion(),
      // net.fetch honours the system's proxy settings and certificate store.
      fetch: (input, init) => net.fetch(input as string, init),
      log,
      isTrustedSender: isAppUrl,
      emit: (event, payload) => emitTo(mainWindow?.webContents, event, payload),
      recordingUrl: (callId) => `recording://call/${callId}`,
      openExternal: openHttpsExternally,
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
      },
      // out/main → the repository's resources/ (demo recordings and transcripts).
      resourcesDir: join(__dirname, '../../resources')
    })
    registerIpc(services.dispatch)
    const serve = services.serveRecording
    protocol.handle('recording', (request) => serve(request))
    mainWindow = createWindow(dataDir)
    mainWindow.on('closed', () => (mainWindow = undefined))
  })

  app.on('window-all-closed', () => {
    void services?.close().finally(() => app.quit())
  })
}
