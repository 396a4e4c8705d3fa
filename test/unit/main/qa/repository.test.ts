import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import { MAX_SESSION_CALLS } from '@shared/ipc/contract/values'
import { DEFAULT_CRITERIA, DEFAULT_TEMPLATE_ID } from '@shared/qa/default-template'
import { openQaDatabase } from '@main/services/qa/database'
import { MIGRATIONS } from '@main/services/qa/migrations'
import { QaRepository } from '@main/services/qa/qa-repository'

const ME = 'qa@example.com'
const OTHER = 'someone@example.com'
const open: QaRepository[] = []

function setup(start = Date.parse('2026-03-01T10:00:00Z')) {
  const profileDir = mkdtempSync(join(tmpdir(), 'qa-store-'))
  let now = start
  let ids = 0
  const make = () => {
    const store = new QaRepository(profileDir, () => new Date(now), { newId: () => `id-${++ids}` })
    open.push(store)
    return store
  }
  return { profileDir, store: make(), make, advance: (ms: number) => (now += ms) }
}

afterEach(() => {
  for (const store of open.splice(0)) store.close()
})

function thrown(fn: () => unknown): AppError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    return error as AppError
  }
  throw new Error('expected an AppError')
}

describe('QaRepository database', () => {
  it('creates <profileDir>/qa.sqlite with WAL, foreign keys and the latest schema version', () => {
    const { profileDir, store } = setup()
    expect(store.path).toBe(join(profileDir, 'qa.sqlite'))
    store.close()
    const db = new Database(join(profileDir, 'qa.sqlite'), { readonly: true })
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
    db.close()
    const reopened = openQaDatabase(join(profileDir, 'qa.sqlite'), () => new Date())
    expect(reopened.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(reopened.pragma('synchronous', { simple: true })).toBe(2) // FULL
    reopened.close()
  })

  it('runs only the missing migrations and copies the database aside before changing it', () => {
    const { profileDir } = setup()
    const path = join(profileDir, 'upgrade', 'qa.sqlite')
    const first = openQaDatabase(path, () => new Date(), MIGRATIONS)
    first.close()
    const extra = [...MIGRATIONS, (db: Database.Database) => db.exec('CREATE TABLE later (x INTEGER) STRICT')]
    const upgraded = openQaDatabase(path, () => new Date(), extra)
    expect(upgraded.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 1)
    expect(upgraded.prepare('SELECT COUNT(*) AS n FROM template_versions').get()).toEqual({ n: 1 })
    upgraded.close()
    const backup = `${path}.before-v${MIGRATIONS.length + 1}.bak`
    expect(existsSync(backup)).toBe(true)
    const old = new Database(backup, { readonly: true })
    expect(old.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
    old.close()
  })

  it('refuses a database written by a newer version instead of damaging it', () => {
    const { profileDir, store } = setup()
    store.close()
    const db = new Database(join(profileDir, 'qa.sqlite'))
    db.pragma(`user_version = ${MIGRATIONS.length + 5}`)
    db.close()
    const error = thrown(() => new QaRepository(profileDir))
    expect(error.message).toMatch(/newer Call Review .*Update Call Review/)
  })
})

describe('QaRepository templates', () => {
  it('ships the default inbound-call template as version 1', () => {
    const { store } = setup()
    const [first, ...rest] = store.listTemplates()
    expect(rest).toEqual([])
    expect(first).toMatchObject({ id: DEFAULT_TEMPLATE_ID, version: 1, archived: false, createdAt: '2026-03-01T10:00:00.000Z' })
    expect(first?.criteria).toEqual(DEFAULT_CRITERIA)
  })

  it('creates a template, giving new criteria ids made from their labels', () => {
    const { store } = setup()
    const t = store.saveTemplate(
      {
        name: 'Service desk',
        criteria: [
          { label: 'Résumé given', weight: 2, type: 'yes_no' },
          { label: 'Résumé given', weight: 1, type: 'scale_1_5', naAllowed: false, description: 'Twice on purpose' },
          { id: 'custom', label: '!!!', weight: 1, type: 'yes_no' }
        ]
      },
      ME
    )
    expect(t).toMatchObject({ id: 'id-1', version: 1, name: 'Service desk', createdBy: ME })
    expect(t.criteria.map((c) => [c.id, c.naAllowed])).toEqual([
      ['resume-given', true],
      ['resume-given-2', false],
      ['custom', true]
    ])
    expect(store.listTemplates().map((x) => x.id)).toEqual([DEFAULT_TEMPLATE_ID, 'id-1'])
  })

  it('saves an edit as the next version and keeps the old version readable', () => {
    const { store, advance } = setup()
    advance(60_000)
    const v2 = store.saveTemplate(
      { id: DEFAULT_TEMPLATE_ID, name: 'Inbound v2', criteria: [{ id: 'greeting', label: 'Greeting', weight: 5, type: 'yes_no' }] },
      ME
    )
    expect(v2).toMatchObject({ version: 2, name: 'Inbound v2', createdAt: '2026-03-01T10:01:00.000Z' })
    expect(store.getTemplate(DEFAULT_TEMPLATE_ID).version).toBe(2)
    expect(store.getTemplate(DEFAULT_TEMPLATE_ID, 1).criteria).toEqual(DEFAULT_CRITERIA)
    expect(store.listTemplates()).toHaveLength(1)
  })

  it('writes no new version when nothing changed', () => {
    const { store } = setup()
    const again = store.saveTemplate(
      { id: DEFAULT_TEMPLATE_ID, name: store.getTemplate(DEFAULT_TEMPLATE_ID).name, criteria: [...DEFAULT_CRITERIA] },
      ME
    )
    expect(again.version).toBe(1)
  })

  it('hides an archived template from the picker but keeps it for old sessions', () => {
    const { store } = setup()
    const t = store.saveTemplate({ name: 'Old', criteria: [{ label: 'A', weight: 1, type: 'yes_no' }] }, ME)
    expect(store.archiveTemplate(t.id, true).archived).toBe(true)
    expect(store.listTemplates().map((x) => x.id)).toEqual([DEFAULT_TEMPLATE_ID])
    expect(store.listTemplates(true).map((x) => x.id)).toEqual([DEFAULT_TEMPLATE_ID, t.id])
    expect(store.getTemplate(t.id).archived).toBe(true)
  })

  it('refuses to archive the built-in template, which sessions fall back to', () => {
    const { store } = setup()
    const error = thrown(() => store.archiveTemplate(DEFAULT_TEMPLATE_ID, true))
    expect(error.kind).toBe('validation')
    expect(error.message).toContain('cannot be archived')
    expect(store.listTemplates().map((x) => x.id)).toEqual([DEFAULT_TEMPLATE_ID])
    expect(store.archiveTemplate(DEFAULT_TEMPLATE_ID, false).archived).toBe(false)
  })

  it('says which template is missing', () => {
    const { store } = setup()
    expect(thrown(() => store.getTemplate('nope')).kind).toBe('not_found')
    expect(thrown(() => store.getTemplate(DEFAULT_TEMPLATE_ID, 9)).message).toContain('"default-inbound" version 9')
  })

  it('refuses duplicate criterion ids and an empty template with field errors', () => {
    const { store } = setup()
    const dup = thrown(() =>
      store.saveTemplate(
        {
          name: 'X',
          criteria: [
            { id: 'a', label: 'A', weight: 1, type: 'yes_no' },
            { id: 'a', label: 'B', weight: 1, type: 'yes_no' }
          ]
        },
        ME
      )
    )
    expect(dup.kind).toBe('validation')
    expect(dup.fields).toEqual([{ field: 'criteria.1.id', message: 'The criterion id "a" is used twice.' }])
    expect(thrown(() => store.saveTemplate({ name: 'X', criteria: [] }, ME)).message).toContain('at least one criterion')
  })
})

describe('QaRepository sessions', () => {
  it('creates a session over the calls in order, dropping repeats, scored with the latest template version', () => {
    const { store } = setup()
    const s = store.createSession(ME, {
      name: 'Monday calls',
      templateId: DEFAULT_TEMPLATE_ID,
      callIds: [30, 10, 20, 10],
      query: { disposition: ['ANSWERED'] }
    })
    expect(s).toMatchObject({
      id: 'id-1',
      name: 'Monday calls',
      reviewer: ME,
      templateId: DEFAULT_TEMPLATE_ID,
      templateVersion: 1,
      query: { disposition: ['ANSWERED'] },
      total: 3,
      reviewedCount: 0,
      flaggedCount: 0,
      position: { index: 0, seconds: 0 }
    })
    expect(s.items.map((i) => i.callId)).toEqual([30, 10, 20])
    expect(s.items[0]?.review).toMatchObject({ reviewed: false, flaggedForFollowUp: false, answers: {}, comment: '', score: null, updatedAt: null })
    expect(s.template.criteria).toEqual(DEFAULT_CRITERIA)
  })

  it('refuses a session without calls or with an unknown template', () => {
    const { store } = setup()
    expect(thrown(() => store.createSession(ME, { name: 'x', templateId: DEFAULT_TEMPLATE_ID, callIds: [] })).kind).toBe('validation')
    expect(thrown(() => store.createSession(ME, { name: 'x', templateId: 'gone', callIds: [1] })).kind).toBe('not_found')
    expect(store.listSessions(ME)).toEqual([])
  })

  it('lists the reviewer’s sessions most recently used first, with progress', () => {
    const { store, advance } = setup()
    const a = store.createSession(ME, { name: 'A', templateId: DEFAULT_TEMPLATE_ID, callIds: [1, 2, 3, 4] })
    advance(1000)
    store.createSession(ME, { name: 'B', templateId: DEFAULT_TEMPLATE_ID, callIds: [5] })
    advance(1000)
    store.saveReview(ME, { sessionId: a.id, callId: 1, reviewed: true })
    store.saveReview(ME, { sessionId: a.id, callId: 2, reviewed: true, flaggedForFollowUp: true })
    store.saveReview(ME, { sessionId: a.id, callId: 3, flaggedForFollowUp: true })
    const list = store.listSessions(ME)
    expect(list.map((s) => [s.name, s.reviewedCount, s.total, s.flaggedCount])).toEqual([
      ['A', 2, 4, 2],
      ['B', 0, 1, 0]
    ])
    expect(list[0]?.updatedAt).toBe('2026-03-01T10:00:02.000Z')
  })

  it('resumes where the reviewer left off', () => {
    const { store, make } = setup()
    const s = store.createSession(ME, { name: 'A', templateId: DEFAULT_TEMPLATE_ID, callIds: [1, 2, 3] })
    expect(store.updatePosition(ME, s.id, { index: 2, seconds: 61.5 })).toEqual({ index: 2, seconds: 61.5 })
    store.close()
    expect(make().getSession(ME, s.id).position).toEqual({ index: 2, seconds: 61.5 })
  })

  it('adds calls at the end of the queue, keeping those already in it and their reviews', () => {
    const { store, advance } = setup()
    const s = store.createSession(ME, { name: 'Assigned', templateId: DEFAULT_TEMPLATE_ID, callIds: [30, 10] })
    store.saveReview(ME, { sessionId: s.id, callId: 10, reviewed: true })
    store.updatePosition(ME, s.id, { index: 1, seconds: 12 })
    advance(5000)
    const more = store.addCalls(ME, { sessionId: s.id, callIds: [10, 50, 40, 50] })
    expect(more.items.map((i) => i.callId)).toEqual([30, 10, 50, 40])
    expect(more.items.map((i) => i.review.reviewed)).toEqual([false, true, false, false])
    expect(more).toMatchObject({ total: 4, reviewedCount: 1, position: { index: 1, seconds: 12 } })
    expect(store.listSessions(ME)[0]?.updatedAt).toBe('2026-03-01T10:00:05.000Z')
    // Nothing new: nothing changes.
    expect(store.addCalls(ME, { sessionId: s.id, callIds: [30] }).items.map((i) => i.callId)).toEqual([30, 10, 50, 40])
    // Another reviewer's session, or no call at all: refused, the queue unchanged.
    expect(thrown(() => store.addCalls(OTHER, { sessionId: s.id, callIds: [60] })).kind).toBe('not_found')
    expect(thrown(() => store.addCalls(ME, { sessionId: s.id, callIds: [] })).kind).toBe('validation')
    expect(store.getSession(ME, s.id).items).toHaveLength(4)
  })

  it('adds no call past the most a session holds, and says so', () => {
    const { store } = setup()
    const full = Array.from({ length: MAX_SESSION_CALLS - 1 }, (_, n) => n + 1)
    const s = store.createSession(ME, { name: 'Big', templateId: DEFAULT_TEMPLATE_ID, callIds: full })
    const error = thrown(() => store.addCalls(ME, { sessionId: s.id, callIds: [90_001, 90_002] }))
    expect(error.kind).toBe('validation')
    expect(error.message).toContain(
      `holds ${MAX_SESSION_CALLS - 1} calls and a session holds at most ${MAX_SESSION_CALLS}; the 2 new ones were not added`
    )
    expect(store.getSession(ME, s.id).items).toHaveLength(MAX_SESSION_CALLS - 1)
    expect(store.addCalls(ME, { sessionId: s.id, callIds: [90_001] }).items).toHaveLength(MAX_SESSION_CALLS)
  })

  it('refuses a position past the end of the queue', () => {
    const { store } = setup()
    const s = store.createSession(ME, { name: 'A', templateId: DEFAULT_TEMPLATE_ID, callIds: [1, 2] })
    const error = thrown(() => store.updatePosition(ME, s.id, { index: 2, seconds: 0 }))
    expect(error.kind).toBe('validation')
    expect(thrown(() => store.updatePosition(ME, s.id, { index: 0, seconds: -1 })).kind).toBe('validation')
  })

  it('keeps each reviewer’s sessions to themselves', () => {
    const { store } = setup()
    const mine = store.createSession(ME, { name: 'Mine', templateId: DEFAULT_TEMPLATE_ID, callIds: [1] })
    expect(store.listSessions(OTHER)).toEqual([])
    expect(thrown(() => store.getSession(OTHER, mine.id)).kind).toBe('not_found')
    expect(thrown(() => store.saveReview(OTHER, { sessionId: mine.id, callId: 1, reviewed: true })).kind).toBe('not_found')
    expect(thrown(() => store.addNote(OTHER, { sessionId: mine.id, callId: 1, seconds: 1, text: 'x' })).kind).toBe('not_found')
    const note = store.addNote(ME, { sessionId: mine.id, callId: 1, seconds: 1, text: 'mine' })
    expect(thrown(() => store.updateNote(OTHER, note.id, { text: 'theirs' })).kind).toBe('not_found')
    expect(thrown(() => store.deleteNote(OTHER, note.id)).kind).toBe('not_found')
    expect(thrown(() => store.deleteSession(OTHER, mine.id)).kind).toBe('not_found')
    expect(store.getSession(ME, mine.id).items[0]?.notes.map((n) => n.text)).toEqual(['mine'])
  })

  it('deletes a session at once, restores it on undo, and removes its reviews and notes when purged', () => {
    const { store, profileDir } = setup()
    const s = store.createSession(ME, { name: 'A', templateId: DEFAULT_TEMPLATE_ID, callIds: [1] })
    store.saveReview(ME, { sessionId: s.id, callId: 1, answers: { greeting: 'yes' }, reviewed: true })
    store.addNote(ME, { sessionId: s.id, callId: 1, seconds: 3, text: 'x' })
    store.deleteSession(ME, s.id)
    expect(store.listSessions(ME)).toEqual([])
    expect(() => store.getSession(ME, s.id)).toThrow(/no longer exists/)
    expect(store.reviewedCallIds(ME, [1])).toEqual(new Set())
    expect(store.restoreSession(ME, s.id).reviewedCount).toBe(1)
    expect(store.getSession(ME, s.id).items[0]?.notes).toHaveLength(1)
    store.deleteSession(ME, s.id)
    expect(store.purgeDeleted()).toBe(1)
    expect(() => store.restoreSession(ME, s.id)).toThrow(/no longer exists/)
    const db = new Database(join(profileDir, 'qa.sqlite'), { readonly: true })
    for (const table of ['session_calls', 'reviews', 'review_answers', 'notes']) {
      expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()).toEqual({ n: 0 })
    }
    db.close()
  })

  it('keeps a session on the template version it started with after the template is edited', () => {
    const { store } = setup()
    const s = store.createSession(ME, { name: 'A', templateId: DEFAULT_TEMPLATE_ID, callIds: [1] })
    store.saveReview(ME, { sessionId: s.id, callId: 1, answers: { greeting: 'yes', 'identified-need': 'no' }, reviewed: true })
    store.saveTemplate(
      { id: DEFAULT_TEMPLATE_ID, name: 'Changed', criteria: [{ id: 'greeting', label: 'Greeting', weight: 1, type: 'scale_1_5' }] },
      ME
    )
    const again = store.getSession(ME, s.id)
    expect(again.templateVersion).toBe(1)
    expect(again.template.criteria).toEqual(DEFAULT_CRITERIA)
    expect(again.items[0]?.review).toMatchObject({ templateVersion: 1, answers: { greeting: 'yes', 'identified-need': 'no' }, score: 25 })
    expect(store.createSession(ME, { name: 'B', templateId: DEFAULT_TEMPLATE_ID, callIds: [1] }).templateVersion).toBe(2)
  })
})

describe('QaRepository reviews', () => {
  function withSession() {
    const env = setup()
    const session = env.store.createSession(ME, { name: 'A', templateId: DEFAULT_TEMPLATE_ID, callIds: [11, 12] })
    return { ...env, session }
  }

  it('moves a review’s updated_at forward on every save, even two in one millisecond, and lists the reviews saved since a time', () => {
    const { store, session, advance } = withSession()
    const first = store.saveReview(ME, { sessionId: session.id, callId: 11, answers: { greeting: 'yes' } })
    expect(first.updatedAt).toBe('2026-03-01T10:00:00.000Z')
    // The clock has not moved: the save still orders after the one before (the team queue tells them apart by it).
    const second = store.saveReview(ME, { sessionId: session.id, callId: 11, comment: 'Same millisecond' })
    const third = store.saveReview(ME, { sessionId: session.id, callId: 11, flaggedForFollowUp: true })
    expect([second.updatedAt, third.updatedAt]).toEqual(['2026-03-01T10:00:00.001Z', '2026-03-01T10:00:00.002Z'])
    advance(5000)
    const later = store.saveReview(ME, { sessionId: session.id, callId: 12, answers: { greeting: 'no' } })
    expect(later.updatedAt).toBe('2026-03-01T10:00:05.000Z')
    expect(store.reviewsChangedSince(ME, '2026-03-01T10:00:00.002Z').map((r) => [r.callId, r.updatedAt, r.comment])).toEqual([
      [11, '2026-03-01T10:00:00.002Z', 'Same millisecond'],
      [12, '2026-03-01T10:00:05.000Z', '']
    ])
    expect(store.reviewsChangedSince(OTHER, '')).toEqual([])
  })

  it('merges each change into the review and returns it with the computed score', () => {
    const { store, session, advance } = withSession()
    store.saveReview(ME, { sessionId: session.id, callId: 11, answers: { greeting: 'yes' } })
    advance(5000)
    const review = store.saveReview(ME, {
      sessionId: session.id,
      callId: 11,
      answers: { 'identified-need': 'no', politeness: 5 },
      comment: 'Good tone'
    })
    expect(review).toMatchObject({
      sessionId: session.id,
      callId: 11,
      templateId: DEFAULT_TEMPLATE_ID,
      templateVersion: 1,
      answers: { greeting: 'yes', 'identified-need': 'no', politeness: 5 },
      comment: 'Good tone',
      reviewed: false,
      flaggedForFollowUp: false,
      updatedAt: '2026-03-01T10:00:05.000Z'
    })
    // greeting 1·1, need 3·0, politeness 2·1 → 3 / 6
    expect(review.score).toBe(50)
  })

  it('clears an answer given as null and stamps when a call was first marked reviewed', () => {
    const { store, session, advance } = withSession()
    store.saveReview(ME, { sessionId: session.id, callId: 11, answers: { greeting: 'yes', politeness: 3 } })
    expect(store.saveReview(ME, { sessionId: session.id, callId: 11, answers: { politeness: null } }).answers).toEqual({ greeting: 'yes' })
    const reviewed = store.saveReview(ME, { sessionId: session.id, callId: 11, reviewed: true })
    expect(reviewed.reviewedAt).toBe('2026-03-01T10:00:00.000Z')
    advance(1000)
    expect(store.saveReview(ME, { sessionId: session.id, callId: 11, reviewed: true }).reviewedAt).toBe('2026-03-01T10:00:00.000Z')
    expect(store.saveReview(ME, { sessionId: session.id, callId: 11, reviewed: false }).reviewedAt).toBeNull()
  })

  it('refuses answers that do not fit the scorecard and saves nothing of that change', () => {
    const { store, session } = withSession()
    const error = thrown(() =>
      store.saveReview(ME, { sessionId: session.id, callId: 11, comment: 'lost', answers: { greeting: 'na', politeness: 'yes', ghost: 'yes' } })
    )
    expect(error.kind).toBe('validation')
    expect(error.fields?.map((f) => f.field)).toEqual(['answers.greeting', 'answers.politeness', 'answers.ghost'])
    expect(store.getSession(ME, session.id).items[0]?.review.updatedAt).toBeNull()
  })

  it('refuses a call that is not in the session', () => {
    const { store, session } = withSession()
    const error = thrown(() => store.saveReview(ME, { sessionId: session.id, callId: 99, reviewed: true }))
    expect(error.kind).toBe('not_found')
    expect(error.message).toContain('Call 99 is not in the session "A"')
  })

  it('tells the calls list which calls the reviewer has reviewed', () => {
    const { store, session } = withSession()
    store.saveReview(ME, { sessionId: session.id, callId: 12, reviewed: true })
    store.saveReview(ME, { sessionId: session.id, callId: 11, flaggedForFollowUp: true })
    expect([...store.reviewedCallIds(ME, [11, 12, 13])]).toEqual([12])
    expect([...store.reviewedCallIds(OTHER, [11, 12])]).toEqual([])
  })

  it('summarises the session from what was saved', () => {
    const { store, session } = withSession()
    store.saveReview(ME, { sessionId: session.id, callId: 11, reviewed: true, answers: { greeting: 'yes', politeness: 4 } })
    store.saveReview(ME, { sessionId: session.id, callId: 12, flaggedForFollowUp: true, answers: { greeting: 'no' } })
    const summary = store.summary(ME, session.id)
    expect(summary).toMatchObject({ total: 2, reviewed: 1, flagged: 1, scored: 1 })
    // (1 + 2·0.75) / 3
    expect(summary.averageScore).toBeCloseTo((2.5 / 3) * 100)
    expect(summary.criteria.find((c) => c.criterionId === 'greeting')).toMatchObject({ answered: 1, yesRate: 1 })
    expect(summary.criteria.find((c) => c.criterionId === 'politeness')).toMatchObject({ answered: 1, average: 4 })
  })
})

describe('QaRepository notes', () => {
  it('adds, edits and deletes notes pinned to playback time, listed in playback order', () => {
    const { store, advance } = setup()
    const s = store.createSession(ME, { name: 'A', templateId: DEFAULT_TEMPLATE_ID, callIds: [1, 2] })
    const late = store.addNote(ME, { sessionId: s.id, callId: 1, seconds: 125, text: '  Quoted price  ' })
    const early = store.addNote(ME, { sessionId: s.id, callId: 1, seconds: 83.4, text: 'Greeting skipped' })
    store.addNote(ME, { sessionId: s.id, callId: 2, seconds: 5, text: 'Other call' })
    expect(late).toMatchObject({ sessionId: s.id, callId: 1, seconds: 125, text: 'Quoted price', createdAt: '2026-03-01T10:00:00.000Z' })
    expect(store.getSession(ME, s.id).items[0]?.notes.map((n) => n.text)).toEqual(['Greeting skipped', 'Quoted price'])
    advance(2000)
    const edited = store.updateNote(ME, early.id, { text: 'No greeting', seconds: 200 })
    expect(edited).toMatchObject({ text: 'No greeting', seconds: 200, updatedAt: '2026-03-01T10:00:02.000Z', createdAt: '2026-03-01T10:00:00.000Z' })
    expect(store.updateNote(ME, early.id, { text: 'Only text' }).seconds).toBe(200)
    store.deleteNote(ME, late.id)
    expect(store.getSession(ME, s.id).items[0]?.notes.map((n) => n.text)).toEqual(['Only text'])
    expect(thrown(() => store.updateNote(ME, late.id, { text: 'x' })).kind).toBe('not_found')
  })

  it('refuses an empty note, a negative time, and a call outside the session', () => {
    const { store } = setup()
    const s = store.createSession(ME, { name: 'A', templateId: DEFAULT_TEMPLATE_ID, callIds: [1] })
    expect(thrown(() => store.addNote(ME, { sessionId: s.id, callId: 1, seconds: 1, text: '   ' })).message).toContain('A note needs some text.')
    expect(thrown(() => store.addNote(ME, { sessionId: s.id, callId: 1, seconds: -1, text: 'x' })).kind).toBe('validation')
    expect(thrown(() => store.addNote(ME, { sessionId: s.id, callId: 2, seconds: 1, text: 'x' })).kind).toBe('not_found')
  })
})
