/**
 * scripts/with-keyring.sh is what CI and developers run the keychain tests through, so it is
 * tested too: a private D-Bus session, an unlocked keyring usable with no display, a scratch
 * HOME that is removed afterwards, and the command's exit code passed through.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const repo = resolve(__dirname, '../../../..')
const script = resolve(repo, 'scripts/with-keyring.sh')

const installed = ['dbus-run-session', 'gnome-keyring-daemon'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0)
const required = process.env['CALL_REVIEW_REQUIRE_KEYCHAIN'] === '1'
if (!installed && !required) {
  console.warn(
    '[secrets-with-keyring-script] SKIPPED: dbus-run-session or gnome-keyring-daemon is not installed (sudo apt install dbus dbus-x11 gnome-keyring).'
  )
}

function withKeyring(...command: string[]) {
  const env = { ...process.env }
  delete env['DISPLAY']
  delete env['WAYLAND_DISPLAY']
  delete env['DBUS_SESSION_BUS_ADDRESS']
  const run = spawnSync('bash', [script, ...command], { cwd: repo, env, encoding: 'utf8', timeout: 20_000 })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

describe.runIf(installed || required)('scripts/with-keyring.sh', () => {
  it('passes the command’s exit code through', () => {
    expect(withKeyring('sh', '-c', 'exit 7').status).toBe(7)
    expect(withKeyring('true').status).toBe(0)
  })

  it('gives the command a writable, unlocked keyring with no display, in a scratch HOME it removes afterwards', () => {
    const probe = `
      const keytar = require('keytar')
      ;(async () => {
        await keytar.setPassword('Call Review Script Test', 'a', 'value-1')
        const got = await keytar.getPassword('Call Review Script Test', 'a')
        await keytar.deletePassword('Call Review Script Test', 'a')
        console.log(JSON.stringify({ got, home: process.env.HOME, display: process.env.DISPLAY ?? null,
          require: process.env.CALL_REVIEW_REQUIRE_KEYCHAIN, bus: Boolean(process.env.DBUS_SESSION_BUS_ADDRESS) }))
      })().catch((e) => { console.error(e.message); process.exit(3) })`
    const run = withKeyring(process.execPath, '-e', probe)
    expect(run.status, run.stderr).toBe(0)
    const seen = JSON.parse(run.stdout.trim().split('\n').pop()!)
    expect(seen).toMatchObject({ got: 'value-1', display: null, require: '1', bus: true })
    expect(seen.home).not.toBe(process.env['HOME'])
    expect(existsSync(seen.home)).toBe(false)
  })

  it('refuses to run without a command', () => {
    const run = withKeyring()
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/usage/)
  })
})
