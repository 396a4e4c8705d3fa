import { useState } from 'react'
import type { TeamAssignmentGroup, TeamPublishedTemplate, TeamWork } from '@shared/ipc/contract'
import { assignmentProgress, dueAtOf, dueDateText, latestTemplates, useCalibrationStore } from '@renderer/stores/calibration-store'
import { useCallsStore } from '@renderer/stores/calls-store'
import { useQaStore } from '@renderer/stores/qa-store'

/** The scorecard a lead's form uses: the latest published version of each (a calibration's or an assignment's). */
export function PublishedScorecard({
  templates,
  value,
  onChange
}: {
  templates: readonly TeamPublishedTemplate[]
  value: string
  onChange: (templateId: string) => void
}): React.JSX.Element {
  return (
    <label className="field">
      <span className="field__label">Scorecard (latest published version)</span>
      <select className="field__input" value={value} onChange={(e) => onChange(e.target.value)}>
        {templates.length === 0 && <option value="">Publish a scorecard first</option>}
        {templates.map((t) => (
          <option key={t.templateId} value={t.templateId}>
            {t.name} v{t.version}
          </option>
        ))}
      </select>
    </label>
  )
}

function dueText(iso: string | null): string {
  return iso === null ? 'No due date' : dueDateText(iso)
}

/**
 * A lead assigns calls to a member: the calls selected in the list or a QA session's, scored with
 * a published scorecard, with an optional due date (the end of that day).
 */
export function AssignCalls({ work }: { work: TeamWork }): React.JSX.Element {
  const selected = useCallsStore((s) => s.selection.ids)
  const sessions = useQaStore((s) => s.sessions).filter((s) => !s.archived)
  const busy = useCalibrationStore((s) => s.busy)
  const templates = latestTemplates(work.templates)
  const [reviewer, setReviewer] = useState('')
  const [templateId, setTemplateId] = useState('')
  const [source, setSource] = useState<'selection' | 'session'>('selection')
  const [sessionId, setSessionId] = useState('')
  const [due, setDue] = useState('')
  const chosenReviewer = reviewer || work.members.find((m) => m.role === 'reviewer')?.login || work.members[0]?.login || ''
  const chosenTemplate = templateId || templates[0]?.templateId || ''
  const chosenSession = sessionId || sessions[0]?.id || ''
  const callIds = [...selected].sort((a, b) => a - b)
  const ready = chosenReviewer !== '' && chosenTemplate !== '' && (source === 'selection' ? callIds.length > 0 : chosenSession !== '')
  return (
    <form
      className="team-form team-form--stack"
      aria-label="Assign calls"
      onSubmit={(event) => {
        event.preventDefault()
        const name = work.members.find((m) => m.login === chosenReviewer)?.displayName ?? chosenReviewer
        const dueAt = dueAtOf(due)
        void useCalibrationStore.getState().assign(
          {
            reviewer: chosenReviewer,
            templateId: chosenTemplate,
            ...(source === 'selection' ? { callIds } : { sessionId: chosenSession }),
            ...(dueAt ? { dueAt } : {})
          },
          name
        )
      }}
    >
      <label className="field">
        <span className="field__label">Assign to</span>
        <select className="field__input" value={chosenReviewer} onChange={(e) => setReviewer(e.target.value)}>
          {work.members.map((m) => (
            <option key={m.login} value={m.login}>
              {m.displayName} ({m.role})
            </option>
          ))}
        </select>
      </label>
      <PublishedScorecard templates={templates} value={chosenTemplate} onChange={setTemplateId} />
      <fieldset className="team-form__reviewers">
        <legend>Calls</legend>
        <label>
          <input type="radio" name="assign-source" checked={source === 'selection'} onChange={() => setSource('selection')} />{' '}
          {callIds.length === 0
            ? 'The calls selected in the list (none yet: Ctrl/Cmd-click to pick several)'
            : `The ${callIds.length === 1 ? 'call' : `${callIds.length} calls`} selected in the list`}
        </label>
        <label>
          <input
            type="radio"
            name="assign-source"
            checked={source === 'session'}
            disabled={sessions.length === 0}
            onChange={() => setSource('session')}
          />{' '}
          A QA session’s calls
        </label>
        {source === 'session' && (
          <label className="field">
            <span className="field__label">QA session</span>
            <select className="field__input" value={chosenSession} onChange={(e) => setSessionId(e.target.value)}>
              {sessions.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.total} calls)
                </option>
              ))}
            </select>
          </label>
        )}
      </fieldset>
      <label className="field">
        <span className="field__label">Due date (optional)</span>
        <input className="field__input" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
      </label>
      <button type="submit" className="button button--primary button--small" disabled={busy || !ready}>
        Assign
      </button>
    </form>
  )
}

function AssignmentRow({ group, lead, mine }: { group: TeamAssignmentGroup; lead: boolean; mine: boolean }): React.JSX.Element {
  const busy = useCalibrationStore((s) => s.busy)
  const done = group.reviewed >= group.callIds.length
  return (
    <tr aria-label={`${group.reviewerName}: ${group.templateName}, ${dueText(group.dueAt)}`}>
      {lead && <th scope="row">{group.reviewerName}</th>}
      <td>
        {group.templateName} v{group.templateVersion}
      </td>
      <td>{group.callIds.length}</td>
      <td aria-label="Due">{dueText(group.dueAt)}</td>
      <td aria-label="Progress">
        <progress max={group.callIds.length} value={group.reviewed} aria-hidden="true" /> {assignmentProgress(group)}
      </td>
      <td className="qa-sessions__actions">
        {mine && (
          <button
            type="button"
            className="button button--primary button--small"
            disabled={busy}
            onClick={() => void useCalibrationStore.getState().startAssignment(group)}
          >
            {done ? 'Open' : 'Review'}
          </button>
        )}
      </td>
    </tr>
  )
}

/**
 * The calls assigned to this member (a reviewer), or to everyone (a lead), with how many are
 * reviewed, from the last pull. "Review" opens a local QA session over the assignment's calls.
 */
export function AssignmentsTable({ work }: { work: TeamWork }): React.JSX.Element {
  const lead = work.me?.role === 'lead'
  const me = work.me?.login ?? null
  const title = lead ? 'Assignments' : 'Assigned to you'
  return (
    <section className="team-section" aria-label={title}>
      <h3>{title}</h3>
      {work.assignments.length === 0 ? (
        <p className="qa-panel__empty">{lead ? 'No calls assigned yet.' : 'Nothing assigned to you yet.'}</p>
      ) : (
        <table className="qa-summary__criteria qa-sessions" aria-label={title}>
          <thead>
            <tr>
              {lead && <th scope="col">Reviewer</th>}
              <th scope="col">Scorecard</th>
              <th scope="col">Calls</th>
              <th scope="col">Due</th>
              <th scope="col">Progress</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {work.assignments.map((group) => (
              <AssignmentRow
                key={`${group.reviewer}\u0000${group.templateId}\u0000${group.templateVersion}\u0000${group.dueAt ?? ''}`}
                group={group}
                lead={lead}
                mine={group.reviewer === me}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
