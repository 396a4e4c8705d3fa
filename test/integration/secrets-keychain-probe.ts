/**
 * Shared by the tests that need the real OS keychain. They run against a real Secret Service
 * (scripts/with-keyring.sh starts one); where none is reachable they skip, saying why — unless
 * CALL_REVIEW_REQUIRE_KEYCHAIN=1 (set by with-keyring.sh and CI), where a missing keychain is a
 * broken setup and must fail instead of passing silently.
 */
import { randomBytes } from 'node:crypto'
import type { KeytarApi } from '../../src/main/services/secrets/keytar-secret-store'

export interface KeychainAvailability {
  /** Run the keychain tests (available, or required and therefore expected to fail loudly). */
  run: boolean
  /** Why it is not available, when it is not. */
  problem: string | null
}

export const KEYCHAIN_HOWTO =
  'Run them with: bash scripts/with-keyring.sh npx vitest run test/integration/secrets-*.test.ts test/integration/session-*.test.ts'

/** A service name no real user has, so tests never read or touch anyone's entries. */
export function testServiceName(): string {
  return `Call Review Test ${randomBytes(6).toString('hex')}`
}

export async function loadKeytar(): Promise<KeytarApi & { findCredentials(service: string): Promise<{ account: string; password: string }[]> }> {
  const mod = await import('keytar')
  return mod.default ?? mod
}

/** Writes and deletes one entry under `service`, the way the app would. */
export async function probeKeychain(service: string, label: string): Promise<KeychainAvailability> {
  const required = process.env['CALL_REVIEW_REQUIRE_KEYCHAIN'] === '1'
  try {
    const keytar = await loadKeytar()
    await keytar.setPassword(service, 'probe', 'probe')
    await keytar.deletePassword(service, 'probe')
    return { run: true, problem: null }
  } catch (error) {
    const problem = `no usable Secret Service: ${error instanceof Error ? error.message : String(error)}`
    if (!required) console.warn(`[${label}] SKIPPED: ${problem}. ${KEYCHAIN_HOWTO}`)
    return { run: required, problem }
  }
}

/** Removes every entry a test left under its service name. */
export async function removeAllEntries(service: string): Promise<void> {
  const keytar = await loadKeytar()
  for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account)
}
