import type { SessionDetail } from '../../../../shared/qa/schemas'
import { formatScore } from '../../../../shared/qa/format'
import { computeScore } from '../../../../shared/qa/score'
import { useQaStore } from '../../stores/qa-store'

/** The session's calls in order: which are reviewed or flagged, each score; a click opens one. */
export function QaQueue({ session, index }: { session: SessionDetail; index: number }): React.JSX.Element {
  return (
    <section className="qa-queue" aria-label="Queue">
      <h3 className="qa-section-title">Queue</h3>
      <ol className="qa-queue__list">
        {session.items.map((item, i) => {
          const state = [item.review.reviewed ? 'reviewed' : 'not reviewed', item.review.flaggedForFollowUp ? 'flagged' : null].filter(Boolean).join(', ')
          return (
            <li key={item.callId}>
              <button
                type="button"
                className={`qa-queue__item${i === index ? ' qa-queue__item--current' : ''}`}
                aria-current={i === index ? 'true' : undefined}
                aria-label={`Call ${i + 1}, ${item.callId}, ${state}`}
                onClick={() => useQaStore.getState().goTo(i)}
              >
                <span className="qa-queue__number">{i + 1}</span>
                <span className="qa-queue__id">#{item.callId}</span>
                <span className="qa-queue__marks" aria-hidden="true">
                  {item.review.reviewed ? '✓' : ''}
                  {item.review.flaggedForFollowUp ? ' ⚑' : ''}
                </span>
                <span className="qa-queue__score">{formatScore(computeScore(session.template.criteria, item.review.answers))}</span>
              </button>
            </li>
          )
        })}
      </ol>
    </section>
  )
}
