import { join } from 'node:path'
import { PrefsSchema, type Prefs } from '@shared/ipc/contract'
import { readJsonFile, writeJsonFile } from '../json-file'
import type { Logger } from '../log'

/**
 * Per-profile UI preferences (filters, split, speed) in `<profileDir>/prefs.json`. A damaged file
 * means its previous copy or the defaults, and a log line (json-file.ts), never a failed request.
 */
export class PrefsRepository {
  constructor(
    private readonly profileDir: () => string,
    private readonly log?: Logger
  ) {}

  private get path(): string {
    return join(this.profileDir(), 'prefs.json')
  }

  get(): Prefs {
    return readJsonFile(this.path, PrefsSchema, {}, { log: this.log })
  }

  /** Merge the given keys into what is stored. */
  set(patch: Prefs): Prefs {
    const next = { ...this.get(), ...patch }
    writeJsonFile(this.path, next)
    return next
  }
}
