import type { QueueItem, SessionDetail } from '@shared/qa/schemas'
import { formatScore } from '@shared/qa/format'
import { scoreReview } from '@shared/qa/score'
import { formatPhoneNumber } from '@shared/phone'
import { formatClock } from '@renderer/lib/format'
import { useQaStore } from '@renderer/stores/qa-store'

/** Reviewed, incomplete (started, not marked reviewed) or not started; flagged on top of any. */
function stateOf(item: QueueItem): string {
  const base = item.review.reviewed ? 'reviewed' : item.review.updatedAt ? 'incomplete' : 'not started'
  return item.review.flaggedForFollowUp ? `${base}, flagged` : base
}

/**
 * The session's calls in order: each with its caller, agent, campaign, duration, state and
 * score, so the reviewer can tell them apart without opening them; a click opens one. Each
 * item is named by its own text (WCAG 2.5.3: the name contains what is shown), with hidden words
 * that make it read as a sentence: "Call 2, 10123, Jane Doe, Ann · Sales · 3:05, reviewed,
 * score 80.0 %".
 */
export function QaQueue({ session, index }: { session: SessionDetail; index: number }): React.JSX.Element {
  return (
    <section className="qa-queue" aria-label="Queue">
      <h3 className="qa-section-title">Queue</h3>
      <ol className="qa-queue__list">
        {session.items.map((item, i) => {
          const state = stateOf(item)
          const call = item.call
          const caller = call?.callerName || (call?.callerId ? formatPhoneNumber(call.callerId) : `Call ${item.callId}`)
          const details = [call?.agent, call?.campaign, call?.durationSeconds != null ? formatClock(call.durationSeconds) : null]
            .filter(Boolean)
            .join(' · ')
          return (
            <li key={item.callId}>
              <button
                type="button"
                className={`qa-queue__item${i === index ? ' qa-queue__item--current' : ''}`}
                aria-current={i === index ? 'true' : undefined}
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
                  {formatScore(scoreReview(session.template, item.review.answers).score)}
                </span>
              </button>
            </li>
          )
        })}
      </ol>
    </section>
  )
}
