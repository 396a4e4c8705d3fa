/**
 * Turns keytar's failures into the one message a user can act on: what is missing, how to
 * install it on their OS, and that a session-only sign-in works meanwhile.
 */
import { AppError } from '@shared/errors'

export type KeychainFailure =
  /** keytar's native module (or libsecret under it) would not load. */
  | 'module'
  /** Linux: no D-Bus session bus to talk to a Secret Service over. */
  | 'no_dbus'
  /** Linux: a bus, but nothing answers as org.freedesktop.secrets. */
  | 'no_provider'
  /** The keyring exists but is locked, or no default keyring could be created or unlocked. */
  | 'locked'
  | 'other'

const PATTERNS: [KeychainFailure, RegExp][] = [
  [
    'module',
    /cannot open shared object|libsecret|cannot find module|was compiled against a different node\.js|module did not self-register|invalid elf header/i
  ],
  [
    'no_dbus',
    /autolaunch d-bus|could not connect|dbus_session_bus_address|unable to autolaunch|no such file or directory|connection refused|failed to connect/i
  ],
  ['no_provider', /org\.freedesktop\.secrets|serviceunknown|not provided by any \.service|name has no owner|no secret service/i],
  ['locked', /locked|unlock|prompt|dismissed|object does not exist at path|no such object|cancel|user interaction is not allowed|keychain not found/i]
]

export function classifyKeychainFailure(error: unknown, loading = false): KeychainFailure {
  if (loading) return 'module'
  const text = error instanceof Error ? error.message : String(error)
  for (const [kind, pattern] of PATTERNS) if (pattern.test(text)) return kind
  return 'other'
}

const LINUX_INSTALL =
  'Install a Secret Service and libsecret — on Debian/Ubuntu: `sudo apt install gnome-keyring libsecret-1-0`, ' +
  'on Fedora: `sudo dnf install gnome-keyring libsecret`, on Arch: `sudo pacman -S gnome-keyring libsecret` ' +
  "(or use KWallet with its Secret Service integration turned on in KWallet's settings) — then sign in to a " +
  'desktop session so the keyring is unlocked, and restart Call Review.'
const SESSION_ONLY = 'You can still sign in for this session only: nothing is saved, and you sign in again next time.'

const LINUX_WHY: Record<KeychainFailure, string> = {
  module: 'the keychain library could not be loaded (libsecret is missing)',
  no_dbus: 'no D-Bus session is running, so no Secret Service can be reached',
  no_provider: 'no Secret Service (gnome-keyring or KWallet) is running',
  locked: 'the keyring is locked, or no default keyring could be created or unlocked',
  other: 'the Secret Service refused the request'
}

/**
 * The user-facing explanation. `detail` is the underlying library's message: it names a D-Bus
 * path or a missing file, never a secret (keytar errors do not echo what was being stored).
 */
export function keychainUnavailableMessage(failure: KeychainFailure, platform: NodeJS.Platform, detail?: string): string {
  const because = detail ? ` (${truncate(detail, 160)})` : ''
  if (platform === 'darwin') {
    return `Call Review could not use the macOS login keychain to keep your sign-in${because}. Open Keychain Access and check that the login keychain exists and is unlocked. ${SESSION_ONLY}`
  }
  if (platform === 'win32') {
    return `Call Review could not use Windows Credential Manager to keep your sign-in${because}. Check that the Credential Manager service is running. ${SESSION_ONLY}`
  }
  return `Call Review cannot keep your sign-in: ${LINUX_WHY[failure]}${because}. ${LINUX_INSTALL} ${SESSION_ONLY}`
}

export function keychainUnavailable(error: unknown, platform: NodeJS.Platform, options: { loading?: boolean } = {}): AppError {
  const failure = classifyKeychainFailure(error, options.loading)
  const detail = error instanceof Error ? error.message : undefined
  return new AppError('keychain_unavailable', keychainUnavailableMessage(failure, platform, detail), { cause: error })
}

function truncate(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine
}
