import type { CallReviewBridge } from '@shared/ipc/bridge'

declare global {
  interface Window {
    /** Exposed by the preload (or the browser test harness). */
    callReview: CallReviewBridge
  }
}
export {}
