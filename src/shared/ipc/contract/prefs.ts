import { z } from 'zod'
import type { ChannelMap } from './types'

export const DATE_PRESETS = ['today', 'yesterday', 'last7', 'last30', 'custom'] as const
export const DatePresetSchema = z.enum(DATE_PRESETS)

/** The call-list filters as the user set them; they survive a restart (issue: call list). */
export const FiltersSchema = z.object({
  preset: DatePresetSchema.default('last7'),
  /** ISO dates (custom preset only). */
  start: z.string().optional(),
  end: z.string().optional(),
  org_unit_id: z.number().int().positive().optional(),
  campaign_id: z.number().int().positive().optional(),
  provisioned_route_id: z.number().int().positive().optional(),
  caller_id: z.string().optional(),
  phone_number: z.string().optional(),
  ring_to: z.string().optional(),
  disposition: z.array(z.string()).default([]),
  /** Full-text search over the local library. */
  text: z.string().default('')
})
export type Filters = z.infer<typeof FiltersSchema>

/** Per-profile UI preferences kept by main in the app data folder (never tokens). */
export const PrefsSchema = z.object({
  filters: FiltersSchema.optional(),
  /** Width of the call list as a fraction of the window. */
  splitRatio: z.number().min(0.15).max(0.85).optional(),
  playbackRate: z.number().min(0.5).max(2).optional(),
  volume: z.number().min(0).max(1).optional(),
  autoAdvance: z.boolean().optional(),
  /** Mark a QA review reviewed as soon as its last criterion is answered, instead of offering to. */
  autoMarkReviewed: z.boolean().optional()
})
export type Prefs = z.infer<typeof PrefsSchema>

export const prefsChannels = {
  'prefs:get': { request: z.object({}), response: PrefsSchema },
  /** Merge the given keys into the stored preferences and return the result. */
  'prefs:set': { request: PrefsSchema, response: PrefsSchema }
} as const satisfies ChannelMap
