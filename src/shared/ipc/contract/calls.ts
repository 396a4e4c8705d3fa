import { z } from 'zod'
import { CallRecordSchema, GroupNodeSchema, RecordIssueSchema } from '../../convirza/schemas'
import { CallQueryInputSchema } from '../../convirza/query'
import type { ChannelMap } from './types'

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

/** Columns the library can sort by; the API has one order only (newest first). */
export const SORT_COLUMNS = ['started', 'duration', 'caller', 'campaign', 'disposition', 'reviewed'] as const
export type SortColumn = (typeof SORT_COLUMNS)[number]
export const CallSortSchema = z.strictObject({ column: z.enum(SORT_COLUMNS), direction: z.enum(['asc', 'desc']) })
export type CallSort = z.infer<typeof CallSortSchema>
/** The API's own order: newest first. Any other sort is answered by the library alone. */
export const DEFAULT_SORT: CallSort = { column: 'started', direction: 'desc' }
export function isDefaultSort(sort: CallSort | undefined): boolean {
  return !sort || (sort.column === DEFAULT_SORT.column && sort.direction === DEFAULT_SORT.direction)
}

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
  /** With a text search: where it matched this call. */
  match: SearchHitSchema.optional()
})
export type CallListItem = z.infer<typeof CallListItemSchema>

export const CallListRequestSchema = z.strictObject({
  query: CallQueryInputSchema,
  /** Full-text search over the local library; implies source 'cache'. */
  text: z.string().max(500).optional(),
  /** A sort other than newest first; implies source 'cache' (the API cannot sort). */
  sort: CallSortSchema.optional(),
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

export const callsChannels = {
  'calls:list': { request: CallListRequestSchema, response: CallListPageSchema },
  'calls:get': {
    request: z.strictObject({ callId: z.number().int().positive(), source: z.enum(['cache', 'network']).default('cache') }),
    response: CallDetailSchema
  },
  'groups:tree': { request: z.strictObject({}), response: z.array(GroupNodeSchema) }
} as const satisfies ChannelMap
