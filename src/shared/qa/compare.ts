/**
 * Two sessions' summaries side by side (this week against last), row by row with the
 * difference, so a lead reads at a glance what moved: counts, the average, auto-fails, each
 * section's average, each criterion's pass rate (yes/no) or average rating (1–5), and each
 * agent's average. Sections, criteria and agents are matched by label, so two sessions scored
 * with different versions of a template still line up where their criteria are the same; a row
 * only one session has shows "—" on the other side and no difference.
 */
import { formatScore } from './format'
import type { CriterionResult, SessionSummary } from './schemas'

export type ComparisonGroup = 'overall' | 'section' | 'criterion' | 'agent'

export interface ComparisonRow {
  group: ComparisonGroup
  label: string
  mine: string
  theirs: string
  /** "+12.5 pt", "−3", "0"; empty when either side has no value. */
  difference: string
  /** The signed difference (this session − the other), null when either side has no value. */
  delta: number | null
}

type Kind = 'count' | 'percent' | 'rating'

const NONE = '—'

function display(value: number | null, kind: Kind): string {
  if (value === null) return NONE
  if (kind === 'percent') return formatScore(value)
  if (kind === 'rating') return `${(Math.round(value * 10) / 10).toFixed(1)} / 5`
  return String(value)
}

function signed(delta: number, kind: Kind): string {
  const rounded = kind === 'count' ? delta : Math.round(delta * 10) / 10
  if (rounded === 0) return kind === 'count' ? '0' : `0.0${kind === 'percent' ? ' pt' : ''}`
  const magnitude = kind === 'count' ? String(Math.abs(rounded)) : Math.abs(rounded).toFixed(1)
  // U+2212, which screen readers read as "minus" where a hyphen is often skipped.
  return `${rounded > 0 ? '+' : '−'}${magnitude}${kind === 'percent' ? ' pt' : ''}`
}

function row(group: ComparisonGroup, label: string, mine: number | null, theirs: number | null, kind: Kind): ComparisonRow {
  const delta = mine === null || theirs === null ? null : mine - theirs
  return { group, label, mine: display(mine, kind), theirs: display(theirs, kind), difference: delta === null ? '' : signed(delta, kind), delta }
}

/** A criterion's headline: the pass rate in % for yes/no, the average rating for 1–5. */
function criterionValue(c: CriterionResult | undefined): number | null {
  if (!c) return null
  if (c.type === 'yes_no') return c.yesRate === null ? null : c.yesRate * 100
  return c.average
}

/** Labels of both lists in this session's order, then the other's own. */
function union<T>(mine: readonly T[], theirs: readonly T[], label: (t: T) => string): string[] {
  const seen = new Set(mine.map(label))
  return [...seen, ...theirs.map(label).filter((l) => !seen.has(l))]
}

export function compareSummaries(mine: SessionSummary, theirs: SessionSummary): ComparisonRow[] {
  const rows: ComparisonRow[] = [
    row('overall', 'Reviewed', mine.reviewed, theirs.reviewed, 'count'),
    row('overall', 'Incomplete (not counted)', mine.incomplete, theirs.incomplete, 'count'),
    row('overall', 'Average score', mine.averageScore, theirs.averageScore, 'percent'),
    row('overall', 'Auto-fails', mine.criticalFailures, theirs.criticalFailures, 'count')
  ]
  // One implied section ("All criteria") says nothing the average does not.
  if (mine.sections.length > 1 || theirs.sections.length > 1) {
    for (const label of union(mine.sections, theirs.sections, (s) => s.label)) {
      const a = mine.sections.find((s) => s.label === label)
      const b = theirs.sections.find((s) => s.label === label)
      rows.push(row('section', label, a?.averageScore ?? null, b?.averageScore ?? null, 'percent'))
    }
  }
  for (const label of union(mine.criteria, theirs.criteria, (c) => c.label)) {
    const a = mine.criteria.find((c) => c.label === label)
    const b = theirs.criteria.find((c) => c.label === label)
    // A criterion that changed type between versions cannot be set against itself.
    const kind: Kind = (a ?? b)?.type === 'scale_1_5' ? 'rating' : 'percent'
    const comparable = !a || !b || a.type === b.type
    const suffix = kind === 'percent' ? ' (pass rate)' : ' (average rating)'
    rows.push(row('criterion', label + suffix, criterionValue(a), comparable ? criterionValue(b) : null, kind))
  }
  for (const name of union(mine.byAgent, theirs.byAgent, (g) => g.name)) {
    const a = mine.byAgent.find((g) => g.name === name)
    const b = theirs.byAgent.find((g) => g.name === name)
    rows.push(row('agent', `Agent: ${name}`, a?.averageScore ?? null, b?.averageScore ?? null, 'percent'))
  }
  return rows
}
