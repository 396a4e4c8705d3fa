/**
 * One open QaStore per profile folder, opened on first use. The composition layer keeps one of
 * these and hands `forProfile(activeProfileDir)` to the handlers; before a profile's folder is
 * deleted it must `close` that profile's store, or SQLite keeps the deleted files open.
 */
import { resolve } from 'node:path'
import { QaStore } from './qa-store'

export class QaStores {
  private readonly open = new Map<string, QaStore>()

  constructor(private readonly clock: () => Date = () => new Date()) {}

  forProfile(profileDir: string): QaStore {
    const key = resolve(profileDir)
    let store = this.open.get(key)
    if (!store) {
      store = new QaStore(key, this.clock)
      this.open.set(key, store)
    }
    return store
  }

  /** Close one profile's store (before deleting its folder); the next use reopens it. */
  close(profileDir: string): void {
    const key = resolve(profileDir)
    this.open.get(key)?.close()
    this.open.delete(key)
  }

  closeAll(): void {
    for (const store of this.open.values()) store.close()
    this.open.clear()
  }
}
