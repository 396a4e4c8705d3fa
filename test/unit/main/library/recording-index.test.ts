import { readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CallRecordSchema, type CallRecord } from '@shared/convirza/schemas'
import { CallListItemSchema } from '@shared/ipc/contract/calls'
import { RecordingIndex } from '@main/services/library/recording-index'
import { OpenLibraries, query, tempProfileDir } from '@test/fixtures/library/library-setup'
import { syntheticCalls } from '@test/fixtures/library/synthetic-calls'

const libraries = new OpenLibraries()
afterEach(() => libraries.closeAll())

const FETCHED = '2026-04-01T10:00:00.000Z'
const LATER = '2026-04-02T10:00:00.000Z'
const EARLIER = '2026-03-31T10:00:00.000Z'

function call(id: number, fields: Partial<CallRecord> & Record<string, unknown> = {}): CallRecord {
  return CallRecordSchema.parse({
    call_id: id,
    call_started: '2026-04-10T12:00:00.000Z',
    disposition: 'ANSWERED',
    duration: 60,
    caller_id: '18015551234',
    phone_number: '18015557654',
    ring_to: '18015550000',
    org_unit_id: 1200,
    campaign_id: 311,
    provisioned_route_id: 1022,
    campaign_name: 'Roofing Q1',
    group_name: 'Roofing Division',
    ai_caller_identity: 'Jane Smith',
    ...fields
  })
}

const APRIL = { start: '2026-04-01T00:00:00Z', end: '2026-04-30T00:00:00Z' }

describe('CallLibrary: storing calls', () => {
  it('keeps the vendor example record exactly as the API sent it, with when it was fetched', () => {
    const example = JSON.parse(readFileSync(resolve(__dirname, '../../../fixtures/get-calls-list.example.json'), 'utf8')) as {
      data: { calls: unknown[] }
    }
    const record = CallRecordSchema.parse({ ...(example.data.calls[0] as object), vendor_added_field: { kept: true } })
    const library = libraries.make()
    expect(library.upsertCalls([record], FETCHED)).toEqual({ inserted: 1, updated: 0 })
    expect(library.get(987654)).toEqual({ record, fetchedAt: FETCHED, reviewed: false, unlistedAt: null })
    expect(library.get(1)).toBeNull()
  })

  it('keeps a transcript fetched earlier when a later fetch comes without the transcription module', () => {
    const library = libraries.make()
    library.upsertCalls([call(1, { transcription: 'Caller: the roof leaks', tags: [{ tag_name: 'Lead' }] })], FETCHED)
    const update = library.upsertCalls([call(1, { disposition: 'VOICEMAIL', tags: [{ tag_name: 'Booked' }] })], LATER)
    expect(update).toEqual({ inserted: 0, updated: 1 })
    const stored = library.get(1)
    expect(stored?.record.transcription).toBe('Caller: the roof leaks')
    expect(stored?.record.disposition).toBe('VOICEMAIL')
    expect(stored?.record.tags?.map((t) => t.tag_name)).toEqual(['Booked'])
    expect(stored?.fetchedAt).toBe(LATER)
    expect(library.list(query(APRIL), { text: 'leaks' }).total).toBe(1)
  })

  it('lets an older fetch written late add a module it lacks but never overwrite newer fields', () => {
    const library = libraries.make()
    library.upsertCalls([call(1, { disposition: 'VOICEMAIL' })], LATER)
    library.upsertCalls([call(1, { disposition: 'ANSWERED', transcription: 'Caller: old but welcome' })], EARLIER)
    const stored = library.get(1)
    expect(stored?.record.disposition).toBe('VOICEMAIL')
    expect(stored?.record.transcription).toBe('Caller: old but welcome')
    expect(stored?.fetchedAt).toBe(LATER)
    expect(library.list(query(APRIL)).items[0]).toMatchObject({ disposition: 'VOICEMAIL', transcriptOffline: true })
  })

  it('replaces a module with the newer fetch of it, also when it is now empty', () => {
    const library = libraries.make()
    library.upsertCalls([call(1, { comments: [{ note: 'first note', first_name: 'Alex' }] })], FETCHED)
    library.upsertCalls([call(1, { comments: [] })], LATER)
    expect(library.get(1)?.record.comments).toEqual([])
    expect(library.list(query(APRIL), { text: 'first note' }).total).toBe(0)
  })

  it('keeps the reviewed mark across later fetches, and says false for a call it does not hold', () => {
    const library = libraries.make()
    library.upsertCalls([call(1)], FETCHED)
    expect(library.setReviewed(1, true)).toBe(true)
    library.upsertCalls([call(1, { disposition: 'BUSY' })], LATER)
    expect(library.get(1)?.reviewed).toBe(true)
    expect(library.list(query(APRIL)).items[0]?.reviewed).toBe(true)
    expect(library.setReviewed(1, false)).toBe(true)
    expect(library.get(1)?.reviewed).toBe(false)
    expect(library.setReviewed(999, true)).toBe(false)
  })

  it('keeps a call the server no longer lists, marked from when first noticed; only a newer fetch of it clears the mark', () => {
    const library = libraries.make()
    library.upsertCalls([call(1), call(2)], FETCHED)
    expect(library.markUnlisted([1], LATER)).toBe(1)
    expect(library.markUnlisted([1], '2026-04-03T10:00:00.000Z')).toBe(0)
    expect(library.get(1)).toMatchObject({ record: { call_id: 1 }, unlistedAt: LATER })
    expect(library.get(2)?.unlistedAt).toBeNull()
    expect(library.list(query(APRIL)).items.map((i) => [i.callId, i.unlistedAt])).toEqual([
      [2, undefined],
      [1, LATER]
    ])
    // A fetch older than the mark (a page read before the sync that noticed) proves nothing.
    library.upsertCalls([call(1, { transcription: 'hello' })], EARLIER)
    expect(library.get(1)?.unlistedAt).toBe(LATER)
    library.upsertCalls([call(1)], '2026-04-05T10:00:00.000Z')
    expect(library.get(1)?.unlistedAt).toBeNull()
  })

  it('stores a whole batch in one transaction: a batch with a failing record stores nothing', () => {
    const library = libraries.make()
    const bad = { ...call(2), call_started: 'not a date' } as CallRecord
    expect(() => library.upsertCalls([call(1), bad], FETCHED)).toThrow()
    expect(library.stats().calls).toBe(0)
  })

  it('keeps profiles apart: one profile folder never shows another profile’s calls', () => {
    const a = libraries.make(tempProfileDir())
    const b = libraries.make(tempProfileDir())
    a.upsertCalls([call(1)], FETCHED)
    expect(b.get(1)).toBeNull()
    expect(b.list(query(APRIL)).total).toBe(0)
    expect(a.path).not.toBe(b.path)
  })

  it('folds written calls into the database file shortly after the write, not during it', async () => {
    const library = libraries.make()
    const before = statSync(library.path).size
    library.upsertCalls(syntheticCalls(300), FETCHED)
    expect(statSync(library.path).size).toBe(before)
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(statSync(library.path).size).toBeGreaterThan(before + 300 * 1000)
  })

  it('opens its database in WAL mode with foreign keys on and synchronous NORMAL', () => {
    const library = libraries.make()
    expect(library.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(library.db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(library.db.pragma('synchronous', { simple: true })).toBe(1)
    expect(library.db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0)
  })
})

describe('CallLibrary: answering the API query', () => {
  function filled() {
    const library = libraries.make()
    library.upsertCalls(
      [
        call(1, { call_started: '2026-04-01T00:00:00.000Z', disposition: 'NO ANSWER' }),
        call(2, { call_started: '2026-04-05T08:00:00.000Z', caller_id: '14155550100', campaign_id: 312 }),
        call(3, { call_started: '2026-04-05T08:00:00.000Z', org_unit_id: 1300, disposition: 'VOICEMAIL' }),
        call(4, { call_started: '2026-04-20T09:30:00+02:00', provisioned_route_id: 2000, phone_number: '18015557777' }),
        call(5, { call_started: '2026-04-30T00:00:00.000Z', ring_to: '18015559999' }),
        call(6, { call_started: '2026-05-02T00:00:00.000Z' })
      ],
      FETCHED
    )
    return library
  }
  const ids = (result: { items: { callId: number }[] }) => result.items.map((i) => i.callId)

  it('orders by call_started newest first, ties by call_id, over an inclusive date range', () => {
    const result = filled().list(query(APRIL))
    expect(ids(result)).toEqual([5, 4, 3, 2, 1])
    expect(result.total).toBe(5)
  })

  it('compares start times written with an offset as the instants they are', () => {
    const library = filled()
    expect(ids(library.list(query({ start: '2026-04-20T07:30:00Z', end: '2026-04-20T07:30:01Z' })))).toEqual([4])
  })

  it.each([
    ['org_unit_id', { org_unit_id: 1300 }, [3]],
    ['campaign_id', { campaign_id: 312 }, [2]],
    ['provisioned_route_id', { provisioned_route_id: 2000 }, [4]],
    ['caller_id typed in E.164', { caller_id: '+14155550100' }, [2]],
    ['caller_id typed as people do', { caller_id: '(415) 555-0100' }, [2]],
    ['phone_number (tracking number)', { phone_number: '+18015557777' }, [4]],
    ['ring_to', { ring_to: '+1 801 555 9999' }, [5]],
    ['one disposition', { disposition: ['VOICEMAIL'] }, [3]],
    ['several dispositions, NO ANSWER among them', { disposition: ['NO ANSWER', 'VOICEMAIL'] }, [3, 1]]
  ])('filters by %s', (_name, filter, expected) => {
    const result = filled().list(query({ ...APRIL, ...filter }))
    expect(ids(result)).toEqual(expected)
    expect(result.total).toBe(expected.length)
  })

  it('answers call_id as the API does: one call, whatever the date range', () => {
    expect(ids(filled().list(query({ ...APRIL, call_id: 6 })))).toEqual([6])
  })

  it('pages stably: consecutive pages add up to the whole ordered list, each with the full total', () => {
    const library = libraries.make()
    // Many calls share a start time, so only the call_id tie-break keeps pages stable.
    const records = Array.from({ length: 57 }, (_, i) =>
      call(100 + i, { call_started: `2026-04-${String(10 + (i % 3)).padStart(2, '0')}T00:00:00.000Z` })
    )
    library.upsertCalls(records, FETCHED)
    const all = library.list(query({ ...APRIL, limit: 200 }))
    const paged = [0, 10, 20, 30, 40, 50].flatMap((offset) => {
      const page = library.list(query({ ...APRIL, limit: 10, offset }))
      expect(page.total).toBe(57)
      return ids(page)
    })
    expect(paged).toEqual(ids(all))
    expect(new Set(paged).size).toBe(57)
    expect(library.list(query({ ...APRIL, limit: 10, offset: 60 })).items).toEqual([])
  })

  it('maps rows to the list contract, telling whether transcript and recording are offline', () => {
    const library = libraries.make()
    library.upsertCalls(
      [
        call(1, {
          transcription: 'Caller: hello',
          tags: [{ tag_name: 'Lead' }, { tag_name: 'Booked' }],
          recording_details: { url: 'https://x/1.mp3' }
        }),
        call(2, { transcription: '   ', call_started: '2026-04-09T00:00:00.000Z' })
      ],
      FETCHED
    )
    new RecordingIndex(library.db).add({ callId: 1, file: '1.wav', bytes: 10, contentType: 'audio/wav', downloadedAt: FETCHED, lastPlayed: null })
    const [first, second] = library.list(query(APRIL)).items
    expect(CallListItemSchema.parse(first)).toEqual({
      callId: 1,
      started: '2026-04-10T12:00:00.000Z',
      durationSeconds: 60,
      callerId: '18015551234',
      callerIdentity: 'Jane Smith',
      trackingNumber: '18015557654',
      campaignName: 'Roofing Q1',
      groupName: 'Roofing Division',
      disposition: 'ANSWERED',
      tags: ['Lead', 'Booked'],
      reviewed: false,
      recordingOffline: true,
      transcriptOffline: true,
      score: null
    })
    expect(second).toMatchObject({ callId: 2, recordingOffline: false, transcriptOffline: false, tags: [] })
  })

  it('says when the page’s data was fetched: the oldest fetch on the page, null for an empty page', () => {
    const library = libraries.make()
    library.upsertCalls([call(1)], FETCHED)
    library.upsertCalls([call(2)], LATER)
    expect(library.list(query(APRIL)).fetchedAt).toBe(FETCHED)
    expect(library.list(query({ ...APRIL, call_id: 2 })).fetchedAt).toBe(LATER)
    expect(library.list(query({ start: '2026-01-01T00:00:00Z', end: '2026-01-02T00:00:00Z' }))).toEqual({ items: [], total: 0, fetchedAt: null })
  })
})

describe('CallLibrary: size and clearing', () => {
  it('reports its calls and database bytes, and clears every call and recording entry but keeps the cache limit', () => {
    const library = libraries.make()
    // Enough calls that their data outweighs the empty schema's pages (a page each table and index) many times.
    library.upsertCalls(syntheticCalls(600), FETCHED)
    const index = new RecordingIndex(library.db)
    index.add({ callId: 1_000_001, file: '1000001.wav', bytes: 4096, contentType: 'audio/wav', downloadedAt: FETCHED, lastPlayed: null })
    index.setLimit(200 * 1024 ** 2)
    const before = library.stats()
    expect(before.calls).toBe(600)
    expect(before.databaseBytes).toBeGreaterThan(600 * 1000)

    library.clear()
    const after = library.stats()
    expect(after.calls).toBe(0)
    expect(index.totals()).toEqual({ count: 0, bytes: 0 })
    // The cache's size setting is the user's choice, not cached data.
    expect(index.limit()).toBe(200 * 1024 ** 2)
    expect(after.databaseBytes).toBeLessThan(before.databaseBytes / 4)
    expect(library.list(query({ start: '2026-03-01T00:00:00Z', end: '2026-03-31T00:00:00Z' }), { text: 'roof' }).total).toBe(0)
    expect(library.db.pragma('integrity_check', { simple: true })).toBe('ok')
  })
})
