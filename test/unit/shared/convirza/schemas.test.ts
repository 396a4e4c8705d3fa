import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCallsPage, parseCallsPageInSlices, type CallsPage } from '@shared/convirza/schemas'

const example: unknown = JSON.parse(readFileSync(join(__dirname, '../../../fixtures/get-calls-list.example.json'), 'utf8'))

describe('the vendor example response', () => {
  it('parses with parseCallsPage with no issues', () => {
    const page = parseCallsPage(example)
    if ('error' in page) throw page.error
    expect(page.issues).toEqual([])
    expect(page.total).toBe(42)
    expect(page.calls.length).toBeGreaterThan(0)
    expect(page.calls[0]).toMatchObject({ call_id: 987654, recording_details: { expires_at: 1775462400 } })
  })

  it('keeps every field of the example, including ones the schema does not name', () => {
    const page = parseCallsPage(example)
    if ('error' in page) throw page.error
    const raw = (example as { data: { calls: unknown[] } }).data.calls[0]
    expect(page.calls[0]).toEqual(raw)
  })

  it('keeps unknown fields the vendor adds, at the top level and inside nested objects and lists', () => {
    const body = structuredClone(example) as { vendor_new?: unknown; data: { calls: Record<string, unknown>[]; page_hint?: unknown } }
    const record = body.data.calls[0] as Record<string, unknown> & {
      recording_details: Record<string, unknown>
      call_detail: Record<string, unknown>
      voiceagent_data: Record<string, unknown>
      custom_sources: { custom_source_type_1: Record<string, unknown> }
      tags: Record<string, unknown>[]
      comments: Record<string, unknown>[]
      indicators: Record<string, unknown>[]
    }
    body.vendor_new = { rollout: 'beta' }
    body.data.page_hint = 'next'
    record.vendor_new = 'top-level extra'
    record.sentiment = { score: 0.7, label: 'positive' }
    record.recording_details.codec = 'opus'
    record.call_detail.carrier = 'acme'
    record.voiceagent_data.model = 'va-2'
    record.custom_sources.custom_source_type_1.utm_term = 'roof repair'
    record.tags[0]!.tag_color = '#ff0000'
    record.comments[0]!.pinned = true
    record.indicators[0]!.weight = 3
    const page = parseCallsPage(body)
    if ('error' in page) throw page.error
    expect(page.issues).toEqual([])
    const call = page.calls[0] as Record<string, unknown>
    expect(call.vendor_new).toBe('top-level extra')
    expect(call.sentiment).toEqual({ score: 0.7, label: 'positive' })
    expect(call).toMatchObject({
      recording_details: { codec: 'opus', recording_id: 1000 },
      call_detail: { carrier: 'acme' },
      voiceagent_data: { model: 'va-2', voiceagent_id: 42 },
      custom_sources: { custom_source_type_1: { utm_term: 'roof repair', custom_source_id: 445 } }
    })
    expect((call.tags as Record<string, unknown>[])[0]).toMatchObject({ tag_color: '#ff0000', tag_id: 1 })
    expect((call.comments as Record<string, unknown>[])[0]).toMatchObject({ pinned: true })
    expect((call.indicators as Record<string, unknown>[])[0]).toMatchObject({ weight: 3, indicator_id: 18 })
    expect(call).toEqual(record)
  })

  it('accepts every optional field as null and as missing', () => {
    const full = (example as { data: { calls: Record<string, unknown>[] } }).data.calls[0]!
    const optional = Object.keys(full).filter((key) => key !== 'call_id' && key !== 'call_started')
    expect(optional.length).toBeGreaterThan(20)
    const nulls = { ...full, call_id: 1, ...Object.fromEntries(optional.map((key) => [key, null])) }
    const bare = { call_id: 2, call_started: full.call_started }
    const nestedNulls = {
      ...full,
      call_id: 3,
      recording_details: Object.fromEntries(Object.keys(full.recording_details as object).map((key) => [key, null])),
      tags: [Object.fromEntries(Object.keys((full.tags as object[])[0]!).map((key) => [key, null]))],
      indicators: [{}]
    }
    const page = parseCallsPage({ code: 200, message: 'Success', data: { total: 3, calls: [nulls, bare, nestedNulls] } }) as CallsPage
    expect(page.issues).toEqual([])
    expect(page.calls.map((c) => c.call_id)).toEqual([1, 2, 3])
    expect(page.calls[0]).toEqual(nulls)
    expect(page.calls[1]).toEqual(bare)
    expect(page.calls[2]?.recording_details?.url).toBeNull()
    expect(page.requestId).toBeNull()
  })

  it('accepts a call_id sent as a numeric string and turns it into a number', () => {
    const full = (example as { data: { calls: Record<string, unknown>[] } }).data.calls[0]!
    const page = parseCallsPage({
      data: {
        total: 2,
        calls: [
          { ...full, call_id: '123456' },
          { ...full, call_id: 'call-7' }
        ]
      }
    }) as CallsPage
    expect(page.calls.map((c) => c.call_id)).toEqual([123456])
    expect(page.issues).toEqual([{ callId: 'call-7', index: 1, path: 'call_id', message: expect.any(String) }])
  })

  it.each([
    ['null', null],
    ['missing', undefined]
  ])(
    'reports a record whose call_started is %s and that has no creation time, with its call_id and path, while the rest of its page arrives',
    (_name, value) => {
      const full = (example as { data: { calls: Record<string, unknown>[] } }).data.calls[0]!
      const broken: Record<string, unknown> = { ...full, call_id: '8', call_detail: null }
      if (value === undefined) delete broken.call_started
      else broken.call_started = value
      const page = parseCallsPage({ data: { total: 3, calls: [{ ...full, call_id: 7 }, broken, { ...full, call_id: 9 }] } }) as CallsPage
      expect(page.calls.map((c) => c.call_id)).toEqual([7, 9])
      expect(page.issues).toEqual([{ callId: 8, index: 1, path: 'call_started', message: expect.any(String) }])
    }
  )

  it('reports one bad record with its call_id and field path while the rest of the page arrives', () => {
    const body = structuredClone(example) as { data: { calls: Record<string, unknown>[] } }
    const good = body.data.calls[0]!
    body.data.calls = [good, { ...good, call_id: 5, call_started: 'yesterday', call_detail: { call_created: 'last week' } }, { ...good, call_id: 6 }]
    const page = parseCallsPage(body)
    if ('error' in page) throw page.error
    expect(page.calls.map((c) => c.call_id)).toEqual([987654, 6])
    expect(page.issues).toEqual([{ callId: 5, index: 1, path: 'call_started', message: expect.any(String) }])
  })

  it('reads a page a slice at a time, pausing between slices, to the same result as at once', async () => {
    const body = structuredClone(example) as { data: { total: number; calls: Record<string, unknown>[] } }
    const good = body.data.calls[0]!
    // 60 records, one refused (no usable start time) and one kept with an emptied field.
    body.data.calls = Array.from({ length: 60 }, (_, i) => ({ ...good, call_id: 100 + i }))
    body.data.calls[7] = { ...good, call_id: 107, call_started: 'yesterday', call_detail: { call_created: 'last week' } }
    body.data.calls[41] = { ...good, call_id: 141, duration: 'long' }
    body.data.total = 60
    const order: string[] = []
    const sliced = await parseCallsPageInSlices(
      body,
      async () => {
        order.push('pause')
      },
      25
    )
    expect(sliced).toEqual(parseCallsPage(body))
    if ('error' in sliced) throw sliced.error
    expect(sliced.calls).toHaveLength(59)
    expect(sliced.issues.map((i) => i.callId)).toEqual([107])
    expect(sliced.degraded.map((d) => d.callId)).toEqual([141])
    // 60 records in slices of 25: two pauses (after 25 and after 50).
    expect(order).toEqual(['pause', 'pause'])
    expect(await parseCallsPageInSlices({ data: 'nope' }, async () => undefined)).toHaveProperty('error')
  })
})
