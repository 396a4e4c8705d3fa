import { useEffect } from 'react'
import { useCallsStore } from '@renderer/stores/calls-store'
import { useLibraryStore } from '@renderer/stores/library-store'
import { useQaStore } from '@renderer/stores/qa-store'
import { useReviewStore } from '@renderer/stores/review-store'

/**
 * Keeps the call list in step with work done elsewhere on the screen:
 * - an offline job that ends, a QA session that is left, or a call of the session whose reviewed
 *   state main stored as changed (marked, unmarked, made incomplete), changed rows' status icons
 *   (recording offline, reviewed): they are read again from the library;
 * - the review pane closed (leaving a session closes it) while the list still names the call
 *   it had open: the list forgets it, so a click or Enter on that row opens it again instead of
 *   being taken for "already open".
 */
export function useListFollowsWork(): void {
  useEffect(() => followWork(), [])
}

/** The subscriptions behind useListFollowsWork, outside React (tests run them in Node); returns the unsubscribe. */
export function followWork(): () => void {
  const offSync = useLibraryStore.subscribe((state, previous) => {
    const now = state.sync
    const before = previous.sync
    if (now && now.state !== 'running' && (before?.state === 'running' || before?.jobId !== now.jobId))
      void useCallsStore.getState().refreshRowStatus()
  })
  const offQa = useQaStore.subscribe((state, previous) => {
    if (previous.session !== null && state.session === null) void useCallsStore.getState().refreshRowStatus()
    // A call marked reviewed, unmarked or made incomplete (a required answer cleared): main has
    // stored it, so the list's reviewed icon follows at once.
    else if (state.reviewedChanges !== previous.reviewedChanges) void useCallsStore.getState().refreshRowStatus()
  })
  const offReview = useReviewStore.subscribe((state, previous) => {
    if (previous.callId !== null && state.callId === null && useCallsStore.getState().selectedCallId !== null)
      useCallsStore.setState({ selectedCallId: null })
  })
  return () => {
    offSync()
    offQa()
    offReview()
  }
}
