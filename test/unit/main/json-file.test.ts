import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { AppError } from '@shared/errors'
import { readJsonFile, writeJsonFile } from '@main/services/json-file'
import { createLogger } from '@main/services/log'
import { PrefsRepository } from '@main/services/prefs/prefs-repository'
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState } from '@main/services/window-state'

const Schema = z.object({ n: z.number() })

function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'json-file-'))
  const logFile = join(dir, 'main.log')
  return { dir, logFile, log: createLogger({ file: logFile }) }
}

describe('small JSON files the app owns', () => {
  it('falls back to the previous copy when the file is damaged, and logs it', () => {
    const { dir, log, logFile } = folder()
    const path = join(dir, 'a.json')
    writeJsonFile(path, { n: 1 })
    writeJsonFile(path, { n: 2 })
    writeFileSync(path, '{"n": ')
    expect(readJsonFile(path, Schema, { n: 0 }, { log })).toEqual({ n: 1 })
    expect(readFileSync(logFile, 'utf8')).toMatch(/a\.json is damaged; using its previous copy/)
  })

  it('removes the temp file of a failed write and throws a typed error naming the file', () => {
    const { dir } = folder()
    const path = join(dir, 'b.json')
    // A folder where the file should be: the rename over it fails.
    mkdirSync(join(path, 'inside'), { recursive: true })
    let thrown: unknown
    try {
      writeJsonFile(path, { n: 1 })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(Error)
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('says the disk is full, and where, when a write hits ENOSPC, and keeps what was saved', () => {
    const { dir } = folder()
    const path = join(dir, 'c.json')
    writeJsonFile(path, { n: 1 })
    // The temp file is /dev/full, which fails every write with ENOSPC: a real full disk.
    symlinkSync('/dev/full', `${path}.${process.pid}.tmp`)
    let thrown: unknown
    try {
      writeJsonFile(path, { n: 2 })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(AppError)
    expect(thrown).toMatchObject({ kind: 'disk_full', path })
    expect((thrown as AppError).message).toContain(`the disk holding ${path} is full`)
    expect(readJsonFile(path, Schema, { n: 0 })).toEqual({ n: 1 })
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('gives damaged preferences as defaults and a log line, never an error', () => {
    const { dir, log, logFile } = folder()
    writeFileSync(join(dir, 'prefs.json'), '\u0000\u0000')
    expect(new PrefsRepository(() => dir, log).get()).toEqual({})
    expect(readFileSync(logFile, 'utf8')).toMatch(/prefs\.json is damaged/)
  })

  it('opens the window at the default size when its state file is damaged, and saving on a full disk does not throw', () => {
    const { dir, log, logFile } = folder()
    writeFileSync(join(dir, 'window-state.json'), '[[[')
    expect(loadWindowState(dir, log)).toEqual(DEFAULT_WINDOW_STATE)
    expect(readFileSync(logFile, 'utf8')).toMatch(/window-state\.json is damaged/)
    const notAFolder = join(dir, 'blocked')
    writeFileSync(notAFolder, 'a file')
    expect(() => saveWindowState(notAFolder, DEFAULT_WINDOW_STATE, log)).not.toThrow()
    expect(readFileSync(logFile, 'utf8')).toMatch(/could not save its size and position/)
  })
})
