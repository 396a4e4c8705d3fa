/**
 * Stores the pages a "make available offline" job fetches in batches: once BATCH_CALLS calls are
 * waiting, or BATCH_WAIT_MS after the first of them arrived, whichever comes first.
 *
 * Why: a commit rewrites every index and full-text page it touched, so a commit a page of 200
 * costs far more than one a batch of 1,000, which costs about one transaction (the sync case in
 * test/bench/library.bench.ts), while each pause of the main process stays near 100 ms. A page still waiting when the app is killed was not marked done, so the resumed
 * job fetches it again; nothing committed is lost. Quitting or cancelling stores what waits.
 */
import type { NumberedPage, StoredPage } from './sync-state'

/** Calls a batch collects before it is stored at once: 5 pages of 200. */
export const BATCH_CALLS = 1000
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
  private readonly maxCalls: number
  private readonly maxWaitMs: number

  /** `store` writes one batch in one transaction (SyncState#storePages), synchronously. */
  constructor(
    private readonly store: (pages: readonly NumberedPage[]) => void,
    options: PageWriterOptions = {}
  ) {
    this.maxCalls = options.maxCalls ?? BATCH_CALLS
    this.maxWaitMs = options.maxWaitMs ?? BATCH_WAIT_MS
  }

  /** Queue a fetched page; stores the batch now if it is full. Throws if an earlier store failed. */
  add(index: number, page: StoredPage): void {
    this.throwIfFailed()
    this.pending.push({ index, page })
    this.calls += page.calls.length
    if (this.calls >= this.maxCalls) this.flush()
    else this.timer ??= setTimeout(() => this.flushLater(), this.maxWaitMs)
  }

  /** Store whatever is waiting, now. Throws a failure of this store or of an earlier one. */
  close(): void {
    this.throwIfFailed()
    this.flush()
  }

  private flushLater(): void {
    this.timer = null
    try {
      this.flush()
    } catch (error) {
      // Nobody awaits a timer: the next add, or close, throws it.
      this.failure = { error }
    }
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.pending.length === 0) return
    const pages = this.pending
    this.pending = []
    this.calls = 0
    this.store(pages)
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error
  }
}
