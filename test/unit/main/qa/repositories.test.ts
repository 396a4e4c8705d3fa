import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { QaRepositories } from '@main/services/qa/qa-repositories'

describe('QaRepositories', () => {
  it('opens one store per profile folder and reuses it', () => {
    const root = mkdtempSync(join(tmpdir(), 'qa-stores-'))
    const stores = new QaRepositories()
    const a = stores.forProfile(join(root, 'a'))
    expect(stores.forProfile(join(root, 'a', '.'))).toBe(a)
    expect(stores.forProfile(join(root, 'b'))).not.toBe(a)
    expect(existsSync(join(root, 'b', 'qa.sqlite'))).toBe(true)
    stores.closeAll()
  })

  it('closes a profile’s store so its folder can be removed, and reopens it fresh on next use', () => {
    const root = mkdtempSync(join(tmpdir(), 'qa-stores-'))
    const stores = new QaRepositories()
    const dir = join(root, 'a')
    stores.forProfile(dir).createSession('me', { name: 'S', templateId: 'default-inbound', callIds: [1] })
    stores.close(dir)
    rmSync(dir, { recursive: true })
    expect(stores.forProfile(dir).listSessions('me')).toEqual([])
    stores.closeAll()
  })
})
