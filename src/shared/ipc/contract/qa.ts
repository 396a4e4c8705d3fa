import { z } from 'zod'
import {
  AnswerSchema,
  CriterionIdSchema,
  NoteSchema,
  NoteSecondsSchema,
  NoteTextSchema,
  ReviewSchema,
  SessionDetailSchema,
  SessionInfoSchema,
  SessionPositionSchema,
  SessionSummarySchema,
  TemplateIdSchema,
  TemplateInputSchema,
  TemplateSchema
} from '@shared/qa/schemas'
import { CallQueryInputSchema } from '@shared/convirza/query-schema'
import { SampleSpecSchema } from '@shared/qa/sample'
import type { ChannelMap } from './types'
import { MAX_EXPORT_SESSIONS, MAX_SESSION_CALLS } from './values'

export { MAX_EXPORT_SESSIONS, MAX_SESSION_CALLS }

const sessionId = z.string().min(1).max(64)
const callId = z.number().int().positive()
const noteId = z.string().min(1).max(64)

export const SessionNameSchema = z.string().trim().min(1, 'Give the session a name.').max(120, 'A session name holds at most 120 characters.')

export const CreateSessionRequestSchema = z.strictObject({
  name: SessionNameSchema,
  templateId: TemplateIdSchema,
  /** In queue order. The renderer resolves "the current filter" to ids with calls:list. */
  callIds: z
    .array(callId)
    .min(1, 'A session needs at least one call.')
    .max(MAX_SESSION_CALLS, `A session holds at most ${MAX_SESSION_CALLS} calls; narrow the filter.`),
  /** The filter the ids came from, kept so the session list can say what it covers. */
  query: CallQueryInputSchema.optional(),
  /** How the ids were sampled, seed included (see SampleSpecSchema); kept so the sample can be drawn again. */
  sample: SampleSpecSchema.optional()
})
export type CreateSessionRequest = z.input<typeof CreateSessionRequestSchema>

/** Calls added at the end of a session's queue (those already in it are left where they are). */
export const AddSessionCallsRequestSchema = z.strictObject({
  sessionId,
  callIds: z.array(callId).min(1, 'Name at least one call to add.').max(MAX_SESSION_CALLS, `A session holds at most ${MAX_SESSION_CALLS} calls.`)
})
export type AddSessionCallsRequest = z.input<typeof AddSessionCallsRequestSchema>

/** A change to one review: only the keys given change; an answer of null clears it. */
export const SaveReviewRequestSchema = z.strictObject({
  sessionId,
  callId,
  answers: z.record(CriterionIdSchema, AnswerSchema.nullable()).optional(),
  comment: z.string().max(10_000, 'A comment holds at most 10,000 characters.').optional(),
  reviewed: z.boolean().optional(),
  flaggedForFollowUp: z.boolean().optional(),
  /** Active seconds spent on the call since the last save (the renderer measures; see README "QA"). */
  addActiveSeconds: z.number().min(0).max(3600).optional()
})
export type SaveReviewRequest = z.input<typeof SaveReviewRequestSchema>

/** Which reviews to export: every session of the reviewer unless narrowed. */

export const ExportSelectionSchema = z.strictObject({
  sessionIds: z.array(sessionId).min(1).max(MAX_EXPORT_SESSIONS).optional(),
  callIds: z.array(callId).min(1).max(MAX_SESSION_CALLS).optional(),
  /** Leave out calls not yet marked reviewed. */
  reviewedOnly: z.boolean().default(false)
})
export type ExportSelection = z.output<typeof ExportSelectionSchema>

export const EXPORT_FORMATS = ['csv', 'json'] as const
export const ExportFormatSchema = z.enum(EXPORT_FORMATS)
export type ExportFormat = z.infer<typeof ExportFormatSchema>

export const ExportResultSchema = z.object({
  /** Where the file was written. */
  path: z.string(),
  format: ExportFormatSchema,
  /** Calls written (one row each). */
  rows: z.number().int().nonnegative()
})
export type ExportResult = z.infer<typeof ExportResultSchema>

/** The printable report: HTML that prints well, or the PDF Chromium prints of it (src/main/services/qa/report.ts). */
export const REPORT_FORMATS = ['html', 'pdf'] as const
export const ReportFormatSchema = z.enum(REPORT_FORMATS)
export type ReportFormat = z.infer<typeof ReportFormatSchema>

/** The most sessions one report covers: each gets its own pages with every call. */
export const MAX_REPORT_SESSIONS = 50

export const ReportResultSchema = z.object({
  path: z.string(),
  format: ReportFormatSchema,
  /** Sessions in the report. */
  sessions: z.number().int().positive()
})
export type ReportResult = z.infer<typeof ReportResultSchema>

/** QA listening sessions: scorecard templates, sessions, reviews, pinned notes, export. */
export const qaChannels = {
  /** The latest version of each template, default first. */
  'qa:listTemplates': { request: z.strictObject({ includeArchived: z.boolean().default(false) }), response: z.array(TemplateSchema) },
  /** One version of a template (the latest when omitted): how an old review was scored. */
  'qa:getTemplate': {
    request: z.strictObject({ templateId: TemplateIdSchema, version: z.number().int().positive().optional() }),
    response: TemplateSchema
  },
  /** Create a template, or save the next version of one; unchanged content makes no new version. */
  'qa:saveTemplate': { request: TemplateInputSchema, response: TemplateSchema },
  'qa:archiveTemplate': { request: z.strictObject({ templateId: TemplateIdSchema, archived: z.boolean() }), response: TemplateSchema },
  'qa:createSession': { request: CreateSessionRequestSchema, response: SessionDetailSchema },
  /** The reviewer's sessions, most recently used first, with progress. */
  'qa:listSessions': { request: z.strictObject({ includeArchived: z.boolean().default(true) }), response: z.array(SessionInfoSchema) },
  'qa:getSession': { request: z.strictObject({ sessionId }), response: SessionDetailSchema },
  /** More calls for a session's queue, at its end: a lead assigned more of the same work. */
  'qa:addCalls': { request: AddSessionCallsRequestSchema, response: SessionDetailSchema },
  /** Takes the session out of every list at once; qa:restoreSession undoes it until the app next starts. */
  'qa:deleteSession': { request: z.strictObject({ sessionId }), response: z.object({ sessionId }) },
  'qa:restoreSession': { request: z.strictObject({ sessionId }), response: SessionInfoSchema },
  'qa:renameSession': { request: z.strictObject({ sessionId, name: SessionNameSchema }), response: SessionInfoSchema },
  'qa:archiveSession': { request: z.strictObject({ sessionId, archived: z.boolean() }), response: SessionInfoSchema },
  /** Where the reviewer is, so the session resumes there. */
  'qa:updatePosition': { request: SessionPositionSchema.extend({ sessionId }).strict(), response: SessionPositionSchema },
  'qa:saveReview': { request: SaveReviewRequestSchema, response: ReviewSchema },
  'qa:addNote': {
    request: z.strictObject({ sessionId, callId, seconds: NoteSecondsSchema, text: NoteTextSchema }),
    response: NoteSchema
  },
  'qa:updateNote': {
    request: z.strictObject({ noteId, text: NoteTextSchema.optional(), seconds: NoteSecondsSchema.optional() }),
    response: NoteSchema
  },
  'qa:deleteNote': { request: z.strictObject({ noteId }), response: z.object({ noteId }) },
  'qa:summary': { request: z.strictObject({ sessionId }), response: SessionSummarySchema },
  /** Write the selected reviews where the user chooses (main's Save dialog); one row a call. Cancelling fails with kind 'cancelled'. */
  'qa:export': {
    request: z.strictObject({ selection: ExportSelectionSchema, format: ExportFormatSchema }),
    response: ExportResultSchema
  },
  /** Write a printable report of the sessions (in the order given) where the user chooses; cancelling fails with kind 'cancelled'. */
  'qa:report': {
    request: z.strictObject({
      sessionIds: z
        .array(sessionId)
        .min(1, 'Choose at least one session for the report.')
        .max(MAX_REPORT_SESSIONS, `A report covers at most ${MAX_REPORT_SESSIONS} sessions; choose fewer.`),
      format: ReportFormatSchema
    }),
    response: ReportResultSchema
  },
  /** Show an export (or report) written in this run in the system's file manager; any other path is refused. */
  'qa:showExport': { request: z.strictObject({ path: z.string().min(1).max(4096) }), response: z.strictObject({}) },
  /** Open an export (or report) written in this run with the system's program for it; any other path is refused. */
  'qa:openExport': { request: z.strictObject({ path: z.string().min(1).max(4096) }), response: z.strictObject({}) }
} as const satisfies ChannelMap
