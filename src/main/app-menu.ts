/**
 * Installs the application menu (src/main/services/app-menu.ts builds it) and carries out its
 * actions: commands for the page go out as the validated 'menu:command' event; the theme, the
 * logs folder, the problem report and About are done here.
 */
import { release } from 'node:os'
import { app, Menu, nativeTheme, shell, type MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '@shared/ipc/contract'
import { aboutVersions, buildMenuTemplate, loadTheme, problemReportUrl, saveTheme, type MenuAction, type Theme } from './services/app-menu'
import type { Logger } from './services/log'
import { openHttpsExternally } from './security'

export interface AppMenuOptions {
  dataDir: string
  logsDir: string
  /** Where new issues are filed (package.json "bugs"). */
  issuesUrl: string
  devTools: boolean
  log: Logger
  /** Sends a command to the renderer (the 'menu:command' event). */
  sendCommand: (command: MenuCommand) => void
}

export function installAppMenu(options: AppMenuOptions): void {
  const { log } = options
  const versions = { electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node }
  app.setAboutPanelOptions({
    applicationName: app.getName(),
    applicationVersion: app.getVersion(),
    version: aboutVersions(app.getVersion(), versions),
    copyright: 'Copyright © Call Review contributors'
  })
  const applyTheme = (theme: Theme): void => {
    nativeTheme.themeSource = theme
  }
  let theme = loadTheme(options.dataDir)
  applyTheme(theme)

  const run = (action: MenuAction): void => {
    switch (action.kind) {
      case 'renderer':
        options.sendCommand(action.command)
        break
      case 'theme':
        theme = action.theme
        applyTheme(theme)
        saveTheme(options.dataDir, theme)
        install()
        break
      case 'open-logs':
        void shell.openPath(options.logsDir).then((failure) => failure && log.warn('menu: could not open the logs folder', { failure }))
        break
      case 'report-problem': {
        const url = problemReportUrl({
          issuesUrl: options.issuesUrl,
          appVersion: app.getVersion(),
          versions,
          os: `${process.platform} ${release()} ${process.arch}`
        })
        openHttpsExternally(url).catch((error: unknown) => log.warn('menu: could not open the problem report', { error }))
        break
      }
    }
  }
  const install = (): void => {
    const template = buildMenuTemplate({ platform: process.platform, appName: app.getName(), devTools: options.devTools, theme, run })
    Menu.setApplicationMenu(Menu.buildFromTemplate(template as MenuItemConstructorOptions[]))
  }
  install()
}
