import { join } from 'node:path'
import { PrefsSchema, type Prefs } from '../../shared/ipc/contract'
import { readJsonFile, writeJsonFile } from './json-file'

/** Per-profile UI preferences (filters, split, speed) in `<profileDir>/prefs.json`. */
export class PrefsStore {
  constructor(private readonly profileDir: () => string) {}

  private get path(): string {
    return join(this.profileDir(), 'prefs.json')
  }

  get(): Prefs {
    return readJsonFile(this.path, PrefsSchema, {})
  }

  /** Merge the given keys into what is stored. */
  set(patch: Prefs): Prefs {
    const next = { ...this.get(), ...patch }
    writeJsonFile(this.path, next)
    return next
  }
}
