/**
 * The QA session store's review bookkeeping against main's real QA handlers and SQLite store
 * (the qa-session-store.test.ts setup): active review time, which runs while the reviewer acts
 * or the recording plays and pauses after IDLE_AFTER_MS without either, and is saved with the
 * review; and answering the last criterion, which marks the call reviewed when the
 * "auto-mark reviewed" setting is on and otherwise leaves it to the reviewer (the scorecard
 * offers it). Only setInterval and the clock are faked, so main's promises still settle.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { installQaBridge } from '@test/fixtures/bridges/qa-bridge'
import { QaRepository as MainQaStore } from '@main/services/qa/qa-repository'
import { DEFAULT_CRITERIA, DEFAULT_TEMPLATE_ID } from '@shared/qa/default-template'
import type { Answer } from '@shared/qa/schemas'

const ME = 'qa@example.com'

let main: MainQaStore

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
  vi.setSystemTime(new Date('2026-03-02T09:00:00Z'))
  main = new MainQaStore(mkdtempSync(join(tmpdir(), 'qa-review-time-')), () => new Date('2026-03-01T17:00:00Z'))
  installQaBridge({ main, reviewer: ME, exportDir: tmpdir() })
})

afterEach(async () => {
  const { useQaStore } = await import('@renderer/stores/qa-store')
  if (useQaStore.getState().session) useQaStore.getState().leave()
  await settle()
  useQaStore.setState({ error: null, autoAdvance: false, autoMarkReviewed: false })
  vi.useRealTimers()
  main.close()
  Reflect.deleteProperty(globalThis, 'window')
})

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setTimeout(resolve, 0))
}

/** A session over calls 101–103, open on 101, with the review pane stubbed and the player as given. */
async function started(player: { playing: boolean }) {
  const { useQaStore } = await import('@renderer/stores/qa-store')
  const { useReviewStore } = await import('@renderer/stores/review-store')
  const { usePlayerStore } = await import('@renderer/stores/player-store')
  useReviewStore.setState({ open: async () => undefined, close: () => undefined } as never)
  usePlayerStore.setState({ callId: 101, position: 0, ended: false, playing: player.playing } as never)
  expect(await useQaStore.getState().startFromCalls([101, 102, 103], { name: 'Monday', templateId: DEFAULT_TEMPLATE_ID })).toBe(true)
  return { useQaStore, usePlayerStore }
}

const stored = (callId: number) => main.getSession(ME, main.listSessions(ME)[0]?.id ?? '').items.find((i) => i.callId === callId)

/** Seconds pass one at a time, as the store's one-second tick sees them. */
function pass(seconds: number): void {
  vi.advanceTimersByTime(seconds * 1000)
}

describe('QA session store: active review time', () => {
  it('pauses after 30 s without input or playback, runs again on input, and saves the seconds with the review', async () => {
    const { IDLE_AFTER_MS, noteReviewerInput } = await import('@renderer/stores/qa-store')
    expect(IDLE_AFTER_MS).toBe(30_000)
    const { useQaStore } = await started({ playing: false })
    // Opening the session counts as input: the first 30 s count, the next 30 s idle do not.
    pass(60)
    await settle()
    expect(stored(101)?.review.activeSeconds).toBe(30)
    // A key or a click: time runs again for 5 s of work, then the answer saves it.
    noteReviewerInput()
    pass(5)
    useQaStore.getState().answer('greeting', 'yes')
    await settle()
    expect(stored(101)?.review.activeSeconds).toBe(35)
    expect(useQaStore.getState().session?.items[0]?.review.activeSeconds).toBe(35)
    // Then idle: the rest of the 30 s after that input counts (25 s), the next 95 s do not.
    pass(120)
    useQaStore.getState().leave()
    await settle()
    expect(stored(101)?.review.activeSeconds).toBe(60)
  })

  it('keeps counting while the recording plays, with no input at all', async () => {
    const { useQaStore, usePlayerStore } = await started({ playing: true })
    pass(45)
    await settle()
    expect(stored(101)?.review.activeSeconds).toBe(45)
    // Playback stops: 30 s of grace from the last input are long gone, so the time pauses.
    usePlayerStore.setState({ playing: false } as never)
    pass(20)
    useQaStore.getState().leave()
    await settle()
    expect(stored(101)?.review.activeSeconds).toBe(45)
  })

  it('saves the seconds on the call they were spent on when the reviewer moves on', async () => {
    const { useQaStore, usePlayerStore } = await started({ playing: true })
    pass(7)
    useQaStore.getState().next()
    usePlayerStore.setState({ callId: 102 } as never)
    pass(4)
    useQaStore.getState().leave()
    await settle()
    expect(stored(101)?.review.activeSeconds).toBe(7)
    expect(stored(102)?.review.activeSeconds).toBe(4)
    expect(stored(103)?.review.activeSeconds ?? 0).toBe(0)
  })
})

/** Answer every criterion of the default template on the current call, as the scorecard would. */
function answerAll(answer: (criterionId: string, value: Answer) => void): void {
  for (const criterion of DEFAULT_CRITERIA) answer(criterion.id, criterion.type === 'yes_no' ? 'yes' : 4)
}

describe('QA session store: answering the last criterion', () => {
  it('leaves the call for the reviewer to mark when "auto-mark reviewed" is off', async () => {
    const { useQaStore } = await started({ playing: false })
    expect(useQaStore.getState().autoMarkReviewed).toBe(false)
    answerAll(useQaStore.getState().answer)
    await settle()
    const item = useQaStore.getState().session?.items[0]
    expect(Object.keys(item?.review.answers ?? {})).toHaveLength(DEFAULT_CRITERIA.length)
    expect(item?.review.reviewed).toBe(false)
    expect(stored(101)?.review.reviewed).toBe(false)
    expect(useQaStore.getState().session?.reviewedCount).toBe(0)
    // The store keeps no offer flag: the scorecard offers it from the answers (scorecard-offer.test.ts).
    useQaStore.getState().toggleReviewed()
    await settle()
    expect(stored(101)?.review).toMatchObject({ reviewed: true, reviewer: ME })
  })

  it('marks the call reviewed (and stores who) when "auto-mark reviewed" is on, and not before the last answer', async () => {
    const { useQaStore } = await started({ playing: false })
    useQaStore.getState().setAutoMarkReviewed(true)
    const [last, ...rest] = [...DEFAULT_CRITERIA].reverse()
    for (const criterion of rest.reverse()) useQaStore.getState().answer(criterion.id, criterion.type === 'yes_no' ? 'yes' : 4)
    await settle()
    expect(useQaStore.getState().session?.items[0]?.review.reviewed).toBe(false)
    expect(stored(101)?.review.reviewed).toBe(false)
    useQaStore.getState().answer(last?.id ?? '', 'yes')
    await settle()
    expect(useQaStore.getState().session?.items[0]?.review.reviewed).toBe(true)
    expect(useQaStore.getState().session?.reviewedCount).toBe(1)
    expect(stored(101)?.review).toMatchObject({ reviewed: true, reviewer: ME })
  })
})
