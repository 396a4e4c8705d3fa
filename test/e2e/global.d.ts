import type { CallReviewBridge } from '../../src/shared/ipc/bridge'

declare global {
  interface Window {
    /** What the preload (or the harness's bridge script) exposes. */
    callReview: CallReviewBridge
  }
}
export {}
