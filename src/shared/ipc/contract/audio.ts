import { z } from 'zod'
import type { ChannelMap } from './types'

/** Most waveform columns the renderer may ask for: wider than any screen, small over IPC. */
export const MAX_WAVEFORM_BUCKETS = 4000

/**
 * What the review pane needs to draw a recording and tie its transcript to it, computed in
 * main from the cached bytes (docs/decisions/waveform.md): never audio, never a URL.
 */
export const AudioOverviewSchema = z.object({
  callId: z.number().int().positive(),
  durationSec: z.number().nonnegative(),
  /** One min/max pair per column, in [-1, 1]. */
  peaks: z.object({ min: z.array(z.number()), max: z.array(z.number()) }),
  /**
   * Each transcript turn's place on the audio, in transcript order; `estimated` because the
   * transcript carries no times and they are found from the audio.
   */
  turns: z.array(z.object({ startSec: z.number(), endSec: z.number(), estimated: z.literal(true) })),
  /** Holds and silences of 5 s or more. */
  quiet: z.array(z.object({ startSec: z.number(), endSec: z.number(), kind: z.enum(['hold', 'silence']) }))
})
export type AudioOverview = z.infer<typeof AudioOverviewSchema>

export const audioChannels = {
  /**
   * A call's waveform, turn times and quiet stretches. Downloads the recording into the cache
   * if it is not there yet (the same download playback starts), and computes what is missing
   * once: features with the recording, turn times with the call (library).
   */
  'calls:audio': {
    request: z.strictObject({
      callId: z.number().int().positive(),
      buckets: z.number().int().min(16).max(MAX_WAVEFORM_BUCKETS).default(1200)
    }),
    response: AudioOverviewSchema
  }
} as const satisfies ChannelMap
