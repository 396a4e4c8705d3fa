import { useShallow } from 'zustand/react/shallow'
import { formatFetchedAt } from '../../lib/format'
import { transcriptTerm } from '../../lib/search-hit'
import { useCallsStore } from '../../stores/calls-store'
import { useReviewStore } from '../../stores/review-store'
import { EmptyState } from '../common/EmptyState'
import { ErrorNotice } from '../common/ErrorNotice'
import { Kbd } from '../common/Kbd'
import { OfflineBanner } from '../common/OfflineBanner'
import { SkeletonBar, SkeletonBlock } from '../common/Skeleton'
import { Player } from '../player/Player'
import { useQaMarkers } from '../qa/use-qa-markers'
import { CallHeader } from './CallHeader'
import { CallFlowSection, CommentsSection, CustomSourcesSection, IndicatorsSection, SummarySection, TagsSection, VoiceAgentSection } from './CallModules'
import { TranscriptPanel } from './TranscriptPanel'
import '../../styles/review.css'

/**
 * The right side: the open call's header, the player, and the transcript beside the call's
 * details (side by side when the pane is wide enough, one column when it is not).
 */
export function ReviewPane(): React.JSX.Element {
  const qaMarkers = useQaMarkers()
  const { detail, status, error, stale, refreshing, retry } = useReviewStore(
    useShallow((s) => ({ detail: s.detail, status: s.status, error: s.error, stale: s.stale, refreshing: s.refreshing, retry: s.retry }))
  )
  // Opened from a search result that matched in the transcript: the transcript finds that word.
  const searchedWord = useCallsStore((s) => {
    const callId = detail?.record.call_id
    const row = callId === undefined ? undefined : s.rows[s.activeIndex]?.callId === callId ? s.rows[s.activeIndex] : s.rows.find((r) => r?.callId === callId)
    return transcriptTerm(row?.match, s.applied?.text ?? '')
  })

  if (status === 'idle') {
    return (
      <section className="review-pane review-pane--empty" aria-label="Call review">
        <EmptyState
          icon="phone"
          title="Choose a call to review"
          hint={
            <>
              Pick one in the list, or press <Kbd keys={['J']} /> for the next call. <Kbd keys={['?']} /> shows every shortcut.
            </>
          }
        />
      </section>
    )
  }
  if (status === 'error' && error) {
    return (
      <section className="review-pane review-pane--message" aria-label="Call review">
        <ErrorNotice title="This call could not be opened" error={error} onRetry={retry} />
      </section>
    )
  }
  if (!detail) {
    return (
      <section className="review-pane" aria-label="Call review" aria-busy="true">
        <div className="review-pane__loading">
          <SkeletonBar width="40%" height={22} />
          <SkeletonBlock label="the call" lines={4} />
          <SkeletonBar width="100%" height={44} />
          <SkeletonBlock label="the transcript" lines={6} />
        </div>
      </section>
    )
  }

  return (
    <section className="review-pane" aria-label="Call review">
      <div className="review-pane__top">
        {stale &&
          (stale.offline ? (
            <OfflineBanner dataFrom={stale.dataFrom} reason={stale.error.message} onRetry={retry} />
          ) : (
            <ErrorNotice compact title={`Showing the copy from ${formatFetchedAt(stale.dataFrom)}; a fresh one could not be fetched`} error={stale.error} onRetry={retry} />
          ))}
        <CallHeader detail={detail} />
        {refreshing && (
          <p className="review-pane__refreshing" role="status">
            <span className="spinner" aria-hidden="true" /> Updating…
          </p>
        )}
        <Player recording={detail.recording} {...qaMarkers} />
      </div>
      <div className="review-pane__body">
        <div className="review-pane__transcript">
          <TranscriptPanel key={detail.record.call_id} transcript={detail.record.transcription} initialQuery={searchedWord} />
        </div>
        <aside className="review-pane__details" aria-label="Call details">
          <SummarySection record={detail.record} />
          <TagsSection record={detail.record} />
          <CommentsSection record={detail.record} />
          <IndicatorsSection record={detail.record} />
          <VoiceAgentSection record={detail.record} />
          <CustomSourcesSection record={detail.record} />
          <CallFlowSection record={detail.record} />
        </aside>
      </div>
    </section>
  )
}
