import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CallRecordSchema, type CallRecord } from '../../src/shared/convirza/schemas'
import { toFtsMatch } from '../../src/main/services/library/fts-query'
import { OpenLibraries, query } from '../fixtures/library/library-setup'

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
      call(7, { transcription: 'Caller: please send an e-mail, I don’t have time. The inspection was fine.', disposition: 'VOICEMAIL' })
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
    ['the campaign name', 'radio', [6]]
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
    const result = library.list(query({ start: '2026-04-01T00:00:00Z', end: '2026-04-30T00:00:00Z', disposition: ['VOICEMAIL'] }), { text: 'inspection' })
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
    for (const text of ['AND', 'OR roof', 'NOT', 'roof AND', '"', '"roof', 'roof"', '*', 'roof*', '(roof', 'NEAR(roof storm)', 'col:roof', '-roof', '^roof', '+'])
      expect(() => library.list(APRIL, { text })).not.toThrow()
    expect(found(library, '"roof')).toEqual([1])
    expect(found(library, 'roof*')).toEqual([1])
    expect(found(library, 'transcription:storm')).toEqual([])
  })

  it('searches nothing by text when the input holds no word', () => {
    const library = searchable()
    expect(library.list(APRIL, { text: '  "*"  -- ' }).total).toBe(7)
    expect(library.list(APRIL, { text: '' }).total).toBe(7)
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

describe('toFtsMatch', () => {
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
    expect(toFtsMatch(input)).toBe(expected)
  })

  it.each(['', '   ', '"', '***', '()', '""'])('returns null for %j, which holds no word', (input) => {
    expect(toFtsMatch(input)).toBeNull()
  })
})
