/**
 * The packaging configuration (electron-builder.config.ts), loaded and validated by
 * electron-builder's own API exactly as `npm run dist` loads it. Nothing is packaged here: the
 * Electron binary cannot be downloaded on a CI machine of this kind.
 */
import { existsSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import FpmTarget from 'app-builder-lib/out/targets/FpmTarget'
import { DebugLogger } from 'builder-util'
import type { Configuration, FileSet } from 'electron-builder'
import { describe, expect, it } from 'vitest'
import { createBuilderConfig } from '../../electron-builder.config'
import { signingConfig } from '../../build/signing'

const root = process.cwd()
const validate = (config: Configuration) => validateConfiguration(config, new DebugLogger(false))

/** minimatch as electron-builder matches asarUnpack patterns against paths inside the app. */
async function unpacked(config: Configuration, path: string): Promise<boolean> {
  // electron-builder's own matcher (minimatch 3, untyped); its default options match as asarUnpack does.
  const minimatch = createRequire(import.meta.url)('minimatch') as (path: string, pattern: string, options: object) => boolean
  const patterns = [config.asarUnpack ?? []].flat()
  return patterns.some((pattern) => minimatch(path, pattern, { dot: true, matchBase: true }))
}

const SIGNING_ENV = {
  CSC_LINK: '/secure/cert.p12',
  CSC_KEY_PASSWORD: 'x',
  APPLE_API_KEY: '/secure/AuthKey.p8',
  APPLE_API_KEY_ID: 'ABC123',
  APPLE_API_ISSUER: '00000000-0000-0000-0000-000000000000',
  AZURE_TENANT_ID: 't',
  AZURE_CLIENT_ID: 'c',
  AZURE_CLIENT_SECRET: 's',
  AZURE_SIGNING_ENDPOINT: 'https://eus.codesigning.azure.net',
  AZURE_SIGNING_ACCOUNT: 'callreview',
  AZURE_SIGNING_PROFILE: 'public-trust',
  AZURE_SIGNING_PUBLISHER: 'Call Review'
}

describe('electron-builder configuration', () => {
  it('loads through electron-builder and passes its schema validation', async () => {
    const config = await getConfig(root, join(root, 'electron-builder.config.ts'), null)
    await expect(validate(config)).resolves.toBeUndefined()
    expect(config).toMatchObject({ appId: 'com.callreview.desktop', productName: 'Call Review', directories: { output: 'dist' } })
  })

  it('is validated for real: a misspelt option is rejected', async () => {
    const broken = { ...createBuilderConfig({}), linux: { ...createBuilderConfig({}).linux, targett: 'deb' } } as Configuration
    await expect(validate(broken)).rejects.toThrow(/configuration\.linux/)
  })

  it('validates with every signing variable and an update feed set', async () => {
    await expect(
      validate(createBuilderConfig({ ...SIGNING_ENV, CALL_REVIEW_UPDATE_URL: 'https://updates.example.com/call-review/' }))
    ).resolves.toBeUndefined()
  })

  it('builds dmg and zip on macOS, NSIS on Windows, AppImage and deb on Linux', () => {
    const config = createBuilderConfig({})
    const names = (targets: unknown) => [targets].flat().map((t) => (typeof t === 'string' ? t : (t as { target: string }).target))
    expect(names(config.mac?.target)).toEqual(['dmg', 'zip'])
    expect(names(config.win?.target)).toEqual(['nsis'])
    expect(names(config.linux?.target)).toEqual(['AppImage', 'deb'])
  })

  it('keeps every deb dependency electron-builder would add, plus libsecret, and recommends gnome-keyring', () => {
    const config = createBuilderConfig({})
    const defaults = FpmTarget.prototype['getDefaultDepends'].call(null, 'deb') as string[]
    expect(defaults.length).toBeGreaterThan(0)
    expect(config.deb?.depends).toEqual(expect.arrayContaining([...defaults, 'libsecret-1-0']))
    expect(config.deb?.recommends).toEqual(['gnome-keyring'])
  })

  it.each([
    'node_modules/keytar/build/Release/keytar.node',
    'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    'node_modules/better-sqlite3/lib/index.js'
  ])('unpacks %s from the asar', async (path) => {
    expect(await unpacked(createBuilderConfig({}), path)).toBe(true)
  })

  it('keeps the app code inside the asar', async () => {
    expect(await unpacked(createBuilderConfig({}), 'out/main/index.js')).toBe(false)
    expect(await unpacked(createBuilderConfig({}), 'node_modules/zod/index.js')).toBe(false)
  })

  it('ships the demo recordings and call fixtures as extra resources under demo/', () => {
    const [set] = createBuilderConfig({}).extraResources as FileSet[]
    expect(set).toMatchObject({ from: 'resources/demo', to: 'demo' })
    expect(readdirSync(join(root, set!.from!)).sort()).toEqual(expect.arrayContaining(['calls', 'recordings']))
  })

  it('has an icon for every platform, and no file associations or URL schemes', () => {
    const config = createBuilderConfig({})
    for (const icon of [config.mac?.icon, config.win?.icon, config.linux?.icon]) expect(existsSync(join(root, icon as string))).toBe(true)
    expect(readdirSync(join(root, config.linux?.icon as string))).toEqual(expect.arrayContaining(['256x256.png', '512x512.png']))
    expect(config.fileAssociations).toEqual([])
    expect(config.protocols).toEqual([])
  })

  it('publishes no update feed unless CALL_REVIEW_UPDATE_URL is set', () => {
    expect(createBuilderConfig({}).publish).toBeNull()
    expect(createBuilderConfig({ CALL_REVIEW_UPDATE_URL: 'https://updates.example.com/cr' }).publish).toEqual([
      { provider: 'generic', url: 'https://updates.example.com/cr' }
    ])
  })

  it('refuses an update feed that is not https', () => {
    expect(() => createBuilderConfig({ CALL_REVIEW_UPDATE_URL: 'http://updates.example.com/' })).toThrow(/https/)
    expect(() => createBuilderConfig({ CALL_REVIEW_UPDATE_URL: 'updates' })).toThrow(/not a URL/)
  })
})

describe('signing from the environment', () => {
  it('skips signing, saying so for each OS, when no variables are set', () => {
    const setup = signingConfig({})
    expect(setup.mac).toEqual({ identity: null, notarize: false })
    expect(setup.win).toEqual({})
    expect(setup.summary.darwin).toMatch(/NOT signed/)
    expect(setup.summary.win32).toMatch(/NOT signed/)
  })

  it('signs and notarizes on macOS with a certificate and an App Store Connect API key', () => {
    const setup = signingConfig(SIGNING_ENV)
    expect(setup.mac).toEqual({ notarize: true })
    expect(setup.summary.darwin).toMatch(/notarized/)
  })

  it('signs but says it does not notarize when the API key is missing', () => {
    const setup = signingConfig({ CSC_LINK: '/secure/cert.p12' })
    expect(setup.mac).toEqual({ notarize: false })
    expect(setup.summary.darwin).toMatch(/NOT notarized/)
  })

  it('uses Azure Trusted Signing on Windows when its variables are set, a certificate otherwise', () => {
    expect(signingConfig(SIGNING_ENV).win.azureSignOptions).toEqual({
      endpoint: 'https://eus.codesigning.azure.net',
      codeSigningAccountName: 'callreview',
      certificateProfileName: 'public-trust',
      publisherName: 'Call Review'
    })
    const cert = signingConfig({ WIN_CSC_LINK: '/secure/win.pfx' })
    expect(cert.win).toEqual({})
    expect(cert.summary.win32).toMatch(/certificate/)
  })
})
