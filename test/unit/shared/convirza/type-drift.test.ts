import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCallsPage, type CallsPage } from '@shared/convirza/schemas'
import { timestampFromVariants } from '@shared/convirza/lenient'

const example = JSON.parse(readFileSync(join(__dirname, '../../../fixtures/get-calls-list.example.json'), 'utf8')) as {
  data: { calls: Record<string, unknown>[] }
}
const full = example.data.calls[0] as Record<string, unknown>

function page(calls: unknown[], total: unknown = calls.length): CallsPage {
  const parsed = parseCallsPage({ code: 200, data: { total, calls } })
  if ('error' in parsed) throw parsed.error
  return parsed
}

describe('records whose types drift from the documentation', () => {
  it('reads numbers sent as numeric strings and booleans sent as 0/1 or "true"', () => {
    const drifted = {
      ...full,
      duration: '182',
      repeat_call: 1,
      call_detail: { ...(full.call_detail as object), bill_second: '210', is_outbound: 'true' },
      recording_details: { ...(full.recording_details as object), expires_at: '1775462400' },
      voiceagent_data: { ...(full.voiceagent_data as object), outcome: '0' }
    }
    const [call] = page([drifted]).calls
    expect(call).toMatchObject({
      duration: 182,
      repeat_call: true,
      call_detail: { bill_second: 210, is_outbound: true },
      recording_details: { expires_at: 1775462400 },
      voiceagent_data: { outcome: false }
    })
    expect(call?.client_notes).toBeUndefined()
  })

  it.each([
    ['+0000 zone', '2026-02-14T18:20:12+0000', '2026-02-14T18:20:12.000Z'],
    ['a space instead of T', '2026-02-14 18:20:12Z', '2026-02-14T18:20:12.000Z'],
    ['no zone, read as UTC', '2026-02-14 18:20:12', '2026-02-14T18:20:12.000Z'],
    ['milliseconds and no zone', '2026-02-14T18:20:12.250', '2026-02-14T18:20:12.250Z'],
    ['Unix seconds', 1771093212, '2026-02-14T18:20:12.000Z'],
    ['Unix seconds as a string', '1771093212', '2026-02-14T18:20:12.000Z'],
    ['another zone, kept as sent', '2026-02-14T11:20:12-07:00', '2026-02-14T11:20:12-07:00']
  ])('reads call_started with %s', (_name, sent, read) => {
    expect(timestampFromVariants(sent)).toBe(read)
    const [call] = page([{ ...full, call_started: sent }]).calls
    expect(call?.call_started).toBe(read)
  })

  it('reads [] where an object is expected and {} where a list is expected as empty', () => {
    const [call] = page([{ ...full, recording_details: [], voiceagent_data: [], tags: {}, comments: {} }]).calls
    expect(call).toMatchObject({ recording_details: null, voiceagent_data: null, tags: [], comments: [] })
    expect(call?.client_notes).toBeUndefined()
  })

  it('reads calls: null and a total sent as a string as an empty page, and data: [] likewise', () => {
    expect(page(null as unknown as unknown[], '0')).toMatchObject({ total: 0, calls: [], issues: [], degraded: [] })
    const empty = parseCallsPage({ code: '200', data: [] })
    expect(empty).toMatchObject({ total: 0, calls: [] })
    expect(page([full], '42').total).toBe(42)
  })

  it('keeps a call with one unreadable field, empties that field and says why on the record and in the page', () => {
    const result = page([
      { ...full, call_id: 11, campaign_id: { id: 311 }, duration: 'three minutes' },
      { ...full, call_id: 12 }
    ])
    expect(result.calls.map((c) => c.call_id)).toEqual([11, 12])
    const kept = result.calls[0] as Record<string, unknown>
    expect(kept.campaign_id).toBeNull()
    expect(kept.duration).toBeNull()
    expect(kept.campaign_name).toBe('Roofing Q1')
    expect(kept.client_notes).toEqual(
      expect.arrayContaining([
        { field: 'campaign_id', message: expect.stringContaining('campaign id') },
        { field: 'duration', message: expect.stringMatching(/^duration was not a number \(got "three minutes"\)/) }
      ])
    )
    expect(result.degraded).toHaveLength(2)
    expect(result.degraded.every((d) => d.callId === 11)).toBe(true)
    expect(result.issues).toEqual([])
  })

  it('keeps a call whose nested field is unreadable, and drops only a bad list item', () => {
    const tags = [...(full.tags as object[]), 'not a tag']
    const [call] = page([{ ...full, call_detail: { ...(full.call_detail as object), bill_second: [1, 2] }, tags }]).calls
    expect(call?.call_detail?.bill_second).toBeNull()
    expect(call?.tags).toHaveLength((full.tags as object[]).length)
    expect(call?.client_notes?.map((n) => n.field).sort()).toEqual(['call_detail.bill_second', `tags.${tags.length - 1}`])
  })

  it('falls back to the creation time when call_started is unreadable, and says so', () => {
    const [call] = page([
      { ...full, call_started: 'yesterday', call_detail: { ...(full.call_detail as object), call_created: '2026-02-14 18:19:00' } }
    ]).calls
    expect(call?.call_started).toBe('2026-02-14T18:19:00.000Z')
    expect(call?.client_notes?.[0]?.message).toMatch(/when the call was created/)
  })

  it('drops a record only when its call_id is unusable, and reports it', () => {
    const result = page([
      { ...full, call_id: 'call-7' },
      { ...full, call_id: 8 }
    ])
    expect(result.calls.map((c) => c.call_id)).toEqual([8])
    expect(result.issues).toEqual([
      {
        callId: 'call-7',
        index: 0,
        path: 'call_id',
        message: 'the call has no usable call_id: call id could not be read: a whole number was expected (got "call-7")'
      }
    ])
  })

  it('says a missing call_id is missing, in words rather than as zod puts it', () => {
    const { call_id: _dropped, ...withoutId } = full
    const result = page([withoutId, { ...full, call_id: 9 }])
    expect(result.calls.map((c) => c.call_id)).toEqual([9])
    expect(result.issues[0]?.message).toBe('the call has no usable call_id: call id is missing')
    expect(result.issues[0]?.message).not.toMatch(/Invalid input|expected|received/)
  })

  it('keeps every field it does not know beside a degraded one', () => {
    const [call] = page([{ ...full, campaign_id: true, sentiment: { score: 0.7 } }]).calls as Record<string, unknown>[]
    expect(call?.sentiment).toEqual({ score: 0.7 })
    expect(call?.campaign_id).toBeNull()
  })
})
