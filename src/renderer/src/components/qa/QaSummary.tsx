import { useMemo } from 'react'
import { summariseReviews, summaryInputOf } from '@shared/qa/summary'
import { formatProgress, formatScore } from '@shared/qa/format'
import type { SessionDetail } from '@shared/qa/schemas'
import { useQaSessionsStore } from '@renderer/stores/qa-sessions-store'
import { useQaStore } from '@renderer/stores/qa-store'
import { ExportWritten } from './ExportWritten'
import { CompareSessions } from './summary/CompareSessions'
import { ScoreCharts } from './summary/ScoreCharts'
import { SummaryTables } from './summary/SummaryTables'

/**
 * The session's summary, computed live with the shared summariseReviews (the numbers main's
 * qa:summary and the printable report give): progress with the incomplete calls counted apart
 * (they never count towards scores), the average, auto-fails, charts, the per-section,
 * per-criterion, per-agent and per-campaign tables, flagged calls, a comparison with another
 * session, the exports and the printable report (HTML or PDF).
 */
export function QaSummary({ session }: { session: SessionDetail }): React.JSX.Element {
  const busy = useQaStore((s) => s.busy)
  const lastExport = useQaStore((s) => s.lastExport)
  const sessions = useQaStore((s) => s.sessions)
  const reportBusy = useQaSessionsStore((s) => s.busy)
  const report = useQaSessionsStore((s) => s.written)
  const reportError = useQaSessionsStore((s) => (s.open ? null : s.error))
  const summary = useMemo(
    () => summariseReviews(session.template, session.items.length, session.items.map(summaryInputOf)),
    [session.template, session.items]
  )
  return (
    <section className="qa-summary" aria-label="Session summary">
      <h3 className="qa-section-title">Summary</h3>
      <dl className="qa-summary__facts">
        <div>
          <dt>Reviewed</dt>
          <dd aria-label="Reviewed calls">{formatProgress(summary.reviewed, summary.total)}</dd>
        </div>
        <div>
          <dt>Incomplete</dt>
          <dd aria-label="Incomplete calls" title="Scored in part but not marked reviewed: not counted in the averages">
            {summary.incomplete} not counted
          </dd>
        </div>
        <div>
          <dt>Flagged</dt>
          <dd aria-label="Flagged calls">{summary.flagged}</dd>
        </div>
        <div>
          <dt>Average score</dt>
          <dd aria-label="Average score">{formatScore(summary.averageScore)}</dd>
        </div>
        {summary.reviewed > summary.scored && (
          <div>
            <dt>No score</dt>
            <dd
              aria-label="Reviewed calls without a score"
              title="Marked reviewed with no answer that scores (every criterion unanswered or N/A): not in the average"
            >
              {summary.reviewed - summary.scored} reviewed, not in the average
            </dd>
          </div>
        )}
        <div>
          <dt>Auto-fails</dt>
          <dd aria-label="Auto-failed calls">{summary.criticalFailures}</dd>
        </div>
      </dl>
      <ScoreCharts summary={summary} />
      <SummaryTables summary={summary} />
      <CompareSessions sessionId={session.id} summary={summary} sessions={sessions} />
      <div className="qa-summary__export">
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={busy}
          aria-keyshortcuts="E"
          onClick={() => void useQaStore.getState().exportSession('csv')}
        >
          Export CSV
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={busy}
          aria-keyshortcuts="Shift+E"
          onClick={() => void useQaStore.getState().exportSession('json')}
        >
          Export JSON
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={reportBusy}
          onClick={() => void useQaSessionsStore.getState().report('html', [session.id])}
        >
          Printable report (HTML)
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={reportBusy}
          onClick={() => void useQaSessionsStore.getState().report('pdf', [session.id])}
        >
          Report PDF
        </button>
      </div>
      {lastExport && <ExportWritten result={lastExport} />}
      {report && 'sessions' in report && <ExportWritten result={report} />}
      {reportError && (
        <p className="notice notice--danger" role="alert">
          {reportError.message}
        </p>
      )}
    </section>
  )
}
