/**
 * One open QaRepository per profile folder, opened on first use. The composition layer keeps one of
 * these and hands `forProfile(activeProfileDir)` to the handlers; before a profile's folder is
 * deleted it must `close` that profile's store, or SQLite keeps the deleted files open.
 */
import { resolve } from 'node:path'
import { diskError } from '../disk-errors'
import { damagedDatabaseError, isDamagedDatabaseError } from '../sqlite/open-database'
import { QaRepository } from './qa-repository'

export class QaRepositories {
  private readonly open = new Map<string, QaRepository>()

  constructor(private readonly clock: () => Date = () => new Date()) {}

  forProfile(profileDir: string): QaRepository {
    const key = resolve(profileDir)
    let store = this.open.get(key)
    if (!store) {
      store = withStorageErrors(new QaRepository(key, this.clock))
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

/**
 * The store with its storage failures made actionable: a database found damaged while in use is
 * a `damaged_file` naming it, a full or read-only disk says so and where. Nothing is half saved:
 * each change is one transaction, rolled back by SQLite when the write fails.
 */
function withStorageErrors(store: QaRepository): QaRepository {
  const translate = (error: unknown): unknown =>
    isDamagedDatabaseError(error)
      ? damagedDatabaseError('The QA database', store.path, error)
      : (diskError(error, 'Saving your QA work', store.path) ?? error)
  return new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver)
      if (typeof value !== 'function') return value
      return (...args: unknown[]): unknown => {
        try {
          const result: unknown = value.apply(target, args)
          return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(translate(error))) : result
        } catch (error) {
          throw translate(error)
        }
      }
    }
  })
}
