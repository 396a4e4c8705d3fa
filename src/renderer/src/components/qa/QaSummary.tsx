import { summariseReviews, summaryInputOf } from '../../../../shared/qa/summary'
import { formatProgress, formatScore } from '../../../../shared/qa/format'
import type { SessionDetail } from '../../../../shared/qa/schemas'
import { useQaStore } from '../../stores/qa-store'
import { ExportWritten } from './ExportWritten'

function criterionResult(yesRate: number | null, average: number | null, answered: number): string {
  if (answered === 0) return '—'
  if (yesRate !== null) return `${Math.round(yesRate * 100)} % yes`
  if (average !== null) return `${average.toFixed(1)} avg`
  return '—'
}

/**
 * The session's summary, computed live with the shared summariseReviews (the numbers main's
 * qa:summary gives), and the exports: where each file was written is shown.
 */
export function QaSummary({ session }: { session: SessionDetail }): React.JSX.Element {
  const busy = useQaStore((s) => s.busy)
  const lastExport = useQaStore((s) => s.lastExport)
  const summary = summariseReviews(session.template, session.items.length, session.items.map(summaryInputOf))
  return (
    <section className="qa-summary" aria-label="Session summary">
      <h3 className="qa-section-title">Summary</h3>
      <dl className="qa-summary__facts">
        <div>
          <dt>Reviewed</dt>
          <dd aria-label="Reviewed calls">{formatProgress(summary.reviewed, summary.total)}</dd>
        </div>
        <div>
          <dt>Flagged</dt>
          <dd aria-label="Flagged calls">{summary.flagged}</dd>
        </div>
        <div>
          <dt>Average score</dt>
          <dd aria-label="Average score">{formatScore(summary.averageScore)}</dd>
        </div>
      </dl>
      <table className="qa-summary__criteria" aria-label="Per-criterion results">
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col">Result</th>
            <th scope="col">N/A</th>
          </tr>
        </thead>
        <tbody>
          {summary.criteria.map((c) => (
            <tr key={c.criterionId}>
              <th scope="row">{c.label}</th>
              <td>{criterionResult(c.yesRate, c.average, c.answered)}</td>
              <td>{c.na}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="qa-summary__export">
        <button type="button" className="button button--secondary button--small" disabled={busy} aria-keyshortcuts="E" onClick={() => void useQaStore.getState().exportSession('csv')}>
          Export CSV
        </button>
        <button type="button" className="button button--secondary button--small" disabled={busy} aria-keyshortcuts="Shift+E" onClick={() => void useQaStore.getState().exportSession('json')}>
          Export JSON
        </button>
      </div>
      {lastExport && <ExportWritten result={lastExport} />}
    </section>
  )
}
