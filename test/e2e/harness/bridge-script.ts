import { CHANNELS, EVENT_NAMES } from '@shared/ipc/contract'

/**
 * The page-side half of the harness: what the preload does in Electron, over the harness's
 * socket (bridge-socket.ts defines window.__callReviewInvoke). Same surface
 * (`window.callReview.invoke/on`), same refusal of unknown channels; the channel and event lists
 * come from the shared contract.
 *
 * It also installs `window.__pageTiming` (see PageTiming below): the one in-page clock that
 * benches and specs read — each invoke's send and answer times, the last click, and "the frame
 * after the page first showed X" — instead of each swapping the frozen bridge for a wrapper.
 */
export function bridgeInitScript(): string {
  return `(() => {
  const channels = new Set(${JSON.stringify(CHANNELS)});
  const events = new Set(${JSON.stringify(EVENT_NAMES)});
  const listeners = new Map();
  // A bundler's keep-names helper, should the serialised function below call it.
  const __name = (f) => f;
  const timing = (${pageTiming.toString()})();
  Object.defineProperty(window, '__pageTiming', { value: timing });
  window.callReview = Object.freeze({
    invoke(channel, request) {
      if (!channels.has(channel)) {
        return Promise.resolve({ ok: false, error: { kind: 'bad_request', message: 'Unknown request "' + String(channel) + '".' } });
      }
      const entry = timing.sent(channel, request);
      return window.__callReviewInvoke(channel, request).then((result) => {
        timing.answered(entry, result);
        return result;
      });
    },
    on(event, listener) {
      if (!events.has(event)) throw new Error('Unknown event "' + String(event) + '".');
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(listener);
      return () => listeners.get(event).delete(listener);
    }
  });
  Object.defineProperty(window, '__callReviewEmit', {
    value: (event, payload) => { for (const l of listeners.get(event) || []) l(payload); }
  });
})();`
}

/** One request through the bridge, as the page saw it (times are performance.now()). */
export interface InvokeRecord {
  channel: string
  request: unknown
  sentAt: number
  /** 0 until the answer reached the page. */
  answeredAt: number
  ok: boolean | null
  /** The answer's `total` and `offset`, where it has them (a calls:list page). */
  total: number | null
  offset: number | null
}

/** The in-page clock: `window.__pageTiming`, read inside page.evaluate. */
export interface PageTiming {
  now(): number
  /** performance.now() of the last click since `since` (capture phase), or 0 if none. */
  clickSince(since: number): number
  /** The requests sent since `since`, oldest first (the last 500 are kept). */
  invokes(since: number, channel?: string): InvokeRecord[]
  /**
   * Resolves with the time of the frame after `done()` first holds, checked on each DOM change
   * (the page painted it); rejects after `ms` with `why()` so a bench never hangs.
   */
  painted(done: () => boolean, ms: number, why: () => string): Promise<number>
  sent(channel: string, request: unknown): InvokeRecord
  answered(entry: InvokeRecord, result: unknown): void
}

declare global {
  interface Window {
    __pageTiming: PageTiming
  }
}

/** Runs in the page (serialised by bridgeInitScript): self-contained, no imports, no closures. */
function pageTiming(): PageTiming {
  const KEEP = 500
  const log: InvokeRecord[] = []
  let lastClick = 0
  window.addEventListener('click', (event) => (lastClick = event.timeStamp), { capture: true })
  const numberOr = (value: unknown): number | null => (typeof value === 'number' ? value : null)
  return {
    now: () => performance.now(),
    clickSince: (since) => (lastClick >= since ? lastClick : 0),
    invokes: (since, channel) => log.filter((e) => e.sentAt >= since && (channel === undefined || e.channel === channel)),
    sent: (channel, request) => {
      const entry: InvokeRecord = { channel, request, sentAt: performance.now(), answeredAt: 0, ok: null, total: null, offset: null }
      log.push(entry)
      if (log.length > KEEP) log.splice(0, log.length - KEEP)
      return entry
    },
    answered: (entry, result) => {
      entry.answeredAt = performance.now()
      const answer = result as { ok?: boolean; value?: { total?: unknown; offset?: unknown } } | null
      entry.ok = answer?.ok === true
      entry.total = numberOr(answer?.value?.total)
      entry.offset = numberOr(answer?.value?.offset)
    },
    painted: (done, ms, why) =>
      new Promise<number>((resolve, reject) => {
        const observer = new MutationObserver(() => {
          if (!done()) return
          observer.disconnect()
          clearTimeout(giveUp)
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0))
        })
        const giveUp = setTimeout(() => {
          observer.disconnect()
          reject(new Error(why()))
        }, ms)
        observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true })
      })
  }
}
