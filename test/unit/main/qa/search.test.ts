import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_TEMPLATE_ID } from '@shared/qa/default-template'
import { QaRepository } from '@main/services/qa/qa-repository'

const open: { store: QaRepository; dir: string }[] = []
afterEach(() => {
  for (const { store, dir } of open.splice(0)) {
    store.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

function storeWithWork(): QaRepository {
  const dir = mkdtempSync(join(tmpdir(), 'qa-search-'))
  const store = new QaRepository(dir, () => new Date('2026-04-01T10:00:00Z'))
  open.push({ store, dir })
  const session = store.createSession('ana@example.com', { name: 'April', templateId: DEFAULT_TEMPLATE_ID, callIds: [11, 12, 13] })
  store.addNote('ana@example.com', { sessionId: session.id, callId: 11, seconds: 72, text: 'Agent promised a Callback_100% tomorrow' })
  store.saveReview('ana@example.com', { sessionId: session.id, callId: 12, comment: 'Great rapport with the homeowner', flaggedForFollowUp: true })
  const other = store.createSession('ben@example.com', { name: 'Ben', templateId: DEFAULT_TEMPLATE_ID, callIds: [13] })
  store.addNote('ben@example.com', { sessionId: other.id, callId: 13, seconds: 5, text: 'Callback requested' })
  return store
}

describe('QaRepository.searchText', () => {
  it('finds a note by any of its words, case-insensitively, with its moment', () => {
    const hits = storeWithWork().searchText('ana@example.com', 'CALLBACK tomorrow')
    expect([...hits.entries()]).toEqual([[11, { kind: 'note', text: 'Agent promised a Callback_100% tomorrow', seconds: 72 }]])
  })

  it('finds a review comment, and "flagged" finds the flagged calls', () => {
    const store = storeWithWork()
    expect(store.searchText('ana@example.com', 'rapport').get(12)).toEqual({
      kind: 'comment',
      text: 'Great rapport with the homeowner',
      seconds: null
    })
    expect([...store.searchText('ana@example.com', 'flagged').keys()]).toEqual([12])
  })

  it('searches only the signed-in reviewer’s own work', () => {
    const store = storeWithWork()
    expect([...store.searchText('ben@example.com', 'callback').keys()]).toEqual([13])
    expect([...store.searchText('ana@example.com', 'requested').keys()]).toEqual([])
  })

  it('treats LIKE wildcards as plain characters', () => {
    expect([...storeWithWork().searchText('ana@example.com', '%').keys()]).toEqual([])
  })
})
