/**
 * The fuses of the packaged build (build/fuses.ts), flipped by @electron/fuses itself on a file
 * laid out like an Electron binary's fuse wire (its sentinel, version, length, one byte a fuse),
 * and the afterPack hook that applies them.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { flipFuses, FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { SENTINEL, FuseState } from '@electron/fuses/dist/constants'
import { Arch, log as builderLog, type AfterPackContext } from 'electron-builder'
import { describe, expect, it, vi } from 'vitest'
import { afterPack } from '../../build/after-pack'
import { FUSES, fusesFor } from '../../build/fuses'

/** A stand-in binary with Electron's fuse wire: every fuse enabled, as Electron ships most of them. */
function fakeElectron(fuseCount = 8): string {
  const wire = Buffer.concat([
    Buffer.from('\x7fELF padding '),
    Buffer.from(SENTINEL),
    Buffer.from([1, fuseCount]),
    Buffer.alloc(fuseCount, FuseState.ENABLE),
    Buffer.from(' tail')
  ])
  const path = join(mkdtempSync(join(tmpdir(), 'call-review-fuses-')), 'call-review')
  writeFileSync(path, wire)
  return path
}

describe('packaged build fuses', () => {
  it('turns off running as Node, NODE_OPTIONS and --inspect; turns on cookie encryption, asar integrity and asar-only loading', () => {
    expect(FUSES).toMatchObject({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true
    })
  })

  it('sets every fuse @electron/fuses knows, so none is left to Electron’s default', () => {
    const known = Object.values(FuseV1Options).filter((v) => typeof v === 'number')
    for (const fuse of known) expect(typeof FUSES[fuse as FuseV1Options], FuseV1Options[fuse as FuseV1Options]).toBe('boolean')
  })

  it('is written into the binary by @electron/fuses', async () => {
    const binary = fakeElectron()
    await flipFuses(binary, { ...fusesFor('linux', 'x64'), strictlyRequireAllFuses: true } as Parameters<typeof flipFuses>[1])
    const wire = await getCurrentFuseWire(binary)
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE)
    expect(readFileSync(binary).subarray(0, 4).toString('latin1')).toBe('\x7fELF')
  })

  it('re-signs ad hoc only where macOS requires it (Apple silicon)', () => {
    expect(fusesFor('darwin', 'arm64').resetAdHocDarwinSignature).toBe(true)
    expect(fusesFor('darwin', 'x64').resetAdHocDarwinSignature).toBe(false)
    expect(fusesFor('linux', 'arm64').resetAdHocDarwinSignature).toBe(false)
  })

  it('afterPack flips the fuses of the packaged binary and says how the build is signed', async () => {
    const binary = fakeElectron()
    const addElectronFuses = vi.fn((_ctx: unknown, fuses: Parameters<typeof flipFuses>[1]) => flipFuses(binary, fuses))
    const log = vi.spyOn(builderLog, 'info').mockImplementation(() => {})
    const context = { electronPlatformName: 'linux', arch: Arch.x64, packager: { addElectronFuses } } as unknown as AfterPackContext
    await afterPack(context)
    expect(addElectronFuses).toHaveBeenCalledWith(context, fusesFor('linux', 'x64'))
    expect((await getCurrentFuseWire(binary))[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE)
    expect(log.mock.calls.flat().join('\n')).toMatch(/signing: Linux/)
    log.mockRestore()
  })
})
