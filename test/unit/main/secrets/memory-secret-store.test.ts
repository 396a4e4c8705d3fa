import { describe, expect, it } from 'vitest'
import { MemorySecretStore } from '@main/services/secrets/memory-secret-store'
import type { StoredCredentials } from '@main/services/secrets/secret-store'

const pair = (n: number): StoredCredentials => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  accessExpiresAt: '2026-01-08T00:00:00.000Z',
  refreshExpiresAt: '2026-07-01T00:00:00.000Z'
})

describe('MemorySecretStore (session-only sign-in)', () => {
  it('is a memory store that is always available and says nothing is kept', async () => {
    const store = new MemorySecretStore()
    expect(store.kind).toBe('memory')
    const status = await store.status()
    expect(status.available).toBe(true)
    expect(status.message).toMatch(/this session only/)
  })

  it('returns what was set, replaces it on set, and forgets it on delete', async () => {
    const store = new MemorySecretStore()
    expect(await store.get('p1')).toBeNull()
    await store.set('p1', pair(1))
    expect(await store.get('p1')).toEqual(pair(1))
    await store.set('p1', pair(2))
    expect(await store.get('p1')).toEqual(pair(2))
    expect(await store.delete('p1')).toBe(true)
    expect(await store.get('p1')).toBeNull()
    expect(await store.delete('p1')).toBe(false)
  })

  it('keeps each profile separate', async () => {
    const store = new MemorySecretStore()
    await store.set('a', pair(1))
    await store.set('b', pair(2))
    await store.delete('a')
    expect(await store.get('a')).toBeNull()
    expect(await store.get('b')).toEqual(pair(2))
  })

  it('cannot be changed through the objects it was given or returned', async () => {
    const store = new MemorySecretStore()
    const given = pair(1)
    await store.set('p', given)
    given.accessToken = 'mutated'
    const got = await store.get('p')
    got!.refreshToken = 'mutated'
    expect(await store.get('p')).toEqual(pair(1))
  })

  it('keeps only the token pair and expiries, whatever else the caller passes', async () => {
    const store = new MemorySecretStore()
    await store.set('p', { ...pair(1), password: 'hunter2' } as StoredCredentials)
    expect(Object.keys((await store.get('p'))!).sort()).toEqual(['accessExpiresAt', 'accessToken', 'refreshExpiresAt', 'refreshToken'])
  })
})
