import { useEffect, useRef } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { QueueItem, SessionDetail } from '@shared/qa/schemas'
import { formatScore } from '@shared/qa/format'
import { formatPhoneNumber } from '@shared/phone'
import { formatClock } from '@renderer/lib/format'
import { useQaStore } from '@renderer/stores/qa-store'

/**
 * Up to this many calls the whole queue is in the page; a longer one (a sample of a month, a
 * session of 1,000 calls) scrolls in a box of its own and only the calls in view are built: all
 * 1,000 took about 800 ms to paint, the summary beside them waiting behind it.
 */
export const FULL_QUEUE_MAX = 60
/** An item's height in px before it is measured (qa.css `.qa-queue__item`: caller and details on two lines). */
const QUEUE_ITEM_HEIGHT = 40
/** The scrolling box's height: about eight calls. */
const QUEUE_BOX_HEIGHT = 320

/** Reviewed, incomplete (started, not marked reviewed) or not started; flagged on top of any. */
function stateOf(item: QueueItem): string {
  const base = item.review.reviewed ? 'reviewed' : item.review.updatedAt ? 'incomplete' : 'not started'
  return item.review.flaggedForFollowUp ? `${base}, flagged` : base
}

/**
 * One call of the queue. Named by its own text (WCAG 2.5.3: the name contains what is shown),
 * with hidden words that make it read as a sentence: "Call 2, 10123, Jane Doe, Ann · Sales · 3:05,
 * reviewed, score 80.0 %". The score is the review's own, computed by main from its answers.
 */
function QueueEntry({ item, i, current }: { item: QueueItem; i: number; current: boolean }): React.JSX.Element {
  const state = stateOf(item)
  const call = item.call
  const caller = call?.callerName || (call?.callerId ? formatPhoneNumber(call.callerId) : `Call ${item.callId}`)
  const details = [call?.agent, call?.campaign, call?.durationSeconds != null ? formatClock(call.durationSeconds) : null].filter(Boolean).join(' · ')
  return (
    <button
      type="button"
      className={`qa-queue__item${current ? ' qa-queue__item--current' : ''}`}
      aria-current={current ? 'true' : undefined}
      onClick={() => useQaStore.getState().goTo(i)}
    >
      <span className="qa-queue__number">
        <span className="sr-only">Call </span>
        {i + 1}
        <span className="sr-only">{`, ${item.callId},`}</span>
      </span>
      <span className="qa-queue__id">
        <span className="qa-queue__caller">
          {caller}
          <span className="sr-only">,</span>
        </span>
        {details && (
          <span className="qa-queue__details">
            {details}
            <span className="sr-only">,</span>
          </span>
        )}
      </span>
      <span className={`qa-queue__state qa-queue__state--${state.split(',')[0]?.replace(' ', '-')}`}>
        {state}
        <span className="sr-only">,</span>
      </span>
      <span className="qa-queue__score">
        <span className="sr-only">score </span>
        {formatScore(item.review.score)}
      </span>
    </button>
  )
}

/** A long queue: a box that scrolls, holding only the calls in view (and a few either side); the current call is kept in view. */
function VirtualQueue({ session, index }: { session: SessionDetail; index: number }): React.JSX.Element {
  const scrollRef = useRef<HTMLDivElement>(null)
  // The app does not use the React Compiler; the virtualizer re-renders this component itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: session.items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => QUEUE_ITEM_HEIGHT,
    overscan: 6,
    // Before the box is measured (and in server markup), the first box-full is built.
    initialRect: { width: 0, height: QUEUE_BOX_HEIGHT }
  })
  useEffect(() => {
    if (index >= 0 && index < session.items.length) virtualizer.scrollToIndex(index, { align: 'auto' })
  }, [index, session.items.length, virtualizer])
  return (
    <div ref={scrollRef} className="qa-queue__scroll" style={{ maxHeight: QUEUE_BOX_HEIGHT }}>
      <ol className="qa-queue__list" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = session.items[row.index] as QueueItem
          return (
            <li
              key={item.callId}
              ref={virtualizer.measureElement}
              data-index={row.index}
              aria-setsize={session.items.length}
              aria-posinset={row.index + 1}
              className="qa-queue__row"
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${row.start}px)` }}
            >
              <QueueEntry item={item} i={row.index} current={row.index === index} />
            </li>
          )
        })}
      </ol>
    </div>
  )
}

/**
 * The session's calls in order: each with its caller, agent, campaign, duration, state and
 * score, so the reviewer can tell them apart without opening them; a click opens one.
 */
export function QaQueue({ session, index }: { session: SessionDetail; index: number }): React.JSX.Element {
  return (
    <section className="qa-queue" aria-label="Queue">
      <h3 className="qa-section-title">Queue</h3>
      {session.items.length > FULL_QUEUE_MAX ? (
        <VirtualQueue session={session} index={index} />
      ) : (
        <ol className="qa-queue__list">
          {session.items.map((item, i) => (
            <li key={item.callId}>
              <QueueEntry item={item} i={i} current={i === index} />
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
