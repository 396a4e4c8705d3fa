import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { createLogger } from '@main/services/log'

describe('logger on a damaged or full disk', () => {
  it('never throws when the disk is full (ENOSPC from /dev/full)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'log-')), 'main.log')
    symlinkSync('/dev/full', file)
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    try {
      const log = createLogger({ file })
      expect(() => {
        log.error('first', { error: new Error('boom') })
        log.warn('second')
      }).not.toThrow()
      // Reported once, not once a line.
      expect(stderr.mock.calls.filter(([text]) => String(text).includes('could not write its log'))).toHaveLength(1)
    } finally {
      stderr.mockRestore()
    }
  })

  it('never throws when the log folder cannot be created (its parent is a file)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'log-'))
    writeFileSync(join(dir, 'logs'), 'not a folder')
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    try {
      expect(() => createLogger({ file: join(dir, 'logs', 'main.log') }).info('hello')).not.toThrow()
    } finally {
      stderr.mockRestore()
    }
  })

  it('keeps a field it cannot serialise from losing the message', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'log-')), 'main.log')
    const cyclic: Record<string, unknown> = {}
    cyclic['self'] = cyclic
    createLogger({ file }).warn('cycle', { cyclic })
    expect(JSON.parse(readFileSync(file, 'utf8').trim())).toMatchObject({ level: 'warn', message: 'cycle' })
  })

  it('rotates by size and keeps only a few files', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'log-')), 'main.log')
    const log = createLogger({ file, maxBytes: 400, keep: 2 })
    for (let i = 0; i < 40; i += 1) log.info(`line ${i}`, { pad: 'x'.repeat(40) })
    expect(readFileSync(file).length).toBeLessThanOrEqual(400)
    expect(existsSync(`${file}.1`)).toBe(true)
    expect(existsSync(`${file}.2`)).toBe(true)
    expect(existsSync(`${file}.3`)).toBe(false)
    expect(readFileSync(file, 'utf8')).toContain('line 39')
  })

  it('logs the code and path of a system error, for disk problems', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'log-')), 'main.log')
    const error = Object.assign(new Error('no space'), { code: 'ENOSPC', path: '/data/x' })
    createLogger({ file }).error('failed', { error })
    expect(JSON.parse(readFileSync(file, 'utf8').trim()).error).toEqual({ name: 'Error', message: 'no space', code: 'ENOSPC', path: '/data/x' })
  })
})
