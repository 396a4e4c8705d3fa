import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLogger } from '@main/services/log'

describe('logger', () => {
  it('never writes a registered secret, wherever it appears in a line', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'log-')), 'main.log')
    const log = createLogger({ file })
    log.addSecret('tok_ABCDEF123456')
    log.info('refreshed tok_ABCDEF123456', { header: 'Bearer tok_ABCDEF123456', nested: { t: 'x-tok_ABCDEF123456-y' } })
    log.error('failed', { error: new Error('bad token tok_ABCDEF123456') })
    const text = readFileSync(file, 'utf8')
    expect(text).not.toContain('tok_ABCDEF123456')
    expect(text.match(/\[redacted\]/g)).toHaveLength(4)
  })

  it('writes one JSON line per entry with time and level', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'log-')), 'main.log')
    const log = createLogger({ file, clock: () => new Date('2026-01-02T03:04:05Z') })
    log.warn('slow', { ms: 5 })
    expect(JSON.parse(readFileSync(file, 'utf8').trim())).toEqual({ time: '2026-01-02T03:04:05.000Z', level: 'warn', message: 'slow', ms: 5 })
  })
})
