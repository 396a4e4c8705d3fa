/**
 * The application menu as data, following each platform's conventions: on macOS the app menu
 * (About, Settings, Services, Hide, Quit) and a Window menu; elsewhere Settings and Quit in File
 * and About in Help. src/main/app-menu.ts hands it to Electron's Menu.buildFromTemplate; items
 * carry roles (Electron implements those) or an action that the composition layer carries out.
 * No `electron` import, so the template is tested by role and accelerator in Node.
 */
import { join } from 'node:path'
import { z } from 'zod'
import type { MenuCommand } from '@shared/ipc/contract'
import { readJsonFile, writeJsonFile } from './json-file'

export const THEMES = ['system', 'light', 'dark'] as const
export type Theme = (typeof THEMES)[number]

/** What a menu item that is not a role does. */
export type MenuAction =
  { kind: 'renderer'; command: MenuCommand } | { kind: 'theme'; theme: Theme } | { kind: 'open-logs' } | { kind: 'report-problem' }

/** The subset of Electron's MenuItemConstructorOptions the menu uses. */
export interface MenuItemSpec {
  id?: string
  label?: string
  role?: string
  type?: 'normal' | 'separator' | 'submenu' | 'checkbox' | 'radio'
  accelerator?: string
  checked?: boolean
  submenu?: MenuItemSpec[]
  click?: () => void
}

export interface MenuTemplateOptions {
  platform: NodeJS.Platform
  appName: string
  /** Development builds only: reload and the developer tools. */
  devTools: boolean
  theme: Theme
  run: (action: MenuAction) => void
}

const separator: MenuItemSpec = { type: 'separator' }

export function buildMenuTemplate(options: MenuTemplateOptions): MenuItemSpec[] {
  const { platform, appName, run } = options
  const mac = platform === 'darwin'
  const command = (id: MenuCommand, label: string, accelerator?: string): MenuItemSpec => ({
    id,
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => run({ kind: 'renderer', command: id })
  })
  const settings = command('open-settings', mac ? 'Settings…' : 'Settings', 'CmdOrCtrl+,')
  const about: MenuItemSpec = { role: 'about', label: `About ${appName}` }

  const appMenu: MenuItemSpec = {
    label: appName,
    submenu: [
      about,
      separator,
      settings,
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' }
    ]
  }
  const file: MenuItemSpec = {
    label: mac ? 'File' : '&File',
    submenu: [
      command('export-reviews', 'Export Reviews…', 'CmdOrCtrl+E'),
      ...(mac ? [] : [separator, settings]),
      separator,
      command('sign-out', 'Sign Out…'),
      separator,
      mac ? { role: 'close' } : { role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' }
    ]
  }
  const edit: MenuItemSpec = {
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' }] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' }
    ]
  }
  const theme = (value: Theme, label: string): MenuItemSpec => ({
    id: `theme-${value}`,
    label,
    type: 'radio',
    checked: options.theme === value,
    click: () => run({ kind: 'theme', theme: value })
  })
  const view: MenuItemSpec = {
    label: mac ? 'View' : '&View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { label: 'Theme', submenu: [theme('system', 'Match System'), theme('light', 'Light'), theme('dark', 'Dark')] },
      separator,
      { role: 'togglefullscreen' },
      ...(options.devTools ? [separator, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }] : [])
    ]
  }
  // The call screen's own J and K keep working; these add a chord that works from any field.
  const go: MenuItemSpec = {
    label: mac ? 'Go' : '&Go',
    submenu: [command('next-call', 'Next Call', 'CmdOrCtrl+J'), command('previous-call', 'Previous Call', 'CmdOrCtrl+K')]
  }
  const help: MenuItemSpec = {
    role: 'help',
    label: mac ? 'Help' : '&Help',
    submenu: [
      command('show-shortcuts', 'Keyboard Shortcuts', 'CmdOrCtrl+/'),
      separator,
      { id: 'open-logs', label: 'Open Logs Folder', click: () => run({ kind: 'open-logs' }) },
      { id: 'report-problem', label: 'Report a Problem…', click: () => run({ kind: 'report-problem' }) },
      ...(mac ? [] : [separator, about])
    ]
  }
  return mac ? [appMenu, file, edit, view, go, { role: 'windowMenu' }, help] : [file, edit, view, go, help]
}

export interface ProblemReportFacts {
  /** Where new issues are filed (package.json "bugs"). */
  issuesUrl: string
  appVersion: string
  /** process.versions: electron, chrome, node. */
  versions: Partial<Record<'electron' | 'chrome' | 'node', string>>
  os: string
}

/**
 * "Report a problem": a new-issue page in the browser, its text prefilled with versions and the
 * OS and headings to fill in. Nothing is sent by the app, and nothing about the user's account,
 * calls or logs goes in it; the reviewer reads it before submitting.
 */
export function problemReportUrl(facts: ProblemReportFacts): string {
  const body = [
    '### What happened',
    '',
    '### What you expected',
    '',
    '### Steps to reproduce',
    '1. ',
    '',
    '### Versions',
    `- Call Review ${facts.appVersion}`,
    `- Electron ${facts.versions.electron ?? '?'}, Chromium ${facts.versions.chrome ?? '?'}, Node ${facts.versions.node ?? '?'}`,
    `- ${facts.os}`,
    '',
    '<!-- Help ▸ Open Logs Folder shows main.log; attach it only after checking it holds nothing you would not share. -->'
  ].join('\n')
  const url = new URL(`${facts.issuesUrl.replace(/\/+$/, '')}/new`)
  url.searchParams.set('title', '')
  url.searchParams.set('body', body)
  return url.href
}

/** About's text: the versions a bug report needs. */
export function aboutVersions(appVersion: string, versions: ProblemReportFacts['versions']): string {
  return `Version ${appVersion} (Electron ${versions.electron ?? '?'}, Chromium ${versions.chrome ?? '?'}, Node ${versions.node ?? '?'})`
}

const AppearanceSchema = z.object({ theme: z.enum(THEMES) })

/** The theme chosen in View ▸ Theme, kept across restarts in the app data folder. */
export function loadTheme(dataDir: string): Theme {
  return readJsonFile(join(dataDir, 'appearance.json'), AppearanceSchema, { theme: 'system' }).theme
}

export function saveTheme(dataDir: string, theme: Theme): void {
  writeJsonFile(join(dataDir, 'appearance.json'), { theme })
}
