/**
 * The files each profile owns — its call library and its QA store — opened on first use for
 * the active profile and closed when the session moves away, so that a profile's folder can be
 * removed ("also remove cached data") and profiles never see each other's data.
 */
import { CallLibrary } from './library/call-library'
import { QaStores } from './qa/qa-stores'
import type { QaStore } from './qa/qa-store'
import type { Logger } from './log'

export class ProfileResources {
  private readonly libraries = new Map<string, CallLibrary>()
  private readonly qaStores: QaStores

  constructor(
    private readonly log: Logger,
    clock?: () => Date
  ) {
    this.qaStores = new QaStores(clock)
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
    this.libraries.get(profileDir)?.close()
    this.libraries.delete(profileDir)
    this.qaStores.close(profileDir)
  }

  closeAll(): void {
    for (const library of this.libraries.values()) library.close()
    this.libraries.clear()
    this.qaStores.closeAll()
  }
}
