/**
 * Where main finds the demo recordings and call fixtures (src/main/services/resources-dir.ts):
 * process.resourcesPath in a package, laid out as electron-builder.config.ts's extraResources
 * puts them; the repository's resources/ in development.
 */
import { cpSync, existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FileSet } from 'electron-builder'
import { describe, expect, it } from 'vitest'
import { createBuilderConfig } from '../../../electron-builder.config'
import { loadAudioLibrary } from '@main/services/demo-server/audio-library'
import { resolveResourcesDir } from '@main/services/resources-dir'

const repo = process.cwd()

describe('resources folder', () => {
  it('is the repository’s resources/ when running from out/main', () => {
    const dir = resolveResourcesDir({ isPackaged: false, resourcesPath: '/nowhere', mainDir: join(repo, 'out', 'main') })
    expect(dir).toBe(join(repo, 'resources'))
    expect(existsSync(join(dir, 'demo', 'recordings'))).toBe(true)
    expect(existsSync(join(dir, 'demo', 'calls'))).toBe(true)
  })

  it('is process.resourcesPath in a package, where the extra resources were copied', () => {
    // Lay the package out as electron-builder does: each extraResources entry copied `from` → `to`.
    const resourcesPath = mkdtempSync(join(tmpdir(), 'call-review-packaged-resources-'))
    for (const set of createBuilderConfig({}).extraResources as FileSet[])
      cpSync(join(repo, set.from!), join(resourcesPath, set.to!), { recursive: true })
    const dir = resolveResourcesDir({ isPackaged: true, resourcesPath, mainDir: join(resourcesPath, 'app.asar', 'out', 'main') })
    expect(dir).toBe(resourcesPath)
    expect(existsSync(join(dir, 'demo', 'calls'))).toBe(true)
    // The demo server reads its recordings from there.
    expect(Object.keys(loadAudioLibrary(dir).fixtures).length).toBeGreaterThan(0)
  })

  it('does not look beside out/main in a package, where no resources/ folder exists', () => {
    const dir = resolveResourcesDir({ isPackaged: true, resourcesPath: '/opt/Call Review/resources', mainDir: join(repo, 'out', 'main') })
    expect(dir).toBe('/opt/Call Review/resources')
  })
})
