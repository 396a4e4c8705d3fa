import { z } from 'zod'
import { CallQueryInputSchema } from '../../convirza/query'
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
  error: z.string().optional()
})
export type SyncProgress = z.infer<typeof SyncProgressSchema>

export const libraryChannels = {
  'library:stats': { request: z.object({}), response: LibraryStatsSchema },
  'library:clear': { request: z.object({}), response: LibraryStatsSchema },
  'library:setCacheLimit': {
    request: z.object({ bytes: z.number().int().min(100 * 1024 * 1024, 'The recording cache needs at least 100 MB.') }),
    response: LibraryStatsSchema
  },
  /** "Make available offline" for a query: every page, every recording. */
  'sync:start': { request: z.object({ query: CallQueryInputSchema }), response: SyncProgressSchema },
  'sync:cancel': { request: z.object({ jobId: z.string() }), response: SyncProgressSchema },
  /** The running or last job of the active profile, if any. */
  'sync:status': { request: z.object({}), response: SyncProgressSchema.nullable() }
} as const satisfies ChannelMap

export const libraryEvents = {
  'sync:progress': SyncProgressSchema
} as const satisfies EventMap
