/**
 * Every channel of the contract, sent random and oversized payloads through the app's real
 * dispatcher and handlers (signed out, no network): each answer is a typed result — a refusal
 * with a known kind and a short message, never a raw rejection — of bounded size, and the
 * process is still answering afterwards.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_KINDS, type IpcResult } from '@shared/errors'
import { CHANNELS } from '@shared/ipc/contract'
import { MAX_OFFSET, validateCallQuery } from '@shared/convirza/query'
import { createAppServices, type AppServices } from '@main/services/app-services'
import { createLogger } from '@main/services/log'
import { MemorySecretStore } from '@main/services/secrets/memory-secret-store'
import { PAYLOAD_LIMITS } from '@main/ipc/payload-limits'

let services: AppServices
beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ipc-limits-'))
  services = await createAppServices({
    dataDir,
    host: 'harness',
    version: '0.0.0-test',
    fetch: async () => {
      throw new TypeError('fetch failed: no network in this test')
    },
    log: createLogger({ file: join(dataDir, 'logs', 'main.log') }),
    isTrustedSender: () => true,
    emit: () => {},
    recordingUrl: (callId) => `recording://call/${callId}`,
    openExternal: async () => {},
    keychain: new MemorySecretStore(),
    startDemo: async () => {
      throw new Error('no demo in this test')
    }
  })
})
afterAll(async () => services?.close())

const send = (channel: string, payload: unknown): Promise<IpcResult<unknown>> => services.dispatch(channel, payload, { senderUrl: 'app://test' })

/** The answer is typed, and a refusal is of a known kind with a message of reasonable length. */
function expectTyped(result: IpcResult<unknown>): void {
  expect(typeof result.ok).toBe('boolean')
  if (!result.ok) {
    expect(ERROR_KINDS).toContain(result.error.kind)
    expect(result.error.message.length).toBeLessThanOrEqual(2000)
    expect(JSON.stringify(result.error).length).toBeLessThanOrEqual(8000)
  }
}

const oversized = [
  'x'.repeat(PAYLOAD_LIMITS.maxString + 1),
  Array.from({ length: PAYLOAD_LIMITS.maxArray + 1 }, () => 1),
  JSON.parse('['.repeat(40) + ']'.repeat(40)) as unknown,
  1e308,
  Number.POSITIVE_INFINITY,
  Number.NaN
]

describe('IPC payload limits', () => {
  it.each(CHANNELS)('%s answers random payloads with a typed, bounded result', async (channel) => {
    await fc.assert(
      fc.asyncProperty(fc.anything({ maxDepth: 3, maxKeys: 6, withNullPrototype: true, withBigInt: false }), async (payload) => {
        expectTyped(await send(channel, payload))
      }),
      { numRuns: 25, seed: 14 }
    )
  })

  it.each(CHANNELS)('%s refuses oversized payloads and unknown keys as validation errors, echoing at most a short prefix', async (channel) => {
    for (const value of oversized) {
      const result = await send(channel, { anything: value, query: { offset: value }, text: value })
      expectTyped(result)
      expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } })
    }
    const probe = `unknown_${'k'.repeat(5000)}`
    const unknownKey = await send(channel, { [probe]: true })
    expect(unknownKey).toMatchObject({ ok: false, error: { kind: 'validation' } })
    expect(JSON.stringify(unknownKey).length).toBeLessThan(2000)
  })

  it('refuses an offset far beyond any account before it reaches SQLite', () => {
    const result = validateCallQuery({ offset: 1e308 }, new Date('2026-03-01T00:00:00Z'))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.violations).toContainEqual(expect.objectContaining({ field: 'offset', rule: 'range' }))
    expect(validateCallQuery({ offset: MAX_OFFSET }, new Date('2026-03-01T00:00:00Z')).ok).toBe(true)
  })

  it('is still answering after all of that', async () => {
    expect(await send('app:ping', { message: 'alive' })).toEqual({ ok: true, value: { echo: 'alive' } })
  })
})
