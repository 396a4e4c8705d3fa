import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CallRecordSchema, type CallRecord } from '@shared/convirza/schemas'
import { phoneDigits, toFtsMatch, toWordMatch } from '@main/services/library/fts-query'
import { findSearchHit, searchHits } from '@main/services/library/search-snippet'
import { OpenLibraries, query } from '@test/fixtures/library/library-setup'

const libraries = new OpenLibraries()
afterEach(() => libraries.closeAll())

const FETCHED = '2026-04-01T10:00:00.000Z'
const APRIL = query({ start: '2026-04-01T00:00:00Z', end: '2026-04-30T00:00:00Z' })

function call(id: number, fields: Record<string, unknown>): CallRecord {
  return CallRecordSchema.parse({ call_id: id, call_started: `2026-04-${String(id).padStart(2, '0')}T12:00:00.000Z`, ...fields })
}

/** Where the index is written: on its own thread (the app's default) or in the library's transactions (its fall back). */
let searchThread = true

function searchable() {
  const library = libraries.make(undefined, { searchThread })
  library.upsertCalls(
    [
      call(1, { transcription: 'Caller: I need a roof inspection before the storm.\nAgent: Thursday works.' }),
      call(2, { summary: 'Customer asked about financing options.' }),
      call(3, { comments: [{ note: 'Wants a callback about the warranty', first_name: 'Alex', last_name: 'Okafor' }] }),
      call(4, { tags: [{ tag_name: 'Price shopper' }] }),
      call(5, { ai_caller_identity: 'Chloé Müller' }),
      call(6, { campaign_name: 'Solar Spring Radio' }),
      call(7, { transcription: 'Caller: please send an e-mail, I don’t have time. The inspection was fine.', disposition: 'VOICEMAIL' }),
      call(8, { caller_id: '15125817682', phone_number: '18005550100', ring_to: '14155550123', group_name: 'Austin HVAC' }),
      call(9, { indicators: [{ agent: 'Priya Raman' }], transcription: 'Call me back at 7682 please' })
    ],
    FETCHED
  )
  return library
}
const found = (library: ReturnType<typeof searchable>, text: string, q = APRIL) => library.list(q, { text }).items.map((i) => i.callId)

describe.each([
  ['on its own thread', true],
  ['in the library’s transactions', false]
])('CallLibrary: full-text search, the index written %s', (_how, thread) => {
  beforeEach(() => {
    searchThread = thread
  })

  it('writes the index where this block says', () => {
    expect(searchable().search.threaded).toBe(thread)
  })

  it.each([
    ['the transcription', 'storm', [1]],
    ['the summary', 'financing', [2]],
    ['comment text', 'warranty', [3]],
    ['a comment’s author', 'Okafor', [3]],
    ['tag names', 'shopper', [4]],
    ['the caller identity, ignoring accents and case', 'chloe muller', [5]],
    ['the campaign name', 'radio', [6]],
    ['the group name', 'austin', [8]],
    ['an agent name', 'priya', [9]]
  ])('finds words in %s', (_where, text, expected) => {
    expect(found(searchable(), text)).toEqual(expected)
  })

  it('matches the last word as a prefix, so results follow typing', () => {
    const library = searchable()
    expect(found(library, 'insp')).toEqual([7, 1])
    expect(found(library, 'roof insp')).toEqual([1])
    expect(found(library, 'inspection roo')).toEqual([1])
  })

  it('requires every word, and treats "quoted words" as a phrase', () => {
    const library = searchable()
    expect(found(library, 'roof storm')).toEqual([1])
    expect(found(library, 'roof financing')).toEqual([])
    expect(found(library, '"roof inspection"')).toEqual([1])
    expect(found(library, '"inspection roof"')).toEqual([])
  })

  it('reads e-mail and don’t as the tokenizer splits them', () => {
    const library = searchable()
    expect(found(library, 'e-mail')).toEqual([7])
    expect(found(library, 'don’t have')).toEqual([7])
  })

  it('combines text with the query’s filters and counts the total', () => {
    const library = searchable()
    const result = library.list(query({ start: '2026-04-01T00:00:00Z', end: '2026-04-30T00:00:00Z', disposition: ['VOICEMAIL'] }), {
      text: 'inspection'
    })
    expect(result.items.map((i) => i.callId)).toEqual([7])
    expect(result.total).toBe(1)
  })

  it('searches the new text after a call is fetched again, and forgets the old', () => {
    const library = searchable()
    library.upsertCalls([call(1, { transcription: 'Caller: the gutter is loose.' })], '2026-04-02T00:00:00.000Z')
    expect(found(library, 'storm')).toEqual([])
    expect(found(library, 'gutter')).toEqual([1])
  })

  it('treats FTS operators, quotes and stars the user types as plain text', () => {
    const library = searchable()
    for (const text of [
      'AND',
      'OR roof',
      'NOT',
      'roof AND',
      '"',
      '"roof',
      'roof"',
      '*',
      'roof*',
      '(roof',
      'NEAR(roof storm)',
      'col:roof',
      '-roof',
      '^roof',
      '+'
    ])
      expect(() => library.list(APRIL, { text })).not.toThrow()
    expect(found(library, '"roof')).toEqual([1])
    expect(found(library, 'roof*')).toEqual([1])
    expect(found(library, 'transcription:storm')).toEqual([])
  })

  it('searches nothing by text when the input holds no word', () => {
    const library = searchable()
    expect(library.list(APRIL, { text: '  "*"  -- ' }).total).toBe(9)
    expect(library.list(APRIL, { text: '' }).total).toBe(9)
  })

  it('never throws, whatever is typed', () => {
    const library = searchable()
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const result = library.list(APRIL, { text })
        expect(result.total).toBeGreaterThanOrEqual(0)
      }),
      { numRuns: 300 }
    )
  })
})

describe.each([
  ['on its own thread', true],
  ['in the library’s transactions', false]
])('CallLibrary: search by phone number, the index written %s', (_how, thread) => {
  beforeEach(() => {
    searchThread = thread
  })

  it.each([
    ['(512) 581-7682', [8]],
    ['5125817682', [8]],
    ['+1 512 581', [8]],
    ['512-581', [8]],
    ['800 555', [8]],
    ['415.555.0123', [8]]
  ])('finds the caller, tracking or ring-to number typed as %j', (text, expected) => {
    expect(found(searchable(), text)).toEqual(expected)
  })

  it('finds partial digits in a number and the same digits said in a transcript', () => {
    expect(found(searchable(), '7682').sort()).toEqual([8, 9])
  })

  it('adds the calls the reviewer’s own notes matched to the text’s matches', () => {
    const library = searchable()
    const result = library.list(APRIL, { text: 'wobbulous', alsoIds: [2, 999] })
    expect(result.items.map((i) => i.callId)).toEqual([2])
    expect(result.total).toBe(1)
    expect(library.list(APRIL, { text: 'storm', alsoIds: [2] }).items.map((i) => i.callId)).toEqual([2, 1])
  })

  it('counts and pages words and QA matches together, each search afresh, sorted or filtered', () => {
    const library = searchable()
    const ids = (result: { items: { callId: number }[] }): number[] => result.items.map((i) => i.callId)
    expect(library.list(APRIL, { text: 'wobbulous', alsoIds: [2, 6] }).total).toBe(2)
    // The next search's matches are its own: the last one's calls 2 and 6 are not among them.
    const inspection = library.list(APRIL, { text: 'inspection', alsoIds: [3, 3, 999] })
    expect({ total: inspection.total, ids: ids(inspection) }).toEqual({ total: 3, ids: [7, 3, 1] })
    const sorted = library.list(APRIL, { text: 'inspection', alsoIds: [3], sort: { column: 'started', direction: 'asc' } })
    expect(ids(sorted)).toEqual([1, 3, 7])
    // A range that leaves some out: counted and listed without them.
    const early = library.list(query({ start: '2026-04-02T00:00:00Z', end: '2026-04-05T00:00:00Z' }), { text: 'inspection', alsoIds: [3, 4] })
    expect({ total: early.total, ids: ids(early) }).toEqual({ total: 2, ids: [4, 3] })
    // Paged: the second page holds the rest, once.
    const first = library.list({ ...APRIL, limit: 2 }, { text: 'inspection', alsoIds: [3, 5] })
    const second = library.list({ ...APRIL, limit: 2, offset: 2 }, { text: 'inspection', alsoIds: [3, 5] })
    expect([first.total, ...ids(first), ...ids(second)]).toEqual([4, 7, 5, 3, 1])
  })

  it('sorts the library by duration or caller, missing values last', () => {
    const library = searchable()
    library.upsertCalls([call(10, { duration: 30, ai_caller_identity: 'ava' }), call(11, { duration: 300, ai_caller_identity: 'Zed' })], FETCHED)
    const ids = (sort: { column: 'duration' | 'caller'; direction: 'asc' | 'desc' }) => library.list(APRIL, { sort }).items.map((i) => i.callId)
    expect(ids({ column: 'duration', direction: 'desc' }).slice(0, 2)).toEqual([11, 10])
    expect(ids({ column: 'duration', direction: 'asc' }).slice(0, 2)).toEqual([10, 11])
    expect(ids({ column: 'caller', direction: 'asc' }).slice(0, 4)).toEqual([8, 10, 5, 11])
  })

  it('does not look for two digits inside numbers (too common to mean one)', () => {
    expect(found(searchable(), '55')).toEqual([])
  })
})

describe('findSearchHit', () => {
  const record = CallRecordSchema.parse({
    call_id: 1,
    call_started: '2026-04-01T12:00:00Z',
    caller_id: '15125817682',
    transcription: 'Agent: Thanks for calling. Caller: the roof is leaking again after the storm.',
    tags: [{ tag_name: 'Lead' }]
  })

  it('says a number matched, formatted as people read it', () => {
    expect(findSearchHit(record, '581-7682')).toEqual({ where: 'number', snippet: '(512) 581-7682', seconds: null })
  })

  it('gives an excerpt of the transcript around the word', () => {
    const hit = findSearchHit(record, 'leaking')
    expect(hit?.where).toBe('transcript')
    expect(hit?.snippet).toContain('the roof is leaking again')
  })

  it('says a tag matched', () => {
    expect(findSearchHit(record, 'lead')).toEqual({ where: 'tag', snippet: 'Lead', seconds: null })
  })
})

describe('searchHits', () => {
  it('says where each call of a page matched, reading a stored record only when the list row cannot say', () => {
    const library = searchable()
    const read = vi.spyOn(library, 'rawRecords')
    const page = (text: string) => library.list(APRIL, { text }).items
    const number = { where: 'number', snippet: '(512) 581-7682', seconds: null }

    // The caller's number is on the list row: no record is read.
    expect(searchHits('581-7682', page('581-7682'), new Map(), library)).toEqual(new Map([[8, number]]))
    expect(read).toHaveBeenLastCalledWith([])
    // The ring-to number is not: the record says where.
    expect(searchHits('415 555 0123', page('415 555 0123'), new Map(), library)).toEqual(
      new Map([[8, { where: 'number', snippet: '(415) 555-0123', seconds: null }]])
    )
    expect(read).toHaveBeenLastCalledWith([8])
    // Digits said in a transcript, and the reviewer's own note.
    const hits = searchHits('7682', page('7682'), new Map(), library)
    expect(hits.get(8)).toEqual(number)
    expect(hits.get(9)?.where).toBe('transcript')
    const note = { kind: 'note' as const, text: 'Asked about the storm', seconds: 12 }
    expect(searchHits('storm', page('storm'), new Map([[1, note]]), library).get(1)).toEqual({
      where: 'note',
      snippet: 'Asked about the storm',
      seconds: 12
    })
  })
})

describe('phoneDigits', () => {
  it.each([
    ['(512) 581-7682', '5125817682'],
    ['+1 512 581', '1512581'],
    ['7682', '7682'],
    ['12', null],
    ['roof 512', null]
  ])('reads %j as digits %j', (input, expected) => {
    expect(phoneDigits(input)).toBe(expected)
  })
})

describe('toWordMatch', () => {
  it.each([
    ['roof', '"roof"*'],
    ['roof insp', '"roof" "insp"*'],
    ['"roof inspection"', '"roof inspection"'],
    ['"roof inspection" storm', '"roof inspection" "storm"*'],
    ['AND OR', '"AND" "OR"*'],
    ['e-mail', '"e mail"*'],
    ['"unclosed phrase', '"unclosed" "phrase"*'],
    ['Chloé', '"Chloé"*']
  ])('turns %j into %j', (input, expected) => {
    expect(toWordMatch(input)).toBe(expected)
  })

  it.each(['', '   ', '"', '***', '()', '""'])('returns null for %j, which holds no word', (input) => {
    expect(toFtsMatch(input)).toBeNull()
  })

  it('keeps words out of the digit tails and numbers in them', () => {
    expect(toFtsMatch('roof')).toBe('(- {phones} : ("roof"*))')
    expect(toFtsMatch('581-7682')).toBe('({phones} : "5817682"*) OR (- {phones} : ("581 7682"*))')
  })
})
