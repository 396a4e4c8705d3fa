/**
 * Fetch numbered pages with at most `concurrency` requests in flight and hand them over in
 * order. A page that answers late does not idle the others: fetching runs ahead of delivery,
 * by at most `2 × concurrency` pages, so a slow consumer (writing to SQLite, say) slows the
 * fetching instead of piling pages up in memory.
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
  const aheadLimit = 2 * concurrency
  // One failed page stops the others: their answers would be thrown away anyway.
  const stop = new AbortController()
  const linked = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal
  const pages = new Map<number, Promise<T>>()
  let next = 0
  let delivered = 0
  let active = 0

  const pump = (): void => {
    while (!linked.aborted && next < count && active < concurrency && next - delivered < aheadLimit) {
      const index = next++
      active++
      const page = options.fetchPage(index, linked)
      pages.set(index, page)
      page.then(
        () => {
          active--
          pump()
        },
        // The rejection itself is handled when the page's turn comes.
        () => {
          active--
        }
      )
    }
  }

  try {
    pump()
    while (delivered < count) {
      if (signal?.aborted) throw new AppError('cancelled', 'Loading calls was cancelled.')
      const page = await (pages.get(delivered) as Promise<T>)
      pages.delete(delivered)
      const index = delivered++
      pump()
      await options.deliver(page, index)
    }
  } catch (error) {
    stop.abort()
    await Promise.allSettled(pages.values())
    if (signal?.aborted && !(error instanceof AppError && error.kind === 'cancelled'))
      throw new AppError('cancelled', 'Loading calls was cancelled.')
    throw error
  }
}
