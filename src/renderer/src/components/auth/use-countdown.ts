import { useEffect, useState } from 'react'
import type { AppErrorInfo } from '@shared/errors'

/**
 * Whole seconds left until `until` (epoch ms), ticking once a second; 0 once it has passed or
 * when there is nothing to wait for.
 */
export function useCountdown(until: number | null): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (until === null) return
    const timer = window.setInterval(() => {
      const t = Date.now()
      setNow(t)
      if (t >= until) window.clearInterval(timer)
    }, 1000)
    return () => window.clearInterval(timer)
  }, [until])
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000))
}

/** When a rate-limited sign-in may be retried (epoch ms), from the server's Retry-After; else null. */
export function retryUntil(error: AppErrorInfo | null, errorAt: number): number | null {
  return error?.kind === 'rate_limited' && error.retryAfterSeconds ? errorAt + error.retryAfterSeconds * 1000 : null
}

/** Seconds until a rate-limited sign-in may be retried; 0 when it may be tried now. */
export function useRetryWait(error: AppErrorInfo | null, errorAt: number): number {
  return useCountdown(retryUntil(error, errorAt))
}
