import { useEffect } from 'react'
import type { Answer, Criterion, QueueItem, Template } from '@shared/qa/schemas'
import { IMPLIED_SECTION_ID, scoreReview, sectionsOf } from '@shared/qa/score'
import { formatScore } from '@shared/qa/format'
import { useQaStore } from '@renderer/stores/qa-store'
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
  /** The template version the session was started with. */
  template: Template
  item: QueueItem
  cursor: number
}

/**
 * The scorecard of the session's template for the call being reviewed: its sections with their
 * scores, one radio group per criterion (required and critical ones marked in words, not only
 * colour), the computed score live (shared scoreReview, the number the export writes), an
 * auto-fail said plainly, and the reviewer's comment. The row under the keyboard cursor is
 * marked; Y, X, A and 1–5 answer it. With every criterion answered it offers to mark reviewed.
 */
export function Scorecard({ sessionId, template, item, cursor }: ScorecardProps): React.JSX.Element {
  // The focus, when on an answer, follows the cursor (and the cursor the focus, below): after a
  // click or an answer key moved the cursor on, the focus ring and the next key mean the same row.
  const cursorId = template.criteria[cursor]?.id
  useEffect(() => {
    const active = document.activeElement
    if (!(active instanceof HTMLInputElement) || active.type !== 'radio' || !active.name.startsWith(answerName(item.callId, ''))) return
    if (cursorId !== undefined && active.name !== answerName(item.callId, cursorId)) focusCriterion(item.callId, cursorId)
  }, [cursorId, item.callId])
  const answers = item.review.answers
  const result = scoreReview(template, answers)
  const sections = sectionsOf(template)
  const labelOf = (id: string): string => template.criteria.find((c) => c.id === id)?.label ?? id
  const allAnswered = template.criteria.every((c) => answers[c.id] !== undefined)
  const keyHint = useQaStore((s) => s.keyHint)
  const keyAnswered = useQaStore((s) => s.keyAnswered)
  return (
    <section className="qa-scorecard" aria-label="Scorecard">
      <header className="qa-scorecard__header">
        <h3 className="qa-section-title">Scorecard</h3>
        <p className="qa-scorecard__score">
          Score <output aria-label="Score">{formatScore(result.score)}</output>
        </p>
      </header>
      {result.criticalFailures.length > 0 && (
        <p className="notice notice--danger qa-scorecard__autofail" role="status" aria-label="Auto-fail">
          Auto-fail: {result.criticalFailures.map(labelOf).join(', ')} answered No —{' '}
          {(template.autoFail ?? 'call') === 'call' ? 'the call scores 0 %.' : 'its section scores 0 %.'}
        </p>
      )}
      {result.missingRequired.length > 0 && (
        <p className="qa-scorecard__missing" aria-label="Required answers missing">
          Required before marking reviewed: {result.missingRequired.map(labelOf).join(', ')}
        </p>
      )}
      {allAnswered && !item.review.reviewed && (
        <p className="notice qa-scorecard__offer" role="status">
          Every criterion is answered.{' '}
          <button
            type="button"
            className="button button--primary button--small"
            aria-keyshortcuts="R"
            onClick={() => useQaStore.getState().toggleReviewed()}
          >
            Mark this call reviewed
          </button>
        </p>
      )}
      {sections.map((section, sectionIndex) => {
        const sectionScore = result.sectionScores[sectionIndex]
        const implied = section.id === IMPLIED_SECTION_ID && !template.sections?.length
        return (
          <div key={section.id} className="qa-scorecard__section" role="group" aria-label={implied ? 'Criteria' : `Section ${section.label}`}>
            {!implied && (
              <h4 className="qa-scorecard__section-title">
                {section.label} <span className="qa-criterion__weight">×{section.weight}</span>{' '}
                <output aria-label={`${section.label} score`}>{formatScore(sectionScore?.score ?? null)}</output>
                {sectionScore?.autoFailed && <span className="qa-badge qa-badge--critical"> auto-fail</span>}
              </h4>
            )}
            <ol className="qa-scorecard__list">
              {section.criteria.map((criterion) => {
                const index = template.criteria.indexOf(criterion)
                const labelId = `qa-criterion-${criterion.id}`
                const current = answers[criterion.id]
                const missing = criterion.required === true && current === undefined
                return (
                  <li
                    key={criterion.id}
                    className={`qa-criterion${index === cursor ? ' qa-criterion--current' : ''}${missing ? ' qa-criterion--missing' : ''}`}
                    aria-current={index === cursor ? 'step' : undefined}
                  >
                    <div className="qa-criterion__text">
                      <span id={labelId} className="qa-criterion__label">
                        {criterion.label}
                        {criterion.required && <span className="qa-badge"> required</span>}
                        {criterion.critical && <span className="qa-badge qa-badge--critical"> critical</span>}
                      </span>
                      <span className="qa-criterion__weight">×{criterion.weight}</span>
                      {criterion.description && <span className="qa-criterion__description">{criterion.description}</span>}
                    </div>
                    <div
                      role="radiogroup"
                      aria-labelledby={labelId}
                      aria-required={criterion.required === true}
                      className="qa-criterion__choices"
                      // Tab (or a click) into a row makes it the cursor's: the keys answer the row with the focus.
                      onFocus={() => {
                        if (index !== cursor) useQaStore.getState().setCriterion(index)
                      }}
                    >
                      {choicesOf(criterion).map((choice) => (
                        <label key={String(choice.value)} className="qa-choice">
                          <input
                            type="radio"
                            name={answerName(item.callId, criterion.id)}
                            checked={current === choice.value}
                            onChange={(event) => {
                              // React reports a radio's change from its click: a click by pointer
                              // (detail > 0) moves the cursor on, as the answer keys do, and the focus
                              // with it (above). Space or an arrow (detail 0) choose within this row,
                              // where answer() leaves the cursor, so the arrows can go on choosing.
                              const qa = useQaStore.getState()
                              qa.answer(criterion.id, choice.value)
                              if (event.nativeEvent instanceof MouseEvent && event.nativeEvent.detail > 0) qa.setCriterion(index + 1)
                            }}
                          />
                          <span>{choice.label}</span>
                        </label>
                      ))}
                      {current !== undefined && (
                        <button
                          type="button"
                          className="link-button qa-choice__clear"
                          aria-label={`Clear ${criterion.label}`}
                          onClick={() => useQaStore.getState().answer(criterion.id, null)}
                        >
                          Clear
                        </button>
                      )}
                    </div>
                    {/* Under the cursor: why the last answer key did nothing here (a live region, there before its text). */}
                    {index === cursor && (
                      <p className="qa-criterion__hint" role="status">
                        {keyHint}
                      </p>
                    )}
                  </li>
                )
              })}
            </ol>
          </div>
        )
      })}
      {/* What an answer key did, said once: the score's live output alone did not say which criterion was answered. */}
      <p className="sr-only" role="status" aria-label="Last answer">
        {keyAnswered}
      </p>
      <ReviewComment key={`${sessionId}:${item.callId}`} sessionId={sessionId} callId={item.callId} comment={item.review.comment} />
    </section>
  )
}

/** The name of a criterion's radio group for a call. */
function answerName(callId: number, criterionId: string): string {
  return `qa-${callId}-${criterionId}`
}

/** Put the focus on a criterion's chosen answer, or its first (the session panel scrolls the cursor's row into view). */
function focusCriterion(callId: number, criterionId: string): void {
  const choices = [...document.getElementsByName(answerName(callId, criterionId))].filter(
    (el): el is HTMLInputElement => el instanceof HTMLInputElement
  )
  ;(choices.find((input) => input.checked) ?? choices[0])?.focus({ preventScroll: true })
}
