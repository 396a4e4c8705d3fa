/**
 * Starting on a data folder that cannot be used: createAppServices — what the Electron
 * composition layer and the browser harness both call — refuses with a message naming the folder
 * (Electron shows it in a dialog before quitting), and the logger on that folder does not throw.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { AppError } from '@shared/errors'
import { createAppServices } from '@main/services/app-services'
import { createLogger } from '@main/services/log'
import { MemorySecretStore } from '@main/services/secrets/memory-secret-store'

async function startOn(dataDir: string): Promise<unknown> {
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
  try {
    const services = await createAppServices({
      dataDir,
      host: 'harness',
      version: '0.0.0-test',
      fetch: globalThis.fetch,
      log: createLogger({ file: join(dataDir, 'logs', 'main.log') }),
      isTrustedSender: () => true,
      emit: () => {},
      recordingUrl: (callId) => `recording://call/${callId}`,
      openExternal: async () => {},
      keychain: new MemorySecretStore()
    })
    await services.close()
    return null
  } catch (error) {
    return error
  } finally {
    stderr.mockRestore()
  }
}

describe('starting on a data folder that cannot be used', () => {
  it('says the folder is missing and cannot be created, naming it', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'data-folder-'))
    writeFileSync(join(parent, 'drive'), 'a file, not a folder: the drive is gone')
    const dataDir = join(parent, 'drive', 'Call Review')
    const error = await startOn(dataDir)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ kind: 'storage_unavailable', path: dataDir })
    expect((error as AppError).message).toContain(`its data folder ${dataDir} does not exist and cannot be created`)
  })

  it('says the disk is full, naming the folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'data-folder-'))
    mkdirSync(join(dataDir, 'logs'))
    // The write check's file is /dev/full: every write fails with ENOSPC.
    symlinkSync('/dev/full', join(dataDir, `.write-check-${process.pid}`))
    const error = await startOn(dataDir)
    expect(error).toMatchObject({ kind: 'disk_full', path: dataDir })
    expect((error as AppError).message).toContain(`the disk holding ${dataDir} is full`)
  })

  it('starts on a usable folder', async () => {
    expect(await startOn(mkdtempSync(join(tmpdir(), 'data-folder-')))).toBeNull()
  })
})
