import { useEffect, useId, useRef, useState } from 'react'
import { format } from 'date-fns'
import type { TeamCalibration, TeamWork } from '@shared/ipc/contract'
import {
  calibrationState,
  defaultDeadline,
  latestTemplates,
  newCalibrationProblems,
  submittedLine,
  useCalibrationStore
} from '@renderer/stores/calibration-store'
import { useCallsStore } from '@renderer/stores/calls-store'
import { useQaStore } from '@renderer/stores/qa-store'
import { useTeamDashboardStore } from '@renderer/stores/team-dashboard-store'
import { useTeamStore } from '@renderer/stores/team-store'
import { formatListTime } from '@renderer/lib/format'
import { Modal } from '../shell/Modal'
import { AssignCalls, AssignmentsTable, PublishedScorecard } from './Assignments'
import { CalibrationResult } from './CalibrationResult'
import '@renderer/styles/team.css'
import { LengthLimitNote } from '../common/LengthLimit'

/** A lead publishes one of their scorecards, so the team can score (and calibrate) with it. */
function PublishTemplate(): React.JSX.Element {
  const templates = useQaStore((s) => s.templates).filter((t) => !t.archived)
  const busy = useCalibrationStore((s) => s.busy)
  const [chosen, setChosen] = useState('')
  const templateId = chosen || templates[0]?.id || ''
  return (
    <form
      className="team-form"
      aria-label="Publish a scorecard"
      onSubmit={(event) => {
        event.preventDefault()
        if (templateId) void useCalibrationStore.getState().publish(templateId)
      }}
    >
      <label className="field">
        <span className="field__label">Scorecard to publish</span>
        <select className="field__input" value={templateId} onChange={(e) => setChosen(e.target.value)}>
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} v{t.version}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button button--secondary button--small" disabled={busy || !templateId}>
        Publish to the team
      </button>
    </form>
  )
}

/**
 * A lead's new calibration over the calls selected in the list. Create stays disabled, with the
 * reasons under it, until the request is one main accepts; after a success the name and ticks are
 * cleared, so a second click cannot make the same calibration twice.
 */
function NewCalibration({ work }: { work: TeamWork }): React.JSX.Element {
  const hintId = useId()
  const selected = useCallsStore((s) => s.selection.ids)
  const busy = useCalibrationStore((s) => s.busy)
  const templates = latestTemplates(work.templates)
  const candidates = work.members.filter((m) => m.login !== work.me?.login)
  const [name, setName] = useState(() => `Calibration ${format(new Date(), 'yyyy-MM-dd')}`)
  const [templateId, setTemplateId] = useState('')
  const [reviewers, setReviewers] = useState<ReadonlySet<string>>(new Set())
  const [deadline, setDeadline] = useState(() => defaultDeadline(new Date()))
  const chosenTemplate = templateId || templates[0]?.templateId || ''
  const callIds = [...selected].sort((a, b) => a - b)
  const chosenReviewers = candidates.filter((m) => reviewers.has(m.login)).map((m) => m.login)
  const problems = newCalibrationProblems(
    { callCount: callIds.length, name, templateId: chosenTemplate, reviewers: chosenReviewers.length, deadline },
    new Date()
  )
  return (
    <form
      className="team-form team-form--stack"
      aria-label="New calibration"
      onSubmit={(event) => {
        event.preventDefault()
        if (problems.length > 0) return
        void useCalibrationStore
          .getState()
          .create({ name, templateId: chosenTemplate, callIds, reviewers: chosenReviewers, deadline: new Date(deadline).toISOString() })
          .then((created) => {
            if (!created) return
            setName('')
            setReviewers(new Set())
          })
      }}
    >
      <p aria-live="polite">
        {callIds.length > 0 && `${callIds.length === 1 ? '1 selected call' : `${callIds.length} selected calls`}: ${callIds.join(', ')}`}
      </p>
      <label className="field">
        <span className="field__label">Calibration name</span>
        <input className="field__input" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
        <LengthLimitNote value={name} max={120} />
      </label>
      <PublishedScorecard templates={templates} value={chosenTemplate} onChange={setTemplateId} />
      <fieldset className="team-form__reviewers">
        <legend>Reviewers</legend>
        {candidates.map((m) => (
          <label key={m.login}>
            <input
              type="checkbox"
              checked={reviewers.has(m.login)}
              onChange={() => {
                const next = new Set(reviewers)
                if (next.has(m.login)) next.delete(m.login)
                else next.add(m.login)
                setReviewers(next)
              }}
            />{' '}
            {m.displayName} ({m.role})
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span className="field__label">Deadline</span>
        <input className="field__input" type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
      </label>
      <button
        type="submit"
        className="button button--primary button--small"
        disabled={busy || problems.length > 0}
        aria-describedby={problems.length > 0 ? hintId : undefined}
      >
        Create calibration
      </button>
      <p id={hintId} className="field__hint" aria-live="polite">
        {problems.join(' ')}
      </p>
    </form>
  )
}

function CalibrationRow({ calibration, lead }: { calibration: TeamCalibration; lead: boolean }): React.JSX.Element {
  const busy = useCalibrationStore((s) => s.busy)
  const store = useCalibrationStore.getState()
  const mine = calibration.mine
  const canSubmit = mine !== null && mine.submittedAt === null && !calibration.revealed
  return (
    <tr aria-label={calibration.name}>
      <th scope="row">{calibration.name}</th>
      <td>
        {calibration.templateName} v{calibration.templateVersion}
      </td>
      <td>{calibration.callIds.length}</td>
      <td className="qa-sessions__when">{formatListTime(calibration.deadline)}</td>
      <td aria-label="Submitted">{submittedLine(calibration)}</td>
      <td aria-label="State">{calibrationState(calibration, new Date())}</td>
      <td aria-label="Yours">
        {mine === null ? '—' : mine.submittedAt !== null ? 'Submitted' : `${mine.reviewed} of ${calibration.callIds.length} reviewed`}
      </td>
      <td className="qa-sessions__actions">
        {!calibration.revealed && (mine !== null || lead) && (
          <button
            type="button"
            className="button button--primary button--small"
            disabled={busy}
            title={lead && mine === null ? 'Score the reference answers the reviewers are compared with' : undefined}
            onClick={() => void store.openSession(calibration.id)}
          >
            {lead && mine === null ? 'Score reference' : 'Open'}
          </button>
        )}
        {canSubmit && (
          <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void store.submit(calibration.id)}>
            Submit
          </button>
        )}
        {lead && !calibration.revealed && (
          <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void store.reveal(calibration.id)}>
            Reveal now
          </button>
        )}
        {(calibration.revealed || lead) && (
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={busy}
            onClick={() => void store.showResult(calibration.id)}
          >
            Result
          </button>
        )}
      </td>
    </tr>
  )
}

/**
 * The Team sheet, from the QA bar: a lead publishes scorecards, creates calibrations from the
 * selected calls and follows them (n of m submitted, Reveal now, the result), and assigns calls
 * and follows everyone's progress; a reviewer opens a calibration (its own QA session, scored
 * blind in the normal scorecard) and submits it, and reviews the calls assigned to them.
 */
export function CalibrationsDialog(): React.JSX.Element {
  const { work, calibrations, result, error, done } = useCalibrationStore()
  const lastSynced = useTeamStore((s) => s.status?.lastSyncedAt ?? null)
  const store = useCalibrationStore.getState()
  // What the team shares arrives with each pull: follow it while the sheet is open.
  useEffect(() => {
    void useCalibrationStore.getState().load()
  }, [lastSynced])
  const lead = work?.me?.role === 'lead'
  // The sheet scrolls: what an action did (Assign, Create, Submit sit far below these lines) and a
  // result just opened are brought into view, or nothing seems to happen.
  const feedback = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (error || done) feedback.current?.scrollIntoView({ block: 'nearest' })
  }, [error, done])
  useEffect(() => {
    if (result) feedback.current?.scrollIntoView({ block: 'start' })
  }, [result])
  return (
    <Modal
      title="Team"
      variant="sheet"
      onClose={() => store.setOpen(false)}
      description={
        work?.me
          ? `${work.me.displayName}, ${work.me.role}. Calibrations are scored blind: nobody sees another reviewer’s answers until everyone submits, the deadline passes or the lead reveals them.`
          : 'Connect this profile to a team in Settings → Team.'
      }
    >
      <div ref={feedback} className="team-sheet__feedback">
        {error && (
          <p className="notice notice--danger" role="alert">
            {error.message}
          </p>
        )}
        {done && (
          <p className="notice" role="status">
            {done}
          </p>
        )}
      </div>
      {result ? (
        <CalibrationResult result={result} onClose={() => store.closeResult()} />
      ) : (
        <>
          {lead && work && (
            <section className="team-section" aria-label="Lead tools">
              <div className="team-result__head">
                <h3>Team results</h3>
                <button
                  type="button"
                  className="button button--primary button--small"
                  onClick={() => {
                    // One sheet at a time: the dashboard takes the Team sheet's place.
                    store.setOpen(false)
                    useTeamDashboardStore.getState().setOpen(true)
                  }}
                >
                  Team dashboard
                </button>
              </div>
              <h3>Publish a scorecard</h3>
              <PublishTemplate />
              <h3>New calibration</h3>
              <NewCalibration work={work} />
              <h3>Assign calls</h3>
              <AssignCalls work={work} />
            </section>
          )}
          {work?.me && <AssignmentsTable work={work} />}
          <section className="team-section" aria-label="Calibrations">
            <div className="team-result__head">
              <h3>Calibrations</h3>
              <button type="button" className="button button--secondary button--small" onClick={() => void store.load()}>
                Refresh
              </button>
            </div>
            {calibrations.length === 0 ? (
              <p className="qa-panel__empty">{lead ? 'No calibrations yet.' : 'No calibrations for you yet.'}</p>
            ) : (
              <table className="qa-summary__criteria qa-sessions" aria-label="Calibrations">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Scorecard</th>
                    <th scope="col">Calls</th>
                    <th scope="col">Deadline</th>
                    <th scope="col">Submitted</th>
                    <th scope="col">State</th>
                    <th scope="col">Yours</th>
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {calibrations.map((c) => (
                    <CalibrationRow key={c.id} calibration={c} lead={lead} />
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </Modal>
  )
}
