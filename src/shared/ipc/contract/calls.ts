import { z } from 'zod'
import { CallRecordSchema, GroupNodeSchema, RecordIssueSchema } from '@shared/convirza/schemas'
import { CallQueryInputSchema } from '@shared/convirza/query-schema'
import type { ChannelMap } from './types'
import { SORT_COLUMNS, type CallSort } from './values'

export { DEFAULT_SORT, SORT_COLUMNS, hasLocalFilters, isDefaultSort } from './values'
export type { CallSort, SortColumn } from './values'

/** Where a search matched a call, for the row's "transcript: …roof leak…" line. */
export const SEARCH_HIT_PLACES = [
  'number',
  'transcript',
  'summary',
  'comment',
  'tag',
  'caller',
  'campaign',
  'name',
  'note',
  'review',
  'flag'
] as const
export const SearchHitSchema = z.object({
  where: z.enum(SEARCH_HIT_PLACES),
  /** A short excerpt around the match (the renderer marks the searched words in it). */
  snippet: z.string().max(400),
  /** A note's moment in the recording, in seconds. */
  seconds: z.number().nonnegative().nullable()
})
export type SearchHit = z.infer<typeof SearchHitSchema>

export const CallSortSchema = z.strictObject({ column: z.enum(SORT_COLUMNS), direction: z.enum(['asc', 'desc']) }) satisfies z.ZodType<CallSort>

/**
 * One row of the call list: what the list shows, computed in main so that 100,000 rows
 * do not carry whole records across IPC.
 */
export const CallListItemSchema = z.object({
  callId: z.number(),
  started: z.string(),
  durationSeconds: z.number().nullable(),
  callerId: z.string().nullable(),
  callerIdentity: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  campaignName: z.string().nullable(),
  groupName: z.string().nullable(),
  disposition: z.string().nullable(),
  tags: z.array(z.string()),
  reviewed: z.boolean(),
  recordingOffline: z.boolean(),
  transcriptOffline: z.boolean(),
  /** When a sync found the server no longer lists this call (deleted or merged there); absent while it is listed. */
  unlistedAt: z.string().max(40).optional(),
  /** The mean of the call's indicator scores; null when none was scored. */
  score: z.number().nullable().optional(),
  /** With a text search: where it matched this call. */
  match: SearchHitSchema.optional()
})
export type CallListItem = z.infer<typeof CallListItemSchema>

/**
 * Filters the API does not have, answered by the library alone over the calls downloaded to this
 * computer: any of them set makes the list the library's (as a text search or a sort does).
 * Durations are in seconds, scores as the indicators give them; ranges are inclusive.
 */
export const LocalFiltersShape = z.object({
  /** Calls carrying this tag (its name, any case). */
  tag: z.string().trim().min(1).max(200).optional(),
  minDuration: z.number().nonnegative().max(1_000_000).optional(),
  maxDuration: z.number().nonnegative().max(1_000_000).optional(),
  /** 'yes': calls you marked reviewed; 'no': the others. */
  reviewed: z.enum(['yes', 'no']).optional(),
  /** Calls you flagged for follow-up in a QA review. */
  flagged: z.literal(true).optional(),
  minScore: z.number().min(-1_000_000).max(1_000_000).optional(),
  maxScore: z.number().min(-1_000_000).max(1_000_000).optional(),
  /** The agent who took the call (its name, any case). */
  agent: z.string().trim().min(1).max(200).optional(),
  hasRecording: z.boolean().optional(),
  hasTranscript: z.boolean().optional()
})
export const LocalFiltersSchema = LocalFiltersShape.strict()
  .refine((f) => f.minDuration === undefined || f.maxDuration === undefined || f.minDuration <= f.maxDuration, {
    message: 'The shortest duration must not be longer than the longest.',
    path: ['minDuration']
  })
  .refine((f) => f.minScore === undefined || f.maxScore === undefined || f.minScore <= f.maxScore, {
    message: 'The lowest score must not be above the highest.',
    path: ['minScore']
  })
export type LocalFilters = z.infer<typeof LocalFiltersSchema>

/** What the campaign, route, agent and tag pickers offer: the names the library has seen. */
export const CallChoicesSchema = z.object({
  campaigns: z.array(z.object({ id: z.number(), name: z.string().nullable(), calls: z.number().int().nonnegative() })),
  /** A route has no name of its own in the API: it is shown by its tracking numbers and campaign. */
  routes: z.array(
    z.object({ id: z.number(), trackingNumbers: z.array(z.string()), campaignName: z.string().nullable(), calls: z.number().int().nonnegative() })
  ),
  agents: z.array(z.string()),
  tags: z.array(z.string())
})
export type CallChoices = z.infer<typeof CallChoicesSchema>

export const CallListRequestSchema = z.strictObject({
  query: CallQueryInputSchema,
  /** Full-text search over the local library; implies source 'cache'. */
  text: z.string().max(500).optional(),
  /** A sort other than newest first; implies source 'cache' (the API cannot sort). */
  sort: CallSortSchema.optional(),
  /** Filters only the library can answer; set, they imply source 'cache'. */
  local: LocalFiltersSchema.optional(),
  /** 'cache' answers at once from the library; 'network' asks the API and stores the result. */
  source: z.enum(['cache', 'network'])
})
export type CallListRequest = z.infer<typeof CallListRequestSchema>

export const CallListPageSchema = z.object({
  items: z.array(CallListItemSchema),
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
  source: z.enum(['cache', 'network']),
  /** When the data was fetched from the API (ISO); null when nothing is cached. */
  fetchedAt: z.string().nullable(),
  /** Records the client refused, reported with id and field; the rest of the page arrived. */
  issues: z.array(RecordIssueSchema),
  requestId: z.string().nullable()
})
export type CallListPage = z.infer<typeof CallListPageSchema>

export const CallDetailSchema = z.object({
  record: CallRecordSchema,
  fetchedAt: z.string().nullable(),
  source: z.enum(['cache', 'network']),
  reviewed: z.boolean(),
  /** When a sync found the server no longer lists this call; absent or null while it is listed. */
  unlistedAt: z.string().max(40).nullable().optional(),
  recording: z.object({
    /** The call has a recording at all. */
    available: z.boolean(),
    /** The bytes are on disk. */
    offline: z.boolean(),
    /** URL the page plays: recording://… in the app, loopback HTTP in the test harness. */
    url: z.string().nullable()
  })
})
export type CallDetail = z.infer<typeof CallDetailSchema>

/** Most calls one bulk action (export, make available offline) takes: a selection, not an account. */
export const MAX_BULK_CALLS = 10_000

/** The selected calls a bulk action is for. */
export const BulkCallIdsSchema = z
  .array(z.number().int().positive())
  .min(1, 'Select at least one call.')
  .max(MAX_BULK_CALLS, `Select at most ${MAX_BULK_CALLS.toLocaleString('en-US')} calls at a time.`)

export const CallsExportResultSchema = z.object({
  path: z.string(),
  format: z.enum(['csv', 'json']),
  /** Calls written to the file. */
  exported: z.number().int().nonnegative(),
  /** Selected calls the library does not hold, so not written: counted, never dropped silently. */
  notInLibrary: z.number().int().nonnegative(),
  /** The first of them, to name. */
  notInLibraryIds: z.array(z.number().int()).max(100)
})
export type CallsExportResult = z.infer<typeof CallsExportResultSchema>

export const callsChannels = {
  'calls:list': { request: CallListRequestSchema, response: CallListPageSchema },
  'calls:get': {
    request: z.strictObject({ callId: z.number().int().positive(), source: z.enum(['cache', 'network']).default('cache') }),
    response: CallDetailSchema
  },
  'groups:tree': { request: z.strictObject({}), response: z.array(GroupNodeSchema) },
  /** The campaigns, routes, agents and tags of the calls in the library, for the pickers. */
  'calls:choices': { request: z.strictObject({}), response: CallChoicesSchema },
  /** The selected calls' facts, from the library, to a CSV or JSON file main asks where to save (the Save dialog). */
  'calls:export': {
    request: z.strictObject({ callIds: BulkCallIdsSchema, format: z.enum(['csv', 'json']) }),
    response: CallsExportResultSchema
  },
  /** Only paths calls:export wrote in this run are accepted. */
  'calls:showExport': { request: z.strictObject({ path: z.string().min(1).max(4096) }), response: z.strictObject({}) },
  'calls:openExport': { request: z.strictObject({ path: z.string().min(1).max(4096) }), response: z.strictObject({}) }
} as const satisfies ChannelMap
