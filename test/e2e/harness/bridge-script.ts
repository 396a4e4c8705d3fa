import { CHANNELS, EVENT_NAMES } from '@shared/ipc/contract'

/**
 * The page-side half of the harness: what the preload does in Electron, done with a Playwright
 * binding. Same surface (`window.callReview.invoke/on`), same refusal of unknown channels; the
 * channel and event lists come from the shared contract.
 */
export function bridgeInitScript(): string {
  return `(() => {
  const channels = new Set(${JSON.stringify(CHANNELS)});
  const events = new Set(${JSON.stringify(EVENT_NAMES)});
  const listeners = new Map();
  window.callReview = Object.freeze({
    invoke(channel, request) {
      if (!channels.has(channel)) {
        return Promise.resolve({ ok: false, error: { kind: 'bad_request', message: 'Unknown request "' + String(channel) + '".' } });
      }
      return window.__callReviewInvoke(channel, request);
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
