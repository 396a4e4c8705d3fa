/**
 * The composition layer (src/main/index.ts) with Electron mocked: Electron cannot run here, so
 * this checks what main asks of it — the hardened window, the permission and navigation rules,
 * one IPC handler per contract channel, and the recording protocol.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { pathToFileURL } from 'node:url'
import { CONTENT_SECURITY_POLICY } from '@shared/csp'
import { CHANNELS } from '@shared/ipc/contract'
import { APP_INDEX_URL } from '@main/services/app-protocol'

/** An IPC event from the app's own renderer (app://call-review; app.isPackaged is true here). */
const appFrame = () => ({ senderFrame: { url: APP_INDEX_URL } })

const m = vi.hoisted(() => {
  const handlers = new Map<string, (...args: unknown[]) => unknown>()
  const contentsEvents = new Map<string, (...args: unknown[]) => void>()
  let windowOpenHandler: ((d: { url: string }) => { action: string }) | undefined
  const windows: { options: Record<string, unknown>; window?: unknown }[] = []
  const state = {
    userData: '',
    handlers,
    contentsEvents,
    windows,
    get windowOpenHandler() {
      return windowOpenHandler
    },
    permissionHandler: undefined as undefined | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
    protocols: new Map<string, unknown>(),
    schemes: [] as unknown[],
    openExternal: vi.fn(),
    menu: undefined as unknown as { label?: string; role?: string; submenu?: { role?: string; id?: string }[] }[],
    themeSource: '',
    ready: undefined as unknown as Promise<void>
  }
  let resolveReady!: () => void
  state.ready = new Promise<void>((r) => (resolveReady = r))
  class BrowserWindow {
    static getAllWindows = () => []
    webContents = {
      on: (event: string, fn: (...args: unknown[]) => void) => contentsEvents.set(event, fn),
      setWindowOpenHandler: (fn: typeof windowOpenHandler) => (windowOpenHandler = fn),
      isDestroyed: () => false,
      send: vi.fn()
    }
    constructor(options: Record<string, unknown>) {
      windows.push({ options, window: this })
    }
    maximize() {}
    once() {}
    on() {}
    loadFile = vi.fn(async () => {})
    loadURL = vi.fn(async () => {})
  }
  const electron = {
    app: {
      isPackaged: true,
      getName: () => 'Call Review',
      setAboutPanelOptions: vi.fn(),
      getPath: () => state.userData,
      getVersion: () => '1.2.3',
      requestSingleInstanceLock: () => true,
      on: vi.fn(),
      quit: vi.fn(),
      whenReady: () => {
        resolveReady()
        return Promise.resolve()
      }
    },
    BrowserWindow,
    ipcMain: { handle: (channel: string, fn: (...args: unknown[]) => unknown) => handlers.set(channel, fn) },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => state.schemes.push(...s),
      handle: (scheme: string, fn: unknown) => state.protocols.set(scheme, fn)
    },
    net: { fetch: vi.fn() },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof state.permissionHandler) => (state.permissionHandler = fn),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onHeadersReceived: vi.fn() }
      }
    },
    shell: { openExternal: state.openExternal, openPath: vi.fn(async () => '') },
    Menu: {
      buildFromTemplate: (template: typeof state.menu) => template,
      setApplicationMenu: (menu: typeof state.menu) => (state.menu = menu)
    },
    nativeTheme: {
      set themeSource(value: string) {
        state.themeSource = value
      }
    },
    dialog: { showMessageBox: vi.fn() }
  }
  return { state, electron }
})

vi.mock('electron', () => ({ ...m.electron, default: m.electron }))

describe('main composition layer', () => {
  beforeAll(async () => {
    m.state.userData = mkdtempSync(join(tmpdir(), 'call-review-main-'))
    await import('@main/index')
    await m.state.ready
    await vi.waitFor(() => expect(m.state.windows).toHaveLength(1))
  })

  it('creates the window with context isolation, sandbox, no Node and web security', () => {
    expect(m.state.windows[0]?.options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick'
    })
  })

  it('turns DevTools off in a packaged build', () => {
    expect(m.state.windows[0]?.options['webPreferences']).toMatchObject({ devTools: false })
  })

  it('loads the renderer from app://call-review, not file://', () => {
    const win = m.state.windows[0]?.window as { loadURL: ReturnType<typeof vi.fn>; loadFile: ReturnType<typeof vi.fn> }
    expect(win.loadURL).toHaveBeenCalledWith(APP_INDEX_URL)
    expect(win.loadFile).not.toHaveBeenCalled()
  })

  it('serves the renderer build through the privileged app: protocol', async () => {
    expect(m.state.schemes).toContainEqual({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })
    const handle = m.state.protocols.get('app') as (request: Request) => Promise<Response>
    const outside = await handle(new Request('app://call-review/..%2F..%2Fpackage.json'))
    expect(outside.status).toBe(404)
  })

  it.each([
    pathToFileURL(join(process.cwd(), 'src/renderer/index.html')).href,
    'file://host/out/renderer/index.html',
    'app://call-review.evil/index.html',
    'app://other/index.html'
  ])('refuses IPC from %s, which is not the app origin', async (url) => {
    const result = await m.state.handlers.get('app:info')!({ senderFrame: { url } }, {})
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden' } })
  })

  it('accepts IPC from the app origin', async () => {
    expect(await m.state.handlers.get('app:info')!(appFrame(), {})).toMatchObject({ ok: true, value: { name: 'Call Review', version: '1.2.3' } })
  })

  it('installs the application menu, without developer tools in a packaged build', () => {
    const labels = m.state.menu.map((item) => item.label?.replace('&', '') ?? item.role)
    expect(labels).toEqual(
      process.platform === 'darwin' ? ['Call Review', 'File', 'Edit', 'View', 'Go', 'windowMenu', 'Help'] : ['File', 'Edit', 'View', 'Go', 'Help']
    )
    const roles = m.state.menu.flatMap((item) => item.submenu ?? []).map((item) => item.role)
    expect(roles).not.toContain('toggleDevTools')
    expect(m.state.themeSource).toBe('system')
  })

  it('registers one IPC handler for every contract channel and nothing else', () => {
    expect([...m.state.handlers.keys()].sort()).toEqual([...CHANNELS].sort())
  })

  it('refuses IPC from a frame that is not the app renderer', async () => {
    const handler = m.state.handlers.get('app:info')!
    const result = await handler({ senderFrame: { url: 'https://evil.example/' } }, {})
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden' } })
  })

  it('denies every permission request', () => {
    const answer = vi.fn()
    m.state.permissionHandler?.({}, 'media', answer)
    expect(answer).toHaveBeenCalledWith(false)
  })

  it('denies every new window, https included, and opens nothing itself', () => {
    for (const url of ['https://convirza.com/help', 'file:///etc/passwd']) expect(m.state.windowOpenHandler?.({ url })).toEqual({ action: 'deny' })
    expect(m.state.openExternal).not.toHaveBeenCalled()
  })

  it('opens an https link the renderer asks for through app:openExternal', async () => {
    const handler = m.state.handlers.get('app:openExternal')!
    const result = await handler(appFrame(), { url: 'https://convirza.com/help' })
    expect(result).toEqual({ ok: true, value: {} })
    expect(m.state.openExternal).toHaveBeenCalledWith('https://convirza.com/help')
  })

  it.each([
    'http://convirza.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
    'https://evil.example/',
    'https://convirza.com.evil.example/',
    'https://user@convirza.com/'
  ])('refuses to open %s outside the app', async (url) => {
    m.state.openExternal.mockClear()
    const result = await m.state.handlers.get('app:openExternal')!(appFrame(), { url })
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringMatching(/https/) } })
    expect(m.state.openExternal).not.toHaveBeenCalled()
  })

  it('sends the shipped CSP header when no dev server is in use', () => {
    const onHeaders = m.electron.session.defaultSession.webRequest.onHeadersReceived.mock.calls[0]?.[0] as (
      details: { responseHeaders: Record<string, string[]> },
      callback: (r: { responseHeaders: Record<string, string[]> }) => void
    ) => void
    const callback = vi.fn()
    onHeaders({ responseHeaders: {} }, callback)
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })

  it('prevents navigation away from the app', () => {
    const preventDefault = vi.fn()
    m.state.contentsEvents.get('will-navigate')?.({ preventDefault }, 'https://evil.example/')
    expect(preventDefault).toHaveBeenCalled()
  })

  it('opens the parsed, normalised form of a link, not the string as sent', async () => {
    m.state.openExternal.mockClear()
    await m.state.handlers.get('app:openExternal')!(appFrame(), { url: 'https://SUPPORT.Convirza.com:443/a/../help' })
    expect(m.state.openExternal).toHaveBeenCalledWith('https://support.convirza.com/help')
  })

  it('never lets a server-supplied address reach the app’s own protocol handlers through net.fetch', async () => {
    m.electron.net.fetch.mockImplementation(async () => new Response('{}', { status: 401 }))
    await m.state.handlers.get('auth:signInWithToken')!(appFrame(), {
      profileName: 'Probe',
      accessToken: 'tok_probe_123',
      apiBaseUrl: 'http://127.0.0.1:9',
      sessionOnly: true
    })
    expect(m.electron.net.fetch).toHaveBeenCalled()
    for (const call of m.electron.net.fetch.mock.calls) expect(call[1]).toMatchObject({ bypassCustomProtocolHandlers: true })
  })

  it('serves recordings through the privileged recording: protocol', async () => {
    expect(m.state.schemes).toContainEqual(expect.objectContaining({ scheme: 'recording' }))
    const handle = m.state.protocols.get('recording') as (request: Request) => Promise<Response>
    // The handler Electron is given is the services' one: it reads the address, then the session.
    const bad = await handle(new Request('recording://call/not-a-call'))
    expect(bad.status).toBe(404)
    expect(await bad.text()).toMatch(/is not a recording address; expected recording:\/\/call\/<call id>/)
    const signedOut = await handle(new Request('recording://call/12', { headers: { Range: 'bytes=0-99' } }))
    expect(signedOut.status).toBe(401)
    expect(await signedOut.text()).toBe('Sign in to play recordings.')
  })
})
