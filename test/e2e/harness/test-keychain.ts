/**
 * The harness's keychain: the real OS keychain (a gnome-keyring under scripts/with-keyring.sh),
 * but under a service name of the test's own, so a run never reads, writes or leaves entries
 * under the app's real "Call Review" service — and each test removes what it wrote.
 */
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { createLogger } from '@main/services/log'
import { KeytarSecretStore, type KeytarApi } from '@main/services/secrets/keytar-secret-store'

type Keytar = KeytarApi & { findCredentials(service: string): Promise<{ account: string }[]> }

/** A keychain service name no real user has. */
export function testKeychainService(): string {
  return `Call Review Test e2e ${randomBytes(6).toString('hex')}`
}

/** The keychain as main sees it under `service` (account = the profile id). */
export function testKeychain(service: string): KeytarSecretStore {
  return new KeytarSecretStore({ log: createLogger({}), service })
}

/** Every account with an entry under `service`. Empty when no keychain is reachable (nothing could be written then). */
export async function keychainAccounts(service: string): Promise<string[]> {
  try {
    return (await keytar().findCredentials(service)).map((c) => c.account)
  } catch {
    return []
  }
}

/** Removes every entry a test left under its service name. */
export async function removeKeychainEntries(service: string): Promise<void> {
  const accounts = await keychainAccounts(service)
  for (const account of accounts) await keytar().deletePassword(service, account)
}

function keytar(): Keytar {
  // CommonJS native addon: required as keytar-secret-store does, for Playwright's loader.
  return createRequire(__filename)('keytar') as Keytar
}
