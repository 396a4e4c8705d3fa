/**
 * The filters store holds one account's groups and choices at a time: forget() (the call screen
 * closing for another profile) empties them, and an answer the last account's request brings
 * after that is dropped instead of showing one client's groups, or its error, under another.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { useFiltersStore } from '@renderer/stores/filters-store'
import { usePrefsStore } from '@renderer/stores/prefs-store'

interface Pending {
  channel: string
  resolve: (result: unknown) => void
}

function installBridge(): Pending[] {
  const pending: Pending[] = []
  Reflect.set(globalThis, 'window', {
    callReview: {
      invoke: (channel: string) => new Promise<unknown>((resolve) => pending.push({ channel, resolve })),
      on: () => () => {}
    }
  })
  return pending
}

const ROOFING = [{ id: 1100, name: 'Roofing Co', children: [] }]
const DENTAL = [{ id: 5000, name: 'Lakeside Dental Group', children: [] }]

afterEach(() => {
  useFiltersStore.getState().forget()
  usePrefsStore.getState().forget()
  Reflect.deleteProperty(globalThis, 'window')
})

describe('filters store across profiles', () => {
  it('forgets the last account’s groups and error, and drops an answer that comes after', async () => {
    const pending = installBridge()
    const first = useFiltersStore.getState().loadGroups()
    pending[0]?.resolve({ ok: true, value: DENTAL })
    await first
    expect(useFiltersStore.getState().groups).toEqual(DENTAL)

    // A slow request of the same account, then the switch.
    const late = useFiltersStore.getState().loadGroups()
    const lateError = useFiltersStore.getState().loadChoices()
    useFiltersStore.getState().forget()
    expect(useFiltersStore.getState().groups).toBeNull()
    expect(useFiltersStore.getState().applied).toBeNull()

    // The next account's groups fail: its own error, and no other account's groups.
    const next = useFiltersStore.getState().loadGroups()
    pending[3]?.resolve({ ok: false, error: { kind: 'server', message: 'The groups could not be loaded (HTTP 502).' } })
    await next
    pending[1]?.resolve({ ok: true, value: ROOFING })
    pending[2]?.resolve({ ok: false, error: { kind: 'network', message: 'offline' } })
    await Promise.all([late, lateError])
    expect(useFiltersStore.getState().groups).toBeNull()
    expect(useFiltersStore.getState().groupsError?.message).toBe('The groups could not be loaded (HTTP 502).')
    expect(useFiltersStore.getState().choicesError).toBeNull()
    expect(pending.map((p) => p.channel)).toEqual(['groups:tree', 'groups:tree', 'calls:choices', 'groups:tree'])
  })

  it('reads the saved filters once per account: the call screen mounting after the start finds the same query', async () => {
    const pending = installBridge()
    // main.tsx starts the read before the first render; the call screen's mount asks again.
    const atStart = useFiltersStore.getState().load()
    const onMount = useFiltersStore.getState().load()
    pending[0]?.resolve({ ok: true, value: { filters: { preset: 'last30', disposition: [], text: '' } } })
    await Promise.all([atStart, onMount])
    const applied = useFiltersStore.getState().applied
    expect(applied?.query).toMatchObject({ limit: expect.any(Number) as unknown })
    expect(useFiltersStore.getState().draft.preset).toBe('last30')
    // Later asks (the screen mounting again) keep the very query shown: the list is not asked again.
    await useFiltersStore.getState().load()
    expect(useFiltersStore.getState().applied).toBe(applied)
    expect(pending.map((p) => p.channel)).toEqual(['prefs:get'])
  })

  it('drops saved filters read for the last account when they arrive after the switch', async () => {
    const pending = installBridge()
    const late = useFiltersStore.getState().load()
    useFiltersStore.getState().forget()
    usePrefsStore.getState().forget()
    pending[0]?.resolve({ ok: true, value: { filters: { preset: 'last30', disposition: [], text: '' } } })
    await late
    expect(useFiltersStore.getState().applied).toBeNull()
    expect(useFiltersStore.getState().loaded).toBe(false)
    // The next account's own read happens: it is not the last one's promise.
    const next = useFiltersStore.getState().load()
    pending[1]?.resolve({ ok: true, value: {} })
    await next
    expect(useFiltersStore.getState().draft.preset).not.toBe('last30')
    expect(useFiltersStore.getState().applied).not.toBeNull()
  })
})
