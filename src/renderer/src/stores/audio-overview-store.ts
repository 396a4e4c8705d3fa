/**
 * The open call's waveform, turn times and quiet stretches (calls:audio), computed in main
 * from the cached recording. Kept for a few calls, so going back and forth, or a QA queue's
 * next calls fetched ahead, draw at once.
 */
import { create } from 'zustand'
import type { AppErrorInfo } from '@shared/errors'
import type { AudioOverview } from '@shared/ipc/contract'
import { keepNewest } from '@shared/recent-map'
import { call, errorInfo } from '../lib/api'

/** Columns asked of main: about one per device pixel of a wide pane; drawn scaled to the width. */
export const WAVEFORM_BUCKETS = 1200
const KEEP = 8

interface AudioOverviewStore {
  overviews: Map<number, AudioOverview>
  errors: Map<number, AppErrorInfo>
  /** Ask for a call's overview unless it is here or on its way; resolves when it is settled. */
  ensure: (callId: number) => Promise<void>
}

const inFlight = new Map<number, Promise<void>>()

export const useAudioOverviewStore = create<AudioOverviewStore>((set, get) => ({
  overviews: new Map(),
  errors: new Map(),
  ensure: (callId) => {
    if (get().overviews.has(callId)) return Promise.resolve()
    const running = inFlight.get(callId)
    if (running) return running
    const request = call('calls:audio', { callId, buckets: WAVEFORM_BUCKETS })
      .then((overview) => {
        set((s) => {
          const overviews = new Map(s.overviews)
          overviews.set(callId, overview)
          keepNewest(overviews, KEEP)
          const errors = new Map(s.errors)
          errors.delete(callId)
          return { overviews, errors }
        })
      })
      .catch((error: unknown) => {
        // The player still plays; the pane says the waveform and times could not be worked out.
        set((s) => ({ errors: new Map(s.errors).set(callId, errorInfo(error)) }))
      })
      .finally(() => inFlight.delete(callId))
    inFlight.set(callId, request)
    return request
  }
}))

export function useAudioOverview(callId: number | null): { overview: AudioOverview | null; error: AppErrorInfo | null } {
  const overview = useAudioOverviewStore((s) => (callId === null ? null : (s.overviews.get(callId) ?? null)))
  const error = useAudioOverviewStore((s) => (callId === null ? null : (s.errors.get(callId) ?? null)))
  return { overview, error }
}
