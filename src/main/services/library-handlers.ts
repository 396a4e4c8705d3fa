/**
 * The library domain's IPC handlers: cache statistics, clearing, the recording cache limit, and
 * "make available offline" jobs (run by the per-profile sync service).
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import type { CallQueryInput } from '../../shared/convirza/query'
import type { LibraryStats, SyncProgress } from '../../shared/ipc/contract'
import type { Handlers } from '../ipc/dispatcher'
import type { CallLibrary } from './library/call-library'
import { writeCacheLimit } from './library/recording-index'

/** "Make available offline" for the active profile. */
export interface SyncPort {
  start(query: CallQueryInput): Promise<SyncProgress>
  cancel(jobId: string): Promise<SyncProgress>
  status(): SyncProgress | null
}

export interface LibraryHandlerDeps {
  library: () => CallLibrary
  profileDir: () => string
  sync: () => SyncPort
}

type LibraryChannel = 'library:stats' | 'library:clear' | 'library:setCacheLimit' | 'sync:start' | 'sync:cancel' | 'sync:status'

export function createLibraryHandlers(deps: LibraryHandlerDeps): Pick<Handlers, LibraryChannel> {
  return {
    'library:stats': (): LibraryStats => deps.library().stats(),
    'library:clear': (): LibraryStats => {
      const library = deps.library()
      library.clear()
      rmSync(join(deps.profileDir(), 'recordings'), { recursive: true, force: true })
      return library.stats()
    },
    'library:setCacheLimit': ({ bytes }): LibraryStats => {
      const library = deps.library()
      writeCacheLimit(library.db, bytes)
      return library.stats()
    },
    'sync:start': ({ query }) => deps.sync().start(query),
    'sync:cancel': ({ jobId }) => deps.sync().cancel(jobId),
    'sync:status': () => deps.sync().status()
  }
}
