import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { CallRecordSchema, type CallRecord } from '@shared/convirza/schemas'
import { LIBRARY_DATABASE_FILE } from '@main/services/library/database'
import { OpenLibraries, query, tempProfileDir } from '@test/fixtures/library/library-setup'

const libraries = new OpenLibraries()
afterEach(() => libraries.closeAll())

const FETCHED = '2026-04-01T10:00:00.000Z'
const APRIL = query({ start: '2026-04-01T00:00:00Z', end: '2026-04-30T00:00:00Z', limit: 7 })

/** 120 calls over April: most callers in one exchange (801 555), a few elsewhere, some without a ring-to or caller number. */
function calls(): CallRecord[] {
  return Array.from({ length: 120 }, (_, i) =>
    CallRecordSchema.parse({
      call_id: 100 + i,
      call_started: new Date(Date.parse('2026-04-01T08:00:00Z') + (i % 100) * 6 * 3_600_000).toISOString(),
      caller_id: i % 13 === 0 ? null : i % 10 === 0 ? `1212444${String(i).padStart(4, '0')}` : `1801555${String(i % 40).padStart(4, '0')}`,
      phone_number: `180055576${String(i % 3).padStart(2, '0')}`,
      ring_to: i % 4 === 0 ? null : `1415666${String(i % 5).padStart(4, '0')}`,
      transcription: 'Caller: the roof leaks.'
    })
  )
}

/** The calls one of whose numbers holds the digits, newest first: what search by number promises. */
function holding(records: readonly CallRecord[], digits: string): number[] {
  return records
    .filter((r) => [r.caller_id, r.phone_number, r.ring_to].some((n) => n?.includes(digits)))
    .sort((a, b) => (a.call_started === b.call_started ? b.call_id - a.call_id : a.call_started < b.call_started ? 1 : -1))
    .map((r) => r.call_id)
}

function everyPage(library: ReturnType<OpenLibraries['make']>, text: string): { ids: number[]; total: number } {
  const ids: number[] = []
  for (let offset = 0; ; offset += APRIL.limit) {
    const page = library.list({ ...APRIL, offset }, { text })
    ids.push(...page.items.map((i) => i.callId))
    if (page.items.length < APRIL.limit) return { ids, total: page.total }
  }
}

const tables = (db: Database.Database): { numbers: number; tails: number } => ({
  numbers: db.prepare('SELECT count(*) FROM phone_numbers').pluck().get() as number,
  tails: db.prepare('SELECT count(*) FROM phone_tails').pluck().get() as number
})

describe('CallLibrary: search by the digits of a number', () => {
  it.each([
    ['digits few numbers hold', '0017', '0017'],
    ['a number in another format', '(801) 555-0017', '8015550017'],
    ['digits most numbers hold', '+1 801 555', '1801555'],
    ['digits every number holds', '555', '555'],
    ['a tracking number', '800 555 7601', '8005557601'],
    ['digits no number holds', '999', '999']
  ])('finds the calls holding %s, counted and paged as the calls themselves say (%j)', (_what, text, digits) => {
    const records = calls()
    const library = libraries.make()
    library.upsertCalls(records, FETCHED)
    const expected = holding(records, digits)
    expect(everyPage(library, text)).toEqual({ ids: expected, total: expected.length })
  })

  it('finds the calls holding digits that many numbers hold, though not most (tested on each call in turn)', () => {
    // 100 callers in 801 555 and 200 in 303 777: more numbers hold "801 555" than are looked up one by one, but not most.
    const records = calls().flatMap((call, i) =>
      [0, 120, 240].map((shift) => ({
        ...call,
        call_id: call.call_id + shift * 10,
        caller_id: i + shift < 100 ? `1801555${String(i + shift).padStart(4, '0')}` : `1303777${String(i + shift).padStart(4, '0')}`
      }))
    )
    const library = libraries.make()
    library.upsertCalls(records, FETCHED)
    const expected = holding(records, '801555')
    expect(expected.length).toBe(100)
    expect(everyPage(library, '801 555')).toEqual({ ids: expected, total: 100 })
  })

  it('keeps each stored number once with its tails, adds a new one as it is stored, and finds a call by its new number only', () => {
    const library = libraries.make()
    const [first, second] = calls()
    library.upsertCalls([first!, second!], FETCHED)
    // caller (null for call 100), tracking and ring-to numbers: 1 + 2 + 1 distinct
    expect(tables(library.db).numbers).toBe(4)
    library.upsertCalls([{ ...second!, caller_id: '13035550199' }], '2026-04-02T10:00:00.000Z')
    expect(tables(library.db).numbers).toBe(5)
    expect(everyPage(library, '303 555').ids).toEqual([101])
    expect(everyPage(library, '801 555 0001').ids).toEqual([])

    library.clear()
    expect(tables(library.db)).toEqual({ numbers: 0, tails: 0 })
  })

  it('fills the numbers of a library stored before them, and finds its calls by digits', () => {
    const dir = tempProfileDir()
    const records = calls()
    libraries.make(dir).upsertCalls(records, FETCHED)
    const stored = tables(libraries.make(dir).db)
    libraries.closeAll()
    // Turn the file back into what version 8 wrote.
    const raw = new Database(join(dir, LIBRARY_DATABASE_FILE))
    raw.exec('DROP TABLE phone_numbers; DROP TABLE phone_tails')
    raw.pragma('user_version = 8')
    raw.close()

    const library = libraries.make(dir)
    expect(tables(library.db)).toEqual(stored)
    expect(stored.numbers).toBeGreaterThan(40)
    const expected = holding(records, '5550017')
    expect(everyPage(library, '555-0017')).toEqual({ ids: expected, total: expected.length })
  })
})
