import { z } from 'zod'
import { CallSortSchema } from './calls'
import type { ChannelMap } from './types'

export const DATE_PRESETS = ['today', 'yesterday', 'last7', 'last30', 'custom'] as const
export const DatePresetSchema = z.enum(DATE_PRESETS)

/** The call-list filters as the user set them; they survive a restart. */
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

/** The call list's columns, by key; the renderer's components/calls/columns.ts gives each its title and default width. */
export const CALL_COLUMN_KEYS = ['started', 'caller', 'identity', 'disposition', 'duration', 'campaign', 'tracking', 'tags', 'status'] as const
export const CallColumnKeySchema = z.enum(CALL_COLUMN_KEYS)
export type CallColumnKey = z.infer<typeof CallColumnKeySchema>
/** A column is never narrower than its header's first letters, nor wider than a wide window. */
export const MIN_COLUMN_WIDTH = 48
export const MAX_COLUMN_WIDTH = 640

/** Which columns the call list shows, in which order, and the widths the user dragged them to (px). */
export const ColumnLayoutSchema = z.object({
  visible: z
    .array(CallColumnKeySchema)
    .min(1, 'Show at least one column.')
    .max(CALL_COLUMN_KEYS.length)
    .refine((keys) => new Set(keys).size === keys.length, 'Each column can show once only.'),
  widths: z
    .partialRecord(
      CallColumnKeySchema,
      z
        .number()
        .int()
        .min(MIN_COLUMN_WIDTH, `A column is at least ${MIN_COLUMN_WIDTH} px wide.`)
        .max(MAX_COLUMN_WIDTH, `A column is at most ${MAX_COLUMN_WIDTH} px wide.`)
    )
    .default({})
})
export type ColumnLayout = z.infer<typeof ColumnLayoutSchema>

/** The most saved views a profile keeps. */
export const MAX_SAVED_VIEWS = 50

/** A named set of filters, sort and columns ("Unreviewed answered calls, HVAC"), switched to in one click. */
export const SavedViewSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1, 'Give the view a name.').max(80, 'A view name holds at most 80 characters.'),
  filters: FiltersSchema,
  sort: CallSortSchema.optional(),
  /** Views saved before columns could be chosen have none: applying one leaves the columns as they are. */
  columns: ColumnLayoutSchema.optional()
})
export type SavedView = z.infer<typeof SavedViewSchema>

/** Per-profile UI preferences kept by main in the app data folder (never tokens). */
export const PrefsSchema = z.object({
  filters: FiltersSchema.optional(),
  /** Width of the call list as a fraction of the window. */
  splitRatio: z.number().min(0.15).max(0.85).optional(),
  playbackRate: z.number().min(0.5).max(2).optional(),
  volume: z.number().min(0).max(1).optional(),
  autoAdvance: z.boolean().optional(),
  /** The review pane: which module tab is open, whether the call's full facts are shown. */
  reviewModule: z.enum(['summary', 'tags', 'comments', 'scores', 'voiceAgent', 'customSources', 'callFlow']).optional(),
  reviewFactsOpen: z.boolean().optional(),
  /** The transcript keeps the turn being spoken in view. */
  followTranscript: z.boolean().optional(),
  /** Listening habits (off unless chosen): pause while a QA note is written; rewind on resume. */
  pauseWhileNoting: z.boolean().optional(),
  rewindOnResumeSec: z.number().int().min(0).max(30).optional(),
  skipSilence: z.boolean().optional(),
  /** The call list's sort (the library's; the API has newest first only). */
  sort: CallSortSchema.optional(),
  views: z.array(SavedViewSchema).max(MAX_SAVED_VIEWS).optional(),
  /** The call list's columns: which, in what order, how wide. */
  columns: ColumnLayoutSchema.optional(),
  /** Mark a QA review reviewed as soon as its last criterion is answered, instead of offering to. */
  autoMarkReviewed: z.boolean().optional()
})
export type Prefs = z.infer<typeof PrefsSchema>

export const prefsChannels = {
  'prefs:get': { request: z.object({}), response: PrefsSchema },
  /** Merge the given keys into the stored preferences and return the result. */
  'prefs:set': { request: PrefsSchema, response: PrefsSchema }
} as const satisfies ChannelMap
