import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_TEMPLATE_ID } from '@shared/qa/default-template'
import { MIGRATIONS } from '@main/services/qa/migrations'
import { QaRepository } from '@main/services/qa/qa-repository'

const open: { store: QaRepository; dir: string }[] = []
afterEach(() => {
  for (const { store, dir } of open.splice(0)) {
    store.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

function storeWithWork(dir = mkdtempSync(join(tmpdir(), 'qa-search-'))): QaRepository {
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

  it('lists the matching calls by id, and reads where a page of them matched as the whole search does', () => {
    const store = storeWithWork()
    expect(store.searchTextCalls('ana@example.com', 'callback').sort()).toEqual([11])
    expect(store.searchTextCalls('ana@example.com', 'flagged')).toEqual([12])
    expect(store.searchTextCalls('ana@example.com', 'requested')).toEqual([])
    for (const text of ['callback', 'rapport', 'flagged', 'the']) {
      const all = store.searchText('ana@example.com', text)
      expect(store.searchTextHits('ana@example.com', text, [11, 12, 13])).toEqual(all)
      expect([...store.searchTextHits('ana@example.com', text, [12]).keys()]).toEqual([...all.keys()].filter((id) => id === 12))
    }
  })

  it('treats LIKE wildcards as plain characters', () => {
    expect([...storeWithWork().searchText('ana@example.com', '%').keys()]).toEqual([])
  })
})

/** The search index's rows beside the rows they index, read from the file (another connection). */
function indexRows(dir: string): { notes: number; noteEntries: number; reviews: number; commentEntries: number; keys: number } {
  const db = new Database(join(dir, 'qa.sqlite'), { readonly: true })
  try {
    const count = (sql: string): number => db.prepare(sql).pluck().get() as number
    return {
      notes: count('SELECT count(*) FROM notes'),
      noteEntries: count('SELECT count(*) FROM note_search'),
      reviews: count('SELECT count(*) FROM reviews'),
      commentEntries: count('SELECT count(*) FROM comment_search'),
      keys: count('SELECT (SELECT count(*) FROM note_search_keys) + (SELECT count(*) FROM comment_search_keys)')
    }
  } finally {
    db.close()
  }
}

describe('the index of the reviewer’s own words', () => {
  const ana = 'ana@example.com'
  const tempDir = (): string => mkdtempSync(join(tmpdir(), 'qa-search-'))

  it('follows notes and comments as they are written, changed and deleted, cascades included', () => {
    const dir = tempDir()
    const store = storeWithWork(dir)
    const session = store.listSessions(ana)[0]!
    const note = store.addNote(ana, { sessionId: session.id, callId: 13, seconds: 9, text: 'Asked about gutters' })
    expect([...store.searchText(ana, 'gutters').keys()]).toEqual([13])

    store.updateNote(ana, note.id, { text: 'Asked about skylights' })
    expect([...store.searchText(ana, 'gutters').keys()]).toEqual([])
    expect([...store.searchText(ana, 'skylights').keys()]).toEqual([13])

    store.saveReview(ana, { sessionId: session.id, callId: 12, comment: 'Lost the homeowner at the quote' })
    expect([...store.searchText(ana, 'rapport').keys()]).toEqual([])
    expect([...store.searchText(ana, 'homeowner quote').keys()]).toEqual([12])

    store.deleteNote(ana, note.id)
    expect([...store.searchText(ana, 'skylights').keys()]).toEqual([])
    // A note is part of its call's review, so each call noted has one: Ana's 11, 12 and 13, Ben's 13.
    expect(indexRows(dir)).toEqual({ notes: 2, noteEntries: 2, reviews: 4, commentEntries: 4, keys: 6 })

    // Deleting a session deletes its notes and reviews by cascade; their entries go with them.
    store.deleteSession(ana, session.id)
    store.purgeDeleted()
    expect([...store.searchText(ana, 'callback').keys()]).toEqual([])
    expect(indexRows(dir)).toEqual({ notes: 1, noteEntries: 1, reviews: 1, commentEntries: 1, keys: 2 })
  })

  it('still finds words shorter than the index’s three characters, and parts of words', () => {
    const store = storeWithWork()
    expect([...store.searchText(ana, 'a tomorrow').keys()]).toEqual([11])
    expect([...store.searchText(ana, 'ap').keys()]).toEqual([12])
    expect([...store.searchText(ana, 'allbac').keys()]).toEqual([11])
  })

  it('is built from the notes and comments of a QA database made before it', () => {
    const dir = tempDir()
    storeWithWork(dir).close()
    open.splice(0)
    // Turn the file back into what version 3 wrote.
    const raw = new Database(join(dir, 'qa.sqlite'))
    raw.exec(`
      DROP TRIGGER notes_searchable_insert; DROP TRIGGER notes_searchable_delete; DROP TRIGGER notes_searchable_update;
      DROP TRIGGER reviews_searchable_insert; DROP TRIGGER reviews_searchable_delete; DROP TRIGGER reviews_searchable_update;
      DROP TABLE note_search; DROP TABLE comment_search; DROP TABLE note_search_keys; DROP TABLE comment_search_keys;
    `)
    raw.pragma(`user_version = ${MIGRATIONS.length - 1}`)
    raw.close()

    const store = new QaRepository(dir)
    open.push({ store, dir })
    expect(indexRows(dir)).toEqual({ notes: 2, noteEntries: 2, reviews: 3, commentEntries: 3, keys: 5 })
    expect([...store.searchText(ana, 'callback').keys()]).toEqual([11])
    expect([...store.searchText(ana, 'rapport').keys()]).toEqual([12])
  })
})
