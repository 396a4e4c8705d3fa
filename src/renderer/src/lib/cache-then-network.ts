/**
 * Stale-while-revalidate, written once for every store that shows the library's copy of
 * something at once and then the API's: the list's pages (calls-store.ts) and the open call
 * (review-store.ts).
 *
 * Both requests start together: the library answers in milliseconds, and the API request does
 * not wait behind it. A library answer that arrives after the API's is dropped (it can only be
 * older). Callers pass `isCurrent` so that answers for a query the user has since left are
 * ignored, and each callback is told what happened in the user's terms: the cached answer,
 * the fresh one, and why the fresh one failed (with the cached answer shown, if any).
 */
import type { AppErrorInfo } from '@shared/errors'
import { errorInfo } from './api'

export interface CacheThenNetwork<T> {
  /** The library's answer. */
  cache: () => Promise<T>
  /** The API's answer; null when only the library can answer (a text search, a library-only sort). */
  network: (() => Promise<T>) | null
  /**
   * Decide from the library's answer whether the API is asked at all. Given, the request waits
   * for the library (a copy fetched moments ago makes it pointless); absent, both start together.
   */
  needsNetwork?: (cached: T) => boolean
  /** False once the caller moved on: nothing more is reported. */
  isCurrent: () => boolean
  onCache: (cached: T) => void
  onCacheError?: (error: AppErrorInfo) => void
  onNetwork: (fresh: T) => void
  /** The API failed; `cached` is the library's answer if it came. */
  onNetworkError: (error: AppErrorInfo, cached: T | null) => void
}

/** Run one cache-then-network exchange; resolves once both answers are in (or dropped). */
export async function cacheThenNetwork<T>(run: CacheThenNetwork<T>): Promise<void> {
  // An object, not two lets: the callbacks below assign them.
  const seen: { fresh: boolean; cached: T | null } = { fresh: false, cached: null }
  const fromCache = run.cache().then(
    (value) => {
      if (!run.isCurrent() || seen.fresh) return
      seen.cached = value
      run.onCache(value)
    },
    (error: unknown) => {
      if (run.isCurrent() && !seen.fresh) run.onCacheError?.(errorInfo(error))
    }
  )
  const network = run.network
  if (!network) return fromCache
  const ask = async (): Promise<void> => {
    try {
      const fresh = await network()
      if (!run.isCurrent()) return
      seen.fresh = true
      run.onNetwork(fresh)
    } catch (error) {
      if (!run.isCurrent()) return
      // The library may still be answering: the failure is reported with its rows, not before them.
      await fromCache
      if (run.isCurrent()) run.onNetworkError(errorInfo(error), seen.cached)
    }
  }
  if (run.needsNetwork) {
    await fromCache
    if (!run.isCurrent() || (seen.cached !== null && !run.needsNetwork(seen.cached))) return
    return ask()
  }
  await Promise.all([fromCache, ask()])
}
