/**
 * Launches the built app in real Electron where its binary is installed. On machines where it is
 * not (the binary comes from GitHub, which CI cannot reach), every test here skips and says why.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'

/**
 * Where the Electron binary is, without require('electron'): since Electron 42 that require tries
 * to download the binary on the spot, which fails (slowly and loudly) where GitHub is unreachable.
 */
function findElectron(): { path?: string; why?: string } {
  const require = createRequire(__filename)
  const pkgDir = dirname(require.resolve('electron/package.json'))
  const pathFile = join(pkgDir, 'path.txt')
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH']
  if (!existsSync(pathFile) && !override)
    return {
      why: 'the Electron binary is not installed (node_modules/electron/path.txt is missing); run "npx install-electron" where GitHub is reachable, or set ELECTRON_OVERRIDE_DIST_PATH'
    }
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron'
  const path = override ? join(override, relative) : join(pkgDir, 'dist', relative)
  return existsSync(path) ? { path } : { why: `the Electron binary is not at ${path}` }
}

const found = findElectron()
if (!found.path) console.log(`[electron smoke] skipped: ${found.why}`)

test('the built app opens a hardened window showing the shell', async () => {
  test.skip(!found.path, found.why)
  const userData = mkdtempSync(join(tmpdir(), 'call-review-electron-'))
  const app = await electron.launch({
    executablePath: found.path,
    args: [resolve(__dirname, '../../..'), `--user-data-dir=${userData}`, '--no-sandbox'],
    env: { ...process.env, ELECTRON_RENDERER_URL: '' }
  })
  const appWindow = await app.firstWindow()
  await expect(appWindow.getByRole('heading', { name: 'Call Review' })).toBeVisible()
  const page = await appWindow.evaluate(() => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    bridge: Object.keys(window.callReview).sort()
  }))
  expect(page).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke', 'on'] })
  const info = await appWindow.evaluate(() => window.callReview.invoke('app:info', {}))
  expect(info).toMatchObject({ ok: true, value: { host: 'electron' } })
  // The renderer comes from the privileged app:// scheme, not file://.
  expect(appWindow.url()).toBe('app://call-review/index.html')
  // The application menu: its top-level menus, and no developer tools outside a development build.
  const menu = await app.evaluate(({ Menu }) =>
    (Menu.getApplicationMenu()?.items ?? []).map((item) => ({
      label: item.label,
      roles: item.submenu?.items.map((i) => i.role?.toLowerCase()) ?? []
    }))
  )
  expect(menu.map((m) => m.label.replace('&', ''))).toEqual(
    process.platform === 'darwin' ? ['Call Review', 'File', 'Edit', 'View', 'Go', 'Window', 'Help'] : ['File', 'Edit', 'View', 'Go', 'Help']
  )
  expect(menu.find((m) => m.label.replace('&', '') === 'Edit')?.roles).toEqual(
    expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectall'])
  )
  await app.close()
})
