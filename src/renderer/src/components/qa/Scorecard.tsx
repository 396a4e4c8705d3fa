import type { Answer, Criterion, QueueItem } from '../../../../shared/qa/schemas'
import { computeScore } from '../../../../shared/qa/score'
import { formatScore } from '../../../../shared/qa/format'
import { useQaStore } from '../../stores/qa-store'
import { ReviewComment } from './ReviewComment'

function choicesOf(criterion: Criterion): { value: Answer; label: string }[] {
  const base: { value: Answer; label: string }[] =
    criterion.type === 'yes_no'
      ? [
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' }
        ]
      : [1, 2, 3, 4, 5].map((v) => ({ value: v, label: String(v) }))
  return criterion.naAllowed ? [...base, { value: 'na', label: 'N/A' }] : base
}

interface ScorecardProps {
  sessionId: string
  /** The criteria of the template version the session was started with. */
  criteria: readonly Criterion[]
  item: QueueItem
  cursor: number
}

/**
 * The scorecard of the session's template for the call being reviewed: one radio group per
 * criterion, the computed score live (shared computeScore, the number the export writes),
 * and the reviewer's comment. The row under the keyboard cursor is marked; Y, X, A and 1–5
 * answer it.
 */
export function Scorecard({ sessionId, criteria, item, cursor }: ScorecardProps): React.JSX.Element {
  const answers = item.review.answers
  const score = computeScore(criteria, answers)
  return (
    <section className="qa-scorecard" aria-label="Scorecard">
      <header className="qa-scorecard__header">
        <h3 className="qa-section-title">Scorecard</h3>
        <p className="qa-scorecard__score">
          Score <output aria-label="Score">{formatScore(score)}</output>
        </p>
      </header>
      <ol className="qa-scorecard__list">
        {criteria.map((criterion, index) => {
          const labelId = `qa-criterion-${criterion.id}`
          const current = answers[criterion.id]
          return (
            <li key={criterion.id} className={`qa-criterion${index === cursor ? ' qa-criterion--current' : ''}`} aria-current={index === cursor ? 'step' : undefined}>
              <div className="qa-criterion__text">
                <span id={labelId} className="qa-criterion__label">
                  {criterion.label}
                </span>
                <span className="qa-criterion__weight">×{criterion.weight}</span>
                {criterion.description && <span className="qa-criterion__description">{criterion.description}</span>}
              </div>
              <div role="radiogroup" aria-labelledby={labelId} className="qa-criterion__choices">
                {choicesOf(criterion).map((choice) => (
                  <label key={String(choice.value)} className="qa-choice">
                    <input
                      type="radio"
                      name={`qa-${item.callId}-${criterion.id}`}
                      checked={current === choice.value}
                      onChange={() => useQaStore.getState().answer(criterion.id, choice.value)}
                    />
                    <span>{choice.label}</span>
                  </label>
                ))}
                {current !== undefined && (
                  <button type="button" className="link-button qa-choice__clear" aria-label={`Clear ${criterion.label}`} onClick={() => useQaStore.getState().answer(criterion.id, null)}>
                    Clear
                  </button>
                )}
              </div>
            </li>
          )
        })}
      </ol>
      <ReviewComment key={`${sessionId}:${item.callId}`} sessionId={sessionId} callId={item.callId} comment={item.review.comment} />
    </section>
  )
}
