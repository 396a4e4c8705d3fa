/**
 * Stores the pages a "make available offline" job fetches in batches: once BATCH_CALLS calls are
 * waiting, or BATCH_WAIT_MS after the first of them arrived, whichever comes first.
 *
 * Why: a commit rewrites every index and full-text page it touched, so a commit a page of 200
 * costs far more than one a batch of several pages (the sync case in
 * test/bench/library.bench.ts). The sync writes a batch on the library thread (SyncState#storePagesOffThread),
 * so the store may be asynchronous: batches are then stored one after another, in order, and a
 * full batch waits for the one before (the fetching waits with it, so pages never pile up in memory).
 * A page still waiting when the app is killed was not marked done, so the resumed job fetches it
 * again; nothing committed is lost. Quitting or cancelling stores what waits.
 */
import type { NumberedPage, StoredPage } from './sync-state'

/**
 * Calls a batch collects before it is stored at once: 2 pages of 200. The batch is planned on
 * the main thread and handed to the library thread in one message; at 1,000 calls that hand-over
 * held the main loop for about 70 ms (the main-loop bench's max delay 88 ms, 63–68 ms at 400).
 */
export const BATCH_CALLS = 400
/** The longest a fetched page waits for others to share its transaction. */
export const BATCH_WAIT_MS = 200

export interface PageWriterOptions {
  /** BATCH_CALLS by default. */
  maxCalls?: number
  /** BATCH_WAIT_MS by default. */
  maxWaitMs?: number
}

export class PageWriter {
  private pending: NumberedPage[] = []
  private calls = 0
  private timer: ReturnType<typeof setTimeout> | null = null
  private failure: { error: unknown } | null = null
  /** The asynchronous store running, if any: the next waits for it. */
  private storing: Promise<void> | null = null
  private readonly maxCalls: number
  private readonly maxWaitMs: number

  /**
   * `store` writes one batch in one transaction: synchronously (SyncState#storePages), or
   * returning a promise (SyncState#storePagesOffThread). With a synchronous store, add and close
   * store and throw synchronously.
   */
  constructor(
    private readonly store: (pages: readonly NumberedPage[]) => void | Promise<void>,
    options: PageWriterOptions = {}
  ) {
    this.maxCalls = options.maxCalls ?? BATCH_CALLS
    this.maxWaitMs = options.maxWaitMs ?? BATCH_WAIT_MS
  }

  /** Queue a fetched page; stores the batch now if it is full (resolving once stored, when the store is asynchronous). Throws if an earlier store failed. */
  add(index: number, page: StoredPage): void | Promise<void> {
    this.throwIfFailed()
    this.pending.push({ index, page })
    this.calls += page.calls.length
    if (this.calls >= this.maxCalls) return this.flush()
    this.timer ??= setTimeout(() => this.flushLater(), this.maxWaitMs)
  }

  /** Store whatever is waiting, now (after a store still running). Throws a failure of this store or of an earlier one. */
  close(): void | Promise<void> {
    this.throwIfFailed()
    return this.flush()
  }

  private flushLater(): void {
    this.timer = null
    try {
      // Nobody awaits a timer: the next add, or close, throws its failure.
      void this.flush()?.catch(() => {})
    } catch (error) {
      this.failure = { error }
    }
  }

  private flush(): void | Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.storing) return this.storing.then(() => this.close())
    if (this.pending.length === 0) return
    const pages = this.pending
    this.pending = []
    this.calls = 0
    const stored = this.store(pages)
    if (!stored) return
    const storing = stored.then(
      () => {
        this.storing = null
      },
      (error: unknown) => {
        this.storing = null
        this.failure ??= { error }
        throw error
      }
    )
    this.storing = storing
    return storing
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error
  }
}
