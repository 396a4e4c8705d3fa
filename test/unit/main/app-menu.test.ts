/**
 * The application menu's template (src/main/services/app-menu.ts), by role and accelerator, per
 * platform; its items that are not roles say what they do through the action they run.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { MenuCommandSchema } from '@shared/ipc/contract'
import {
  aboutVersions,
  buildMenuTemplate,
  loadTheme,
  problemReportUrl,
  saveTheme,
  type MenuAction,
  type MenuItemSpec,
  type MenuTemplateOptions
} from '@main/services/app-menu'

function template(overrides: Partial<MenuTemplateOptions> = {}) {
  const run = vi.fn<(action: MenuAction) => void>()
  const items = buildMenuTemplate({ platform: 'linux', appName: 'Call Review', devTools: false, theme: 'system', run, ...overrides })
  return { items, run }
}
const menu = (items: MenuItemSpec[], label: string) => items.find((i) => i.label?.replace('&', '') === label || i.role === label)
const flat = (items: MenuItemSpec[]): MenuItemSpec[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])])
const roles = (item: MenuItemSpec | undefined) => (item?.submenu ?? []).map((i) => i.role).filter(Boolean)
const byId = (items: MenuItemSpec[], id: string) => flat(items).find((i) => i.id === id)

describe('application menu', () => {
  it('on Windows and Linux: File, Edit, View, Go, Help, with Settings and Quit in File and About in Help', () => {
    const { items } = template()
    expect(items.map((i) => i.label?.replace('&', ''))).toEqual(['File', 'Edit', 'View', 'Go', 'Help'])
    const file = menu(items, 'File')!.submenu!
    expect(file.map((i) => i.id ?? i.role ?? i.type)).toEqual([
      'export-reviews',
      'separator',
      'open-settings',
      'separator',
      'sign-out',
      'separator',
      'quit'
    ])
    expect(file.find((i) => i.role === 'quit')?.accelerator).toBe('Ctrl+Q')
    expect(roles(menu(items, 'Help'))).toContain('about')
  })

  it('on macOS: the app menu first with About, Settings, Services, Hide and Quit, and a Window menu', () => {
    const { items } = template({ platform: 'darwin' })
    expect(items[0]?.label).toBe('Call Review')
    expect(roles(items[0])).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit'])
    expect(items[0]?.submenu?.some((i) => i.id === 'open-settings' && i.accelerator === 'CmdOrCtrl+,')).toBe(true)
    expect(items.map((i) => i.role ?? i.label)).toEqual(['Call Review', 'File', 'Edit', 'View', 'Go', 'windowMenu', 'help'])
    expect(roles(menu(items, 'File'))).toEqual(['close'])
    expect(roles(menu(items, 'help'))).not.toContain('about')
    expect(roles(menu(items, 'Edit'))).toContain('pasteAndMatchStyle')
  })

  it('Edit has the standard roles', () => {
    expect(roles(menu(template().items, 'Edit'))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll'])
  })

  it('View zooms and switches the theme; developer tools only in development builds', () => {
    const { items, run } = template({ theme: 'dark' })
    expect(roles(menu(items, 'View'))).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen'])
    const themes = flat(items).filter((i) => i.type === 'radio')
    expect(themes.map((i) => [i.id, i.checked])).toEqual([
      ['theme-system', false],
      ['theme-light', false],
      ['theme-dark', true]
    ])
    themes[1]?.click?.()
    expect(run).toHaveBeenCalledWith({ kind: 'theme', theme: 'light' })
    expect(flat(items).some((i) => i.role === 'toggleDevTools' || i.role === 'reload')).toBe(false)
    expect(roles(menu(template({ devTools: true }).items, 'View'))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']))
  })

  it.each([
    ['export-reviews', 'CmdOrCtrl+E'],
    ['open-settings', 'CmdOrCtrl+,'],
    ['next-call', 'CmdOrCtrl+J'],
    ['previous-call', 'CmdOrCtrl+K'],
    ['show-shortcuts', 'CmdOrCtrl+/'],
    ['sign-out', undefined]
  ])('%s has accelerator %s and is sent to the renderer as a valid menu command', (id, accelerator) => {
    const { items, run } = template()
    const item = byId(items, id)!
    expect(item.accelerator).toBe(accelerator)
    item.click?.()
    const action = run.mock.calls[0]?.[0]
    expect(action).toEqual({ kind: 'renderer', command: id })
    expect(MenuCommandSchema.safeParse({ command: id }).success).toBe(true)
  })

  it('no two items share an accelerator', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const accelerators = flat(template({ platform }).items).flatMap((i) => (i.accelerator ? [i.accelerator] : []))
      expect(new Set(accelerators).size).toBe(accelerators.length)
    }
  })

  it('Help opens the logs folder and reports a problem through main', () => {
    const { items, run } = template()
    byId(items, 'open-logs')?.click?.()
    byId(items, 'report-problem')?.click?.()
    expect(run.mock.calls.map((c) => c[0])).toEqual([{ kind: 'open-logs' }, { kind: 'report-problem' }])
  })
})

describe('report a problem', () => {
  const facts = {
    issuesUrl: 'https://github.com/example/call-review/issues/',
    appVersion: '1.4.0',
    versions: { electron: '45.5.0', chrome: '142.0', node: '22.20.0' },
    os: 'Linux 6.1 x64'
  }

  it('opens a prefilled new-issue page over https with the versions and the OS', () => {
    const url = new URL(problemReportUrl(facts))
    expect(url.protocol).toBe('https:')
    expect(url.pathname).toBe('/example/call-review/issues/new')
    const body = url.searchParams.get('body')!
    expect(body).toContain('Call Review 1.4.0')
    expect(body).toContain('Electron 45.5.0, Chromium 142.0, Node 22.20.0')
    expect(body).toContain('Linux 6.1 x64')
    expect(body).toMatch(/### What happened/)
  })

  it('About names the app, Electron, Chromium and Node versions', () => {
    expect(aboutVersions('1.4.0', facts.versions)).toBe('Version 1.4.0 (Electron 45.5.0, Chromium 142.0, Node 22.20.0)')
  })
})

describe('theme', () => {
  it('follows the system until one is chosen, then keeps the choice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'call-review-theme-'))
    expect(loadTheme(dir)).toBe('system')
    saveTheme(dir, 'dark')
    expect(loadTheme(dir)).toBe('dark')
  })
})
