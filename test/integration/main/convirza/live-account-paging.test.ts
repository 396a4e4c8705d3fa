/**
 * The real client against an account that changes while it is paged (test/fixtures/live-account):
 * late arrivals, deletions, short and capped pages. The listing must end with exactly the
 * server's calls for the range, or say it could not.
 */
import fc from 'fast-check'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { spreadCalls, startLiveAccount, type LiveAccount } from '@test/fixtures/live-account/server'
import { signInLive } from '@test/fixtures/live-account/sign-in'

const END = Date.parse('2026-03-01T12:00:00.000Z')
const START = END - 7 * 86_400_000
const RANGE = { start: new Date(START).toISOString(), end: new Date(END).toISOString() }

let account: LiveAccount
beforeAll(async () => {
  account = await startLiveAccount()
})
afterAll(() => account.close())
afterEach(() => {
  Object.assign(account.faults, { beforeList: null, maxLimit: 200, drift: false, htmlAnswers: 0, htmlAnswersToken: null })
  account.faults.shortPageOffsets.clear()
})

function reset(calls: number): void {
  for (const call of account.calls()) account.remove(call.call_id)
  for (const call of spreadCalls(calls, START, END)) account.insert(call)
}

const serverIds = (): number[] =>
  account
    .inRange(START, END)
    .map((c) => c.call_id)
    .sort((a, b) => a - b)
const ids = (calls: { call_id: number }[]): number[] => calls.map((c) => c.call_id).sort((a, b) => a - b)

describe('a listing that adds up against a live account', () => {
  it('finds a call logged late inside pages already read, without reading any call twice', async () => {
    reset(95)
    const { client } = await signInLive(account)
    let lists = 0
    account.faults.beforeList = (acc) => {
      // After the first page: a call that started a minute before the range's end is logged.
      if (++lists === 2) acc.insert({ call_id: 5001, started: END - 60_000 })
    }
    const result = await client.listAllCalls({ ...RANGE, limit: 20 }, { concurrency: 1 })
    expect(ids(result.calls)).toEqual(serverIds())
    expect(new Set(result.calls.map((c) => c.call_id)).size).toBe(result.calls.length)
    expect(result.check).toMatchObject({ complete: true, serverTotal: 96 })
    expect(result.check.reason).toMatch(/changed while the pages were read|read twice/)
  })

  it('reads again only the window a late call landed in, counting the others with one-record requests', async () => {
    reset(1000)
    const { client } = await signInLive(account)
    let lists = 0
    account.faults.beforeList = (acc) => {
      if (++lists === 2) acc.insert({ call_id: 5002, started: END - 60_000 })
    }
    const before = account.requests.length
    const result = await client.listAllCalls({ ...RANGE, limit: 100 }, { concurrency: 2 })
    expect(ids(result.calls)).toEqual(serverIds())
    expect(result.check).toMatchObject({ complete: true, serverTotal: 1001 })
    // The gap closing's requests name a window of their own. The range is cut in four (twice the
    // concurrency) and counted with one-record requests; the requests that carried pages of calls
    // lie inside two quarters, not across the range: the newest, holding the newcomer, and the
    // oldest, whose last call the shift pushed past the pages planned from the first total.
    const windows = account.requests
      .slice(before)
      .map((r) => new URLSearchParams(r.search))
      .filter((q) => q.get('start') !== RANGE.start || q.get('end') !== RANGE.end)
    const reads = windows.filter((q) => q.get('limit') !== '1')
    expect(windows.length).toBeGreaterThan(reads.length)
    const covered = new Set(
      reads.flatMap((q) => account.inRange(Date.parse(q.get('start') ?? ''), Date.parse(q.get('end') ?? '')).map((c) => c.call_id))
    )
    expect(covered.has(5002)).toBe(true)
    expect(covered.size).toBeLessThanOrEqual(2 * (1000 / 4) + 1)
  })

  it('finds the call a deletion let slip past the pages, and drops the deleted one', async () => {
    reset(95)
    const { client } = await signInLive(account)
    let lists = 0
    account.faults.beforeList = (acc) => {
      if (++lists === 3) acc.remove(90) // near the newest end: already read
    }
    const result = await client.listAllCalls({ ...RANGE, limit: 20 }, { concurrency: 1 })
    expect(ids(result.calls)).toEqual(serverIds())
    expect(result.calls.some((c) => c.call_id === 90)).toBe(false)
    expect(result.check).toMatchObject({ complete: true, serverTotal: 94, removed: 1 })
  })

  it('closes the gaps a server leaves by capping the page size below what was asked', async () => {
    reset(230)
    account.faults.maxLimit = 50
    const { client } = await signInLive(account)
    const result = await client.listAllCalls({ ...RANGE, limit: 100 }, { concurrency: 2 })
    expect(ids(result.calls)).toEqual(serverIds())
    expect(result.check.complete).toBe(true)
    expect(result.check.reason).toMatch(/shorter than asked/)
  })

  it('closes the gap a short page leaves before the end', async () => {
    reset(120)
    account.faults.shortPageOffsets.add(40)
    const { client } = await signInLive(account)
    const result = await client.listAllCalls({ ...RANGE, limit: 40 }, { concurrency: 3 })
    expect(ids(result.calls)).toEqual(serverIds())
    expect(result.check.complete).toBe(true)
  })

  it('spends no request on checking a listing whose pages agree', async () => {
    reset(100)
    const { client } = await signInLive(account)
    const before = account.requests.length
    const result = await client.listAllCalls({ ...RANGE, limit: 25 }, { concurrency: 4 })
    expect(account.requests.length - before).toBe(4)
    expect(result.check).toEqual({ complete: true, serverTotal: 100, removed: 0, reason: null, requests: 0 })
  })

  it('keeps every call of a page whose types drift, and counts the degraded ones', async () => {
    reset(30)
    account.faults.drift = true
    const { client } = await signInLive(account)
    const result = await client.listAllCalls({ ...RANGE, limit: 200 })
    expect(ids(result.calls)).toEqual(serverIds())
    expect(result.issues).toEqual([])
    const odd = result.calls.filter((c) => c.call_id % 10 === 0)
    expect(odd.length).toBe(3)
    for (const call of odd) expect(call.client_notes?.[0]).toMatchObject({ field: 'campaign_id' })
    expect(result.degraded).toHaveLength(3)
    expect(result.calls.find((c) => c.call_id === 7)).toMatchObject({ duration: 67, repeat_call: false, campaign_id: '302' })
  })

  it('names a captive portal that answers instead of the API', async () => {
    reset(5)
    const { auth, client } = await signInLive(account)
    account.faults.htmlAnswers = 1
    account.faults.htmlAnswersToken = auth.accessToken()
    const error = (await client.listCalls({ ...RANGE, limit: 10 }).then(
      () => new Error('answered'),
      (e: unknown) => e
    )) as Error
    expect(error.message).toMatch(/a sign-in page \("Guest Wi-Fi"\) answered instead of Convirza's API/)
    expect(error.message).toMatch(/proxy|network sign-in/)
    expect(error.message).not.toMatch(/invalid JSON|misbehaving/)
  })
})

type Change = { kind: 'insert'; at: number } | { kind: 'delete'; pick: number }
const insert = fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }) })
const remove = fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() })

/** List the range while the account makes `changes`, one per page request, then compare with the server. */
async function listDuring(
  client: Awaited<ReturnType<typeof signInLive>>['client'],
  initial: number,
  changes: Change[],
  limit: number,
  concurrency: number
): Promise<void> {
  reset(initial)
  let nextId = 10_000
  const pending = [...changes]
  // The account changes while the listing's pages are read; the check that follows (its first
  // request asks for one call) finds it still, as it is once a listing has ended.
  account.faults.beforeList = (acc, request) => {
    if (request.limit === 1) pending.length = 0
    const next = pending.shift()
    if (!next) return
    if (next.kind === 'insert') acc.insert({ call_id: nextId++, started: Math.floor(START + next.at * (END - START)) })
    else {
      const present = acc.inRange(START, END)
      if (present.length) acc.remove((present[next.pick % present.length] as { call_id: number }).call_id)
    }
  }
  const result = await client.listAllCalls({ ...RANGE, limit }, { concurrency })
  account.faults.beforeList = null
  expect(ids(result.calls)).toEqual(serverIds())
  expect(result.check.complete).toBe(true)
  expect(result.check.serverTotal).toBe(serverIds().length)
}

describe('paging property', () => {
  it('for any inserts and deletes while the account is listed page by page, the listing ends equal to the server’s final calls for the range', async () => {
    const { client } = await signInLive(account)
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 90 }),
        fc.array(fc.oneof(insert, remove), { maxLength: 12 }),
        fc.integer({ min: 3, max: 25 }),
        (initial, changes, limit) => listDuring(client, initial, changes, limit, 1)
      ),
      { numRuns: 40 }
    )
  }, 120_000)

  it('for any late arrivals, or any deletions, while pages are read concurrently, the listing ends equal to the server’s final calls', async () => {
    const { client } = await signInLive(account)
    const changes = fc.oneof(fc.array(insert, { maxLength: 12 }), fc.array(remove, { maxLength: 12 }))
    await fc.assert(
      // At least `concurrency` pages: a page the listing cancels (past the end) may carry a change it never sees answered.
      fc.asyncProperty(
        fc.integer({ min: 0, max: 60 }),
        changes,
        fc.integer({ min: 3, max: 25 }),
        fc.integer({ min: 2, max: 4 }),
        (extra, list, limit, concurrency) => listDuring(client, limit * concurrency + 12 + extra, list, limit, concurrency)
      ),
      { numRuns: 40 }
    )
  }, 120_000)
})
