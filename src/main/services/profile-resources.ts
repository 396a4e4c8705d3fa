/**
 * The files each profile owns — its call library and its QA store — opened on first use for
 * the active profile and closed when the session moves away, so that a profile's folder can be
 * removed ("also remove cached data") and profiles never see each other's data.
 */
import type { SyncProgress } from '../../shared/ipc/contract'
import { CallLibrary } from './library/call-library'
import { RecordingFiles } from './offline/recording-files'
import { SyncService, type SyncSource } from './offline/sync-service'
import { QaStores } from './qa/qa-stores'
import type { QaStore } from './qa/qa-store'
import type { Logger } from './log'

export class ProfileResources {
  private readonly libraries = new Map<string, CallLibrary>()
  private readonly files = new Map<string, RecordingFiles>()
  private readonly syncs = new Map<string, SyncService>()
  private readonly qaStores: QaStores

  constructor(
    private readonly log: Logger,
    private readonly clock: () => Date,
    private readonly sync: { source: () => SyncSource; emit: (progress: SyncProgress) => void }
  ) {
    this.qaStores = new QaStores(clock)
  }

  recordings(profileDir: string): RecordingFiles {
    let files = this.files.get(profileDir)
    if (!files) {
      files = new RecordingFiles(profileDir, this.library(profileDir), this.clock)
      this.files.set(profileDir, files)
    }
    return files
  }

  syncService(profileDir: string): SyncService {
    let service = this.syncs.get(profileDir)
    if (!service) {
      service = new SyncService({
        library: this.library(profileDir),
        files: this.recordings(profileDir),
        source: this.sync.source,
        emit: this.sync.emit,
        log: this.log,
        clock: this.clock
      })
      this.syncs.set(profileDir, service)
    }
    return service
  }

  library(profileDir: string): CallLibrary {
    let library = this.libraries.get(profileDir)
    if (!library) {
      library = new CallLibrary(profileDir, { log: this.log })
      this.libraries.set(profileDir, library)
    }
    return library
  }

  qa(profileDir: string): QaStore {
    return this.qaStores.forProfile(profileDir)
  }

  /** Close everything that holds files in this profile's folder. */
  close(profileDir: string): void {
    this.syncs.get(profileDir)?.abandon()
    this.syncs.delete(profileDir)
    this.files.delete(profileDir)
    this.libraries.get(profileDir)?.close()
    this.libraries.delete(profileDir)
    this.qaStores.close(profileDir)
  }

  closeAll(): void {
    for (const sync of this.syncs.values()) sync.abandon()
    this.syncs.clear()
    this.files.clear()
    for (const library of this.libraries.values()) library.close()
    this.libraries.clear()
    this.qaStores.closeAll()
  }
}
