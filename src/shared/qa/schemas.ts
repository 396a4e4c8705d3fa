/**
 * The QA domain as zod schemas: scorecard templates, answers, reviews, pinned notes
 * and sessions. Main validates and stores them; the renderer takes its types from here, and the
 * IPC contract (src/shared/ipc/contract/qa.ts) is built from them.
 */
import { z } from 'zod'

export const CRITERION_TYPES = ['yes_no', 'scale_1_5'] as const
export const CriterionTypeSchema = z.enum(CRITERION_TYPES)
export type CriterionType = z.infer<typeof CriterionTypeSchema>

/** Stable across template versions, so answers to "greeting" stay comparable when a template changes. */
export const CriterionIdSchema = z
  .string()
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'A criterion id is 1–64 lower-case letters, digits, "-" or "_".')

export const CriterionSchema = z.object({
  id: CriterionIdSchema,
  label: z.string().trim().min(1, 'Give the criterion a label.').max(200),
  description: z.string().trim().max(1000).optional(),
  /** Relative importance; only ratios matter (see score.ts). */
  weight: z.number().positive('A weight is a positive number.').max(1000),
  type: CriterionTypeSchema,
  /** Whether "not applicable" may be chosen; an N/A answer leaves the criterion out of the score. */
  naAllowed: z.boolean(),
  /**
   * The section it belongs to (see TemplateSchema.sections); omitted in templates without
   * sections. Optional so versions written before sections existed parse unchanged.
   */
  sectionId: z.string().max(64).optional(),
  /** A call cannot be marked reviewed while this is unanswered. Absent in old versions: false. */
  required: z.boolean().optional(),
  /** Auto-fail: a "No" (or a rating of 1) scores the call, or its section, 0 (TemplateSchema.autoFail). */
  critical: z.boolean().optional()
})
export type Criterion = z.infer<typeof CriterionSchema>

export const SectionIdSchema = z
  .string()
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'A section id is 1–64 lower-case letters, digits, "-" or "_".')

/** A group of criteria with its own weight in the overall score (score.ts has the formula). */
export const SectionSchema = z.object({
  id: SectionIdSchema,
  label: z.string().trim().min(1, 'Give the section a name.').max(200),
  weight: z.number().positive('A section weight is a positive number.').max(1000)
})
export type Section = z.infer<typeof SectionSchema>

/** What a failed critical criterion zeroes: the whole call (the default) or only its section. */
export const AUTO_FAIL_SCOPES = ['call', 'section'] as const
export const AutoFailScopeSchema = z.enum(AUTO_FAIL_SCOPES)
export type AutoFailScope = z.infer<typeof AutoFailScopeSchema>

function uniqueCriterionIds(criteria: readonly { id?: string | undefined }[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>()
  criteria.forEach((c, index) => {
    if (c.id === undefined) return
    if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `The criterion id "${c.id}" is used twice.` })
    seen.add(c.id)
  })
}

export const TemplateIdSchema = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'A template id is 1–64 letters, digits, "-" or "_".')

/** One immutable version of a scorecard template. Editing a template creates the next version. */
export const TemplateSchema = z.object({
  id: TemplateIdSchema,
  version: z.number().int().positive(),
  name: z.string().min(1),
  criteria: z.array(CriterionSchema).min(1).superRefine(uniqueCriterionIds),
  /** Empty (or absent, in versions written before sections existed): one implied section. */
  sections: z.array(SectionSchema).max(50).optional(),
  /** Absent in versions written before critical criteria existed, which had none: 'call'. */
  autoFail: AutoFailScopeSchema.optional(),
  /** ISO 8601. */
  createdAt: z.string(),
  /** The reviewer who saved this version. */
  createdBy: z.string(),
  /** Hidden from the template picker; sessions scored with it keep it. */
  archived: z.boolean()
})
export type Template = z.infer<typeof TemplateSchema>

/** What the template editor sends: no id creates a template, an id creates its next version. */
export const TemplateInputSchema = z
  .strictObject({
    id: TemplateIdSchema.optional(),
    name: z.string().trim().min(1, 'Give the template a name.').max(120),
    criteria: z
      .array(
        CriterionSchema.extend({
          /** Omitted for a new criterion: one is made from the label. */
          id: CriterionIdSchema.optional(),
          naAllowed: z.boolean().default(true)
        }).strict()
      )
      .min(1, 'A template needs at least one criterion.')
      .max(100, 'A template holds at most 100 criteria.')
      .superRefine(uniqueCriterionIds),
    sections: z.array(SectionSchema.strict()).max(50, 'A template holds at most 50 sections.').optional(),
    autoFail: AutoFailScopeSchema.optional()
  })
  .superRefine((input, ctx) => {
    const sections = new Set((input.sections ?? []).map((s) => s.id))
    if (sections.size !== (input.sections ?? []).length)
      ctx.addIssue({ code: 'custom', path: ['sections'], message: 'Two sections have the same id.' })
    input.criteria.forEach((c, index) => {
      if (sections.size === 0 && c.sectionId !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['criteria', index, 'sectionId'], message: `"${c.label}" names a section, but the template has none.` })
      } else if (sections.size > 0 && (c.sectionId === undefined || !sections.has(c.sectionId))) {
        ctx.addIssue({ code: 'custom', path: ['criteria', index, 'sectionId'], message: `Put "${c.label}" in one of the template's sections.` })
      }
    })
  })
export type TemplateInput = z.input<typeof TemplateInputSchema>

/** yes/no criteria take 'yes' | 'no'; 1–5 criteria take 1..5; either may take 'na' when allowed. */
export const AnswerSchema = z.union([z.enum(['yes', 'no', 'na']), z.number().int().min(1).max(5)])
export type Answer = z.infer<typeof AnswerSchema>
export const AnswersSchema = z.record(CriterionIdSchema, AnswerSchema)
export type Answers = z.infer<typeof AnswersSchema>

/** One section's result in a review. */
export const SectionScoreSchema = z.object({
  sectionId: z.string(),
  label: z.string(),
  /** Weighted percentage 0..100; null when nothing in it counts (all N/A or blank). */
  score: z.number().min(0).max(100).nullable(),
  /** A critical criterion of this section was failed. */
  autoFailed: z.boolean()
})
export type SectionScore = z.infer<typeof SectionScoreSchema>

/** A reviewer's scoring of one call in one session. A call not yet touched has `updatedAt: null`. */
export const ReviewSchema = z.object({
  /** Stable across devices (a UUID), so a review can be synchronised; null until first saved. */
  id: z.string().nullable(),
  sessionId: z.string(),
  callId: z.number().int().positive(),
  /** The template version this review was scored with: a finished review keeps its meaning. */
  templateId: z.string(),
  templateVersion: z.number().int().positive(),
  reviewed: z.boolean(),
  flaggedForFollowUp: z.boolean(),
  answers: AnswersSchema,
  comment: z.string(),
  /** Weighted percentage 0..100 (see score.ts); null when nothing scorable was answered. */
  score: z.number().min(0).max(100).nullable(),
  /** Per section, in the template's order (one implied section when the template has none). */
  sectionScores: z.array(SectionScoreSchema),
  /** The critical criteria answered "No" (or 1), in template order. */
  criticalFailures: z.array(z.string()),
  /** Required criteria still unanswered, in template order: the review cannot be marked reviewed. */
  missingRequired: z.array(z.string()),
  /** Who marked it reviewed (the profile's signed-in user); null while not reviewed. */
  reviewer: z.string().nullable(),
  /** When it was (last) marked reviewed, ISO 8601 UTC. */
  reviewedAt: z.string().nullable(),
  /** Seconds spent on it while active (input or playback within the last 30 s). */
  activeSeconds: z.number().min(0),
  updatedAt: z.string().nullable()
})
export type Review = z.infer<typeof ReviewSchema>

export const NOTE_MAX_SECONDS = 24 * 60 * 60
export const NoteTextSchema = z.string().trim().min(1, 'A note needs some text.').max(2000, 'A note holds at most 2,000 characters.')
export const NoteSecondsSchema = z.number().min(0, 'A note is pinned to a time of 0 s or later.').max(NOTE_MAX_SECONDS)

/** A note pinned to a moment of the recording. */
export const NoteSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  callId: z.number().int().positive(),
  seconds: z.number().min(0),
  text: z.string(),
  createdAt: z.string(),
  updatedAt: z.string()
})
export type Note = z.infer<typeof NoteSchema>

/** Where the reviewer is in a session: the queue index and the playback time within that call. */
export const SessionPositionSchema = z.object({
  index: z.number().int().min(0),
  seconds: z.number().min(0)
})
export type SessionPosition = z.infer<typeof SessionPositionSchema>

/** A session as the session list shows it, with its progress ("12 / 40"). */
export const SessionInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  reviewer: z.string(),
  templateId: z.string(),
  templateVersion: z.number().int().positive(),
  templateName: z.string(),
  /** The filter the calls came from, as the renderer sent it; null for a hand-picked selection. */
  query: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  total: z.number().int().nonnegative(),
  reviewedCount: z.number().int().nonnegative(),
  flaggedCount: z.number().int().nonnegative(),
  position: SessionPositionSchema,
  /** Hidden from the sessions list unless archived sessions are shown; still resumable and exportable. */
  archived: z.boolean(),
  /** How the calls were sampled (seed included, so the sample can be drawn again); null when not sampled. */
  sample: z.record(z.string(), z.unknown()).nullable()
})
export type SessionInfo = z.infer<typeof SessionInfoSchema>

/** What the queue, the summary and exports say about a call; from the offline library, null when unknown. */
export const QueueCallSchema = z.object({
  started: z.string().nullable(),
  callerId: z.string().nullable(),
  callerName: z.string().nullable(),
  agent: z.string().nullable(),
  campaign: z.string().nullable(),
  group: z.string().nullable(),
  disposition: z.string().nullable(),
  durationSeconds: z.number().nullable(),
  hasRecording: z.boolean()
})
export type QueueCall = z.infer<typeof QueueCallSchema>

export const QueueItemSchema = z.object({
  callId: z.number().int().positive(),
  /** Filled in by the IPC handler from the library; absent when the call is not stored. */
  call: QueueCallSchema.nullable().optional(),
  review: ReviewSchema,
  /** Ordered by time in the recording. */
  notes: z.array(NoteSchema)
})
export type QueueItem = z.infer<typeof QueueItemSchema>

/** A whole session: the queue in order, each call's review and notes, and the template it uses. */
export const SessionDetailSchema = SessionInfoSchema.extend({
  template: TemplateSchema,
  items: z.array(QueueItemSchema)
})
export type SessionDetail = z.infer<typeof SessionDetailSchema>

export const CriterionResultSchema = z.object({
  criterionId: z.string(),
  label: z.string(),
  type: CriterionTypeSchema,
  weight: z.number(),
  /** Reviews that answered it with something other than N/A. */
  answered: z.number().int().nonnegative(),
  na: z.number().int().nonnegative(),
  /** Reviews that left it blank. */
  unanswered: z.number().int().nonnegative(),
  /** yes/no: share of 'yes' among answered (the pass rate), 0..1; null for 1–5 criteria or when none answered. */
  yesRate: z.number().min(0).max(1).nullable(),
  critical: z.boolean(),
  required: z.boolean(),
  /** Reviewed calls that failed it (critical criteria only; 0 otherwise). */
  criticalFailures: z.number().int().nonnegative(),
  /** 1–5: mean of the answers; null for yes/no criteria or when none answered. */
  average: z.number().min(1).max(5).nullable()
})
export type CriterionResult = z.infer<typeof CriterionResultSchema>

/** A group of reviewed calls (an agent, a campaign) and how they scored. */
export const GroupResultSchema = z.object({
  /** The agent's or campaign's name; "Unknown" when the call does not say. */
  name: z.string(),
  reviewed: z.number().int().nonnegative(),
  averageScore: z.number().min(0).max(100).nullable(),
  criticalFailures: z.number().int().nonnegative()
})
export type GroupResult = z.infer<typeof GroupResultSchema>

export const SectionResultSchema = z.object({
  sectionId: z.string(),
  label: z.string(),
  weight: z.number(),
  /** Mean of the section's scores over reviewed calls that have one. */
  averageScore: z.number().min(0).max(100).nullable(),
  /** Reviewed calls with a failed critical criterion in this section. */
  autoFailed: z.number().int().nonnegative()
})
export type SectionResult = z.infer<typeof SectionResultSchema>

/** A session's summary. Scores and per-criterion results count reviews marked reviewed. */
export const SessionSummarySchema = z.object({
  total: z.number().int().nonnegative(),
  reviewed: z.number().int().nonnegative(),
  /** Calls with answers, a comment or a mark but not marked reviewed: never counted in scores. */
  incomplete: z.number().int().nonnegative(),
  /** Calls not opened for scoring yet. */
  notStarted: z.number().int().nonnegative(),
  flagged: z.number().int().nonnegative(),
  /** Reviewed calls that have a score (not everything N/A). */
  scored: z.number().int().nonnegative(),
  averageScore: z.number().min(0).max(100).nullable(),
  /** Reviewed calls by score band: [0,10), [10,20) … [90,100]; ten counts. */
  distribution: z.array(z.number().int().nonnegative()).length(10),
  /** Reviewed calls with at least one failed critical criterion. */
  criticalFailures: z.number().int().nonnegative(),
  sections: z.array(SectionResultSchema),
  criteria: z.array(CriterionResultSchema),
  byAgent: z.array(GroupResultSchema),
  byCampaign: z.array(GroupResultSchema),
  /** Flagged calls (reviewed or not) with the reviewer's comment and notes. */
  flaggedCalls: z.array(
    z.object({
      callId: z.number().int().positive(),
      score: z.number().min(0).max(100).nullable(),
      comment: z.string(),
      notes: z.array(z.object({ seconds: z.number(), text: z.string() }))
    })
  )
})
export type SessionSummary = z.infer<typeof SessionSummarySchema>
