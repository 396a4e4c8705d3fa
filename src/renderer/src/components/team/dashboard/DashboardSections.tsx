import { useMemo } from 'react'
import { formatScore } from '@shared/qa/format'
import type { DashboardFigures, TeamDashboard } from '@shared/ipc/contract'
import { TEAM_DASHBOARD_DIMENSIONS, type TeamDashboardDimension } from '@shared/ipc/contract/values'
import { criterionSeries, driftSeries, onBuckets } from '@renderer/lib/team-dashboard'
import { useCalibrationStore } from '@renderer/stores/calibration-store'
import { useTeamDashboardStore } from '@renderer/stores/team-dashboard-store'
import { TrendChart } from './TrendChart'

const BUCKET_NOUN = { day: 'day', week: 'week', month: 'month' } as const
export const DIMENSION_NAMES: Record<TeamDashboardDimension, { one: string; many: string }> = {
  agent: { one: 'Agent', many: 'agents' },
  campaign: { one: 'Campaign', many: 'campaigns' },
  group: { one: 'Group', many: 'groups' },
  reviewer: { one: 'Reviewer', many: 'reviewers' }
}

/** A reviewer's login as the rest of the app names them ("Dana Reyes"), from what the team shares; the login if unknown. */
function useReviewerName(): (login: string) => string {
  const members = useCalibrationStore((s) => s.work?.members)
  return useMemo(() => {
    const names = new Map((members ?? []).map((m) => [m.login, m.displayName]))
    return (login: string) => names.get(login) ?? login
  }, [members])
}

function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)} %`
}

/** Rows of reviews, average score and critical failures under a first column naming the row. */
function FiguresTable({ caption, what, rows }: { caption: string; what: string; rows: (DashboardFigures & { name: string })[] }): React.JSX.Element {
  return (
    <table className="qa-summary__criteria team-dash__table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{what}</th>
          <th scope="col">Reviews</th>
          <th scope="col">Average score</th>
          <th scope="col">Critical failures</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name}>
            <th scope="row">{r.name || '(none)'}</th>
            <td>{r.reviews}</td>
            <td>{formatScore(r.averageScore)}</td>
            <td>{r.criticalFailures}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The whole team per bucket: average score, and critical failures, with the table of every figure. */
export function TeamOverTime({ dashboard }: { dashboard: TeamDashboard }): React.JSX.Element {
  const per = BUCKET_NOUN[dashboard.filters.bucket]
  return (
    <section className="team-section" aria-labelledby="team-dash-team">
      <h3 id="team-dash-team">Team over time</h3>
      <div className="qa-charts">
        <TrendChart
          title={`Team average score per ${per} (%)`}
          labels={dashboard.buckets}
          series={[{ name: 'Team', values: onBuckets(dashboard.buckets, dashboard.team, 'averageScore') }]}
          unit=" %"
          max={100}
        />
        <TrendChart
          title={`Critical failures per ${per}`}
          labels={dashboard.buckets}
          series={[{ name: 'Critical failures', values: onBuckets(dashboard.buckets, dashboard.team, 'criticalFailures') }]}
          unit=""
        />
      </div>
      <FiguresTable
        caption={`The team per ${per}`}
        what={`${per.charAt(0).toUpperCase()}${per.slice(1)} from`}
        rows={dashboard.team.map((p) => ({ ...p, name: p.bucket }))}
      />
    </section>
  )
}

/** Average score over time by agent, campaign, group or reviewer (the busiest charted), and every key's totals. */
export function ScoresOverTime({ dashboard }: { dashboard: TeamDashboard }): React.JSX.Element {
  const dimension = useTeamDashboardStore((s) => s.dimension)
  const { series, totals, more } = dashboard.dimensions[dimension]
  const names = DIMENSION_NAMES[dimension]
  const reviewerName = useReviewerName()
  const keyName = (key: string): string => (key ? (dimension === 'reviewer' ? reviewerName(key) : key) : '(none)')
  return (
    <section className="team-section" aria-labelledby="team-dash-scores">
      <div className="team-result__head">
        <h3 id="team-dash-scores">Scores over time</h3>
        <label className="field team-dash__by">
          <span className="field__label">By</span>
          <select
            className="field__input"
            value={dimension}
            onChange={(e) => useTeamDashboardStore.getState().setDimension(e.target.value as TeamDashboardDimension)}
          >
            {TEAM_DASHBOARD_DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {DIMENSION_NAMES[d].one}
              </option>
            ))}
          </select>
        </label>
      </div>
      <TrendChart
        title={`Average score by ${names.one.toLowerCase()} per ${BUCKET_NOUN[dashboard.filters.bucket]} (%), the ${series.length} busiest`}
        labels={dashboard.buckets}
        series={series.map((s) => ({ name: keyName(s.key), values: onBuckets(dashboard.buckets, s.points, 'averageScore') }))}
        unit=" %"
        max={100}
      />
      <FiguresTable caption={`All ${names.many} over the range`} what={names.one} rows={totals.map((t) => ({ ...t, name: keyName(t.key) }))} />
      {more > 0 && (
        <p className="qa-panel__empty">
          {more} quieter {names.many} are not listed; narrow the range to see them.
        </p>
      )}
    </section>
  )
}

/** Reviews per reviewer over time and in total. */
export function ReviewerVolume({ dashboard }: { dashboard: TeamDashboard }): React.JSX.Element {
  const { series, totals } = dashboard.dimensions.reviewer
  const reviewerName = useReviewerName()
  return (
    <section className="team-section" aria-labelledby="team-dash-volume">
      <h3 id="team-dash-volume">Reviewer volume</h3>
      <TrendChart
        title={`Reviews per reviewer per ${BUCKET_NOUN[dashboard.filters.bucket]}`}
        labels={dashboard.buckets}
        series={series.map((s) => ({ name: reviewerName(s.key), values: onBuckets(dashboard.buckets, s.points, 'reviews') }))}
        unit=" reviews"
      />
      <FiguresTable caption="Reviews per reviewer over the range" what="Reviewer" rows={totals.map((t) => ({ ...t, name: reviewerName(t.key) }))} />
    </section>
  )
}

/** Each criterion's pass rate over time, and every criterion's results over the range. */
export function CriteriaResults({ dashboard }: { dashboard: TeamDashboard }): React.JSX.Element {
  const lines = criterionSeries(dashboard, 8)
  return (
    <section className="team-section" aria-labelledby="team-dash-criteria">
      <h3 id="team-dash-criteria">Criteria</h3>
      {lines.length > 0 && (
        <TrendChart
          title={`Pass rate by criterion per ${BUCKET_NOUN[dashboard.filters.bucket]} (%)`}
          labels={dashboard.buckets}
          series={lines}
          unit=" %"
          max={100}
        />
      )}
      <table className="qa-summary__criteria team-dash__table">
        <caption>Criteria over the range</caption>
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col">Pass rate</th>
            <th scope="col">Average rating</th>
            <th scope="col">Answered</th>
            <th scope="col">N/A</th>
          </tr>
        </thead>
        <tbody>
          {dashboard.criteria.map((c) => (
            <tr key={c.criterion}>
              <th scope="row">{c.label}</th>
              <td>{percent(c.passRate)}</td>
              <td>{c.averageRating === null ? '—' : c.averageRating.toFixed(1)}</td>
              <td>{c.answered}</td>
              <td>{c.na}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

/** Each reviewer's distance from the lead's reference scores, calibration by calibration. */
export function CalibrationDrift({ dashboard }: { dashboard: TeamDashboard }): React.JSX.Element {
  const reviewerName = useReviewerName()
  const { labels, series } = driftSeries(dashboard.drift, reviewerName)
  return (
    <section className="team-section" aria-labelledby="team-dash-drift">
      <h3 id="team-dash-drift">Calibration drift</h3>
      {dashboard.drift.length === 0 ? (
        <p className="qa-panel__empty">No calibration with a deadline in this range has reference scores yet.</p>
      ) : (
        <>
          <TrendChart title="Mean distance from the lead’s reference score (points), by calibration" labels={labels} series={series} unit=" points" />
          <table className="qa-summary__criteria team-dash__table">
            <caption>Calibration drift per reviewer</caption>
            <thead>
              <tr>
                <th scope="col">Calibration</th>
                <th scope="col">Deadline</th>
                <th scope="col">Reviewer</th>
                <th scope="col">Mean deviation</th>
                <th scope="col">Calls</th>
              </tr>
            </thead>
            <tbody>
              {dashboard.drift.map((d) => (
                <tr key={`${d.calibrationId}-${d.reviewer}`}>
                  <th scope="row">{d.name}</th>
                  <td>{d.deadline.slice(0, 10)}</td>
                  <td>{reviewerName(d.reviewer)}</td>
                  <td>{d.meanDeviation.toFixed(1)} points</td>
                  <td>{d.calls}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}
