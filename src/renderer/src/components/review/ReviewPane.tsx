import { useCallback, useEffect, useMemo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { formatFetchedAt } from '@renderer/lib/format'
import { transcriptTerm } from '@renderer/lib/search-hit'
import { useAudioOverview, useAudioOverviewStore } from '@renderer/stores/audio-overview-store'
import { useCallsStore } from '@renderer/stores/calls-store'
import { useFiltersStore } from '@renderer/stores/filters-store'
import { useReviewLayoutStore } from '@renderer/stores/review-layout-store'
import { useReviewStore } from '@renderer/stores/review-store'
import { EmptyState } from '../common/EmptyState'
import { ErrorNotice } from '../common/ErrorNotice'
import { Kbd } from '../common/Kbd'
import { OfflineBanner } from '../common/OfflineBanner'
import { SkeletonBar, SkeletonBlock } from '../common/Skeleton'
import { Player } from '../player/Player'
import { useListeningHabits } from '../player/use-listening-habits'
import { useQaMarkers } from '../qa/use-qa-markers'
import { CallHeader } from './CallHeader'
import { ModuleTabs } from './ModuleTabs'
import { UnlistedNotice } from './UnlistedNotice'
import { TranscriptPanel } from './TranscriptPanel'
import '@renderer/styles/review.css'

/**
 * The right side, laid out to listen, read and score without scrolling: a compact header, the
 * player with the recording's waveform, and the transcript tied to the audio, with the call's
 * modules in tabs beside it (wide pane) or under it (narrow pane, at most a third of it).
 */
export function ReviewPane(): React.JSX.Element {
  const qaMarkers = useQaMarkers()
  useListeningHabits()
  const { detail, status, error, stale, refreshing, retry } = useReviewStore(
    useShallow((s) => ({ detail: s.detail, status: s.status, error: s.error, stale: s.stale, refreshing: s.refreshing, retry: s.retry }))
  )
  const callId = detail?.record.call_id ?? null
  const hasRecording = Boolean(detail?.recording.available && detail.recording.url)
  const { overview, error: audioError } = useAudioOverview(callId)
  // On a slow link a long recording downloads for minutes before its waveform can be drawn: after
  // a moment without one, say so rather than leave the space blank.
  const waveformPending = callId !== null && hasRecording && !audioError && (!overview || overview.callId !== callId)
  const waveformSlow = useAfter(waveformPending, 3_000, callId)
  const search = useFiltersStore((s) => s.applied?.text ?? '')
  const [hitTurns, setHitTurns] = useState<{ callId: number | null; turns: number[] }>({ callId: null, turns: [] })
  const onHits = useCallback((turns: number[]) => setHitTurns({ callId, turns }), [callId])

  useEffect(() => {
    void useReviewLayoutStore.getState().loadPrefs()
  }, [])
  // Asked as soon as a call is chosen, beside its record (a call already in the library is
  // answered at once); asked again once the record says it has a recording, if that failed.
  const openingId = useReviewStore((s) => s.callId)
  useEffect(() => {
    if (openingId !== null) void useAudioOverviewStore.getState().ensure(openingId)
  }, [openingId])
  useEffect(() => {
    if (callId !== null && hasRecording) void useAudioOverviewStore.getState().ensure(callId)
  }, [callId, hasRecording])

  const waveform = useMemo(() => {
    if (!overview || overview.callId !== callId) return null
    const turns = hitTurns.callId === callId ? hitTurns.turns : []
    const hits = turns.flatMap((t) => {
      const time = overview.turns[t]
      return time ? [{ seconds: time.startSec, label: 'Find match' }] : []
    })
    return { peaks: overview.peaks, quiet: overview.quiet, hits }
  }, [overview, callId, hitTurns])
  // Opened from a search result that matched in the transcript: the transcript finds that word.
  const searchedWord = useCallsStore((s) => {
    const callId = detail?.record.call_id
    const row =
      callId === undefined ? undefined : s.rows[s.activeIndex]?.callId === callId ? s.rows[s.activeIndex] : s.rows.find((r) => r?.callId === callId)
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
            <ErrorNotice
              compact
              title={`Showing the copy from ${formatFetchedAt(stale.dataFrom)}; a fresh one could not be fetched`}
              error={stale.error}
              onRetry={retry}
            />
          ))}
        <CallHeader detail={detail} />
        <UnlistedNotice unlistedAt={detail.unlistedAt} />
        {refreshing && (
          <p className="review-pane__refreshing" role="status">
            <span className="spinner" aria-hidden="true" /> Updating…
          </p>
        )}
        <Player recording={detail.recording} {...qaMarkers} waveform={waveform} />
        {audioError && hasRecording && (
          <p className="review-pane__audio-note" role="status">
            No waveform or turn times for this call: {audioError.message}
          </p>
        )}
        {waveformSlow && (
          <p className="review-pane__audio-note" role="status">
            The waveform and turn times come once the recording has downloaded; it plays meanwhile.
          </p>
        )}
      </div>
      <div className="review-pane__body">
        <div className="review-pane__transcript">
          <TranscriptPanel
            key={detail.record.call_id}
            callId={detail.record.call_id}
            transcript={detail.record.transcription}
            times={overview && overview.callId === callId ? overview.turns : null}
            search={search}
            onHits={onHits}
            initialQuery={searchedWord}
          />
        </div>
        <ModuleTabs record={detail.record} />
      </div>
    </section>
  )
}

/** True once `on` has held for `ms` for this `key` (a call); false while it does not hold. */
function useAfter(on: boolean, ms: number, key: unknown): boolean {
  const [lateFor, setLateFor] = useState<{ key: unknown } | null>(null)
  useEffect(() => {
    if (!on) return
    const timer = setTimeout(() => setLateFor({ key }), ms)
    return () => clearTimeout(timer)
  }, [on, ms, key])
  return on && lateFor !== null && lateFor.key === key
}
