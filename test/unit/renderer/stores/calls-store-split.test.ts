/**
 * The split between the call list and the review pane: a chosen split is clamped, saved once
 * the drag ends and kept; a profile that never chose one has the default, whatever the profile
 * before it chose (the store outlives a switch of profile).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

let stored: Record<string, unknown> = {}

beforeEach(() => {
  vi.resetModules()
  stored = {}
  const invoke = async (channel: string, request: Record<string, unknown>): Promise<unknown> => {
    if (channel === 'prefs:get') return { ok: true, value: { ...stored } }
    if (channel === 'prefs:set') {
      Object.assign(stored, request)
      return { ok: true, value: { ...stored } }
    }
    return { ok: true, value: null }
  }
  Reflect.set(globalThis, 'window', { callReview: { invoke, on: () => () => {} } })
})
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'window')
})

describe('the split between the list and the review pane', () => {
  it('is the default until chosen, then clamped, and saved once the drag ends', async () => {
    const { useCallsStore, DEFAULT_SPLIT_RATIO, MAX_SPLIT_RATIO } = await import('@renderer/stores/calls-store')
    await useCallsStore.getState().loadLayout()
    expect(useCallsStore.getState().splitRatio).toBe(DEFAULT_SPLIT_RATIO)

    useCallsStore.getState().setSplitRatio(0.4, false)
    expect(useCallsStore.getState().splitRatio).toBe(0.4)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(stored['splitRatio']).toBeUndefined()
    useCallsStore.getState().setSplitRatio(0.9, true)
    await vi.waitFor(() => expect(stored['splitRatio']).toBe(MAX_SPLIT_RATIO))
    expect(useCallsStore.getState().splitRatio).toBe(MAX_SPLIT_RATIO)
  })

  it('goes back to the default for a profile that never chose one', async () => {
    stored = { splitRatio: 0.3 }
    const { useCallsStore, DEFAULT_SPLIT_RATIO } = await import('@renderer/stores/calls-store')
    const { usePrefsStore } = await import('@renderer/stores/prefs-store')
    await useCallsStore.getState().loadLayout()
    expect(useCallsStore.getState().splitRatio).toBe(0.3)

    // Another profile: its own preferences, no split in them.
    usePrefsStore.getState().forget()
    stored = {}
    await useCallsStore.getState().loadLayout()
    expect(useCallsStore.getState().splitRatio).toBe(DEFAULT_SPLIT_RATIO)
  })
})
