import { lazy, Suspense, useEffect, useRef, useState } from 'react'
import { formatCount } from '@renderer/lib/format'
import { useCallsStore } from '@renderer/stores/calls-store'
import { useFiltersStore } from '@renderer/stores/filters-store'
import { useQaExportStore } from '@renderer/stores/qa-export-store'
import { useQaSessionsStore } from '@renderer/stores/qa-sessions-store'
import { useQaStore } from '@renderer/stores/qa-store'
import { useCalibrationStore } from '@renderer/stores/calibration-store'
import { useTeamDashboardStore } from '@renderer/stores/team-dashboard-store'
import { useTeamStore } from '@renderer/stores/team-store'
import { Kbd } from '../common/Kbd'
import { LoadingDialog } from '../common/LoadingDialog'
import { canStartSession, sessionToResume } from './qa-shortcuts'
import { useQaShortcuts } from './use-qa-shortcuts'
import '@renderer/styles/qa.css'
import { afterFirstList } from '@renderer/lib/first-list'

// The QA dialogs load on demand: none is on the first screen (docs/decisions/renderer-bundle-split.md).
const StartSessionDialog = lazy(() => import('./StartSessionDialog').then((m) => ({ default: m.StartSessionDialog })))
const TemplatesDialog = lazy(() => import('./templates/TemplatesDialog').then((m) => ({ default: m.TemplatesDialog })))
const SessionsDialog = lazy(() => import('./SessionsDialog').then((m) => ({ default: m.SessionsDialog })))
const ExportReviewsDialog = lazy(() => import('./ExportReviewsDialog').then((m) => ({ default: m.ExportReviewsDialog })))
const CalibrationsDialog = lazy(() => import('../team/CalibrationsDialog').then((m) => ({ default: m.CalibrationsDialog })))
const TeamDashboardDialog = lazy(() => import('../team/TeamDashboardDialog').then((m) => ({ default: m.TeamDashboardDialog })))

/**
 * The QA bar under the filters: start a listening session from the selected calls or the
 * current filter (Q), resume one where it was left, export any set of reviews (E), or edit the
 * scorecard templates. Hidden while a session is open (the session panel takes over).
 */
export function QaLauncher({ shortcutsEnabled }: { shortcutsEnabled: boolean }): React.JSX.Element | null {
  const active = useQaStore((s) => s.session !== null)
  const sessions = useQaStore((s) => s.sessions)
  const startOpen = useQaStore((s) => s.startOpen)
  const exportDialog = useQaExportStore((s) => s.dialog)
  const applied = useFiltersStore((s) => s.applied)
  const selectedCount = useCallsStore((s) => s.selection.ids.size)
  const [resumeId, setResumeId] = useState('')
  const [templatesOpen, setTemplatesOpen] = useState(false)
  const sessionsOpen = useQaSessionsStore((s) => s.open)
  const teamOpen = useCalibrationStore((s) => s.open)
  const dashboardOpen = useTeamDashboardStore((s) => s.open)
  // The Team sheet is offered once the profile is connected to a team (Settings → Team).
  const hasTeam = useTeamStore((s) => s.status !== null && s.status.state !== 'off')
  const canStart = canStartSession(applied, selectedCount)
  useQaShortcuts(shortcutsEnabled)
  // The selection or filter went away while the dialog was asked for: drop the request, so the QA keys work on.
  useEffect(() => {
    if (startOpen && !canStart) useQaStore.getState().setStartOpen(false)
  }, [startOpen, canStart])

  useEffect(() => {
    const cancel = afterFirstList(() => void useQaStore.getState().load())
    return () => {
      cancel()
      if (useQaStore.getState().session) useQaStore.getState().leave()
      useQaExportStore.getState().closeDialog()
    }
  }, [])

  // Left a session: its panel (and the focus in it) is gone; the focus comes back to Start.
  const startRef = useRef<HTMLButtonElement>(null)
  const wasActive = useRef(active)
  useEffect(() => {
    if (wasActive.current && !active && (document.activeElement === null || document.activeElement === document.body)) startRef.current?.focus()
    wasActive.current = active
  }, [active])

  if (active) return null
  // The launcher lists the sessions not archived; a choice archived since falls back to the first of those.
  const resumable = sessions.filter((s) => !s.archived)
  const chosen = (resumable.some((s) => s.id === resumeId) ? resumeId : sessionToResume(resumable)?.id) ?? ''
  return (
    <section className="qa-launcher" aria-label="QA sessions">
      <button
        ref={startRef}
        type="button"
        className="button button--primary button--small"
        disabled={!canStart}
        onClick={() => useQaStore.getState().setStartOpen(true)}
      >
        Start QA session
      </button>
      <span className="qa-launcher__hint">
        <Kbd keys={['Q']} />{' '}
        {selectedCount > 1 ? `from the ${formatCount(selectedCount)} selected calls` : applied ? 'from the current filter' : 'from the selected call'}
      </span>
      <button type="button" className="button button--secondary button--small" onClick={() => setTemplatesOpen(true)}>
        Scorecard templates
      </button>
      {sessions.length > 0 && (
        <button type="button" className="button button--secondary button--small" onClick={() => useQaSessionsStore.getState().setOpen(true)}>
          Sessions
        </button>
      )}
      {hasTeam && (
        <button type="button" className="button button--secondary button--small" onClick={() => useCalibrationStore.getState().setOpen(true)}>
          Team
        </button>
      )}
      {sessions.length > 0 && (
        <button
          type="button"
          className="button button--secondary button--small"
          aria-keyshortcuts="E"
          title="Export reviews of chosen sessions or selected calls (E)"
          onClick={() => useQaExportStore.getState().openDialog({ selectedCallsOnly: false })}
        >
          Export reviews
        </button>
      )}
      {resumable.length > 0 && (
        <form
          className="qa-launcher__resume"
          onSubmit={(event) => {
            event.preventDefault()
            if (chosen) void useQaStore.getState().resume(chosen)
          }}
        >
          <label htmlFor="qa-resume-select">Resume</label>
          <select id="qa-resume-select" value={chosen} onChange={(event) => setResumeId(event.target.value)}>
            {resumable.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.reviewedCount} / {s.total})
              </option>
            ))}
          </select>
          <button type="submit" className="button button--secondary button--small" aria-keyshortcuts="Shift+Q">
            Resume session
          </button>
        </form>
      )}
      <Suspense fallback={<LoadingDialog what="QA" />}>
        {startOpen && canStart && <StartSessionDialog applied={applied} onClose={() => useQaStore.getState().setStartOpen(false)} />}
        {templatesOpen && <TemplatesDialog onClose={() => setTemplatesOpen(false)} />}
        {sessionsOpen && <SessionsDialog />}
        {teamOpen && <CalibrationsDialog />}
        {dashboardOpen && <TeamDashboardDialog />}
        {exportDialog && sessions.length > 0 && (
          <ExportReviewsDialog request={exportDialog} sessions={sessions} onClose={() => useQaExportStore.getState().closeDialog()} />
        )}
      </Suspense>
    </section>
  )
}
