import { useEffect } from 'react'
import { useCallsStore } from '../../stores/calls-store'
import { useLibraryStore } from '../../stores/library-store'
import { useQaStore } from '../../stores/qa-store'
import { useReviewStore } from '../../stores/review-store'

/**
 * Keeps the call list in step with work done elsewhere on the screen:
 * - an offline job that ends, or a QA session that is left, changed rows' status icons
 *   (recording offline, reviewed): they are read again from the library;
 * - the review pane closed (leaving a session closes it) while the list still names the call
 *   it had open: the list forgets it, so a click or Enter on that row opens it again instead of
 *   being taken for "already open".
 */
export function useListFollowsWork(): void {
  useEffect(() => {
    const offSync = useLibraryStore.subscribe((state, previous) => {
      const now = state.sync
      const before = previous.sync
      if (now && now.state !== 'running' && (before?.state === 'running' || before?.jobId !== now.jobId))
        void useCallsStore.getState().refreshRowStatus()
    })
    const offQa = useQaStore.subscribe((state, previous) => {
      if (previous.session !== null && state.session === null) void useCallsStore.getState().refreshRowStatus()
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
  }, [])
}
