import { formatScore } from '@shared/qa/format'
import type { SessionInfo, SessionSummary } from '@shared/qa/schemas'
import { useQaStore } from '@renderer/stores/qa-store'

/**
 * This session beside another (this week against last): reviewed and incomplete counts, the
 * average, auto-fails and each section's average, read from main's qa:summary of the other.
 */
export function CompareSessions({
  sessionId,
  summary,
  sessions
}: {
  sessionId: string
  summary: SessionSummary
  sessions: SessionInfo[]
}): React.JSX.Element | null {
  const comparison = useQaStore((s) => s.comparison)
  const others = sessions.filter((s) => s.id !== sessionId)
  if (others.length === 0) return null
  const otherId = comparison?.sessionId ?? ''
  const other = comparison?.summary ?? null
  const error = comparison?.error ?? null
  const choose = (id: string): void => void useQaStore.getState().compareWith(id)
  const otherName = others.find((s) => s.id === otherId)?.name ?? ''
  const rows: [string, string, string][] = other
    ? [
        ['Reviewed', String(summary.reviewed), String(other.reviewed)],
        ['Incomplete (not counted)', String(summary.incomplete), String(other.incomplete)],
        ['Average score', formatScore(summary.averageScore), formatScore(other.averageScore)],
        ['Auto-fails', String(summary.criticalFailures), String(other.criticalFailures)],
        ...summary.sections
          .filter(() => summary.sections.length > 1)
          .map((s): [string, string, string] => [
            s.label,
            formatScore(s.averageScore),
            formatScore(other.sections.find((o) => o.label === s.label)?.averageScore ?? null)
          ])
      ]
    : []
  return (
    <section className="qa-summary__compare" aria-label="Compare sessions">
      <label className="field">
        <span className="field__label">Compare with</span>
        <select className="field__input" value={otherId} onChange={(e) => choose(e.target.value)}>
          <option value="">Choose a session…</option>
          {others.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      {error && <p role="alert">{error}</p>}
      {other && (
        <table aria-label="Session comparison">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">This session</th>
              <th scope="col">{otherName}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, mine, theirs]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{mine}</td>
                <td>{theirs}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
