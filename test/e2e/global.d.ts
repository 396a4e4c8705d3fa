import type { CallReviewBridge } from '@shared/ipc/bridge'

declare global {
  interface Window {
    /** What the preload (or the harness's bridge script) exposes. */
    callReview: CallReviewBridge
  }
}
export {}
