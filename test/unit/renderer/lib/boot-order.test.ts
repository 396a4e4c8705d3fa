/**
 * What the first screen asks main for, and when: the saved preferences are read at boot beside
 * the sign-in state (a read refused because nobody is signed in yet is forgotten, so the call
 * screen reads again); the loads the first rows do not need wait for the list's first request
 * (or 1.5 s); the first render waits for the list's first answer (or a limit); the review
 * layout's settings go through the shared preferences read.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

interface Bridge {
  calls: string[]
  signedIn: boolean
  stored: Record<string, unknown>
}

function installBridge(): Bridge {
  const bridge: Bridge = { calls: [], signedIn: false, stored: { reviewModule: 'transcript' } }
  const invoke = async (channel: string, request: Record<string, unknown>): Promise<unknown> => {
    bridge.calls.push(channel)
    if (!bridge.signedIn) return { ok: false, error: { kind: 'not_signed_in', message: 'Sign in first.' } }
    if (channel === 'prefs:get') return { ok: true, value: { ...bridge.stored } }
    if (channel === 'prefs:set') {
      Object.assign(bridge.stored, request)
      return { ok: true, value: { ...bridge.stored } }
    }
    return { ok: true, value: null }
  }
  Reflect.set(globalThis, 'window', { callReview: { invoke, on: () => () => {} } })
  return bridge
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve()
}

beforeEach(() => {
  vi.resetModules()
})
afterEach(() => {
  vi.useRealTimers()
  Reflect.deleteProperty(globalThis, 'window')
})

describe('the first screen’s requests', () => {
  it('reads the preferences at boot, and again on the call screen when nobody was signed in then', async () => {
    const bridge = installBridge()
    const { usePrefsStore } = await import('@renderer/stores/prefs-store')
    usePrefsStore.getState().prefetch()
    await settle()
    expect(bridge.calls).toEqual(['prefs:get'])
    expect(usePrefsStore.getState().loaded).toBe(false)

    bridge.signedIn = true
    expect(await usePrefsStore.getState().load()).toEqual({ reviewModule: 'transcript' })
    expect(bridge.calls).toEqual(['prefs:get', 'prefs:get'])
  })

  it('serves the call screen the read made at boot, without asking again', async () => {
    const bridge = installBridge()
    bridge.signedIn = true
    const { usePrefsStore } = await import('@renderer/stores/prefs-store')
    usePrefsStore.getState().prefetch()
    const { useReviewLayoutStore } = await import('@renderer/stores/review-layout-store')
    await useReviewLayoutStore.getState().loadPrefs()
    expect(useReviewLayoutStore.getState().module).toBe('transcript')
    expect(await usePrefsStore.getState().load()).toEqual({ reviewModule: 'transcript' })
    expect(bridge.calls).toEqual(['prefs:get'])

    // A layout change is saved through the shared preferences: the next read finds it.
    useReviewLayoutStore.getState().setModule('summary')
    await settle()
    expect(bridge.stored.reviewModule).toBe('summary')
    await useReviewLayoutStore.getState().loadPrefs()
    expect(useReviewLayoutStore.getState().module).toBe('summary')
  })

  it('starts the deferred loads once the library answered the list, not before, and not after a cancel', async () => {
    installBridge()
    const { afterFirstList, firstListAnswered } = await import('@renderer/lib/first-list')
    const ran: string[] = []
    afterFirstList(() => ran.push('groups'))
    const cancel = afterFirstList(() => ran.push('closed screen'))
    await settle()
    expect(ran).toEqual([])
    cancel()
    firstListAnswered()
    await settle()
    expect(ran).toEqual(['groups'])
    // Later ones run at once.
    afterFirstList(() => ran.push('later'))
    await settle()
    expect(ran).toEqual(['groups', 'later'])
  })

  it('starts them within 1.5 s when the library never answers', async () => {
    vi.useFakeTimers()
    installBridge()
    const { afterFirstList } = await import('@renderer/lib/first-list')
    const ran: string[] = []
    afterFirstList(() => ran.push('team status'))
    await vi.advanceTimersByTimeAsync(1_400)
    expect(ran).toEqual([])
    await vi.advanceTimersByTimeAsync(200)
    expect(ran).toEqual(['team status'])
  })

  it('lets the first render wait for the list’s first answer, up to a limit', async () => {
    vi.useFakeTimers()
    installBridge()
    const { firstListAnswered, firstListWithin } = await import('@renderer/lib/first-list')
    let waited = false
    void firstListWithin(250).then(() => (waited = true))
    await vi.advanceTimersByTimeAsync(100)
    expect(waited).toBe(false)
    firstListAnswered()
    await settle()
    expect(waited).toBe(true)

    // Answered already: at once.
    let again = false
    void firstListWithin(250).then(() => (again = true))
    await settle()
    expect(again).toBe(true)
  })

  it('stops waiting for the list when the limit passes', async () => {
    vi.useFakeTimers()
    installBridge()
    const { firstListWithin } = await import('@renderer/lib/first-list')
    let waited = false
    void firstListWithin(250).then(() => (waited = true))
    await vi.advanceTimersByTimeAsync(240)
    expect(waited).toBe(false)
    await vi.advanceTimersByTimeAsync(20)
    expect(waited).toBe(true)
  })
})
