import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import { DISPOSITIONS, INCLUDE_MODULES } from '@shared/convirza/schemas'
import { toQueryString, validateCallQuery, type CallQueryInput } from '@shared/convirza/query'
import { ConvirzaAuth } from '@main/services/convirza/auth'
import { ConvirzaClient } from '@main/services/convirza/client'
import { call, callsEnvelope, paramsOf, quietLog, sendJson, startFakeApi, type FakeApi } from '@test/fixtures/convirza-fake-api'

const NOW = new Date('2026-03-01T12:00:00.000Z')
const DAY = 86_400_000

let api: FakeApi
let client: ConvirzaClient
beforeAll(async () => {
  api = await startFakeApi((_req, res) => sendJson(res, 200, callsEnvelope([call(1)])))
  const auth = new ConvirzaAuth({ oauthBaseUrl: api.url, fetch, log: quietLog(), persist: async () => {} })
  auth.useAccessToken('query-test-token')
  client = new ConvirzaClient({ apiBaseUrl: api.url, fetch, auth, log: quietLog(), clock: () => NOW })
})
afterAll(() => api.close())

/** The request the client sent for `input`, as parsed by the server. */
async function sent(input: CallQueryInput): Promise<URLSearchParams> {
  const before = api.requests.length
  await client.listCalls(input)
  const request = api.requests[before]
  if (!request) throw new Error('no request was sent')
  return paramsOf(request)
}

/** The validation error for `input`; asserts that nothing was sent. */
async function refused(input: CallQueryInput): Promise<AppError> {
  const before = api.requests.length
  const error = await client.listCalls(input).then(
    () => null,
    (e: unknown) => e
  )
  expect(api.requests.length).toBe(before)
  expect(error).toBeInstanceOf(AppError)
  expect((error as AppError).kind).toBe('validation')
  return error as AppError
}

describe('call query rules, enforced before any request', () => {
  it('defaults to the last 7 days, limit 200 and offset 0', async () => {
    const params = await sent({})
    expect(params.get('end')).toBe(NOW.toISOString())
    expect(params.get('start')).toBe(new Date(NOW.getTime() - 7 * DAY).toISOString())
    expect(params.get('limit')).toBe('200')
    expect(params.get('offset')).toBe('0')
  })

  it('rejects a date range longer than 31 days, naming start and the max-range rule', async () => {
    const error = await refused({ start: '2026-01-01T00:00:00Z', end: '2026-02-01T00:00:01Z' })
    expect(error.fields).toEqual([{ field: 'start', message: expect.stringMatching(/may not exceed 31 days/) }])
    expect(error.message).toContain('start (max-range)')
  })

  it('accepts a range of exactly 31 days', async () => {
    const params = await sent({ start: '2026-01-01T00:00:00Z', end: '2026-02-01T00:00:00Z' })
    expect(params.get('start')).toBe('2026-01-01T00:00:00.000Z')
  })

  it('rejects an end equal to or before start, naming end and the after-start rule', async () => {
    for (const end of ['2026-02-01T00:00:00Z', '2026-01-31T00:00:00Z']) {
      const error = await refused({ start: '2026-02-01T00:00:00Z', end })
      expect(error.fields?.[0]?.field).toBe('end')
      expect(error.message).toContain('end (after-start)')
    }
  })

  it('rejects a timestamp that is not ISO 8601', async () => {
    const error = await refused({ start: 'March 3' })
    expect(error.message).toContain('start (iso8601)')
  })

  it('rejects limit 0 and 201, and offset -1, each naming its field and rule', async () => {
    expect((await refused({ limit: 0 })).message).toContain('limit (range)')
    expect((await refused({ limit: 201 })).message).toContain('limit (range)')
    expect((await refused({ limit: 2.5 })).message).toContain('limit (range)')
    const offset = await refused({ offset: -1 })
    expect(offset.fields).toEqual([{ field: 'offset', message: expect.stringMatching(/0 or more/) }])
    expect(offset.message).toContain('offset (min)')
  })

  it('reports every violation of a query at once', async () => {
    const error = await refused({ limit: 0, offset: -1, caller_id: 'pizza' })
    expect(error.fields?.map((f) => f.field)).toEqual(['limit', 'offset', 'caller_id'])
  })

  it('normalises a typed caller_id "(801) 555-1234" to E.164 +18015551234', async () => {
    expect((await sent({ caller_id: '(801) 555-1234' })).get('caller_id')).toBe('+18015551234')
    expect((await sent({ phone_number: '801.555.7654' })).get('phone_number')).toBe('+18015557654')
    expect((await sent({ ring_to: '18015550000' })).get('ring_to')).toBe('+18015550000')
  })

  it('refuses a caller_id that is not a phone number', async () => {
    for (const garbage of ['pizza', '123', '+1 000']) {
      const error = await refused({ caller_id: garbage })
      expect(error.fields?.[0]?.field).toBe('caller_id')
      expect(error.message).toContain('caller_id (e164)')
    }
  })

  it('encodes disposition "NO ANSWER" as NO%20ANSWER, several as repeated params', async () => {
    const before = api.requests.length
    await client.listCalls({ disposition: ['NO ANSWER', 'busy'] })
    const raw = api.requests[before]?.url ?? ''
    expect(raw).toContain('disposition=NO%20ANSWER')
    expect(raw).not.toContain('NO+ANSWER')
    expect(paramsOf(api.requests[before]!).getAll('disposition')).toEqual(['NO ANSWER', 'BUSY'])
  })

  it('refuses an unknown disposition, naming the allowed values', async () => {
    const error = await refused({ disposition: ['HUNG UP'] })
    expect(error.message).toContain('disposition (enum)')
    expect(error.message).toContain('NO ANSWER')
  })

  it('sends include as one comma-separated list and refuses unknown modules', async () => {
    expect((await sent({ include: ['tags', 'recordings', 'tags'] })).get('include')).toBe('tags,recordings')
    expect((await refused({ include: ['audio'] })).message).toContain('include (enum)')
  })

  it('sends every scoping id as given', async () => {
    const params = await sent({ org_unit_id: 1200, campaign_id: 311, provisioned_route_id: 1022 })
    expect([params.get('org_unit_id'), params.get('campaign_id'), params.get('provisioned_route_id')]).toEqual(['1200', '311', '1022'])
  })

  it.each(['org_unit_id', 'campaign_id', 'provisioned_route_id', 'call_id'] as const)(
    'refuses a %s of 0, -1 or 1.5, naming the field and the positive-integer rule',
    async (field) => {
      for (const value of [0, -1, 1.5]) {
        const error = await refused({ [field]: value })
        expect(error.fields).toEqual([{ field, message: `${field} must be a whole number of 1 or more; got ${value}.` }])
        expect(error.message).toContain(`${field} (positive-integer)`)
      }
      expect(validateCallQuery({ [field]: 1 }, NOW).ok).toBe(true)
    }
  )

  it('switches to single-record mode with call_id: no date range, no paging', async () => {
    const params = await sent({ call_id: 987654, start: '2020-01-01T00:00:00Z', end: '2026-01-01T00:00:00Z', include: ['recordings'] })
    expect(params.get('call_id')).toBe('987654')
    expect(params.has('start')).toBe(false)
    expect(params.has('offset')).toBe(false)
    expect(params.get('include')).toBe('recordings')
  })
})

describe('call query properties', () => {
  const instant = fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2030-01-01T00:00:00Z') })

  it('accepts any range of at most 31 days with end after start', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 31 * DAY }), (start, span) => {
        const result = validateCallQuery({ start: new Date(start).toISOString(), end: new Date(start + span).toISOString() }, NOW)
        expect(result.ok).toBe(true)
      })
    )
  })

  it('rejects any range longer than 31 days', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 31 * DAY + 1, max: 400 * DAY }), (start, span) => {
        const result = validateCallQuery({ start: new Date(start).toISOString(), end: new Date(start + span).toISOString() }, NOW)
        expect(result.ok).toBe(false)
      })
    )
  })

  it('accepts every limit from 1 to 200 and refuses every other integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), (limit) => {
        expect(validateCallQuery({ limit }, NOW).ok).toBe(limit >= 1 && limit <= 200)
      })
    )
  })

  it('round-trips every valid query through toQueryString and URLSearchParams', () => {
    const query = fc.record(
      {
        start: fc.constant('2026-02-01T00:00:00.000Z'),
        end: fc.constant('2026-02-20T00:00:00.000Z'),
        limit: fc.integer({ min: 1, max: 200 }),
        offset: fc.nat(100_000),
        org_unit_id: fc.integer({ min: 1, max: 1e6 }),
        campaign_id: fc.integer({ min: 1, max: 1e6 }),
        caller_id: fc.constantFrom('+18015551234', '(801) 555-1234', '+442071838750'),
        disposition: fc.uniqueArray(fc.constantFrom(...DISPOSITIONS), { minLength: 1 }),
        include: fc.uniqueArray(fc.constantFrom(...INCLUDE_MODULES), { minLength: 1 })
      },
      { requiredKeys: ['start', 'end', 'limit', 'offset'] }
    )
    fc.assert(
      fc.property(query, (input) => {
        const result = validateCallQuery(input, NOW)
        if (!result.ok) throw new Error(JSON.stringify(result.violations))
        const q = result.query
        const params = new URLSearchParams(toQueryString(q))
        expect(params.get('start')).toBe(q.start)
        expect(params.get('end')).toBe(q.end)
        expect(Number(params.get('limit'))).toBe(q.limit)
        expect(Number(params.get('offset'))).toBe(q.offset)
        expect(params.get('org_unit_id')).toBe(q.org_unit_id === undefined ? null : String(q.org_unit_id))
        expect(params.get('campaign_id')).toBe(q.campaign_id === undefined ? null : String(q.campaign_id))
        expect(params.get('caller_id')).toBe(q.caller_id ?? null)
        expect(params.getAll('disposition')).toEqual(q.disposition ?? [])
        expect(params.get('include')?.split(',') ?? []).toEqual(q.include ?? [])
      })
    )
  })
})
