/**
 * Fetch numbered pages with at most `concurrency` requests in flight and hand them over in
 * order. A page that answers late does not idle the others: fetching runs ahead of delivery,
 * by at most `2 × concurrency` pages, so a slow consumer (writing to SQLite, say) slows the
 * fetching instead of piling pages up in memory.
 *
 * The page count may be unknown until a page answers (docs/convirza-api.md: `total` arrives with every
 * page). Page offsets do not depend on it, so the first `concurrency` pages start together
 * instead of waiting one round trip for the first answer; once the count is known, pages past
 * the end are cancelled and their answers (or failures) discarded, and no further page past the
 * end is requested.
 */
import { AppError } from '@shared/errors'

interface StartedPage<T> {
  promise: Promise<T>
  controller: AbortController
}

export async function forEachPageInOrder<T>(options: {
  /** The number of pages, or how to read it from any page's answer. */
  count: number | ((page: T) => number)
  concurrency: number
  signal?: AbortSignal | undefined
  fetchPage: (index: number, signal: AbortSignal) => Promise<T>
  /** Called in page order; `count` is known by the time the first page is delivered. */
  deliver: (page: T, index: number, count: number) => void | Promise<void>
}): Promise<void> {
  const { signal } = options
  const concurrency = Math.max(1, Math.floor(options.concurrency))
  const aheadLimit = 2 * concurrency
  let count: number | undefined = typeof options.count === 'number' ? Math.max(0, options.count) : undefined
  const countOf = typeof options.count === 'function' ? options.count : undefined
  // One failed page stops the others: their answers would be thrown away anyway.
  const stop = new AbortController()
  const linked = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal
  const pages = new Map<number, StartedPage<T>>()
  /** Pages started before the count was known that turned out to lie past the end. */
  const discarded: Promise<unknown>[] = []
  /** Failures of pages that may lie past the end: judged once the count is known. */
  const pendingFailures = new Map<number, unknown>()
  let failure: { error: unknown } | undefined
  let wakeUp: (() => void) | undefined
  let next = 0
  let delivered = 0
  let active = 0

  const fail = (error: unknown): void => {
    if (failure) return
    failure = { error }
    stop.abort()
    wakeUp?.()
  }

  const learnCount = (page: T): void => {
    if (count !== undefined || !countOf) return
    count = Math.max(0, countOf(page))
    for (const [index, started] of pages) {
      if (index < count) continue
      pages.delete(index)
      started.controller.abort()
      discarded.push(started.promise.catch(() => undefined))
    }
    for (const [index, error] of pendingFailures) if (index < count) fail(error)
    pendingFailures.clear()
  }

  const pump = (): void => {
    // Until the count is known, only the first `concurrency` pages are worth a guess.
    while (!linked.aborted && next < (count ?? concurrency) && active < concurrency && next - delivered < aheadLimit) {
      const index = next++
      active++
      const controller = new AbortController()
      const promise = options.fetchPage(index, AbortSignal.any([linked, controller.signal])).then((page) => {
        learnCount(page)
        return page
      })
      pages.set(index, { promise, controller })
      promise.then(
        () => {
          active--
          pump()
        },
        (error: unknown) => {
          active--
          if (count === undefined) pendingFailures.set(index, error)
          else if (index < count) fail(error)
          pump()
        }
      )
    }
  }

  /** The next page in order, or the first failure of any page that belongs to the result. */
  const nextInOrder = (started: StartedPage<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      wakeUp = () => reject(failure?.error)
      if (failure) return reject(failure.error)
      started.promise.then(resolve, reject)
    })

  try {
    pump()
    while (count === undefined || delivered < count) {
      if (signal?.aborted) throw new AppError('cancelled', 'Loading calls was cancelled.')
      if (failure) throw failure.error
      const started = pages.get(delivered) as StartedPage<T>
      const page = await nextInOrder(started)
      wakeUp = undefined
      pages.delete(delivered)
      const index = delivered++
      pump()
      await options.deliver(page, index, count ?? index + 1)
    }
  } catch (error) {
    stop.abort()
    await Promise.allSettled([...[...pages.values()].map((p) => p.promise), ...discarded])
    if (signal?.aborted && !(error instanceof AppError && error.kind === 'cancelled')) throw new AppError('cancelled', 'Loading calls was cancelled.')
    throw error
  }
  await Promise.allSettled(discarded)
}
