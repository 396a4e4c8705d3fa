import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { formatPhoneNumber } from '@shared/phone'
import { AppError } from '@shared/errors'
import type { CallRecord } from '@shared/convirza/schemas'
import type { CallQuery } from '@shared/convirza/query'
import type { DemoServer } from '@main/services/demo-server'
import { rejection, signIn, startDemo, type SignedIn } from '@test/fixtures/convirza-demo'

let demo: DemoServer
let session: SignedIn
let seeded: readonly CallRecord[]
beforeAll(async () => {
  // Few calls keep the test fast; listings still span several pages of 100.
  demo = await startDemo({ calls: 800 })
  seeded = demo.calls
})
afterAll(() => demo.close())
beforeEach(async () => {
  demo.faults.clear()
  session = await signIn(demo)
  demo.faults.resetStats()
})

/** The seeded calls a validated query should return, newest first. */
function expected(query: CallQuery, keep: (call: CallRecord) => boolean = () => true): number[] {
  const start = Date.parse(query.start)
  const end = Date.parse(query.end)
  return seeded
    .filter((c) => {
      const t = Date.parse(c.call_started)
      return t >= start && t < end && keep(c)
    })
    .map((c) => c.call_id)
}

/** The first page's query (defaults filled in) and every call of it. */
async function everything(input: Parameters<SignedIn['client']['listCalls']>[0]): Promise<{ query: CallQuery; ids: number[]; calls: CallRecord[] }> {
  const { query } = await session.client.listCalls({ ...input, limit: 1 })
  const { calls, issues, total } = await session.client.listAllCalls({ ...input, limit: 100, start: query.start, end: query.end })
  expect(issues).toEqual([])
  expect(calls).toHaveLength(total)
  return { query, ids: calls.map((c) => c.call_id), calls }
}

describe('the client against the demo server: every parameter', () => {
  it('lists the last 7 days by default, every page of it, matching the seeded data', async () => {
    const { query, ids } = await everything({})
    expect(Date.parse(query.end) - Date.parse(query.start)).toBe(7 * 86_400_000)
    expect(ids.length).toBeGreaterThan(100)
    expect(ids).toEqual(expected(query))
  })

  it('pages with limit and offset without overlap or gap', async () => {
    const first = await session.client.listCalls({ limit: 50 })
    const second = await session.client.listCalls({ limit: 50, offset: 50, start: first.query.start, end: first.query.end })
    const both = [...first.calls, ...second.calls].map((c) => c.call_id)
    expect(both).toEqual(expected(first.query).slice(0, 100))
    expect(second.total).toBe(first.total)
  })

  it('takes a 31-day range', async () => {
    const end = new Date()
    const start = new Date(end.getTime() - 31 * 86_400_000)
    const { ids, query } = await everything({ start: start.toISOString(), end: end.toISOString() })
    expect(ids).toEqual(expected(query))
  })

  it('scopes to an org unit and the units below it', async () => {
    const { ids, calls, query } = await everything({ org_unit_id: 1100 })
    expect(new Set(calls.map((c) => c.org_unit_id))).toEqual(new Set([1100, 1110, 1120].filter((u) => calls.some((c) => c.org_unit_id === u))))
    expect(ids).toEqual(expected(query, (c) => [1100, 1110, 1120].includes(Number(c.org_unit_id))))
    expect(ids.length).toBeGreaterThan(0)
  })

  it('filters by campaign_id and by provisioned_route_id', async () => {
    const sample = seeded[0] as CallRecord
    const byCampaign = await everything({ campaign_id: Number(sample.campaign_id) })
    expect(byCampaign.ids).toEqual(expected(byCampaign.query, (c) => c.campaign_id === sample.campaign_id))
    const byRoute = await everything({ provisioned_route_id: Number(sample.provisioned_route_id) })
    expect(byRoute.ids).toEqual(expected(byRoute.query, (c) => c.provisioned_route_id === sample.provisioned_route_id))
    expect(byRoute.ids).toContain(sample.call_id)
  })

  it('finds a caller typed as people type it, e.g. "(970) 209-0925"', async () => {
    const sample = seeded[0] as CallRecord
    const typed = formatPhoneNumber(sample.caller_id)
    expect(typed).toMatch(/^\(\d{3}\) \d{3}-\d{4}$/)
    const { ids, query } = await everything({ caller_id: typed })
    expect(ids).toContain(sample.call_id)
    expect(ids).toEqual(expected(query, (c) => c.caller_id === sample.caller_id))
  })

  it('filters by the tracking number (phone_number) and the ring-to number', async () => {
    const sample = seeded[1] as CallRecord
    const tracking = await everything({ phone_number: formatPhoneNumber(sample.phone_number) })
    expect(tracking.ids).toEqual(expected(tracking.query, (c) => c.phone_number === sample.phone_number))
    const ringTo = await everything({ ring_to: `+${sample.ring_to}` })
    expect(ringTo.ids).toEqual(expected(ringTo.query, (c) => c.ring_to === sample.ring_to))
    expect(ringTo.ids).toContain(sample.call_id)
  })

  it('filters by disposition NO ANSWER, and by several dispositions', async () => {
    const noAnswer = await everything({ disposition: ['NO ANSWER'] })
    expect(noAnswer.ids.length).toBeGreaterThan(0)
    expect(noAnswer.ids).toEqual(expected(noAnswer.query, (c) => c.disposition === 'NO ANSWER'))
    const lastRequest = demo.faults.requests().at(-1)
    expect(lastRequest?.search).toContain('disposition=NO%20ANSWER')
    const several = await everything({ disposition: ['busy', 'FAILED', 'NO ANSWER'] })
    expect(several.ids).toEqual(expected(several.query, (c) => ['BUSY', 'FAILED', 'NO ANSWER'].includes(c.disposition ?? '')))
  })

  it('gets include modules only when asked for them', async () => {
    const bare = await session.client.listCalls({ limit: 20 })
    for (const call of bare.calls) {
      expect(call.tags).toBeUndefined()
      expect(call.recording_details).toBeUndefined()
      expect(call.transcription).toBeUndefined()
    }
    const rich = await session.client.listCalls({
      limit: 20,
      include: ['tags', 'comments', 'custom_sources', 'call_flow', 'recordings', 'transcription']
    })
    expect(rich.calls.some((c) => Array.isArray(c.tags))).toBe(true)
    expect(rich.calls.some((c) => typeof c.recording_details?.url === 'string')).toBe(true)
    expect(rich.calls.some((c) => typeof c.transcription === 'string')).toBe(true)
    expect(rich.calls.every((c) => c.custom_sources !== undefined)).toBe(true)
  })

  it('gets one call by call_id (single-record mode), whatever its date', async () => {
    const old = seeded.at(-1) as CallRecord
    const call = await session.client.getCall(old.call_id, ['tags', 'comments'])
    expect(call).toMatchObject({ call_id: old.call_id, call_started: old.call_started, tags: old.tags, comments: old.comments })
    const request = demo.faults.requests().at(-1)
    expect(request?.search).toContain(`call_id=${old.call_id}`)
    expect(request?.search).not.toContain('start=')
  })

  it('answers null for a call that does not exist', async () => {
    expect(await session.client.getCall(999)).toBeNull()
  })

  it('refuses an org unit outside the account with kind forbidden, the server message and its request id', async () => {
    const error = (await rejection(session.client.listCalls({ org_unit_id: demo.otherAccountOrgUnitId }))) as AppError
    expect(error).toBeInstanceOf(AppError)
    expect(error.kind).toBe('forbidden')
    expect(error.status).toBe(403)
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(error.message).toMatch(/org unit is outside your account/)
    expect(error.message).toContain(`org_unit_id ${demo.otherAccountOrgUnitId} is outside your account's hierarchy`)
    expect(demo.faults.requestCount('/v3/conversations/calls')).toBe(1)
  })

  it('sends nothing for a query that breaks a rule', async () => {
    await expect(session.client.listCalls({ start: '2026-01-01T00:00:00Z', end: '2026-03-01T00:00:00Z' })).rejects.toMatchObject({
      kind: 'validation'
    })
    await expect(session.client.listCalls({ caller_id: 'call me' })).rejects.toMatchObject({ kind: 'validation' })
    expect(demo.faults.requestCount()).toBe(0)
  })

  it("reads the org-unit tree of the user's own account", async () => {
    const tree = await session.client.groupsTree()
    expect(tree).toHaveLength(1)
    expect(tree[0]).toMatchObject({ org_unit_id: 1000, code: '1' })
    const ids = JSON.stringify(tree)
    expect(ids).toContain('"org_unit_id":1100')
    expect(ids).not.toContain(`"org_unit_id":${demo.otherAccountOrgUnitId}`)
  })
})

describe('the client against the demo server: recordings', () => {
  async function callWithRecording(): Promise<CallRecord> {
    const page = await session.client.listCalls({ limit: 50, include: ['recordings'] })
    const call = page.calls.find((c) => c.recording_details?.url)
    if (!call) throw new Error('no call with a recording in the first page')
    return call
  }

  it('streams a byte range of a recording with 206, Content-Range and an audio type', async () => {
    const call = await callWithRecording()
    const response = await session.client.openRecording(call, { range: 'bytes=0-99' })
    expect(response.status).toBe(206)
    expect(response.headers.get('content-range')).toMatch(/^bytes 0-99\/\d+$/)
    expect(response.headers.get('accept-ranges')).toBe('bytes')
    expect(response.headers.get('content-type')).toMatch(/^audio\//)
    expect((await response.arrayBuffer()).byteLength).toBe(100)
  })

  it('re-fetches the call when the URL it holds has expired, then plays', async () => {
    demo.faults.inject({ kind: 'expired-urls' })
    const call = await callWithRecording()
    expect(call.recording_details?.expires_at).toBeLessThan(Date.now() / 1000)
    demo.faults.resetStats()
    const response = await session.client.openRecording(call)
    expect(response.status).toBe(200)
    await response.body?.cancel()
    const paths = demo.faults.requests().map((r) => `${r.path}${r.path.startsWith('/v3/conversations') ? r.search : ''}`)
    expect(paths[0]).toBe(`/v3/conversations/calls?call_id=${call.call_id}&limit=1&include=recordings`)
    expect(paths.slice(1)).toEqual([`/v3/recordings/${call.call_id}`])
  })

  it('on 410 re-fetches the call for a fresh link and retries exactly once', async () => {
    const call = await callWithRecording()
    demo.faults.resetStats()
    demo.faults.inject({ kind: 'recording-expired' })
    const response = await session.client.openRecording(call, { range: 'bytes=10-19' })
    expect(response.status).toBe(206)
    expect((await response.arrayBuffer()).byteLength).toBe(10)
    expect(demo.faults.requests().map((r) => [r.path, r.status])).toEqual([
      [`/v3/recordings/${call.call_id}`, 410],
      ['/v3/conversations/calls', 200],
      [`/v3/recordings/${call.call_id}`, 206]
    ])
  })

  it('gives up with kind gone when the fresh link is refused too, without showing the signed URL', async () => {
    const call = await callWithRecording()
    demo.faults.inject({ kind: 'recording-expired', times: 2 })
    const error = (await rejection(session.client.openRecording(call))) as AppError
    expect(error.kind).toBe('gone')
    expect(error.message).toContain('Recording URL has expired. Please re-fetch the call to get a fresh link.')
    expect(error.message).not.toMatch(/sig=|expires=/)
  })
})
