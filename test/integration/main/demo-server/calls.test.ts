/**
 * Contract tests of the demo server's GET /v3/conversations/calls and GET /v3/groups/tree
 * against docs/convirza-api.md, with the seeded dataset (`server.calls`) as the oracle.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoServer, DEMO_USERS, type DemoServer } from '@main/services/demo-server'
import { CallRecordSchema, DISPOSITIONS, GroupNodeSchema, INCLUDE_MODULES, parseCallsPage, type CallRecord } from '@shared/convirza/schemas'

const NOW = new Date('2026-03-01T12:00:00.000Z')
const DAY = 86_400_000
let server: DemoServer
let token: string

interface Envelope {
  code: number
  message: string
  request_id: string
  timestamp: string
  data: { total: number; calls: Record<string, unknown>[] }
}

async function signIn(user: { email: string; password: string; org_unit_id: number }): Promise<string> {
  const res = await fetch(`${server.oauthBaseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password, org_unit_id: user.org_unit_id })
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as { access_token: string }).access_token
}

async function getCalls(query: string, bearer: string | null = token): Promise<{ status: number; body: Envelope; headers: Headers }> {
  const res = await fetch(`${server.apiBaseUrl}/v3/conversations/calls?${query}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} })
  return { status: res.status, body: (await res.json()) as Envelope, headers: res.headers }
}

const ids = (calls: readonly { call_id?: unknown }[]): unknown[] => calls.map((c) => c.call_id)
const startedIn = (from: number, to: number) => (c: CallRecord) => Date.parse(c.call_started) >= from && Date.parse(c.call_started) < to
const lastWeek = (): CallRecord[] => server.calls.filter(startedIn(NOW.getTime() - 7 * DAY, NOW.getTime()))
const range = (daysAgoFrom: number, daysAgoTo = 0): string =>
  `start=${new Date(NOW.getTime() - daysAgoFrom * DAY).toISOString()}&end=${new Date(NOW.getTime() - daysAgoTo * DAY).toISOString()}`

beforeAll(async () => {
  server = await startDemoServer({ calls: 2000, seed: 7, now: () => NOW })
  token = await signIn(server.login)
})
afterAll(async () => {
  await server?.close()
})

describe('the seeded records', () => {
  it('every seeded record parses with CallRecordSchema', () => {
    expect(server.calls).toHaveLength(2000)
    for (const call of server.calls) expect(CallRecordSchema.safeParse(call).error).toBeUndefined()
  })

  it('has every field of the vendor example record, nested objects included', () => {
    const example = JSON.parse(readFileSync(resolve('test/fixtures/get-calls-list.example.json'), 'utf8')) as Envelope
    const sample = example.data.calls[0] as Record<string, unknown>
    const full = server.calls.find(
      (c) => c.voiceagent_data && c.recording_details && c.tags?.length && c.comments?.length && c.custom_sources?.custom_source_type_4
    )
    expect(full).toBeDefined()
    const record = full as Record<string, unknown>
    for (const [key, value] of Object.entries(sample)) {
      expect(record, key).toHaveProperty(key)
      const ours = Array.isArray(record[key]) ? (record[key] as unknown[])[0] : record[key]
      const theirs = Array.isArray(value) ? value[0] : value
      if (theirs && typeof theirs === 'object') expect(Object.keys(ours as object), key).toEqual(expect.arrayContaining(Object.keys(theirs)))
    }
  })

  it('answers pages that parse with parseCallsPage without a single issue', async () => {
    const { body } = await getCalls(`limit=200&include=${INCLUDE_MODULES.join(',')}`)
    const page = parseCallsPage(body)
    expect('error' in page).toBe(false)
    if ('error' in page) return
    expect(page.issues).toEqual([])
    expect(page.calls).toHaveLength(Math.min(200, lastWeek().length))
  })
})

describe('paging, ordering and the default range', () => {
  it('defaults to the last 7 days and reports every match in total', async () => {
    const { status, body } = await getCalls('limit=5')
    expect(status).toBe(200)
    expect(body).toMatchObject({ code: 200, message: 'Success', request_id: expect.any(String), timestamp: NOW.toISOString() })
    expect(body.data.total).toBe(lastWeek().length)
    expect(ids(body.data.calls)).toEqual(ids(lastWeek().slice(0, 5)))
  })

  it('pages through every match newest first, without gaps or repeats', async () => {
    const expected = server.calls.filter(startedIn(NOW.getTime() - 20 * DAY, NOW.getTime()))
    const seen: Record<string, unknown>[] = []
    for (let offset = 0; offset < expected.length; offset += 137) {
      const { body } = await getCalls(`${range(20)}&limit=137&offset=${offset}`)
      expect(body.data.total).toBe(expected.length)
      seen.push(...body.data.calls)
    }
    expect(ids(seen)).toEqual(ids(expected))
    const times = seen.map((c) => Date.parse(c.call_started as string))
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })

  it('answers an offset past the end with no calls and the same total', async () => {
    const { status, body } = await getCalls(`limit=10&offset=100000`)
    expect(status).toBe(200)
    expect(body.data).toEqual({ total: lastWeek().length, calls: [] })
  })

  it('takes a start alone as "from start until now"', async () => {
    const { body } = await getCalls(`start=${new Date(NOW.getTime() - 3 * DAY).toISOString()}&limit=1`)
    expect(body.data.total).toBe(server.calls.filter(startedIn(NOW.getTime() - 3 * DAY, NOW.getTime())).length)
  })

  it('accepts a range of exactly 31 days', async () => {
    const { status, body } = await getCalls(`${range(31)}&limit=1`)
    expect(status).toBe(200)
    expect(body.data.total).toBe(server.calls.filter(startedIn(NOW.getTime() - 31 * DAY, NOW.getTime())).length)
  })

  it('spreads the data over more than 35 days', () => {
    const oldest = Date.parse((server.calls.at(-1) as CallRecord).call_started)
    expect(NOW.getTime() - oldest).toBeGreaterThan(35 * DAY)
  })
})

describe('400 for each broken rule, with a message naming it', () => {
  const cases: [string, string, RegExp][] = [
    ['a missing limit', '', /limit is required/],
    ['a limit of 0', 'limit=0', /limit must be a whole number from 1 to 200/],
    ['a limit of 201', 'limit=201', /limit must be a whole number from 1 to 200/],
    ['a limit that is not a number', 'limit=ten', /limit must be/],
    ['a negative offset', 'limit=10&offset=-1', /offset must be a whole number of 0 or more/],
    ['a start that is not ISO 8601', 'limit=10&start=yesterday', /start must be an ISO 8601 timestamp/],
    ['an end that is not ISO 8601', 'limit=10&end=2026-13-45T99:00:00Z', /end must be an ISO 8601 timestamp/],
    ['an end equal to start', `limit=10&start=2026-02-01T00:00:00Z&end=2026-02-01T00:00:00Z`, /end must be strictly greater than start/],
    ['an end before start', `limit=10&start=2026-02-10T00:00:00Z&end=2026-02-01T00:00:00Z`, /end must be strictly greater than start/],
    ['a range longer than 31 days', `limit=10&${range(32)}`, /must not exceed 31 days/],
    ['a caller_id without its +', 'limit=10&caller_id=18015551234', /caller_id must be an E\.164 phone number/],
    ["a caller_id whose '+' was not encoded", 'limit=10&caller_id=+18015551234', /encode it as %2B/],
    ['a phone_number that is not a number', 'limit=10&phone_number=call-me', /phone_number must be a phone number/],
    ['a ring_to that is too short', 'limit=10&ring_to=555', /ring_to must be a phone number/],
    ['an unknown disposition', 'limit=10&disposition=MISSED', /disposition "MISSED" is not one of ANSWERED, NO ANSWER/],
    ['NO ANSWER with its space lost', 'limit=10&disposition=NO_ANSWER', /disposition "NO_ANSWER"/],
    ['an unknown include module', 'limit=10&include=tags,audio', /include "audio" is not a module/],
    ['an org_unit_id that is not a number', 'limit=10&org_unit_id=roofing', /org_unit_id must be a whole number/],
    ['a call_id that is not a number', 'call_id=abc', /call_id must be a whole number/],
    ['a call_id of 0', 'call_id=0', /call_id must be a whole number of 1 or more; got "0"/],
    ['a campaign_id that is not a number', 'limit=10&campaign_id=spring-sale', /campaign_id must be a whole number of 1 or more; got "spring-sale"/],
    ['a campaign_id of 0', 'limit=10&campaign_id=0', /campaign_id must be a whole number of 1 or more/],
    [
      'a provisioned_route_id that is not a number',
      'limit=10&provisioned_route_id=main-line',
      /provisioned_route_id must be a whole number of 1 or more; got "main-line"/
    ],
    ['a negative provisioned_route_id', 'limit=10&provisioned_route_id=-3', /provisioned_route_id must be a whole number of 1 or more/],
    ['a fractional org_unit_id', 'limit=10&org_unit_id=1.5', /org_unit_id must be a whole number of 1 or more/]
  ]
  it.each(cases)('rejects %s', async (_name, query, message) => {
    const { status, body } = await getCalls(query)
    expect(status).toBe(400)
    expect(body).toMatchObject({ code: 400, request_id: expect.any(String), timestamp: expect.any(String) })
    expect(body.message).toMatch(message)
  })

  it('names every broken rule at once', async () => {
    const { body } = await getCalls(`limit=0&${range(40)}&disposition=LOST`)
    expect(body.message).toMatch(/limit/)
    expect(body.message).toMatch(/31 days/)
    expect(body.message).toMatch(/LOST/)
  })
})

describe('authentication and scope', () => {
  it('answers 401 without a bearer token, with a message and request_id', async () => {
    const { status, body, headers } = await getCalls('limit=1', null)
    expect(status).toBe(401)
    expect(body.message).toMatch(/Authorization: Bearer/)
    expect(body.request_id).toMatch(/^[0-9a-f-]{36}$/)
    expect(headers.get('www-authenticate')).toMatch(/^Bearer/)
  })

  it('answers 401 for a token it never issued', async () => {
    const { status, body } = await getCalls('limit=1', 'not-a-real-token')
    expect(status).toBe(401)
    expect(body.message).toMatch(/invalid, expired or revoked/)
  })

  it('answers 403 for an org unit of the other account', async () => {
    const { status, body } = await getCalls(`limit=1&org_unit_id=${server.otherAccountOrgUnitId}`)
    expect(status).toBe(403)
    expect(body.message).toMatch(new RegExp(`org_unit_id ${server.otherAccountOrgUnitId} is outside your account's hierarchy`))
    expect(body.request_id).toEqual(expect.any(String))
  })

  it('answers 403 for an org unit that does not exist', async () => {
    expect((await getCalls('limit=1&org_unit_id=424242')).status).toBe(403)
  })

  it('limits a user with a narrower home org unit to its subtree', async () => {
    const manager = DEMO_USERS.find((u) => u.org_unit_id === 1100)
    if (!manager) throw new Error('seed lacks the roofing manager')
    const managerToken = await signIn(manager)
    expect((await getCalls('limit=1&org_unit_id=1200', managerToken)).status).toBe(403)
    const { body } = await getCalls('limit=200', managerToken)
    const roofing = lastWeek().filter((c) => [1100, 1110, 1120].includes(c.org_unit_id as number))
    expect(body.data.total).toBe(roofing.length)
    const plumbingCall = server.calls.find((c) => c.org_unit_id === 1210) as CallRecord
    expect((await getCalls(`call_id=${plumbingCall.call_id}`, managerToken)).status).toBe(404)
  })

  it('shows the other account none of the demo calls', async () => {
    const other = DEMO_USERS.find((u) => u.org_unit_id === server.otherAccountOrgUnitId)
    if (!other) throw new Error('seed lacks the second account')
    const { body } = await getCalls('limit=10', await signIn(other))
    expect(body.data).toEqual({ total: 0, calls: [] })
  })
})

describe('filters', () => {
  const week = `${range(7)}&limit=200`

  it('includes the descendant org units when filtering by org_unit_id', async () => {
    const expected = lastWeek().filter((c) => [1100, 1110, 1120].includes(c.org_unit_id as number))
    expect(new Set(expected.map((c) => c.org_unit_id))).toEqual(new Set([1100, 1110, 1120]))
    const { body } = await getCalls(`${week}&org_unit_id=1100`)
    expect(body.data.total).toBe(expected.length)
    expect(ids(body.data.calls)).toEqual(ids(expected.slice(0, 200)))
  })

  it.each([
    ['campaign_id', 'campaign_id', 321],
    ['provisioned_route_id', 'provisioned_route_id', 1033]
  ] as const)('filters by %s', async (param, field, value) => {
    const expected = lastWeek().filter((c) => c[field] === value)
    expect(expected.length).toBeGreaterThan(0)
    const { body } = await getCalls(`${week}&${param}=${value}`)
    expect(body.data.total).toBe(expected.length)
    expect(body.data.calls.every((c) => c[field] === value)).toBe(true)
  })

  it('filters by caller_id given in E.164, matching records that store digits', async () => {
    const repeat = server.calls.find((c) => c.repeat_call && startedIn(NOW.getTime() - 31 * DAY, NOW.getTime())(c)) as CallRecord
    const expected = server.calls.filter((c) => c.caller_id === repeat.caller_id && startedIn(NOW.getTime() - 31 * DAY, NOW.getTime())(c))
    expect(expected.length).toBeGreaterThan(1)
    const { body } = await getCalls(`${range(31)}&limit=200&caller_id=${encodeURIComponent(`+${repeat.caller_id}`)}`)
    expect(ids(body.data.calls)).toEqual(ids(expected))
  })

  it.each([
    ['E.164', (n: string) => `+${n}`],
    ['digits', (n: string) => n],
    ['national format', (n: string) => `(${n.slice(1, 4)}) ${n.slice(4, 7)}-${n.slice(7)}`]
  ])('filters by phone_number and ring_to written as %s', async (_form, write) => {
    const phone = '13039408812'
    const expected = lastWeek().filter((c) => c.phone_number === phone)
    expect(expected.length).toBeGreaterThan(0)
    expect((await getCalls(`${week}&phone_number=${encodeURIComponent(write(phone))}`)).body.data.total).toBe(expected.length)
    const ringTo = '13039400000'
    const routed = lastWeek().filter((c) => c.ring_to === ringTo)
    expect((await getCalls(`${week}&ring_to=${encodeURIComponent(write(ringTo))}`)).body.data.total).toBe(routed.length)
  })

  it.each([
    ['repeated params with %20', 'disposition=NO%20ANSWER&disposition=BUSY'],
    ['repeated params with +', 'disposition=NO+ANSWER&disposition=BUSY'],
    ['comma-separated with %20', 'disposition=NO%20ANSWER,BUSY'],
    ['comma-separated with + and an encoded comma', 'disposition=NO+ANSWER%2CBUSY'],
    ['lower case', 'disposition=no%20answer&disposition=busy']
  ])('accepts several dispositions as %s', async (_form, query) => {
    const expected = lastWeek().filter((c) => c.disposition === 'NO ANSWER' || c.disposition === 'BUSY')
    const { status, body } = await getCalls(`${week}&${query}`)
    expect(status).toBe(200)
    expect(body.data.total).toBe(expected.length)
    expect(ids(body.data.calls)).toEqual(ids(expected))
  })

  it('seeds every disposition', () => {
    expect(new Set(server.calls.map((c) => c.disposition))).toEqual(new Set(DISPOSITIONS))
  })

  it('combines filters with AND', async () => {
    const expected = lastWeek().filter((c) => c.disposition === 'ANSWERED' && c.org_unit_id === 1210)
    const { body } = await getCalls(`${week}&disposition=ANSWERED&org_unit_id=1210`)
    expect(ids(body.data.calls)).toEqual(ids(expected))
  })
})

describe('include modules', () => {
  const MODULE_FIELDS = {
    tags: 'tags',
    comments: 'comments',
    custom_sources: 'custom_sources',
    call_flow: 'call_flow',
    recordings: 'recording_details',
    transcription: 'transcription'
  } as const
  const ALWAYS = ['indicators', 'voiceagent_data', 'call_detail', 'summary']

  it('leaves every module out unless asked, but always sends indicators, voice-agent data, call detail and summary', async () => {
    const { body } = await getCalls('limit=50')
    for (const call of body.data.calls) {
      for (const field of Object.values(MODULE_FIELDS)) expect(call).not.toHaveProperty(field)
      for (const field of ALWAYS) expect(call).toHaveProperty(field)
    }
  })

  it.each(Object.entries(MODULE_FIELDS))('adds only %s when only it is asked for', async (module, field) => {
    const { body } = await getCalls(`limit=50&include=${module}`)
    for (const call of body.data.calls) {
      expect(call).toHaveProperty(field)
      for (const other of Object.values(MODULE_FIELDS).filter((f) => f !== field)) expect(call).not.toHaveProperty(other)
    }
  })

  it.each([
    ['comma-separated', `include=${INCLUDE_MODULES.join(',')}`],
    ['comma-separated with an encoded comma', `include=${INCLUDE_MODULES.join('%2C')}`],
    ['repeated', INCLUDE_MODULES.map((m) => `include=${m}`).join('&')]
  ])('accepts include %s', async (_form, query) => {
    const { body } = await getCalls(`limit=50&${query}`)
    for (const call of body.data.calls) for (const field of Object.values(MODULE_FIELDS)) expect(call).toHaveProperty(field)
  })

  it('answers a page asked for again with the same records, and keeps pages of other include sets apart', async () => {
    // The second answer comes from the server's encoded-record cache: it must be the seeded
    // records with exactly the modules asked for, as the first answer was.
    const asked = 'limit=120&offset=40&include=tags,comments'
    const first = await getCalls(asked)
    const again = await getCalls(asked)
    const bare = await getCalls('limit=120&offset=40')
    expect(first.body.data.calls).toHaveLength(120)
    expect(again.body.data.calls).toEqual(first.body.data.calls)
    expect(ids(bare.body.data.calls)).toEqual(ids(first.body.data.calls))
    const oracle = new Map(server.calls.map((c) => [c.call_id, c]))
    const without = (record: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> =>
      Object.fromEntries(Object.entries(record).filter(([key]) => !fields.includes(key)))
    for (const [page, left] of [
      [again, ['custom_sources', 'call_flow', 'recording_details', 'transcription']],
      [bare, Object.values(MODULE_FIELDS) as string[]]
    ] as const) {
      for (const call of page.body.data.calls) {
        const seeded = oracle.get(call.call_id as number) as unknown as Record<string, unknown>
        expect(call).toEqual(JSON.parse(JSON.stringify(without(seeded, left))))
      }
    }
    // The envelope around the spliced records is still the documented one.
    expect(again.body).toMatchObject({ code: 200, message: 'Success', data: { total: first.body.data.total } })
    expect(again.body.request_id).not.toBe(first.body.request_id)
  })

  it('gives answered calls a recording and the fixture transcript, and no-answer calls neither', async () => {
    const { body } = await getCalls('limit=200&include=recordings,transcription')
    const answered = body.data.calls.filter((c) => c.disposition === 'ANSWERED')
    const missed = body.data.calls.filter((c) => c.disposition === 'NO ANSWER')
    expect(answered.length).toBeGreaterThan(0)
    expect(missed.length).toBeGreaterThan(0)
    for (const call of answered) {
      expect(call.recording_details).toMatchObject({ url: expect.stringContaining('/v3/recordings/'), channel_layout: 'mono', frequency: '8000 Hz' })
      expect(call.transcription).toMatch(/^Agent: .+\nCaller: /)
    }
    for (const call of missed) expect(call).toMatchObject({ recording_details: null, transcription: null })
  })
})

describe('single-record mode (call_id)', () => {
  it('returns that one call with total 1, ignoring the date range and paging', async () => {
    const old = server.calls.find((c) => Date.parse(c.call_started) < NOW.getTime() - 30 * DAY) as CallRecord
    const { status, body } = await getCalls(`call_id=${old.call_id}&start=2020-01-01T00:00:00Z&end=2020-01-02T00:00:00Z&offset=50&include=tags`)
    expect(status).toBe(200)
    expect(body.data.total).toBe(1)
    expect(body.data.calls).toHaveLength(1)
    expect(body.data.calls[0]).toMatchObject({ call_id: old.call_id, tags: old.tags })
  })

  it('needs no limit', async () => {
    const { status } = await getCalls(`call_id=${(server.calls[0] as CallRecord).call_id}`)
    expect(status).toBe(200)
  })

  it('answers 404 for an unknown call_id', async () => {
    const { status, body } = await getCalls('call_id=42')
    expect(status).toBe(404)
    expect(body.message).toMatch(/No call with call_id 42/)
  })
})

describe('GET /v3/groups/tree', () => {
  async function tree(bearer: string, query = ''): Promise<{ status: number; body: { data: unknown[] } }> {
    const res = await fetch(`${server.apiBaseUrl}/v3/groups/tree${query}`, { headers: { authorization: `Bearer ${bearer}` } })
    return { status: res.status, body: (await res.json()) as { data: unknown[] } }
  }
  const flatten = (nodes: { org_unit_id: number; children?: unknown[] }[]): number[] =>
    nodes.flatMap((n) => [n.org_unit_id, ...flatten((n.children ?? []) as { org_unit_id: number }[])])

  it('answers the user account as a three-level tree of org units', async () => {
    const { status, body } = await tree(token)
    expect(status).toBe(200)
    const roots = body.data.map((n) => GroupNodeSchema.parse(n))
    expect(roots).toHaveLength(1)
    expect(roots[0]).toMatchObject({ org_unit_id: 1000, code: '1', group_level: 1 })
    const roofing = roots[0]?.children?.find((n) => n.org_unit_id === 1100)
    expect(roofing?.children?.map((n) => [n.org_unit_id, n.code, n.group_level])).toEqual([
      [1110, '1.1.1', 3],
      [1120, '1.1.2', 3]
    ])
    expect(flatten(roots as never)).not.toContain(server.otherAccountOrgUnitId)
  })

  it('leaves inactive org units out when asked for active ones', async () => {
    expect(flatten((await tree(token)).body.data as never)).toContain(1330)
    expect(flatten((await tree(token, '?active=true')).body.data as never)).not.toContain(1330)
  })

  it('answers 401 without a token', async () => {
    expect((await fetch(`${server.apiBaseUrl}/v3/groups/tree`)).status).toBe(401)
  })
})
