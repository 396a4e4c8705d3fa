/**
 * The IPC handlers of the qa:* channels. They resolve the active profile's store and the
 * signed-in reviewer on every call (both change when the user switches profile), and choose
 * the export file's path themselves: the renderer never names a path on disk.
 */
import { AppError } from '@shared/errors'
import type { ExportSelection, qaChannels, SaveReviewRequest } from '@shared/ipc/contract/qa'
import type { DomainHandlers } from '@main/ipc/dispatcher'
import { SampleSpecSchema, drawSample, type SampleSpec } from '@shared/qa/sample'
import type { Note, Review, SessionDetail } from '@shared/qa/schemas'
import { summariseReviews, summaryInputOf } from '@shared/qa/summary'
import { queueCallOf, writeExport, type GetCallFacts } from './export'
import { localTimeZone } from './export-format'
import type { QaRepository } from './qa-repository'
import { renderReport } from './report'
import { slugify } from '@shared/slug'
import { chooseExportPath, freshExportPath, WrittenExports, writeWhole, type ExportFilesPort } from '../export-files'

export type QaChannel = keyof typeof qaChannels
export type QaHandlers = DomainHandlers<typeof qaChannels>

export type { ExportFilesPort } from '../export-files'

export interface QaHandlerDeps {
  /** Save dialog and shell; without it, exports go to `exportDir` under a name of their own. */
  files?: ExportFilesPort
  /** The active profile's store. */
  qa: () => QaRepository
  /** The signed-in user's email, or "local". */
  reviewer: () => string
  /** The folder exports are written to (the harness's data folder; a chosen folder in the app). */
  exportDir: () => string
  getCallFacts: GetCallFacts
  clock?: () => Date
  /** IANA zone for exported dates; the machine's own by default. */
  timeZone?: () => string
  /** True while the active profile is the demo account: its exports are labelled demo data. */
  demo?: () => boolean
  /**
   * Print a report's HTML to PDF bytes: Electron's webContents.printToPDF in the app
   * (src/main/index.ts), Playwright's Chromium in the harness. Without it, PDF reports are refused
   * with a message saying to save the HTML report and print it.
   */
  printToPdf?: (html: string) => Promise<Uint8Array>
  /**
   * Runs after a review change is saved (committed locally): the team outbox queues it when the
   * profile has a team (team/team-review-queue.ts). It must not throw; the local save stands.
   */
  afterReviewSaved?: (request: SaveReviewRequest, review: Review) => Promise<unknown>
  /**
   * Runs after a note of a call was added, changed or deleted (committed locally, the call's
   * review touched with it): the team outbox queues the review's notes. It must not throw.
   */
  afterNotesChanged?: (note: Pick<Note, 'sessionId' | 'callId'>) => Promise<unknown>
  /** The exports of this run, when other exports (the team dashboard's) share "Show in folder" and "Open". */
  written?: WrittenExports
}

export function createQaHandlers(deps: QaHandlerDeps): QaHandlers {
  const clock = deps.clock ?? (() => new Date())
  const timeZone = deps.timeZone ?? localTimeZone
  /** Exports written in this run: the only paths "Show in folder" and "Open" accept from the renderer. */
  const written = deps.written ?? new WrittenExports()
  const requireWritten = (path: string): string => written.require(path)

  /** The session with each call's facts from the library, for the queue and the summary. */
  const withCalls = async (session: SessionDetail): Promise<SessionDetail> => {
    const facts = await Promise.all(session.items.map((item) => deps.getCallFacts(item.callId)))
    return { ...session, items: session.items.map((item, n) => ({ ...item, call: facts[n] ? queueCallOf(facts[n]) : null })) }
  }

  /** Draw the sample from the candidates the renderer found for the filter; says why when none is left. */
  const sampled = async (candidateIds: readonly number[], spec: SampleSpec): Promise<number[]> => {
    const facts = await Promise.all(candidateIds.map((id) => deps.getCallFacts(id)))
    const candidates = candidateIds.flatMap((callId, n) => {
      const f = facts[n]
      return f
        ? [
            {
              callId,
              durationSeconds: f.durationSeconds,
              disposition: f.disposition,
              hasRecording: f.hasRecording,
              agent: f.agent,
              campaign: f.campaign,
              group: f.group
            }
          ]
        : []
    })
    const result = drawSample(candidates, spec)
    if (result.callIds.length === 0) {
      const { noRecording, tooShort, noAnswer } = result.excluded
      throw new AppError(
        'validation',
        `No call is left to sample among the ${candidateIds.length} found: ${noRecording} have no recording, ${noAnswer} were not answered, ${tooShort} are shorter than ${spec.minDurationSeconds} s. Loosen the sample's rules or widen the filter.`
      )
    }
    return result.callIds
  }
  return {
    'qa:listTemplates': ({ includeArchived }) => deps.qa().listTemplates(includeArchived),
    'qa:getTemplate': ({ templateId, version }) => deps.qa().getTemplate(templateId, version),
    'qa:saveTemplate': (input) => deps.qa().saveTemplate(input, deps.reviewer()),
    'qa:archiveTemplate': ({ templateId, archived }) => deps.qa().archiveTemplate(templateId, archived),
    'qa:createSession': async (request) => {
      if (!request.sample) return withCalls(deps.qa().createSession(deps.reviewer(), request))
      const parsed = SampleSpecSchema.safeParse(request.sample)
      if (!parsed.success) throw new AppError('validation', `The sample was not drawn: ${parsed.error.issues.map((i) => i.message).join(' ')}`)
      const callIds = await sampled(request.callIds, parsed.data)
      // The spec as applied, defaults filled in, so the sample can be drawn again exactly.
      return withCalls(deps.qa().createSession(deps.reviewer(), { ...request, callIds, sample: parsed.data }))
    },
    'qa:listSessions': ({ includeArchived }) => deps.qa().listSessions(deps.reviewer(), includeArchived),
    'qa:getSession': ({ sessionId }) => withCalls(deps.qa().getSession(deps.reviewer(), sessionId)),
    'qa:addCalls': (request) => withCalls(deps.qa().addCalls(deps.reviewer(), request)),
    'qa:deleteSession': ({ sessionId }) => {
      deps.qa().deleteSession(deps.reviewer(), sessionId)
      return { sessionId }
    },
    'qa:restoreSession': ({ sessionId }) => deps.qa().restoreSession(deps.reviewer(), sessionId),
    'qa:renameSession': ({ sessionId, name }) => deps.qa().renameSession(deps.reviewer(), sessionId, name),
    'qa:archiveSession': ({ sessionId, archived }) => deps.qa().archiveSession(deps.reviewer(), sessionId, archived),
    'qa:updatePosition': ({ sessionId, index, seconds }) => deps.qa().updatePosition(deps.reviewer(), sessionId, { index, seconds }),
    'qa:saveReview': async (request) => {
      const review = deps.qa().saveReview(deps.reviewer(), request)
      await deps.afterReviewSaved?.(request, review)
      return review
    },
    'qa:addNote': async (request) => {
      const note = deps.qa().addNote(deps.reviewer(), request)
      await deps.afterNotesChanged?.(note)
      return note
    },
    'qa:updateNote': async ({ noteId, text, seconds }) => {
      const note = deps.qa().updateNote(deps.reviewer(), noteId, { text, seconds })
      await deps.afterNotesChanged?.(note)
      return note
    },
    'qa:deleteNote': async ({ noteId }) => {
      const note = deps.qa().deleteNote(deps.reviewer(), noteId)
      await deps.afterNotesChanged?.(note)
      return { noteId }
    },
    'qa:summary': async ({ sessionId }) => {
      const session = await withCalls(deps.qa().getSession(deps.reviewer(), sessionId))
      return summariseReviews(session.template, session.total, session.items.map(summaryInputOf))
    },
    'qa:export': async ({ selection, format }) => {
      const store = deps.qa()
      const reviewer = deps.reviewer()
      const plan = store.exportPlan(reviewer, selection)
      // A file with a header and no rows reads as a broken export: say why there is nothing instead.
      if (plan.rows === 0) throw new AppError('not_found', nothingToExport(selection))
      const names = new Set(plan.sessions.map((s) => s.session.name))
      const single = selection.sessionIds?.length === 1 && names.size === 1 ? [...names][0] : undefined
      const now = clock()
      const zone = timeZone()
      const demo = deps.demo?.() === true
      const suggested = exportPath(deps.exportDir(), single ?? 'reviews', now, zone, format, demo)
      const path = await chooseExportPath(deps.files, suggested, format, 'The export')
      const result = await writeExport(plan, { format, path, getCallFacts: deps.getCallFacts, reviewer, timeZone: zone, now, demo })
      written.add(result.path)
      return result
    },
    'qa:report': async ({ sessionIds, format }) => {
      if (format === 'pdf' && !deps.printToPdf) {
        throw new AppError('validation', 'PDF reports need the desktop app; save the report as HTML and print it from a browser instead.')
      }
      const store = deps.qa()
      const reviewer = deps.reviewer()
      const unique = [...new Set(sessionIds)]
      const sessions = await Promise.all(unique.map((id) => withCalls(store.getSession(reviewer, id))))
      const now = clock()
      const zone = timeZone()
      const demo = deps.demo?.() === true
      const html = renderReport(
        sessions.map((session) => ({ session, summary: summariseReviews(session.template, session.total, session.items.map(summaryInputOf)) })),
        { timeZone: zone, now, preparedBy: reviewer, demo }
      )
      const name = sessions.length === 1 ? `report-${(sessions[0] as SessionDetail).name}` : 'report'
      const suggested = exportPath(deps.exportDir(), name, now, zone, format, demo)
      const path = await chooseExportPath(deps.files, suggested, format, 'The report')
      const bytes = format === 'pdf' ? await (deps.printToPdf as (html: string) => Promise<Uint8Array>)(html) : html
      writeWhole(path, bytes)
      written.add(path)
      return { path, format, sessions: sessions.length }
    },
    'qa:showExport': ({ path }) => {
      deps.files?.showInFolder(requireWritten(path))
      return {}
    },
    'qa:openExport': async ({ path }) => {
      await deps.files?.open(requireWritten(path))
      return {}
    }
  }
}

/** Why a selection has no rows, in the words of what the reviewer chose, and what to do. */
function nothingToExport({ sessionIds, callIds, reviewedOnly }: ExportSelection): string {
  const where = !sessionIds ? 'any of your QA sessions' : sessionIds.length === 1 ? 'the chosen session' : 'the chosen sessions'
  const state = reviewedOnly ? `marked reviewed in ${where}` : `in ${where}`
  const what =
    callIds?.length === 1
      ? `the selected call is not ${state}`
      : callIds
        ? `none of the ${callIds.length} selected calls is ${state}`
        : reviewedOnly
          ? `no call is ${state} yet`
          : `there are no calls in ${where}`
  return `Nothing to export: ${what}, so no file was written. Choose other sessions or calls${reviewedOnly ? ', or include calls not yet reviewed' : ''}.`
}

/** "<dir>/qa-monday-calls-2026-03-01-101500.csv" ("…-demo.csv" for the demo account), never overwriting an earlier export. */
function exportPath(dir: string, name: string, now: Date, timeZone: string, ext: string, demo = false): string {
  return freshExportPath(dir, `qa-${slugify(name, 'reviews')}`, now, timeZone, ext, demo)
}
