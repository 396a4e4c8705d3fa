/**
 * The call open in the review pane: its full record, from the local library at once and then
 * from the API (lib/cache-then-network.ts, like the list). Opening another call unloads the
 * previous recording at once; the new one is handed to the player when its record arrives, and
 * a fresher copy of the same call does not interrupt what is playing.
 */
import { create } from 'zustand'
import type { AppErrorInfo } from '@shared/errors'
import type { CallDetail } from '@shared/ipc/contract'
import { call } from '../lib/api'
import { cacheThenNetwork } from '../lib/cache-then-network'
import { reportIfUnauthorized } from './auth-store'
import { usePlayerStore } from './player-store'

export type ReviewStatus = 'idle' | 'loading' | 'ready' | 'error'

interface ReviewStore {
  callId: number | null
  detail: CallDetail | null
  status: ReviewStatus
  /** Why the call could not be shown at all (nothing cached and the API failed). */
  error: AppErrorInfo | null
  /** The API is being asked for a fresher copy of what is shown. */
  refreshing: boolean
  /**
   * The API could not give a fresher copy (`offline`: could not be reached); what is shown is
   * the library's copy from `dataFrom`.
   */
  stale: { dataFrom: string | null; error: AppErrorInfo; offline: boolean } | null
  open: (callId: number, options?: { autoplay?: boolean }) => Promise<void>
  retry: () => void
  close: () => void
}

const OFFLINE_KINDS = new Set(['network', 'timeout'])
/**
 * A library copy younger than this is shown without asking the API again: the list's own API
 * page stored every module of its calls moments ago, so a second request would only repeat it.
 */
export const FRESH_ENOUGH_MS = 2 * 60_000
let generation = 0
let lastAutoplay = false

/** "00:41:36.60" (recording_details.duration) → seconds. */
export function parseRecordingDuration(value: string | null | undefined): number | null {
  const match = value ? /^(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(value.trim()) : null
  if (!match) return null
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3])
}

function handToPlayer(detail: CallDetail, autoplay: boolean): void {
  const player = usePlayerStore.getState()
  if (!detail.recording.url) {
    player.unload()
    return
  }
  player.load(
    {
      callId: detail.record.call_id,
      url: detail.recording.url,
      expectedDuration: parseRecordingDuration(detail.record.recording_details?.duration) ?? detail.record.duration ?? null,
      downloaded: detail.recording.offline
    },
    { autoplay }
  )
}

export const useReviewStore = create<ReviewStore>((set, get) => ({
  callId: null,
  detail: null,
  status: 'idle',
  error: null,
  refreshing: false,
  stale: null,
  open: async (callId, options = {}) => {
    generation += 1
    const gen = generation
    lastAutoplay = options.autoplay ?? false
    const keep = get().callId === callId ? get().detail : null
    // Another call's recording stops now, not when this call's record arrives: until then the
    // pane shows a skeleton, and the old sound must neither keep playing nor answer Space.
    const player = usePlayerStore.getState()
    if (player.callId !== null && player.callId !== callId) player.unload()
    set({ callId, detail: keep, status: keep ? 'ready' : 'loading', error: null, stale: null, refreshing: true })

    let cacheShown = false
    await cacheThenNetwork<CallDetail>({
      cache: () => call('calls:get', { callId, source: 'cache' }),
      network: () => call('calls:get', { callId, source: 'network' }),
      needsNetwork: (cached) => {
        const age = cached.fetchedAt ? Date.now() - Date.parse(cached.fetchedAt) : Number.POSITIVE_INFINITY
        const needed = cached.source !== 'network' && age >= FRESH_ENOUGH_MS
        if (!needed) set({ refreshing: false })
        return needed
      },
      isCurrent: () => gen === generation,
      onCache: (cached) => {
        cacheShown = true
        set({ detail: cached, status: 'ready' })
        handToPlayer(cached, lastAutoplay)
      },
      // Not in the library yet is the normal case for a call never opened: the API answers next.
      onCacheError: reportIfUnauthorized,
      onNetwork: (fresh) => {
        set({ detail: fresh, status: 'ready', refreshing: false })
        handToPlayer(fresh, lastAutoplay && !cacheShown)
      },
      onNetworkError: (info) => {
        reportIfUnauthorized(info)
        const shown = get().detail
        if (shown) {
          set({ refreshing: false, stale: { dataFrom: shown.fetchedAt, error: info, offline: OFFLINE_KINDS.has(info.kind) } })
        } else {
          set({ status: 'error', error: info, refreshing: false })
          usePlayerStore.getState().unload()
        }
      }
    })
  },
  retry: () => {
    const callId = get().callId
    if (callId !== null) void get().open(callId, { autoplay: lastAutoplay })
  },
  close: () => {
    generation += 1
    set({ callId: null, detail: null, status: 'idle', error: null, stale: null, refreshing: false })
    usePlayerStore.getState().unload()
  }
}))
