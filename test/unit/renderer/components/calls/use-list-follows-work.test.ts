/**
 * The call list following QA work done in the session panel (use-list-follows-work.ts): when
 * main stores a call as reviewed, unreviewed or incomplete (a required answer cleared), the
 * list's reviewed icons are read again at once, not when the session is left. The QA side is
 * main's real handlers and SQLite store behind the renderer's door; calls:list answers the rows
 * with `reviewed` from that same store, as main's calls handler does from the library. The review
 * pane and the player are stubbed (no audio in Node).
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callListItem, settle, showNewQuery } from '@test/fixtures/bridges/calls-store'
import { installQaBridge } from '@test/fixtures/bridges/qa-bridge'
import { QaRepository as MainQaStore } from '@main/services/qa/qa-repository'
import type { CallListPage } from '@shared/ipc/contract'
import { followWork } from '@renderer/components/calls/use-list-follows-work'
import { usePlayerStore } from '@renderer/stores/player-store'
import { useQaStore } from '@renderer/stores/qa-store'
import { useReviewStore } from '@renderer/stores/review-store'

const ME = 'qa@example.com'
const CALLS = [101, 102]
const FAILURE = { kind: 'io', message: 'The QA library could not be written (disk full). Free some space, then try again.' }

let main: MainQaStore
let failing: Set<string>
/** calls:list requests answered from the library ("cache"): each is the list reading its icons. */
let cacheReads: number
let stop: () => void = () => undefined

beforeEach(() => {
  main = new MainQaStore(mkdtempSync(join(tmpdir(), 'list-follows-work-')), () => new Date('2026-03-01T17:00:00Z'))
  failing = new Set()
  cacheReads = 0
  installQaBridge({ main, reviewer: ME, exportDir: tmpdir(), failing, failure: FAILURE })
  const qa = (globalThis as unknown as { window: { callReview: { invoke: (c: string, r: unknown) => Promise<unknown> } } }).window.callReview
  const qaInvoke = qa.invoke
  const page = (source: 'cache' | 'network'): CallListPage => {
    const reviewed = main.reviewedCallIds(ME, CALLS)
    return {
      items: CALLS.map((id) => ({ ...callListItem(id), reviewed: reviewed.has(id) })),
      total: CALLS.length,
      offset: 0,
      limit: 200,
      source,
      fetchedAt: '2026-03-01T17:00:00.000Z',
      issues: [],
      requestId: null
    }
  }
  qa.invoke = async (channel, request) => {
    if (channel !== 'calls:list') return qaInvoke(channel, request)
    const source = (request as { source: 'cache' | 'network' }).source
    if (source === 'cache') cacheReads += 1
    return { ok: true, value: page(source) }
  }
  useReviewStore.setState({ open: async () => undefined, close: () => undefined } as never)
  usePlayerStore.setState({ callId: 101, position: 0, ended: false, playing: false } as never)
})

afterEach(async () => {
  stop()
  if (useQaStore.getState().session) useQaStore.getState().leave()
  await settle()
  useQaStore.setState({ error: null })
  main.close()
  Reflect.deleteProperty(globalThis, 'window')
})

/** The list showing calls 101–102, following work, and a session over them with Greeting required. */
async function listAndSession() {
  const list = await showNewQuery()
  stop = followWork()
  const template = main.saveTemplate({ name: 'Required greeting', criteria: [{ label: 'Greeting', weight: 1, type: 'yes_no', required: true }] }, ME)
  expect(await useQaStore.getState().startFromCalls(CALLS, { name: 'Monday', templateId: template.id })).toBe(true)
  await settle()
  const listed = (callId: number): boolean | undefined => list.getState().rows.find((r) => r?.callId === callId)?.reviewed
  const onScreen = () => useQaStore.getState().session?.items.find((i) => i.callId === 101)?.review
  const stored = () => main.getSession(ME, useQaStore.getState().session?.id ?? '').items.find((i) => i.callId === 101)?.review
  return { listed, onScreen, stored }
}

describe('the call list follows QA work in the session', () => {
  it('shows a call reviewed as soon as main stores it, and not reviewed once a required answer is cleared', async () => {
    const { listed, onScreen, stored } = await listAndSession()
    expect(listed(101)).toBe(false)
    useQaStore.getState().answer('greeting', 'yes')
    useQaStore.getState().toggleReviewed()
    await settle()
    expect(stored()).toMatchObject({ reviewed: true, reviewer: ME })
    expect(listed(101)).toBe(true)
    const readsBefore = cacheReads

    // Clearing the required answer: incomplete on screen at once, in main once saved, and the list follows.
    useQaStore.getState().answer('greeting', null)
    expect(onScreen()).toMatchObject({ reviewed: false, reviewer: null, reviewedAt: null })
    expect(useQaStore.getState().session?.reviewedCount).toBe(0)
    await settle()
    expect(stored()).toMatchObject({ reviewed: false, reviewer: null, reviewedAt: null, answers: {} })
    expect(cacheReads).toBeGreaterThan(readsBefore)
    expect(listed(101)).toBe(false)
    // Still in the session: the list did not wait for it to be left.
    expect(useQaStore.getState().session).not.toBeNull()
  })

  it('does not read the list again for an answer that changes no reviewed state', async () => {
    const { listed } = await listAndSession()
    const readsBefore = cacheReads
    useQaStore.getState().answer('greeting', 'no')
    await settle()
    expect(cacheReads).toBe(readsBefore)
    expect(listed(101)).toBe(false)
  })

  it('puts the call back as reviewed, on screen and in the list, when main refuses to clear the answer', async () => {
    const { listed, onScreen, stored } = await listAndSession()
    useQaStore.getState().answer('greeting', 'yes')
    useQaStore.getState().toggleReviewed()
    await settle()
    const before = onScreen()
    expect(before).toMatchObject({ reviewed: true, reviewer: ME })
    failing.add('qa:saveReview')
    useQaStore.getState().answer('greeting', null)
    expect(onScreen()?.reviewed).toBe(false)
    await settle()
    expect(onScreen()).toMatchObject({ reviewed: true, reviewer: ME, reviewedAt: before?.reviewedAt, answers: { greeting: 'yes' } })
    expect(useQaStore.getState().session?.reviewedCount).toBe(1)
    expect(useQaStore.getState().error?.message).toBe(FAILURE.message)
    expect(stored()).toMatchObject({ reviewed: true, answers: { greeting: 'yes' } })
    expect(listed(101)).toBe(true)
  })
})
