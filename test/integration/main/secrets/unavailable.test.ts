/**
 * The no-Secret-Service path with the real keytar: a child process whose D-Bus session address
 * points at nothing (or is unset), as on a Linux box without a desktop session. It must answer
 * with a clear status and a typed error — never crash, never put the token anywhere on disk.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const repo = resolve(__dirname, '../../../..')
const src = (path: string): string => JSON.stringify(join(repo, 'src/main/services', path))

/** Signs in the way the app would store it: a profile in the data folder, the pair in the keychain. */
const CHILD = `
import { join } from 'node:path'
import { createLogger } from ${src('log.ts')}
import { ProfileRepository } from ${src('profiles/profile-repository.ts')}
import { KeytarSecretStore } from ${src('secrets/keytar-secret-store.ts')}

const dataDir = process.env.TEST_DATA_DIR
const log = createLogger({ file: join(dataDir, 'logs', 'main.log') })
const profiles = new ProfileRepository({ dataDir, log })
const profile = profiles.create({ name: 'Agency' })
profiles.setActive(profile.id)
const store = new KeytarSecretStore({ log, service: process.env.TEST_SERVICE, platform: 'linux' })
const attempt = async (run) => {
  try { await run(); return null } catch (e) { return { kind: e.kind, message: e.message } }
}
const status = await store.status()
const setError = await attempt(() => store.set(profile.id, {
  accessToken: process.env.TEST_ACCESS, refreshToken: process.env.TEST_REFRESH,
  accessExpiresAt: '2026-01-08T00:00:00.000Z', refreshExpiresAt: '2026-07-01T00:00:00.000Z'
}))
const getError = await attempt(() => store.get(profile.id))
process.stdout.write(JSON.stringify({ status, setError, getError }))
`

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

interface ChildResult {
  status: { available: boolean; message?: string }
  setError: { kind: string; message: string } | null
  getError: { kind: string; message: string } | null
}

/**
 * Runs CHILD with a scratch HOME (so nothing can touch the real user's keyrings) and the given
 * D-Bus session address (undefined: none), optionally inside `wrapper` (e.g. dbus-run-session).
 */
function signInWithoutKeychain(bus: (root: string) => string | undefined, wrapper: string[] = []) {
  const root = mkdtempSync(join(tmpdir(), 'secrets-unavailable-'))
  const dataDir = join(root, 'data')
  const home = join(root, 'home')
  mkdirSync(home, { recursive: true })
  const childFile = join(root, 'child.mts')
  writeFileSync(childFile, CHILD)
  const access = `access-${randomBytes(12).toString('hex')}`
  const refresh = `refresh-${randomBytes(12).toString('hex')}`

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_DATA_HOME: join(home, 'share'),
    XDG_RUNTIME_DIR: root,
    TEST_DATA_DIR: dataDir,
    TEST_SERVICE: `Call Review Test ${randomBytes(6).toString('hex')}`,
    TEST_ACCESS: access,
    TEST_REFRESH: refresh
  }
  // Without a display, libdbus cannot autolaunch a bus and no unlock prompt can appear.
  delete env['DISPLAY']
  delete env['WAYLAND_DISPLAY']
  delete env['DBUS_SESSION_BUS_ADDRESS']
  const address = bus(root)
  if (address) env['DBUS_SESSION_BUS_ADDRESS'] = address

  const [command, ...args] = [...wrapper, process.execPath, '--import', 'tsx', childFile]
  const output = execFileSync(command!, args, { cwd: repo, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  const result = JSON.parse(output) as ChildResult

  const secretsOnDisk = filesUnder(dataDir).filter((file) => {
    const text = readFileSync(file, 'utf8')
    return text.includes(access) || text.includes(refresh)
  })
  return { result, dataDir, access, secretsOnDisk }
}

function expectUnavailable(result: ChildResult, why: RegExp): void {
  expect(result.status.available).toBe(false)
  expect(result.status.message).toMatch(why)
  expect(result.status.message).toMatch(/gnome-keyring/)
  expect(result.status.message).toMatch(/session only/)
  expect(result.setError?.kind).toBe('keychain_unavailable')
  expect(result.setError?.message).toMatch(why)
}

function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

describe.runIf(process.platform === 'linux')('KeytarSecretStore without a Secret Service', () => {
  it.each([
    ['the D-Bus session address points at nothing', (dir: string) => `unix:path=${join(dir, 'no-such-bus')}`],
    ['there is no D-Bus session address at all', () => undefined]
  ])('when %s: status says what is missing, set() throws keychain_unavailable, no file holds the token', (_label, bus) => {
    const { result, dataDir, access, secretsOnDisk } = signInWithoutKeychain(bus)
    expectUnavailable(result, /no D-Bus session/)
    expect(result.getError?.kind).toBe('keychain_unavailable')
    expect(JSON.stringify(result)).not.toContain(access)
    expect(filesUnder(dataDir).map((f) => f.slice(dataDir.length))).toEqual(expect.arrayContaining(['/profiles.json', '/logs/main.log']))
    expect(secretsOnDisk).toEqual([])
  })

  const canStartKeyring = hasCommand('dbus-run-session') && hasCommand('gnome-keyring-daemon')
  const required = process.env['CALL_REVIEW_REQUIRE_KEYCHAIN'] === '1'
  if (!canStartKeyring && !required) {
    console.warn('[secrets-unavailable] SKIPPED the locked-keyring case: dbus-run-session or gnome-keyring-daemon is not installed.')
  }

  // gnome-keyring answers reads here but cannot create or unlock a keyring without a prompt, so
  // only a status() that tries a write tells the truth.
  it.runIf(canStartKeyring || required)(
    'reports unavailable when a Secret Service runs but its keyring cannot be unlocked (reads work, writes fail)',
    () => {
      const { result, secretsOnDisk } = signInWithoutKeychain(() => undefined, ['dbus-run-session', '--'])
      expectUnavailable(result, /locked/)
      expect(result.getError).toBeNull()
      expect(secretsOnDisk).toEqual([])
    }
  )

  const canStartBus = hasCommand('dbus-daemon')
  const buses: ChildProcess[] = []
  afterEach(() => {
    for (const bus of buses.splice(0)) bus.kill()
  })

  /** A private session bus whose configuration has no service folders: nothing can be activated on it. */
  async function busWithoutServices(): Promise<string> {
    const root = mkdtempSync(join(tmpdir(), 'secrets-bare-bus-'))
    const config = join(root, 'session.conf')
    writeFileSync(
      config,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${join(root, 'bus')}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>
`
    )
    const bus = spawn('dbus-daemon', [`--config-file=${config}`, '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'inherit'] })
    buses.push(bus)
    return new Promise<string>((resolvePromise, reject) => {
      let out = ''
      bus.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8')
        if (out.includes('\n')) resolvePromise(out.trim())
      })
      bus.on('exit', (code) => reject(new Error(`dbus-daemon exited (${code}) before printing its address`)))
    })
  }

  it.runIf(canStartBus)('when a D-Bus session runs but no Secret Service is on it: the message names the missing Secret Service', async () => {
    const address = await busWithoutServices()
    const { result, secretsOnDisk } = signInWithoutKeychain(() => address)
    expectUnavailable(result, /no Secret Service \(gnome-keyring or KWallet\) is running/)
    expect(result.status.message).not.toMatch(/no D-Bus session/)
    expect(secretsOnDisk).toEqual([])
  })
})
