import { useEffect } from 'react'
import { TEAM_DASHBOARD_BUCKETS, type TeamDashboardBucket } from '@shared/ipc/contract/values'
import { useCalibrationStore } from '@renderer/stores/calibration-store'
import { useQaStore } from '@renderer/stores/qa-store'
import { useTeamDashboardStore, type DashboardExportFormat } from '@renderer/stores/team-dashboard-store'
import { Modal } from '../shell/Modal'
import { CalibrationDrift, CriteriaResults, ReviewerVolume, ScoresOverTime, TeamOverTime } from './dashboard/DashboardSections'
import '@renderer/styles/qa.css'
import '@renderer/styles/team.css'

const BUCKET_LABELS: Record<TeamDashboardBucket, string> = { day: 'Day', week: 'Week', month: 'Month' }
const EXPORTS: { format: DashboardExportFormat; label: string }[] = [
  { format: 'csv', label: 'Export CSV' },
  { format: 'html', label: 'Printable report (HTML)' },
  { format: 'pdf', label: 'Report PDF' }
]

/** The date range and bucket; Show asks main again (the figures are read live from the team database). */
function DashboardFilters(): React.JSX.Element {
  const filters = useTeamDashboardStore((s) => s.filters)
  const busy = useTeamDashboardStore((s) => s.busy)
  const store = useTeamDashboardStore.getState()
  return (
    <form
      className="team-form team-dash__filters"
      aria-label="Dashboard filters"
      onSubmit={(event) => {
        event.preventDefault()
        void store.load()
      }}
    >
      <label className="field">
        <span className="field__label">From</span>
        <input className="field__input" type="date" required value={filters.from} onChange={(e) => store.setFilters({ from: e.target.value })} />
      </label>
      <label className="field">
        <span className="field__label">To (included)</span>
        <input className="field__input" type="date" required value={filters.to} onChange={(e) => store.setFilters({ to: e.target.value })} />
      </label>
      <label className="field">
        <span className="field__label">Bucket</span>
        <select className="field__input" value={filters.bucket} onChange={(e) => store.setFilters({ bucket: e.target.value as TeamDashboardBucket })}>
          {TEAM_DASHBOARD_BUCKETS.map((b) => (
            <option key={b} value={b}>
              {BUCKET_LABELS[b]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button button--primary button--small" disabled={busy}>
        Show
      </button>
    </form>
  )
}

/** Where an export was written, with Show in folder and Open (main accepts only files written in this run). */
function Written({ path, format }: { path: string; format: DashboardExportFormat }): React.JSX.Element {
  return (
    <p className="qa-export-written" role="status" aria-label="Export result">
      Wrote the dashboard as {format.toUpperCase()} to <code>{path}</code>{' '}
      <button type="button" className="link-button" onClick={() => void useQaStore.getState().revealExport(path, 'folder')}>
        Show in folder
      </button>{' '}
      <button type="button" className="link-button" onClick={() => void useQaStore.getState().revealExport(path, 'open')}>
        Open
      </button>
    </p>
  )
}

/**
 * The lead's team dashboard, from the Team sheet: scores over time by agent, campaign, group,
 * reviewer and criterion, critical failures, reviewer volume and calibration drift, for a date
 * range in days, weeks or months; exported like the session summary (CSV, printable report).
 * Every chart has its figures in a table beside it.
 */
export function TeamDashboardDialog(): React.JSX.Element {
  const dashboard = useTeamDashboardStore((s) => s.dashboard)
  const busy = useTeamDashboardStore((s) => s.busy)
  const error = useTeamDashboardStore((s) => s.error)
  const written = useTeamDashboardStore((s) => s.written)
  const store = useTeamDashboardStore.getState()
  const empty = dashboard !== null && dashboard.team.length === 0 && dashboard.drift.length === 0
  // Reviewers are named as everywhere else ("Dana Reyes"), from what the team shares: read it if
  // the Team sheet has not yet.
  useEffect(() => {
    if (!useCalibrationStore.getState().work) void useCalibrationStore.getState().load()
  }, [])
  return (
    <Modal
      title="Team dashboard"
      variant="sheet"
      onClose={() => store.setOpen(false)}
      description="Read live from the team database. Days are UTC days of each review's finish; calibration reviews count only in the drift."
    >
      <div className="team-dashboard">
        <DashboardFilters />
        <div className="qa-summary__export" role="group" aria-label="Export the dashboard">
          {EXPORTS.map(({ format, label }) => (
            <button
              key={format}
              type="button"
              className="button button--secondary button--small"
              disabled={busy}
              onClick={() => void store.exportAs(format)}
            >
              {label}
            </button>
          ))}
        </div>
        {written && <Written path={written.path} format={written.format} />}
        {error && (
          <p className="notice notice--danger" role="alert">
            {error.message}
          </p>
        )}
        <p className="sr-only" role="status" aria-live="polite">
          {busy
            ? 'Loading the dashboard…'
            : dashboard
              ? `Showing ${dashboard.filters.from} to ${dashboard.filters.to} by ${dashboard.filters.bucket}.`
              : ''}
        </p>
        {empty && <p className="qa-panel__empty">No finished reviews and no calibrations in this range; choose another range.</p>}
        {dashboard && !empty && (
          <>
            <TeamOverTime dashboard={dashboard} />
            <ScoresOverTime dashboard={dashboard} />
            <ReviewerVolume dashboard={dashboard} />
            <CriteriaResults dashboard={dashboard} />
            <CalibrationDrift dashboard={dashboard} />
          </>
        )}
      </div>
    </Modal>
  )
}
