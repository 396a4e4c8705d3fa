import { compareSummaries, type ComparisonGroup } from '@shared/qa/compare'
import type { SessionInfo, SessionSummary } from '@shared/qa/schemas'
import { useQaStore } from '@renderer/stores/qa-store'

/** The table's parts in order, each under its heading (the overall figures need none). */
const GROUPS: [ComparisonGroup, string][] = [
  ['overall', ''],
  ['section', 'Sections'],
  ['criterion', 'Criteria'],
  ['agent', 'Agents']
]

/**
 * This session beside another (this week against last) with the difference: reviewed and
 * incomplete counts, the average, auto-fails, each section, criterion and agent (shared
 * compareSummaries), the other read from main's qa:summary.
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
  const rows = other ? compareSummaries(summary, other) : []
  const groups = GROUPS.map(([group, title]) => ({ group, title, rows: rows.filter((r) => r.group === group) })).filter((g) => g.rows.length > 0)
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
              <th scope="col">Difference</th>
            </tr>
          </thead>
          {groups.map(({ group, title, rows: groupRows }) => (
            <tbody key={group}>
              {title && (
                <tr className="qa-summary__compare-group">
                  <th scope="colgroup" colSpan={4}>
                    {title}
                  </th>
                </tr>
              )}
              {groupRows.map((r) => (
                <tr key={r.label}>
                  <th scope="row">{r.label}</th>
                  <td>{r.mine}</td>
                  <td>{r.theirs}</td>
                  <td>{r.difference}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      )}
    </section>
  )
}
