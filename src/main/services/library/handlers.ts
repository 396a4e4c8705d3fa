/**
 * The library domain's IPC handlers: cache statistics, clearing, the recording cache limit, and
 * "make available offline" jobs, over the active profile's CallLibrary, RecordingCache and
 * SyncJobs (opened by ProfileResources).
 */
import type { LibraryStats, libraryChannels } from '@shared/ipc/contract'
import type { DomainHandlers } from '@main/ipc/dispatcher'
import type { CallLibrary } from './call-library'
import type { RecordingCache } from './recording-cache'
import type { SyncJobs } from './sync-jobs'

export interface LibraryHandlerDeps {
  library: () => CallLibrary
  recordings: () => RecordingCache
  sync: () => SyncJobs
  /** Remove the active profile's cached calls, recordings and jobs (ProfileResources#clearCachedData). */
  clear: () => Promise<void>
}

export function createLibraryHandlers(deps: LibraryHandlerDeps): DomainHandlers<typeof libraryChannels> {
  /** The library's own sizes (with the pages just shown from the API), and the recordings as the cache holds them. */
  const stats = async (): Promise<LibraryStats> => {
    const library = deps.library()
    await library.whenShownStored()
    const cache = deps.recordings()
    const recordings = cache.totals()
    return {
      ...library.stats(),
      recordings: recordings.count,
      recordingBytes: recordings.bytes,
      recordingCacheLimitBytes: cache.limit()
    }
  }
  return {
    'library:stats': stats,
    'library:clear': async (): Promise<LibraryStats> => {
      await deps.clear()
      return await stats()
    },
    'library:setCacheLimit': ({ bytes }): Promise<LibraryStats> => {
      deps.recordings().setLimit(bytes)
      return stats()
    },
    'sync:start': ({ query }) => deps.sync().start(query),
    'sync:startCalls': ({ callIds }) => deps.sync().startCalls(callIds),
    'sync:cancel': ({ jobId }) => deps.sync().cancel(jobId),
    'sync:status': () => deps.sync().status(),
    'library:recordingProblem': ({ callId }) => deps.recordings().lastFailure(callId)
  }
}
