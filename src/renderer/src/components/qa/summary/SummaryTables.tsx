import { formatPlaybackTime, formatScore } from '@shared/qa/format'
import type { GroupResult, SessionSummary } from '@shared/qa/schemas'

function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)} %`
}

function GroupTable({ label, heading, groups }: { label: string; heading: string; groups: GroupResult[] }): React.JSX.Element | null {
  if (groups.length === 0) return null
  return (
    <table className="qa-summary__criteria qa-summary__table" aria-label={label}>
      <caption className="qa-summary__caption">By {heading.toLowerCase()}</caption>
      <thead>
        <tr>
          <th scope="col">{heading}</th>
          <th scope="col">Reviewed</th>
          <th scope="col">Average</th>
          <th scope="col">Auto-fails</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.name}>
            <th scope="row">{g.name}</th>
            <td>{g.reviewed}</td>
            <td>{formatScore(g.averageScore)}</td>
            <td>{g.criticalFailures}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The summary's tables: sections, criteria, agents, campaigns and the flagged calls with their notes. */
export function SummaryTables({ summary }: { summary: SessionSummary }): React.JSX.Element {
  return (
    <>
      {summary.sections.length > 1 && (
        <table className="qa-summary__criteria qa-summary__table" aria-label="Per-section results">
          <caption className="qa-summary__caption">By section</caption>
          <thead>
            <tr>
              <th scope="col">Section</th>
              <th scope="col">Weight</th>
              <th scope="col">Average</th>
              <th scope="col">Auto-fails</th>
            </tr>
          </thead>
          <tbody>
            {summary.sections.map((s) => (
              <tr key={s.sectionId}>
                <th scope="row">{s.label}</th>
                <td>{s.weight}</td>
                <td>{formatScore(s.averageScore)}</td>
                <td>{s.autoFailed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table className="qa-summary__criteria qa-summary__table" aria-label="Per-criterion results">
        <caption className="qa-summary__caption">By criterion</caption>
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col">Result</th>
            <th scope="col">N/A</th>
            <th scope="col">Auto-fails</th>
          </tr>
        </thead>
        <tbody>
          {summary.criteria.map((c) => (
            <tr key={c.criterionId}>
              <th scope="row">
                {c.label}
                {c.critical ? ' (critical)' : ''}
              </th>
              <td>{c.answered === 0 ? '—' : c.type === 'yes_no' ? `${percent(c.yesRate)} pass` : `${(c.average ?? 0).toFixed(1)} avg`}</td>
              <td>{c.na}</td>
              <td>{c.critical ? c.criticalFailures : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <GroupTable label="Per-agent results" heading="Agent" groups={summary.byAgent} />
      <GroupTable label="Per-campaign results" heading="Campaign" groups={summary.byCampaign} />
      {summary.flaggedCalls.length > 0 && (
        <section aria-label="Calls flagged for follow-up">
          <h4 className="qa-scorecard__section-title">Flagged for follow-up</h4>
          <ul className="qa-summary__flagged">
            {summary.flaggedCalls.map((f) => (
              <li key={f.callId}>
                Call {f.callId} · {formatScore(f.score)}
                {f.comment && <> — {f.comment}</>}
                {f.notes.length > 0 && (
                  <ul>
                    {f.notes.map((n, i) => (
                      <li key={i}>
                        {formatPlaybackTime(n.seconds)} {n.text}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  )
}
