/**
 * zod schemas for the Convirza V3 "Get Calls List" response (docs/convirza-api.md).
 *
 * The docs never say which fields may be null or absent, so every field but `call_id` and
 * `call_started` (the key and the sort key) is optional and nullable, and every object keeps
 * unknown extra fields (`z.looseObject`): a real client must not fail a page because the
 * vendor added or dropped a field.
 */
import { z } from 'zod'

const str = z.string().nullish()
const num = z.number().nullish()
const bool = z.boolean().nullish()
/** Ids are numbers in the example; accept numeric strings too, as some vendors send them. */
const id = z.union([z.number(), z.string()]).nullish()

export const DISPOSITIONS = [
  'ANSWERED',
  'NO ANSWER',
  'BUSY',
  'FAILED',
  'VOICEMAIL',
  'ABANDONED',
  'TRANSFERRED'
] as const
export const DispositionSchema = z.enum(DISPOSITIONS)
export type Disposition = z.infer<typeof DispositionSchema>

export const INCLUDE_MODULES = [
  'tags',
  'comments',
  'custom_sources',
  'call_flow',
  'recordings',
  'transcription'
] as const
export const IncludeModuleSchema = z.enum(INCLUDE_MODULES)
export type IncludeModule = z.infer<typeof IncludeModuleSchema>

export const VoiceAgentDataSchema = z.looseObject({
  voiceagent_id: id,
  voiceagent_name: str,
  outcome: bool,
  summary: str,
  first_name: str,
  last_name: str,
  phone_number: str,
  requested_time: str,
  appointment_date: str,
  appointment_time: str,
  additional_info: z.record(z.string(), z.unknown()).nullish()
})

export const RecordingDetailsSchema = z.looseObject({
  recording_id: id,
  filename: str,
  url: str,
  /** Unix seconds (docs/convirza-api.md: valid for 7 days from fetch). */
  expires_at: num,
  channel_layout: str,
  frequency: str,
  format: str,
  /** "HH:MM:SS.ss" */
  duration: str,
  bitrate: str,
  /** e.g. "39009kB" */
  size: str
})

export const CallDetailSchema = z.looseObject({
  bill_second: num,
  call_value: num,
  dni_log_id: str,
  is_outbound: bool,
  cdr_source: str,
  call_ended: str,
  analytic_status: str,
  call_mine_status: str,
  call_created: str,
  mined_timestamp: str,
  ring_to_name: str,
  channel_id: id,
  channel_category: str,
  channel_sub_category: str,
  channel: str
})

export const CustomSourceSchema = z.looseObject({
  custom_source_id: id,
  custom_source_name: str,
  custom_source_created: str
})

export const CustomSourcesSchema = z.looseObject({
  custom_source_type_1: CustomSourceSchema.nullish(),
  custom_source_type_2: CustomSourceSchema.nullish(),
  custom_source_type_3: CustomSourceSchema.nullish(),
  custom_source_type_4: CustomSourceSchema.nullish(),
  custom_source_type_5: CustomSourceSchema.nullish()
})

export const TagSchema = z.looseObject({
  tag_id: id,
  ct_user_id: id,
  call_tag_created: str,
  tag_name: str,
  tag_created: str,
  tag_active: bool
})

export const CommentSchema = z.looseObject({
  note_id: id,
  call_id: id,
  note: str,
  created_on: str,
  updated_on: str,
  ct_user_id: id,
  first_name: str,
  last_name: str
})

export const IndicatorSchema = z.looseObject({
  indicator_id: id,
  score_id: id,
  score_value: num,
  indicator_name: str,
  external_id: str,
  indicator_active: bool,
  indicator_created: str,
  agent: str,
  scorecard: str,
  outcome: str
})

/**
 * The key of a call: numeric in the example; a numeric string (as other ids may be sent) is
 * accepted and turned into the number, so lookups, dedupe and the local library see one type.
 */
const CallIdSchema = z.union([z.number(), z.string().trim().regex(/^\d+$/, 'must be a whole number').transform(Number)]).pipe(z.number().int().positive())

export const CallRecordSchema = z.looseObject({
  call_id: CallIdSchema,
  provisioned_route_id: id,
  org_unit_id: id,
  disposition: str,
  duration: num,
  caller_id: str,
  phone_number: str,
  ring_to: str,
  default_ring_to: str,
  repeat_call: bool,
  /** Required: it is the sort key and the docs always show it; a record without it is reported, not kept. */
  call_started: z.iso.datetime({ offset: true }),
  campaign_id: id,
  campaign_name: str,
  campaign_ext_id: str,
  user_id: id,
  group_name: str,
  ai_caller_identity: str,
  voiceagent_data: VoiceAgentDataSchema.nullish(),
  recording_details: RecordingDetailsSchema.nullish(),
  call_detail: CallDetailSchema.nullish(),
  custom_sources: CustomSourcesSchema.nullish(),
  /** Shape not documented (docs/convirza-api.md): any JSON. */
  call_flow: z.unknown().optional(),
  tags: z.array(TagSchema).nullish(),
  comments: z.array(CommentSchema).nullish(),
  indicators: z.array(IndicatorSchema).nullish(),
  summary: str,
  transcription: str
})
export type CallRecord = z.infer<typeof CallRecordSchema>
export type Tag = z.infer<typeof TagSchema>
export type Comment = z.infer<typeof CommentSchema>
export type Indicator = z.infer<typeof IndicatorSchema>

/** The common envelope; error bodies are assumed to share it (docs/convirza-api.md "Responses"). */
export const EnvelopeSchema = z.looseObject({
  code: z.number().nullish(),
  message: z.string().nullish(),
  request_id: z.string().nullish(),
  timestamp: z.string().nullish()
})

/**
 * A list page before record validation: records stay `unknown` so that one bad record is
 * reported (see `parseCallsPage`) instead of failing the whole page.
 */
export const CallsPageEnvelopeSchema = EnvelopeSchema.extend({
  data: z.looseObject({
    total: z.number().int().nonnegative(),
    calls: z.array(z.unknown())
  })
})

/** A record the client could not accept, reported with its id and the failing field path. */
export const RecordIssueSchema = z.object({
  callId: z.union([z.number(), z.string()]).nullable(),
  index: z.number().int(),
  path: z.string(),
  message: z.string()
})
export type RecordIssue = z.infer<typeof RecordIssueSchema>

export interface CallsPage {
  total: number
  calls: CallRecord[]
  issues: RecordIssue[]
  requestId: string | null
}

/** Validate every record of a page on its own; the good ones arrive, the bad ones are reported. */
export function parseCallsPage(body: unknown): CallsPage | { error: z.ZodError } {
  const envelope = CallsPageEnvelopeSchema.safeParse(body)
  if (!envelope.success) return { error: envelope.error }
  const calls: CallRecord[] = []
  const issues: RecordIssue[] = []
  envelope.data.data.calls.forEach((raw, index) => {
    const parsed = CallRecordSchema.safeParse(raw)
    if (parsed.success) {
      calls.push(parsed.data)
      return
    }
    const first = parsed.error.issues[0]
    const rawId = (raw as { call_id?: unknown } | null)?.call_id
    issues.push({
      callId: typeof rawId === 'number' ? rawId : typeof rawId === 'string' ? (/^\d+$/.test(rawId.trim()) ? Number(rawId) : rawId) : null,
      index,
      path: first ? first.path.join('.') || '(record)' : '(record)',
      message: first ? first.message : 'invalid record'
    })
  })
  return {
    total: envelope.data.data.total,
    calls,
    issues,
    requestId: envelope.data.request_id ?? null
  }
}

/** Groups tree node (docs/convirza-api.md "Groups (org units)"): nesting not documented, so children are optional. */
export type GroupNode = {
  org_unit_id: number
  text: string
  code?: string | null
  group_level?: number | null
  children?: GroupNode[]
}
export const GroupNodeSchema: z.ZodType<GroupNode> = z.lazy(() =>
  z.looseObject({
    org_unit_id: z.number(),
    text: z.string(),
    code: z.string().nullish(),
    group_level: z.number().nullish(),
    children: z.array(GroupNodeSchema).optional()
  })
)

export const LoginUserSchema = z.looseObject({
  user_id: id,
  email: str,
  role_id: id,
  org_unit_id: id
})
export type LoginUser = z.infer<typeof LoginUserSchema>

/** OAuth token response: both expiry fields are absolute ISO timestamps, not seconds. */
export const TokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  token_type: z.string().nullish(),
  expires_in: z.string(),
  refresh_expires_in: z.string(),
  user: LoginUserSchema.nullish()
})
export type TokenResponse = z.infer<typeof TokenResponseSchema>
