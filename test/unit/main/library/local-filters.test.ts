import { afterEach, describe, expect, it } from 'vitest'
import { CallRecordSchema, type CallRecord } from '@shared/convirza/schemas'
import { LocalFiltersSchema } from '@shared/ipc/contract/calls'
import { OpenLibraries, query } from '@test/fixtures/library/library-setup'

const libraries = new OpenLibraries()
afterEach(() => libraries.closeAll())

const FETCHED = '2026-04-01T10:00:00.000Z'
const APRIL = query({ start: '2026-04-01T00:00:00Z', end: '2026-04-30T00:00:00Z' })

function call(id: number, fields: Record<string, unknown>): CallRecord {
  return CallRecordSchema.parse({ call_id: id, call_started: `2026-04-${String(id).padStart(2, '0')}T12:00:00.000Z`, ...fields })
}

function library() {
  const lib = libraries.make()
  lib.upsertCalls(
    [
      call(1, {
        duration: 30,
        tags: [{ tag_name: 'Price shopper' }],
        indicators: [
          { score_value: 80, agent: 'Priya Raman' },
          { score_value: 60, agent: 'Priya Raman' }
        ],
        transcription: 'hello',
        recording_details: { url: 'https://example.test/1.mp3' },
        campaign_id: 311,
        campaign_name: 'Spring Radio',
        provisioned_route_id: 1022,
        phone_number: '18005550100'
      }),
      call(2, {
        duration: 300,
        tags: [{ tag_name: 'Lead' }],
        indicators: [{ score_value: 95, agent: 'Sam Ortiz' }],
        campaign_id: 312,
        campaign_name: 'Search Ads'
      }),
      call(3, { duration: 90, tags: [{ tag_name: 'lead' }, { tag_name: 'Price shopper' }], call_detail: { ring_to_name: 'Front desk' } }),
      call(4, { duration: null, indicators: [{ score_value: 40 }] })
    ],
    FETCHED
  )
  return lib
}
const ids = (lib: ReturnType<typeof library>, local: Record<string, unknown>, marks: { reviewedIds?: number[]; flaggedIds?: number[] } = {}) =>
  lib
    .list(APRIL, { local: LocalFiltersSchema.parse(local), ...marks })
    .items.map((i) => i.callId)
    .sort((a, b) => a - b)

describe('library-only filters', () => {
  it('filters by tag in any case, by agent, and by duration and score ranges, inclusive', () => {
    const lib = library()
    expect(ids(lib, { tag: 'LEAD' })).toEqual([2, 3])
    expect(ids(lib, { agent: 'priya raman' })).toEqual([1])
    expect(ids(lib, { agent: 'Front desk' })).toEqual([3])
    expect(ids(lib, { minDuration: 90 })).toEqual([2, 3])
    expect(ids(lib, { minDuration: 30, maxDuration: 90 })).toEqual([1, 3])
    expect(ids(lib, { minScore: 70 })).toEqual([1, 2])
    expect(ids(lib, { maxScore: 70 })).toEqual([1, 4])
    expect(ids(lib, { tag: 'Price shopper', maxDuration: 60 })).toEqual([1])
  })

  it('filters by recording, transcript, and the reviewer’s reviewed and flagged marks', () => {
    const lib = library()
    expect(ids(lib, { hasRecording: true })).toEqual([1])
    expect(ids(lib, { hasTranscript: false })).toEqual([2, 3, 4])
    expect(ids(lib, { reviewed: 'yes' }, { reviewedIds: [2, 4] })).toEqual([2, 4])
    expect(ids(lib, { reviewed: 'no' }, { reviewedIds: [2, 4] })).toEqual([1, 3])
    expect(ids(lib, { flagged: true }, { flaggedIds: [3] })).toEqual([3])
    expect(ids(lib, { flagged: true })).toEqual([])
  })

  it('sorts by score both ways, calls without a score last, and gives each row its score', () => {
    const lib = library()
    const asc = lib.list(APRIL, { sort: { column: 'score', direction: 'asc' } }).items
    expect(asc.map((i) => i.callId)).toEqual([4, 1, 2, 3])
    expect(asc.map((i) => i.score)).toEqual([40, 70, 95, null])
    expect(lib.list(APRIL, { sort: { column: 'score', direction: 'desc' } }).items.map((i) => i.callId)).toEqual([2, 1, 4, 3])
  })

  it('refuses ranges whose low end is above their high end', () => {
    expect(LocalFiltersSchema.safeParse({ minDuration: 90, maxDuration: 30 }).success).toBe(false)
    expect(LocalFiltersSchema.safeParse({ minScore: 90, maxScore: 30 }).success).toBe(false)
  })

  it('offers the campaigns, routes, agents and tags the library holds', () => {
    const choices = library().choices()
    expect(choices.campaigns).toEqual([
      { id: 312, name: 'Search Ads', calls: 1 },
      { id: 311, name: 'Spring Radio', calls: 1 }
    ])
    expect(choices.routes).toEqual([{ id: 1022, trackingNumbers: ['18005550100'], campaignName: 'Spring Radio', calls: 1 }])
    expect(choices.agents).toEqual(['Front desk', 'Priya Raman', 'Sam Ortiz'])
    expect(choices.tags.map((t) => t.toLowerCase()).sort()).toEqual(['lead', 'lead', 'price shopper'])
  })
})
