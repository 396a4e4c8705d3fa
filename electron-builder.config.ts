/**
 * How `npm run dist` packages Call Review (electron-builder): per OS its installers, the hardened
 * binary (build/after-pack.ts), the native modules outside the asar, the demo recordings as
 * extra resources. Signing and the update feed come from the environment only (README,
 * "Releasing"); without them the build is unsigned and has no updates, and says so.
 */
import type { Configuration } from 'electron-builder'
import { afterPack } from './build/after-pack'
import { signingConfig } from './build/signing'
import { updateFeedUrl } from './build/update-feed'

/** Debian packages the app needs beyond electron-builder's defaults: keytar loads libsecret. */
const DEB_EXTRA_DEPENDS = ['libsecret-1-0']

/**
 * electron-builder's own deb dependencies (FpmTarget's getDefaultDepends, electron-builder 26):
 * a custom `depends` replaces them, so they are listed again; a test keeps this list in step.
 */
export const DEB_DEFAULT_DEPENDS = [
  'libgtk-3-0',
  'libnotify4',
  'libnss3',
  'libxss1',
  'libxtst6',
  'xdg-utils',
  'libatspi2.0-0',
  'libuuid1',
  'libsecret-1-0'
]

export function createBuilderConfig(env: NodeJS.ProcessEnv): Configuration {
  const feed = updateFeedUrl(env)
  const signing = signingConfig(env)
  return {
    appId: 'com.callreview.desktop',
    productName: 'Call Review',
    copyright: 'Copyright © Call Review contributors',
    directories: { output: 'dist', buildResources: 'build' },
    // electron-vite's output and package.json; production dependencies are added by electron-builder.
    files: ['out/**/*', '!out/**/*.map', 'package.json'],
    asar: true,
    // Native modules cannot be loaded from inside an asar archive: keytar and better-sqlite3 (with
    // the JavaScript that loads them, so the search index's worker thread can require it) live in
    // app.asar.unpacked. npmRebuild builds them for this Electron and arch first.
    asarUnpack: ['**/node_modules/keytar/**', '**/node_modules/better-sqlite3/**', '**/*.node'],
    npmRebuild: true,
    // The demo account's recordings and call fixtures; main finds them under process.resourcesPath
    // (src/main/services/resources-dir.ts).
    extraResources: [{ from: 'resources/demo', to: 'demo', filter: ['**/*'] }],
    // Call Review opens no documents and claims no URL scheme.
    fileAssociations: [],
    protocols: [],
    afterPack,
    publish: feed ? [{ provider: 'generic', url: feed }] : null,
    mac: {
      target: [
        { target: 'dmg', arch: ['x64', 'arm64'] },
        { target: 'zip', arch: ['x64', 'arm64'] }
      ],
      category: 'public.app-category.business',
      icon: 'resources/icons/icon.icns',
      hardenedRuntime: true,
      ...signing.mac
    },
    dmg: { title: '${productName} ${version}' },
    win: {
      target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
      icon: 'resources/icons/icon.ico',
      ...signing.win
    },
    nsis: {
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      // A reinstall or uninstall keeps the reviewer's libraries and QA work.
      deleteAppDataOnUninstall: false
    },
    linux: {
      target: ['AppImage', 'deb'],
      executableName: 'call-review',
      icon: 'resources/icons',
      category: 'Office',
      synopsis: 'Review Convirza phone calls',
      maintainer: 'Call Review <support@callreview.app>'
    },
    deb: {
      depends: [...new Set([...DEB_DEFAULT_DEPENDS, ...DEB_EXTRA_DEPENDS])],
      // The Secret Service keytar talks to; without one the app offers a session-only sign-in.
      recommends: ['gnome-keyring']
    }
  }
}

export default createBuilderConfig(process.env)
