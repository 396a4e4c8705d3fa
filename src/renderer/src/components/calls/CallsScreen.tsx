import { lazy, Suspense, useCallback, useEffect, useState } from 'react'
import { MAX_SPLIT_RATIO, MIN_SPLIT_RATIO, useCallsStore } from '@renderer/stores/calls-store'
import { useBulkActionsStore } from '@renderer/stores/bulk-actions-store'
import { useColumnsStore } from '@renderer/stores/columns-store'
import { useFiltersStore } from '@renderer/stores/filters-store'
import { usePlayerStore } from '@renderer/stores/player-store'
import { usePrefsStore } from '@renderer/stores/prefs-store'
import { useQaStore } from '@renderer/stores/qa-store'
import { useReviewStore } from '@renderer/stores/review-store'
import { ShortcutSheet } from '../common/ShortcutSheet'
import { SkeletonBlock } from '../common/Skeleton'
import { SplitView } from '../common/SplitView'
import { QaLauncher } from '../qa/QaLauncher'
import { QA_SHORTCUT_GROUPS } from '../qa/qa-shortcuts'
import { ReviewPane } from '../review/ReviewPane'
import { CallListPanel } from './CallListPanel'
import { FilterBar } from './FilterBar'
import { useCallShortcuts } from './use-call-shortcuts'
import { useListFollowsWork } from './use-list-follows-work'
import '@renderer/styles/calls.css'
import { afterFirstList } from '@renderer/lib/first-list'

// Loaded on demand: a QA session's panel (scorecard, summary charts) is not on the first screen.
const QaSessionPanel = lazy(() => import('../qa/QaSessionPanel').then((m) => ({ default: m.QaSessionPanel })))

/**
 * The signed-in main view: filters on top, the call list on the left, the review
 * pane on the right, with a resizable split remembered in prefs. The stores do the fetching;
 * this wires them: saved filters → the list's query, the selected row → the review pane.
 */
export function CallsScreen(): React.JSX.Element {
  const applied = useFiltersStore((s) => s.applied)
  const selectedCallId = useCallsStore((s) => s.selectedCallId)
  const splitRatio = useCallsStore((s) => s.splitRatio)
  const setSplitRatio = useCallsStore((s) => s.setSplitRatio)
  const [sheetOpen, setSheetOpen] = useState(false)
  const showSheet = useCallback(() => setSheetOpen(true), [])
  useCallShortcuts(showSheet, !sheetOpen)
  useListFollowsWork()
  const qaActive = useQaStore((s) => s.session !== null)

  // Everything is read again on each mount: after a return from sign-in, or for another
  // profile, whose filters, library and preferences are its own.
  useEffect(() => {
    const filters = useFiltersStore.getState()
    void filters.load()
    // The groups tree is an API request of its own: after the list's first answer (lib/first-list.ts).
    const cancelGroups = afterFirstList(() => void filters.loadGroups())
    void useCallsStore.getState().loadLayout()
    void useColumnsStore.getState().load()
    void usePlayerStore.getState().loadPrefs()
    return () => {
      cancelGroups()
      usePrefsStore.getState().forget()
      useReviewStore.getState().close()
      useCallsStore.getState().reset()
      useBulkActionsStore.getState().reset()
      useFiltersStore.getState().forget()
    }
  }, [])

  // Both read the stores as they are now, not as this screen first rendered them: a screen for
  // another profile renders before the last one's cleanup has forgotten its query and open call,
  // and its effects run after it (so they would ask the new account for the old one's calls).
  useEffect(() => {
    const current = useFiltersStore.getState().applied
    if (current) useCallsStore.getState().show(current)
  }, [applied])

  useEffect(() => {
    const review = useReviewStore.getState()
    const current = useCallsStore.getState().selectedCallId
    if (current !== null && review.callId !== current) void review.open(current)
  }, [selectedCallId])

  return (
    <main className="calls-screen" aria-label="Calls">
      <FilterBar />
      <QaLauncher shortcutsEnabled={!sheetOpen} />
      <SplitView
        ratio={splitRatio}
        min={MIN_SPLIT_RATIO}
        max={MAX_SPLIT_RATIO}
        label="Resize the call list"
        onResize={setSplitRatio}
        start={
          qaActive ? (
            <Suspense fallback={<SkeletonBlock label="QA session" />}>
              <QaSessionPanel />
            </Suspense>
          ) : (
            <CallListPanel />
          )
        }
        end={<ReviewPane />}
      />
      {sheetOpen && <ShortcutSheet extraGroups={QA_SHORTCUT_GROUPS} onClose={() => setSheetOpen(false)} />}
    </main>
  )
}
