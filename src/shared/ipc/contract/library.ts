import { z } from 'zod'
import { CallQueryInputSchema } from '@shared/convirza/query-schema'
import { ErrorKindSchema } from '@shared/errors'
import { BulkCallIdsSchema } from './calls'
import type { ChannelMap, EventMap } from './types'

export const LibraryStatsSchema = z.object({
  calls: z.number().int().nonnegative(),
  databaseBytes: z.number().int().nonnegative(),
  recordings: z.number().int().nonnegative(),
  recordingBytes: z.number().int().nonnegative(),
  recordingCacheLimitBytes: z.number().int().positive()
})
export type LibraryStats = z.infer<typeof LibraryStatsSchema>

export const SyncProgressSchema = z.object({
  jobId: z.string(),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  calls: z.object({ done: z.number().int(), total: z.number().int() }),
  recordings: z.object({ done: z.number().int(), total: z.number().int() }),
  bytes: z.number().int().nonnegative(),
  /** Estimated seconds left; null until it can be estimated. */
  secondsLeft: z.number().nullable(),
  error: z.string().optional(),
  /** Set when the job is for calls selected in the list (this many), not for a filter. */
  selectedCalls: z.number().int().positive().optional(),
  /** Whether the calls stored add up against the server's latest total, once the run has checked. */
  summary: z
    .object({
      /** The server's latest count of calls in the range. */
      serverTotal: z.number().int().nonnegative(),
      /** Calls of the range stored in the library. */
      stored: z.number().int().nonnegative(),
      /** Records the server sent that could not be stored (no usable call_id), with why. */
      refused: z.array(z.object({ callId: z.union([z.number(), z.string()]).nullable(), reason: z.string().max(500) })).max(1000),
      refusedCount: z.number().int().nonnegative(),
      /** Calls stored with one or more fields left empty (see the call's details). */
      degraded: z.number().int().nonnegative(),
      /**
       * Calls of the range the library holds that the server no longer lists (deleted or merged
       * there): kept in the library and marked "no longer listed by the server".
       */
      removed: z.number().int().nonnegative(),
      /** What did not add up at first and was closed by reading parts of the range again. */
      reconciled: z.string().max(1000).nullable(),
      complete: z.boolean()
    })
    .optional()
})
export type SyncProgress = z.infer<typeof SyncProgressSchema>

export const libraryChannels = {
  'library:stats': { request: z.strictObject({}), response: LibraryStatsSchema },
  'library:clear': { request: z.strictObject({}), response: LibraryStatsSchema },
  'library:setCacheLimit': {
    request: z.strictObject({
      bytes: z
        .number()
        .int()
        .min(100 * 1024 * 1024, 'The recording cache needs at least 100 MB.')
    }),
    response: LibraryStatsSchema
  },
  /** "Make available offline" for a query: every page, every recording. */
  'sync:start': { request: z.strictObject({ query: CallQueryInputSchema }), response: SyncProgressSchema },
  /** "Make available offline" for calls selected in the list: their records if missing, and their recordings. */
  'sync:startCalls': { request: z.strictObject({ callIds: BulkCallIdsSchema }), response: SyncProgressSchema },
  'sync:cancel': { request: z.strictObject({ jobId: z.string().min(1).max(64) }), response: SyncProgressSchema },
  /** The running or last job of the active profile, if any. */
  'sync:status': { request: z.strictObject({}), response: SyncProgressSchema.nullable() },
  /**
   * Why main could not serve a call's recording the last time the page asked (the audio element
   * only learns a status code): what failed and what to do, or null when nothing failed since.
   */
  'library:recordingProblem': {
    request: z.strictObject({ callId: z.number().int().positive() }),
    response: z.object({ kind: ErrorKindSchema, message: z.string().max(2000) }).nullable()
  }
} as const satisfies ChannelMap

export const libraryEvents = {
  'sync:progress': SyncProgressSchema
} as const satisfies EventMap
