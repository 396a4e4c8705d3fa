import { useEffect, useRef, useState } from 'react'
import type { ExportResult } from '@shared/ipc/contract/qa'
import { useShallow } from 'zustand/react/shallow'
import { formatProgress } from '@shared/qa/format'
import { useAudioOverviewStore } from '@renderer/stores/audio-overview-store'
import { dueDateText, useCalibrationStore } from '@renderer/stores/calibration-store'
import { currentItem, useQaStore } from '@renderer/stores/qa-store'
import { Kbd } from '../common/Kbd'
import { NoteInput } from './NoteInput'
import { NoteRow } from './NoteRow'
import { QaQueue } from './QaQueue'
import { QaSummary } from './QaSummary'
import { Scorecard } from './Scorecard'
import { describeExport } from './ExportWritten'
import '@renderer/styles/qa.css'

/**
 * A line at the top, for a few seconds after an export (E), where the reviewer is looking: the
 * summary below, often out of view, says where the file went, with "Show in folder". Shown to
 * the eye only: the summary's own line is the live region that screen readers announce.
 */
function ExportFlash({ result }: { result: ExportResult }): React.JSX.Element | null {
  const [gone, setGone] = useState(false)
  useEffect(() => {
    const timer = setTimeout(() => setGone(true), 8000)
    return () => clearTimeout(timer)
  }, [])
  if (gone) return null
  return (
    <p className="notice qa-panel__flash" aria-hidden="true">
      Wrote {describeExport(result)}; the summary below says where.
    </p>
  )
}

/**
 * The left side while a QA session is open: progress, the call's review controls, its
 * scorecard and pinned notes, the queue, and the summary with export. Every control has a key
 * (see qa-shortcuts.ts); everything is saved as it changes.
 */
export function QaSessionPanel(): React.JSX.Element | null {
  const { session, index, cursor, noteDraft, autoAdvance, autoMarkReviewed, complete, error, lastExport } = useQaStore(
    useShallow((s) => ({
      session: s.session,
      index: s.index,
      cursor: s.criterionIndex,
      noteDraft: s.noteDraft,
      autoAdvance: s.autoAdvance,
      autoMarkReviewed: s.autoMarkReviewed,
      complete: s.complete,
      error: s.error,
      lastExport: s.lastExport
    }))
  )
  const summaryRef = useRef<HTMLDivElement>(null)
  // A session opened: the start dialog or launcher button that had the focus is gone, so the
  // focus starts at the session's name (Tab and a screen reader go on from there).
  const titleRef = useRef<HTMLHeadingElement>(null)
  const sessionId = session?.id ?? null
  useEffect(() => {
    const active = document.activeElement
    if (sessionId !== null && (active === null || active === document.body)) titleRef.current?.focus({ preventScroll: true })
  }, [sessionId])
  // "Session complete": bring the summary into view the moment the last call is marked reviewed.
  useEffect(() => {
    if (complete) summaryRef.current?.scrollIntoView({ block: 'start' })
  }, [complete])
  const item = useQaStore((s) => currentItem(s))
  const scroller = useRef<HTMLDivElement>(null)
  const callId = item?.callId ?? null
  // A new call starts at the top of the scorecard; the criterion being scored is always in view.
  useEffect(() => {
    const scroll = scroller.current
    if (!scroll) return
    scroll.scrollTop = 0
    // In a short window the whole panel scrolls instead (common.css): its top too.
    const panel = scroll.closest('.qa-panel')
    if (panel) panel.scrollTop = 0
  }, [callId])
  // Its key hint too: the row grows by the hint's line, which must not open below the fold.
  const keyHint = useQaStore((s) => s.keyHint)
  useEffect(() => {
    scroller.current?.querySelector('.qa-criterion--current')?.scrollIntoView({ block: 'nearest' })
  }, [callId, cursor, keyHint])
  // The next two calls' recordings are fetched ahead (with their waveforms), so J starts the next call at once.
  const upcoming = session
    ? session.items
        .slice(index + 1, index + 3)
        .map((i) => i.callId)
        .join(',')
    : ''
  useEffect(() => {
    if (!upcoming) return
    const timer = setTimeout(() => {
      for (const id of upcoming.split(',').map(Number)) void useAudioOverviewStore.getState().ensure(id)
    }, 500)
    return () => clearTimeout(timer)
  }, [upcoming])
  // A team calibration this member has submitted: the team keeps what was submitted.
  const submittedAt = useCalibrationStore(
    (s) => s.calibrations.find((c) => c.sessionId !== null && c.sessionId === sessionId)?.mine?.submittedAt ?? null
  )
  if (!session || !item) return null
  const qa = useQaStore.getState()
  const total = session.items.length
  return (
    <section className="qa-panel" aria-label="QA session">
      <header className="qa-panel__header">
        <div>
          <h2 className="qa-panel__title" ref={titleRef} tabIndex={-1}>
            {session.name}
          </h2>
          <p className="qa-panel__meta">
            <span aria-label="Session progress">{formatProgress(session.reviewedCount, total)}</span> reviewed · call{' '}
            <span aria-label="Queue position">
              {index + 1} of {total}
            </span>{' '}
            ·{' '}
            <span aria-label="Scorecard template">
              {session.templateName}, version {session.templateVersion}
            </span>
          </p>
        </div>
        <button type="button" className="button button--secondary button--small" aria-keyshortcuts="L" onClick={qa.leave}>
          Leave session
        </button>
      </header>
      {submittedAt && (
        <p className="notice" role="note">
          You submitted this calibration on {dueDateText(submittedAt)}: changes made now stay on this computer, and the team compares what you
          submitted.
        </p>
      )}
      {error && (
        <div className="notice notice--danger" role="alert">
          <p className="notice__body">{error.message}</p>
          <button type="button" className="link-button" onClick={qa.clearError}>
            Dismiss
          </button>
        </div>
      )}
      <div className="qa-panel__controls" role="toolbar" aria-label="Review controls">
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={index === 0}
          onClick={qa.previous}
          title="Previous call (K)"
        >
          Previous call
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={index >= total - 1}
          onClick={qa.next}
          title="Next call (J)"
        >
          Next call
        </button>
        <button
          type="button"
          className="button button--small qa-toggle"
          aria-pressed={item.review.reviewed}
          onClick={qa.toggleReviewed}
          title="Mark reviewed (R)"
        >
          {item.review.reviewed ? 'Reviewed ✓' : 'Mark reviewed'}
        </button>
        <button
          type="button"
          className="button button--small qa-toggle"
          aria-pressed={item.review.flaggedForFollowUp}
          onClick={qa.toggleFlagged}
          title="Flag for follow-up (F)"
        >
          {item.review.flaggedForFollowUp ? 'Flagged for follow-up' : 'Flag for follow-up'}
        </button>
        <label className="qa-panel__auto">
          <input type="checkbox" checked={autoAdvance} onChange={(e) => qa.setAutoAdvance(e.target.checked)} /> Auto-advance
        </label>
        <label className="qa-panel__auto" title="Mark a call reviewed as soon as its last criterion is answered">
          <input type="checkbox" checked={autoMarkReviewed} onChange={(e) => qa.setAutoMarkReviewed(e.target.checked)} /> Auto-mark reviewed
        </label>
      </div>
      {lastExport && 'rows' in lastExport && <ExportFlash key={`${lastExport.path}@${lastExport.rows}`} result={lastExport} />}
      {complete && (
        <p className="notice qa-panel__complete" role="status">
          Session complete: all {total} calls are reviewed. The summary is below.
        </p>
      )}
      <div className="qa-panel__scroll" ref={scroller}>
        {/* The scorecard first: what is scored stays beside the player without scrolling. */}
        <Scorecard sessionId={session.id} template={session.template} item={item} cursor={cursor} />
        <section className="qa-notes" aria-label="Notes">
          <h3 className="qa-section-title">
            Notes{' '}
            <span className="qa-panel__hint">
              <Kbd keys={['N']} /> adds one at the current time
            </span>
          </h3>
          {noteDraft && noteDraft.callId === item.callId && <NoteInput key={`${noteDraft.callId}-${noteDraft.seconds}`} draft={noteDraft} />}
          {item.notes.length === 0 ? (
            <p className="qa-panel__empty">No notes on this call yet.</p>
          ) : (
            <ul className="qa-notes__list" aria-label="Notes on this call">
              {item.notes.map((note) => (
                <NoteRow key={note.id} note={note} />
              ))}
            </ul>
          )}
        </section>
        <QaQueue session={session} index={index} />
        <div ref={summaryRef}>
          <QaSummary session={session} />
        </div>
      </div>
    </section>
  )
}
