/**
 * The QA toggles (auto-advance, auto-mark reviewed) are kept in the profile's prefs through the
 * shared prefs store, against main's real prefs handlers over a prefs.json in a temporary folder.
 * The QA store reads its toggles again whenever it loads (each visit to the QA launcher); a
 * toggle changed after the first read must not come back as it was.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { installQaBridge } from '@test/fixtures/bridges/qa-bridge'
import { QaRepository } from '@main/services/qa/qa-repository'

let main: QaRepository
let prefsDir: string

beforeEach(() => {
  main = new QaRepository(mkdtempSync(join(tmpdir(), 'qa-prefs-')), () => new Date('2026-03-01T17:00:00Z'))
  prefsDir = mkdtempSync(join(tmpdir(), 'qa-prefs-profile-'))
  installQaBridge({ main, reviewer: 'qa@example.com', exportDir: tmpdir(), prefsDir })
})

afterEach(async () => {
  const { usePrefsStore } = await import('@renderer/stores/prefs-store')
  usePrefsStore.getState().forget()
  main.close()
  Reflect.deleteProperty(globalThis, 'window')
})

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setTimeout(resolve, 0))
}

describe('QA toggles in the profile’s prefs', () => {
  it('keeps auto-mark reviewed and auto-advance as set when the QA store loads again', async () => {
    const { useQaStore } = await import('@renderer/stores/qa-store')
    await useQaStore.getState().load()
    expect(useQaStore.getState()).toMatchObject({ autoMarkReviewed: false, autoAdvance: false })

    useQaStore.getState().setAutoMarkReviewed(true)
    useQaStore.getState().setAutoAdvance(true)
    await settle()
    await useQaStore.getState().load()

    expect(useQaStore.getState()).toMatchObject({ autoMarkReviewed: true, autoAdvance: true })
    expect(JSON.parse(readFileSync(join(prefsDir, 'prefs.json'), 'utf8'))).toMatchObject({ autoMarkReviewed: true, autoAdvance: true })
  })

  it('reads them back from prefs.json on the next visit (a new read after forget)', async () => {
    const { useQaStore } = await import('@renderer/stores/qa-store')
    const { usePrefsStore } = await import('@renderer/stores/prefs-store')
    await useQaStore.getState().load()
    useQaStore.getState().setAutoMarkReviewed(true)
    await settle()
    usePrefsStore.getState().forget()
    useQaStore.setState({ autoMarkReviewed: false })

    await useQaStore.getState().load()
    expect(useQaStore.getState().autoMarkReviewed).toBe(true)
  })
})
