import { z } from 'zod'
import { CallSortSchema, LocalFiltersShape } from './calls'
import type { ChannelMap } from './types'
import { CALL_COLUMN_KEYS, MAX_COLUMN_WIDTH, MAX_SAVED_VIEWS, MIN_COLUMN_WIDTH } from './values'

export { CALL_COLUMN_KEYS, MAX_COLUMN_WIDTH, MAX_SAVED_VIEWS, MIN_COLUMN_WIDTH }
export type { CallColumnKey } from './values'

export const DATE_PRESETS = ['today', 'yesterday', 'last7', 'last30', 'custom'] as const
export const DatePresetSchema = z.enum(DATE_PRESETS)

/*
 * Each shape below is used twice: loose (z.object) to read prefs.json, where a key an older or
 * newer version wrote must not cost the user every preference, and strict for what the renderer
 * sends (`prefs:set`), which refuses a key it does not name (issue 14, "IPC payloads have limits").
 */

/** The call-list filters as the user set them; they survive a restart. */
const filtersShape = {
  preset: DatePresetSchema.default('last7'),
  /** ISO dates (custom preset only). */
  start: z.string().max(64).optional(),
  end: z.string().max(64).optional(),
  org_unit_id: z.number().int().positive().optional(),
  campaign_id: z.number().int().positive().optional(),
  provisioned_route_id: z.number().int().positive().optional(),
  caller_id: z.string().max(40).optional(),
  phone_number: z.string().max(40).optional(),
  ring_to: z.string().max(40).optional(),
  disposition: z.array(z.string().max(40)).max(20).default([]),
  /** Full-text search over the local library. */
  text: z.string().max(500).default(''),
  /** Filters only the library answers (tag, duration, reviewed, flagged, score, agent, recording, transcript). */
  local: LocalFiltersShape.optional()
}
export const FiltersSchema = z.object(filtersShape)
const StrictFiltersSchema = z.strictObject({ ...filtersShape, local: LocalFiltersShape.strict().optional() })
export type Filters = z.infer<typeof FiltersSchema>

export const CallColumnKeySchema = z.enum(CALL_COLUMN_KEYS)

/** Which columns the call list shows, in which order, and the widths the user dragged them to (px). */
const columnLayoutShape = {
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
}
export const ColumnLayoutSchema = z.object(columnLayoutShape)
const StrictColumnLayoutSchema = z.strictObject(columnLayoutShape)
export type ColumnLayout = z.infer<typeof ColumnLayoutSchema>

/** A named set of filters, sort and columns ("Unreviewed answered calls, HVAC"), switched to in one click. */
const savedViewShape = {
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1, 'Give the view a name.').max(80, 'A view name holds at most 80 characters.'),
  sort: CallSortSchema.optional()
}
export const SavedViewSchema = z.object({
  ...savedViewShape,
  filters: FiltersSchema,
  /** Views saved before columns could be chosen have none: applying one leaves the columns as they are. */
  columns: ColumnLayoutSchema.optional()
})
const StrictSavedViewSchema = z.strictObject({ ...savedViewShape, filters: StrictFiltersSchema, columns: StrictColumnLayoutSchema.optional() })
export type SavedView = z.infer<typeof SavedViewSchema>

/** Per-profile UI preferences kept by main in the app data folder (never tokens). */
const prefsShape = {
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
  /** Mark a QA review reviewed as soon as its last criterion is answered, instead of offering to. */
  autoMarkReviewed: z.boolean().optional()
}
export const PrefsSchema = z.object({
  ...prefsShape,
  filters: FiltersSchema.optional(),
  views: z.array(SavedViewSchema).max(MAX_SAVED_VIEWS).optional(),
  /** The call list's columns: which, in what order, how wide. */
  columns: ColumnLayoutSchema.optional()
})
/** What `prefs:set` takes: the same fields, refusing any other. */
export const PrefsRequestSchema = z.strictObject({
  ...prefsShape,
  filters: StrictFiltersSchema.optional(),
  views: z.array(StrictSavedViewSchema).max(MAX_SAVED_VIEWS).optional(),
  columns: StrictColumnLayoutSchema.optional()
})
export type Prefs = z.infer<typeof PrefsSchema>

export const prefsChannels = {
  'prefs:get': { request: z.strictObject({}), response: PrefsSchema },
  /** Merge the given keys into the stored preferences and return the result. */
  'prefs:set': { request: PrefsRequestSchema, response: PrefsSchema }
} as const satisfies ChannelMap
