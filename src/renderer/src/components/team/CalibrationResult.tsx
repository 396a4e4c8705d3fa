import type { TeamCalibrationResult } from '@shared/ipc/contract'
import { alphaText, answerText, percent } from '@renderer/stores/calibration-store'

function points(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(1)} pts`
}

/** Yes or No; with fewer than two answers there is nothing to agree on, and a dash says so. */
function Agreed({ agreed }: { agreed: boolean | null }): React.JSX.Element {
  if (agreed !== null) return <>{agreed ? 'Yes' : 'No'}</>
  return (
    <span title="Fewer than two answers: nothing to compare">
      <span aria-hidden="true">—</span>
      <span className="sr-only">Fewer than two answers</span>
    </span>
  )
}

/**
 * The reveal of one calibration: overall agreement, each reviewer's deviation, each call's
 * scores, then per criterion (disagreements first, as main orders them) the reviewers' answers
 * side by side with the lead's reference. Plain tables with captions and header cells, so a
 * screen reader announces each answer with its call and reviewer.
 */
export function CalibrationResult({ result, onClose }: { result: TeamCalibrationResult; onClose: () => void }): React.JSX.Element {
  const { calibration, overall } = result
  const name = new Map(calibration.members.map((m) => [m.login, m.displayName]))
  const reviewers = calibration.members.map((m) => m.login)
  return (
    <section className="team-result" aria-label={`Result of ${calibration.name}`}>
      <div className="team-result__head">
        <h3>Result: {calibration.name}</h3>
        <button type="button" className="button button--secondary button--small" onClick={onClose}>
          Back to calibrations
        </button>
      </div>
      {!calibration.revealed && (
        <p className="notice" role="note">
          Not revealed yet: the reviewers cannot see this until everyone submits, the deadline passes or you reveal it.
        </p>
      )}
      <dl className="team-result__overall" aria-label="Overall agreement">
        <div>
          <dt>Percent agreement</dt>
          <dd aria-label="Overall percent agreement">{percent(overall.percentAgreement)}</dd>
        </div>
        <div>
          <dt>Krippendorff’s alpha</dt>
          <dd aria-label="Overall Krippendorff’s alpha">{alphaText(overall.alpha)}</dd>
        </div>
        <div>
          <dt>Answers compared</dt>
          <dd>{overall.pairableUnits}</dd>
        </div>
      </dl>
      <p className="team-result__help">
        Alpha is 1 when the reviewers agree perfectly and 0 at chance level; it corrects percent agreement for the agreement chance alone would give,
        and works with any number of reviewers and missing answers.
      </p>

      <table className="qa-summary__criteria team-table">
        <caption>Deviation per reviewer</caption>
        <thead>
          <tr>
            <th scope="col">Reviewer</th>
            <th scope="col">Answers matching the reference</th>
            <th scope="col">Score difference from the reference</th>
            <th scope="col">Score difference from the team</th>
          </tr>
        </thead>
        <tbody>
          {result.deviations.map((d) => (
            <tr key={d.reviewer}>
              <th scope="row">{d.displayName}</th>
              <td>{percent(d.matchesReference)}</td>
              <td>{points(d.meanScoreDifference)}</td>
              <td>{points(d.meanDifferenceFromTeam)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <table className="qa-summary__criteria team-table">
        <caption>Scores per call</caption>
        <thead>
          <tr>
            <th scope="col">Call</th>
            <th scope="col">Reference</th>
            {reviewers.map((r) => (
              <th scope="col" key={r}>
                {name.get(r) ?? r}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.calls.map((c) => (
            <tr key={c.callId}>
              <th scope="row">{c.callId}</th>
              <td>{c.referenceScore === null ? '—' : `${c.referenceScore.toFixed(1)} %`}</td>
              {reviewers.map((r) => {
                const score = c.scores.find((s) => s.reviewer === r)?.scorePercent ?? null
                return <td key={r}>{score === null ? '—' : `${score.toFixed(1)} %`}</td>
              })}
            </tr>
          ))}
        </tbody>
      </table>

      <h4>Per criterion, disagreements first</h4>
      {result.criteria.map((criterion) => (
        <table key={criterion.criterionId} className="qa-summary__criteria team-table" aria-label={`Criterion ${criterion.label}`}>
          <caption>
            {criterion.label}: {percent(criterion.agreement.percentAgreement)} agreement, alpha {alphaText(criterion.agreement.alpha)},{' '}
            {criterion.disagreements === 1 ? '1 call disagreed' : `${criterion.disagreements} calls disagreed`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Call</th>
              <th scope="col">Reference</th>
              {reviewers.map((r) => (
                <th scope="col" key={r}>
                  {name.get(r) ?? r}
                </th>
              ))}
              <th scope="col">Reviewers agree</th>
            </tr>
          </thead>
          <tbody>
            {criterion.calls.map((c) => (
              <tr key={c.callId} className={c.agreed === false ? 'team-table__disagreed' : undefined}>
                <th scope="row">{c.callId}</th>
                <td>{answerText(c.reference)}</td>
                {reviewers.map((r) => {
                  const answer = c.answers.find((a) => a.reviewer === r)?.answer ?? null
                  const off = c.reference !== null && answer !== null && answer !== c.reference
                  return (
                    <td key={r} className={off ? 'team-table__off' : undefined}>
                      {answerText(answer)}
                      {off && <span className="sr-only"> (differs from the reference)</span>}
                    </td>
                  )
                })}
                <td>
                  <Agreed agreed={c.agreed} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  )
}
