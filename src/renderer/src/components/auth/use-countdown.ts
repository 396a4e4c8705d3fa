import { useEffect, useState } from 'react'

/**
 * Whole seconds left until `until` (epoch ms), ticking once a second; 0 once it has passed or
 * when there is nothing to wait for. Used to say when a rate-limited sign-in may be retried.
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
