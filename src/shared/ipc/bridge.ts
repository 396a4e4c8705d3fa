/**
 * The object the preload exposes on `window.callReview` (and the browser harness imitates):
 * one `invoke` over the contract's channels and one `on` for its events.
 */
import type { IpcResult } from '../errors'
import type { Channel, EventName, EventPayloadOf, RequestOf, ResponseOf } from './contract'

export interface CallReviewBridge {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<IpcResult<ResponseOf<C>>>
  /** Subscribe to a main → renderer event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloadOf<E>) => void): () => void
}

export const BRIDGE_GLOBAL = 'callReview'
