/**
 * Settings → Team and the team sync state (docs/decisions/team-qa-on-postgres.md). The password
 * only ever travels renderer → main (team:test, team:save); no response carries it.
 */
import { z } from 'zod'
import type { ChannelMap, EventMap } from './types'
import { MAX_CALIBRATION_CALLS, MAX_CALIBRATION_REVIEWERS, TLS_MODES, teamHostProblem } from './values'

export { MAX_CALIBRATION_CALLS, MAX_CALIBRATION_REVIEWERS, TLS_MODES, teamHostProblem }

export const TeamConnectionSettingsSchema = z.strictObject({
  host: z.string().trim().min(1, 'Enter the database host.').max(253),
  port: z.number().int().min(1).max(65535),
  database: z.string().trim().min(1, 'Enter the database name.').max(63),
  user: z.string().trim().min(1, 'Enter your database user.').max(63),
  tlsMode: z.enum(TLS_MODES)
})
export type TeamConnectionSettings = z.infer<typeof TeamConnectionSettingsSchema>

const PasswordSchema = z.string().min(1, 'Enter the password.').max(1024)

export const TEAM_SYNC_STATES = ['off', 'connecting', 'synced', 'waiting', 'offline', 'error'] as const

export const TeamSyncStatusSchema = z.strictObject({
  /** off: no team configured; waiting: connected with changes still to push. */
  state: z.enum(TEAM_SYNC_STATES),
  /** Reviews with changes queued locally and not yet in the team database (a review saved five times counts once). */
  pending: z.number().int().min(0),
  /** Why offline or in error, in words the user can act on. */
  message: z.string().max(2000).nullable(),
  /** "Connected as Dana Reyes, reviewer, team Summit QA" once connected. */
  member: z.string().max(500).nullable(),
  lastSyncedAt: z.string().max(40).nullable()
})
export type TeamSyncStatus = z.infer<typeof TeamSyncStatusSchema>

const TeamLoginSchema = z.string().max(63)
const TemplateIdSchema = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9_-]{1,64}$/)

export const TeamMemberSchema = z.strictObject({
  login: TeamLoginSchema,
  displayName: z.string().max(120),
  role: z.enum(['lead', 'reviewer'])
})
export type TeamMember = z.infer<typeof TeamMemberSchema>

export const TeamPublishedTemplateSchema = z.strictObject({
  templateId: TemplateIdSchema,
  version: z.number().int().positive(),
  name: z.string().max(200),
  publishedAt: z.string().max(40).nullable()
})
export type TeamPublishedTemplate = z.infer<typeof TeamPublishedTemplateSchema>

/** Assignments grouped by reviewer, template and due date, with how many calls are reviewed. */
export const TeamAssignmentGroupSchema = z.strictObject({
  reviewer: TeamLoginSchema,
  reviewerName: z.string().max(120),
  templateId: TemplateIdSchema,
  templateVersion: z.number().int().positive(),
  templateName: z.string().max(200),
  dueAt: z.string().max(40).nullable(),
  callIds: z.array(z.number().int().positive()).max(50_000),
  reviewed: z.number().int().min(0)
})
export type TeamAssignmentGroup = z.infer<typeof TeamAssignmentGroupSchema>

/** What the team shares with this member, from the last pull (works offline). */
export const TeamWorkSchema = z.strictObject({
  /** Null until the first connection says who this is. */
  me: TeamMemberSchema.nullable(),
  members: z.array(TeamMemberSchema).max(1000),
  templates: z.array(TeamPublishedTemplateSchema).max(5000),
  /** A reviewer's own; a lead's: everyone's. */
  assignments: z.array(TeamAssignmentGroupSchema).max(5000)
})
export type TeamWork = z.infer<typeof TeamWorkSchema>

export const TeamAssignRequestSchema = z.strictObject({
  reviewer: TeamLoginSchema.min(1, 'Choose a reviewer.'),
  templateId: TemplateIdSchema,
  /** The calls: a QA session's, or a list (a selection or a sample the renderer resolved). */
  sessionId: z.string().min(1).max(64).optional(),
  callIds: z.array(z.number().int().positive()).min(1).max(5000).optional(),
  /** ISO 8601; omitted for no due date. */
  dueAt: z.string().max(40).datetime({ offset: true }).optional()
})
export type TeamAssignRequest = z.infer<typeof TeamAssignRequestSchema>

const CalibrationIdSchema = z.uuid()
/** An answer as the reveal shows it: yes/no/N/A, a 1–5 rating, or none. */
const CalibrationAnswerSchema = z.union([z.enum(['yes', 'no', 'na']), z.number().int().min(1).max(5)]).nullable()

/** A calibration as the member sees it, from the last pull (works offline). */
export const TeamCalibrationSchema = z.strictObject({
  id: CalibrationIdSchema,
  name: z.string().max(120),
  templateId: TemplateIdSchema,
  templateVersion: z.number().int().positive(),
  templateName: z.string().max(200),
  deadline: z.string().max(40),
  createdBy: TeamLoginSchema,
  /** Every member submitted, the deadline passed, or the lead revealed it: scores are visible. */
  revealed: z.boolean(),
  callIds: z.array(z.number().int().positive()).max(200),
  members: z.array(z.strictObject({ login: TeamLoginSchema, displayName: z.string().max(120), submittedAt: z.string().max(40).nullable() })).max(50),
  /** This member's part: null for a lead who is not one of the reviewers. */
  mine: z.strictObject({ submittedAt: z.string().max(40).nullable(), reviewed: z.number().int().min(0) }).nullable(),
  /** The local QA session this member scores the calibration in, once opened. */
  sessionId: z.string().max(64).nullable()
})
export type TeamCalibration = z.infer<typeof TeamCalibrationSchema>

const AgreementFiguresSchema = z.strictObject({
  /** Share of agreeing pairs of answers, 0..1; null with nothing to compare. */
  percentAgreement: z.number().min(0).max(1).nullable(),
  /** Krippendorff's alpha: 1 perfect, 0 chance level; null when undefined. */
  alpha: z.number().max(1).nullable(),
  /** Calls with at least two answers to compare. */
  pairableUnits: z.number().int().min(0)
})

/** The reveal: scores side by side, the lead's reference, agreement and each reviewer's deviation. */
export const TeamCalibrationResultSchema = z.strictObject({
  calibration: TeamCalibrationSchema,
  /** Per call: the reference (lead's) score and each reviewer's, in percent. */
  calls: z
    .array(
      z.strictObject({
        callId: z.number().int().positive(),
        referenceScore: z.number().min(0).max(100).nullable(),
        scores: z.array(z.strictObject({ reviewer: TeamLoginSchema, scorePercent: z.number().min(0).max(100).nullable() })).max(50)
      })
    )
    .max(200),
  /** Disagreements first. */
  criteria: z
    .array(
      z.strictObject({
        criterionId: z.string().max(64),
        label: z.string().max(200),
        metric: z.enum(['nominal', 'ordinal', 'interval']),
        agreement: AgreementFiguresSchema,
        /** Calls where the reviewers did not all give the same answer. */
        disagreements: z.number().int().min(0),
        calls: z
          .array(
            z.strictObject({
              callId: z.number().int().positive(),
              reference: CalibrationAnswerSchema,
              answers: z.array(z.strictObject({ reviewer: TeamLoginSchema, answer: CalibrationAnswerSchema })).max(50),
              /** Whether the reviewers' answers were all the same; null with fewer than two answers (N/A and none do not count). */
              agreed: z.boolean().nullable()
            })
          )
          .max(200)
      })
    )
    .max(100),
  /** Every criterion of every call as one set of units, nominal (yes/no and ratings alike). */
  overall: AgreementFiguresSchema,
  deviations: z
    .array(
      z.strictObject({
        reviewer: TeamLoginSchema,
        displayName: z.string().max(120),
        /** Share of answers equal to the reference, 0..1. */
        matchesReference: z.number().min(0).max(1).nullable(),
        /** Mean |score − reference score|, percentage points. */
        meanScoreDifference: z.number().min(0).nullable(),
        /** Mean |score − the reviewers' mean score on the call|, percentage points. */
        meanDifferenceFromTeam: z.number().min(0).nullable()
      })
    )
    .max(50)
})
export type TeamCalibrationResult = z.infer<typeof TeamCalibrationResultSchema>

export const TeamCreateCalibrationRequestSchema = z.strictObject({
  name: z.string().trim().min(1, 'Name the calibration.').max(120),
  templateId: TemplateIdSchema,
  callIds: z.array(z.number().int().positive()).min(1, 'Choose at least one call.').max(MAX_CALIBRATION_CALLS),
  reviewers: z.array(TeamLoginSchema.min(1)).min(2, 'Choose at least two reviewers: agreement needs two.').max(MAX_CALIBRATION_REVIEWERS),
  /** ISO 8601, in the future. */
  deadline: z.string().max(40).datetime({ offset: true })
})
export type TeamCreateCalibrationRequest = z.infer<typeof TeamCreateCalibrationRequestSchema>

export const teamChannels = {
  /** The active profile's team settings (null when it has no team) and whether a password is saved. */
  'team:getSettings': {
    request: z.strictObject({}),
    response: z.strictObject({ settings: TeamConnectionSettingsSchema.nullable(), passwordSaved: z.boolean() })
  },
  /** Connects once and says who this is; without a password, the saved one is used. */
  'team:test': {
    request: z.strictObject({ settings: TeamConnectionSettingsSchema, password: PasswordSchema.optional() }),
    response: z.strictObject({ line: z.string().max(500) })
  },
  /** Saves the settings (profile folder) and the password (OS keychain), then syncs. */
  'team:save': {
    request: z.strictObject({ settings: TeamConnectionSettingsSchema, password: PasswordSchema.optional() }),
    response: TeamSyncStatusSchema
  },
  /** Forgets the settings and the keychain entry; changes not yet pushed stay queued locally. */
  'team:disconnect': {
    request: z.strictObject({}),
    response: z.strictObject({ pendingKept: z.number().int().min(0) })
  },
  'team:status': { request: z.strictObject({}), response: TeamSyncStatusSchema },
  /** Published templates, assignments with progress and members, as last pulled. */
  'team:work': { request: z.strictObject({}), response: TeamWorkSchema },
  /** A lead publishes the latest local version of a template to the team (online only). */
  'team:publishTemplate': { request: z.strictObject({ templateId: TemplateIdSchema }), response: TeamPublishedTemplateSchema },
  /** A lead assigns calls to a reviewer with a published template and an optional due date (online only). */
  'team:assign': { request: TeamAssignRequestSchema, response: z.strictObject({ assigned: z.number().int().min(0) }) },
  /** A lead creates a blind calibration: calls, the latest published version of a template, reviewers, deadline (online only). */
  'team:createCalibration': { request: TeamCreateCalibrationRequestSchema, response: TeamCalibrationSchema },
  /** The calibrations this member is in (a lead: all), as last pulled. */
  'team:calibrations': { request: z.strictObject({}), response: z.strictObject({ calibrations: z.array(TeamCalibrationSchema).max(5000) }) },
  /** The local QA session to score a calibration in (made the first time); its reviews carry the calibration's id. */
  'team:openCalibration': {
    request: z.strictObject({ calibrationId: CalibrationIdSchema }),
    response: z.strictObject({ sessionId: z.string().max(64) })
  },
  /** A reviewer hands in their scores once every call is reviewed (online only). */
  'team:submitCalibration': { request: z.strictObject({ calibrationId: CalibrationIdSchema }), response: TeamCalibrationSchema },
  /** A lead reveals a calibration now, before every reviewer submitted or the deadline passed (online only). */
  'team:revealCalibration': { request: z.strictObject({ calibrationId: CalibrationIdSchema }), response: TeamCalibrationSchema },
  /** After the reveal: scores side by side, agreement and deviations (a lead may look before). */
  'team:calibrationResult': { request: z.strictObject({ calibrationId: CalibrationIdSchema }), response: TeamCalibrationResultSchema }
} as const satisfies ChannelMap

export const teamEvents = {
  'team:status': TeamSyncStatusSchema
} as const satisfies EventMap
