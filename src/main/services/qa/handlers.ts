/**
 * The IPC handlers of the qa:* channels. They resolve the active profile's store and the
 * signed-in reviewer on every call (both change when the user switches profile), and choose
 * the export file's path themselves: the renderer never names a path on disk.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../../shared/errors'
import type { ExportSelection, qaChannels } from '../../../shared/ipc/contract/qa'
import type { DomainHandlers } from '../../ipc/dispatcher'
import { writeExport, type GetCallFacts } from './export'
import { localTimeZone, toLocalDateTime } from './export-format'
import type { QaStore } from './qa-store'

export type QaChannel = keyof typeof qaChannels
export type QaHandlers = DomainHandlers<typeof qaChannels>

export interface QaHandlerDeps {
  /** The active profile's store. */
  qa: () => QaStore
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
}

export function createQaHandlers(deps: QaHandlerDeps): QaHandlers {
  const clock = deps.clock ?? (() => new Date())
  const timeZone = deps.timeZone ?? localTimeZone
  return {
    'qa:listTemplates': ({ includeArchived }) => deps.qa().listTemplates(includeArchived),
    'qa:getTemplate': ({ templateId, version }) => deps.qa().getTemplate(templateId, version),
    'qa:saveTemplate': (input) => deps.qa().saveTemplate(input, deps.reviewer()),
    'qa:archiveTemplate': ({ templateId, archived }) => deps.qa().archiveTemplate(templateId, archived),
    'qa:createSession': (request) => deps.qa().createSession(deps.reviewer(), request),
    'qa:listSessions': () => deps.qa().listSessions(deps.reviewer()),
    'qa:getSession': ({ sessionId }) => deps.qa().getSession(deps.reviewer(), sessionId),
    'qa:deleteSession': ({ sessionId }) => {
      deps.qa().deleteSession(deps.reviewer(), sessionId)
      return { sessionId }
    },
    'qa:updatePosition': ({ sessionId, index, seconds }) => deps.qa().updatePosition(deps.reviewer(), sessionId, { index, seconds }),
    'qa:saveReview': (request) => deps.qa().saveReview(deps.reviewer(), request),
    'qa:addNote': (note) => deps.qa().addNote(deps.reviewer(), note),
    'qa:updateNote': ({ noteId, text, seconds }) => deps.qa().updateNote(deps.reviewer(), noteId, { text, seconds }),
    'qa:deleteNote': ({ noteId }) => {
      deps.qa().deleteNote(deps.reviewer(), noteId)
      return { noteId }
    },
    'qa:summary': ({ sessionId }) => deps.qa().summary(deps.reviewer(), sessionId),
    'qa:export': async ({ selection, format }) => {
      const store = deps.qa()
      const reviewer = deps.reviewer()
      const items = store.exportItems(reviewer, selection)
      // A file with a header and no rows reads as a broken export: say why there is nothing instead.
      if (items.length === 0) throw new AppError('not_found', nothingToExport(selection))
      const names = new Set(items.map((i) => i.session.name))
      const single = selection.sessionIds?.length === 1 && names.size === 1 ? [...names][0] : undefined
      const now = clock()
      const zone = timeZone()
      const demo = deps.demo?.() === true
      const path = exportPath(deps.exportDir(), single ?? 'reviews', now, zone, format, demo)
      return writeExport(items, { format, path, getCallFacts: deps.getCallFacts, reviewer, timeZone: zone, now, demo })
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
  const stamp = (toLocalDateTime(now, timeZone)?.text ?? now.toISOString()).replace(/[^0-9]+/g, '').replace(/^(\d{8})/, '$1-')
  const slug =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'reviews'
  const base = join(dir, `qa-${slug}-${stamp}${demo ? '-demo' : ''}`)
  let path = `${base}.${ext}`
  for (let n = 2; existsSync(path); n += 1) path = `${base}-${n}.${ext}`
  return path
}
