/**
 * Fetch numbered pages with at most `concurrency` requests in flight and hand them over in
 * order. Fetched-but-undelivered pages are capped at `concurrency` too, so a slow consumer
 * (writing to SQLite, say) slows the fetching instead of piling pages up in memory.
 */
import { AppError } from '../../../shared/errors'

export async function forEachPageInOrder<T>(options: {
  count: number
  concurrency: number
  signal?: AbortSignal | undefined
  fetchPage: (index: number, signal: AbortSignal) => Promise<T>
  deliver: (page: T, index: number) => void | Promise<void>
}): Promise<void> {
  const { count, signal } = options
  const concurrency = Math.max(1, Math.floor(options.concurrency))
  // One failed page stops the others: their answers would be thrown away anyway.
  const stop = new AbortController()
  const linked = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal
  const pending: Promise<T>[] = []
  let next = 0
  const start = (): void => {
    const page = options.fetchPage(next++, linked)
    // Rejections are handled when the page's turn comes; this keeps a failure that arrives
    // while an earlier page is awaited from being reported as unhandled.
    page.catch(() => undefined)
    pending.push(page)
  }
  try {
    while (next < count && pending.length < concurrency) start()
    for (let index = 0; index < count; index++) {
      if (signal?.aborted) throw new AppError('cancelled', 'Loading calls was cancelled.')
      const page = await (pending.shift() as Promise<T>)
      if (next < count) start()
      await options.deliver(page, index)
    }
  } catch (error) {
    stop.abort()
    await Promise.allSettled(pending)
    if (signal?.aborted && !(error instanceof AppError && error.kind === 'cancelled'))
      throw new AppError('cancelled', 'Loading calls was cancelled.')
    throw error
  }
}
