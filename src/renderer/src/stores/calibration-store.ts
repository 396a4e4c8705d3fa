/**
 * Team calibrations as the Team sheet shows them (issue #19, "Blind calibration"): the calibrations
 * this member is in (a lead: all), what the team shares (members, published scorecards), and the
 * reveal of one calibration. A lead publishes a scorecard, creates a calibration from the selected
 * calls and may reveal it early; a reviewer opens one (a local QA session main makes, scored in
 * the normal scorecard) and submits it. Everything goes through main's team:* channels.
 */
import { format } from 'date-fns'
import { create } from 'zustand'
import type { AppErrorInfo } from '@shared/errors'
import type {
  TeamAssignmentGroup,
  TeamAssignRequest,
  TeamCalibration,
  TeamCalibrationResult,
  TeamCreateCalibrationRequest,
  TeamPublishedTemplate,
  TeamWork
} from '@shared/ipc/contract'
import { MAX_CALIBRATION_CALLS, MAX_CALIBRATION_REVIEWERS, MAX_SESSION_CALLS } from '@shared/ipc/contract/values'
import { call, errorInfo } from '../lib/api'
import { useQaStore } from './qa-store'
export { answerText } from '@shared/qa/format'

interface CalibrationState {
  open: boolean
  work: TeamWork | null
  calibrations: TeamCalibration[]
  /** The reveal on screen, while one is. */
  result: TeamCalibrationResult | null
  busy: boolean
  error: AppErrorInfo | null
  /** A line saying what the last action did ("Created “Week 48” for 2 reviewers."). */
  done: string | null
  setOpen: (open: boolean) => void
  load: () => Promise<void>
  publish: (templateId: string) => Promise<boolean>
  create: (request: TeamCreateCalibrationRequest) => Promise<boolean>
  /** Opens the calibration's local QA session (made the first time) in the session panel. */
  openSession: (calibrationId: string) => Promise<boolean>
  submit: (calibrationId: string) => Promise<boolean>
  reveal: (calibrationId: string) => Promise<boolean>
  showResult: (calibrationId: string) => Promise<boolean>
  closeResult: () => void
  /** A lead assigns calls (a QA session's or a selection) to a reviewer, with a due date. */
  assign: (request: TeamAssignRequest, reviewerName: string) => Promise<boolean>
  /** Opens the local QA session over an assignment's calls (made the first time) in the session panel. */
  startAssignment: (group: TeamAssignmentGroup) => Promise<boolean>
}

function replace(list: TeamCalibration[], one: TeamCalibration): TeamCalibration[] {
  return list.some((c) => c.id === one.id) ? list.map((c) => (c.id === one.id ? one : c)) : [one, ...list]
}

export const useCalibrationStore = create<CalibrationState>((set, get) => {
  /** Runs one action with busy/error bookkeeping; false when it failed (the error is shown). */
  const run = async (action: () => Promise<string | null>): Promise<boolean> => {
    if (get().busy) return false
    set({ busy: true, error: null, done: null })
    try {
      const done = await action()
      set({ busy: false, done })
      return true
    } catch (error) {
      set({ busy: false, error: errorInfo(error) })
      return false
    }
  }
  return {
    open: false,
    work: null,
    calibrations: [],
    result: null,
    busy: false,
    error: null,
    done: null,
    setOpen: (open) => {
      set({ open, error: null, done: null, result: null })
      if (open) void get().load()
    },
    load: async () => {
      try {
        const [work, { calibrations }] = await Promise.all([call('team:work', {}), call('team:calibrations', {})])
        set({ work, calibrations })
      } catch (error) {
        set({ error: errorInfo(error) })
      }
    },
    publish: (templateId) =>
      run(async () => {
        const published = await call('team:publishTemplate', { templateId })
        await get().load()
        return `Published “${published.name}” version ${published.version} to the team.`
      }),
    create: (request) =>
      run(async () => {
        const created = await call('team:createCalibration', request)
        set({ calibrations: replace(get().calibrations, created) })
        return `Created “${created.name}” for ${created.members.length} reviewers.`
      }),
    openSession: (calibrationId) =>
      run(async () => {
        const { sessionId } = await call('team:openCalibration', { calibrationId })
        set({ open: false })
        await useQaStore.getState().load()
        await useQaStore.getState().resume(sessionId)
        return null
      }),
    submit: (calibrationId) =>
      run(async () => {
        const submitted = await call('team:submitCalibration', { calibrationId })
        set({ calibrations: replace(get().calibrations, submitted) })
        return submitted.revealed ? `Submitted “${submitted.name}”: everyone has, so it is revealed.` : `Submitted “${submitted.name}”.`
      }),
    reveal: (calibrationId) =>
      run(async () => {
        const revealed = await call('team:revealCalibration', { calibrationId })
        set({ calibrations: replace(get().calibrations, revealed) })
        return `Revealed “${revealed.name}”.`
      }),
    showResult: (calibrationId) =>
      run(async () => {
        const result = await call('team:calibrationResult', { calibrationId })
        set({ result, calibrations: replace(get().calibrations, result.calibration) })
        return null
      }),
    closeResult: () => set({ result: null }),
    assign: (request, reviewerName) =>
      run(async () => {
        const { assigned } = await call('team:assign', request)
        await get().load()
        return `Assigned ${assigned === 1 ? '1 call' : `${assigned} calls`} to ${reviewerName}.`
      }),
    startAssignment: (group) =>
      run(async () => {
        const qa = useQaStore.getState()
        const name = assignmentSessionName(group)
        // Sessions made before the due date was read in local time were named by its UTC date.
        const names = new Set([name, legacyAssignmentSessionName(group)])
        const existing = qa.sessions.find((s) => names.has(s.name) && s.templateId === group.templateId)
        if (!existing) {
          set({ open: false })
          await qa.startFromCalls(group.callIds.slice(0, MAX_SESSION_CALLS), { name, templateId: group.templateId })
          return null
        }
        // The lead may have assigned more of the same work since: those calls join the queue's end.
        await call('qa:addCalls', { sessionId: existing.id, callIds: group.callIds.slice(0, MAX_SESSION_CALLS) })
        set({ open: false })
        await qa.resume(existing.id)
        return null
      })
  }
})

/**
 * The local QA session an assignment is scored in: "Assigned: Core QA, due 2026-12-08", the due
 * date as the Team sheet shows it (this computer's day; dueAt is the end of that day, in UTC).
 */
export function assignmentSessionName(group: Pick<TeamAssignmentGroup, 'templateName' | 'dueAt'>): string {
  const due = group.dueAt ? `, due ${dueDateText(group.dueAt)}` : ''
  return `Assigned: ${group.templateName.slice(0, 80)}${due}`
}

/** The name sessions had when the due date was its UTC day (one day late west of UTC). */
function legacyAssignmentSessionName(group: Pick<TeamAssignmentGroup, 'templateName' | 'dueAt'>): string {
  const due = group.dueAt ? `, due ${group.dueAt.slice(0, 10)}` : ''
  return `Assigned: ${group.templateName.slice(0, 80)}${due}`
}

/** A due date (ISO) as this computer's day, yyyy-mm-dd; the text itself if it is not a date. */
export function dueDateText(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : format(date, 'yyyy-MM-dd')
}

/** "1 of 3 reviewed". */
export function assignmentProgress(group: Pick<TeamAssignmentGroup, 'reviewed' | 'callIds'>): string {
  return `${group.reviewed} of ${group.callIds.length} reviewed`
}

/** A date input's value (yyyy-mm-dd, local) as the end of that day, ISO; undefined when empty or not a date. */
export function dueAtOf(date: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined
  const end = new Date(`${date}T23:59:59`)
  return Number.isNaN(end.getTime()) ? undefined : end.toISOString()
}

/** "1 of 2 submitted". */
export function submittedLine(calibration: TeamCalibration): string {
  const submitted = calibration.members.filter((m) => m.submittedAt !== null).length
  return `${submitted} of ${calibration.members.length} submitted`
}

/** The status column: "Revealed", "Deadline passed" (revealed by main on the next pull), or "Blind". */
export function calibrationState(calibration: TeamCalibration, now: Date): string {
  if (calibration.revealed) return 'Revealed'
  return new Date(calibration.deadline).getTime() <= now.getTime() ? 'Deadline passed' : 'Blind'
}

/** A 0..1 share as "67 %"; "—" when unknown. */
export function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)} %`
}

/** Krippendorff's alpha to two decimals ("0.42", "−0.10"); "—" when undefined. */
export function alphaText(alpha: number | null): string {
  if (alpha === null) return '—'
  const text = alpha.toFixed(2)
  return text.startsWith('-') ? `−${text.slice(1)}` : text
}

/** The default deadline: this time tomorrow, as a datetime-local value. */
export function defaultDeadline(now: Date): string {
  const d = new Date(now.getTime() + 86_400_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/**
 * What still keeps the New calibration form from being sent, in the order the lead fills it; empty
 * when it can be. The same rules as main's request schema (and its deadline check), so Create is
 * enabled only for a request main accepts, and the form says why it is not.
 */
export function newCalibrationProblems(
  form: { callCount: number; name: string; templateId: string; reviewers: number; deadline: string },
  now: Date
): string[] {
  const problems: string[] = []
  if (form.callCount === 0) problems.push('Select the calls to calibrate on in the list first (Ctrl/Cmd-click to pick several).')
  if (form.callCount > MAX_CALIBRATION_CALLS)
    problems.push(`A calibration takes at most ${MAX_CALIBRATION_CALLS} calls; ${form.callCount} are selected.`)
  if (!form.name.trim()) problems.push('Name the calibration.')
  if (!form.templateId) problems.push('Publish a scorecard to the team first.')
  if (form.reviewers < 2) problems.push(`Tick at least two reviewers: agreement needs two (${form.reviewers} ticked).`)
  if (form.reviewers > MAX_CALIBRATION_REVIEWERS) problems.push(`Tick at most ${MAX_CALIBRATION_REVIEWERS} reviewers.`)
  const due = new Date(form.deadline).getTime()
  if (Number.isNaN(due)) problems.push('Choose a deadline.')
  else if (due <= now.getTime()) problems.push('Choose a deadline in the future.')
  return problems
}

/** The latest published version of each scorecard, in the order first seen (a calibration uses the latest). */
export function latestTemplates(templates: readonly TeamPublishedTemplate[]): TeamPublishedTemplate[] {
  const latest = new Map<string, TeamPublishedTemplate>()
  for (const t of templates) if ((latest.get(t.templateId)?.version ?? 0) < t.version) latest.set(t.templateId, t)
  return [...latest.values()]
}
