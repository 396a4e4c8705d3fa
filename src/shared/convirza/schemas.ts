/**
 * zod schemas for the Convirza V3 "Get Calls List" response (docs/convirza-api.md).
 *
 * The docs never say which fields may be null or absent, so every field but `call_id` and
 * `call_started` (the key and the sort key) is optional and nullable, and every object keeps
 * unknown extra fields (`z.looseObject`): a real client must not fail a page because the
 * vendor added or dropped a field.
 */
import { z } from 'zod'
import { emptyToNull, lenientBoolean, lenientList, lenientNumber, lenientObject, numberFromString, timestampFromVariants } from './lenient'
import { repairRecord, valueAt, type RepairResult } from './record-repair'
import { DISPOSITIONS, INCLUDE_MODULES } from './vocabulary'

export { DISPOSITIONS, INCLUDE_MODULES }
export type { Disposition, IncludeModule } from './vocabulary'

/** Strings may drift to numbers (a phone number sent as 18015551234): read them as their digits. */
const str = z.preprocess((v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : v), z.string().nullish())
const num = lenientNumber
const bool = lenientBoolean
/** Ids are numbers in the example; accept numeric strings too, as some vendors send them. */
const id = z.union([z.number(), z.string()]).nullish()

export const DispositionSchema = z.enum(DISPOSITIONS)
export const IncludeModuleSchema = z.enum(INCLUDE_MODULES)

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
  additional_info: z.preprocess(emptyToNull, z.record(z.string(), z.unknown()).nullish())
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
  custom_source_type_1: lenientObject(CustomSourceSchema),
  custom_source_type_2: lenientObject(CustomSourceSchema),
  custom_source_type_3: lenientObject(CustomSourceSchema),
  custom_source_type_4: lenientObject(CustomSourceSchema),
  custom_source_type_5: lenientObject(CustomSourceSchema)
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
const CallIdSchema = z
  .union([z.number(), z.string().trim().regex(/^\d+$/, 'must be a whole number').transform(Number)], {
    error: 'a whole number was expected'
  })
  .pipe(z.number().int().positive())

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
  call_started: z.preprocess(timestampFromVariants, z.iso.datetime({ offset: true })),
  campaign_id: id,
  campaign_name: str,
  campaign_ext_id: str,
  user_id: id,
  group_name: str,
  ai_caller_identity: str,
  voiceagent_data: lenientObject(VoiceAgentDataSchema),
  recording_details: lenientObject(RecordingDetailsSchema),
  call_detail: lenientObject(CallDetailSchema),
  custom_sources: lenientObject(CustomSourcesSchema),
  /** Shape not documented (docs/convirza-api.md): any JSON. */
  call_flow: z.unknown().optional(),
  tags: lenientList(TagSchema),
  comments: lenientList(CommentSchema),
  indicators: lenientList(IndicatorSchema),
  summary: str,
  transcription: str,
  /** Fields this client could not read and emptied, each with why (see parseCallsPage); shown with the call's details. */
  client_notes: z.array(z.object({ field: z.string(), message: z.string() })).optional()
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
  code: z.preprocess(numberFromString, z.number().nullish()),
  data: z.preprocess(
    // An empty result may come as `data: []`, `calls: null` and `total: "0"`.
    (v) => (Array.isArray(v) && v.length === 0 ? { total: 0, calls: [] } : v),
    z.looseObject({
      total: z.preprocess(numberFromString, z.number().int().nonnegative()),
      calls: z.preprocess((v) => v ?? [], z.array(z.unknown()))
    })
  )
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
  /** Records refused: no usable `call_id` (or no usable start time), so there is nothing to keep them under. */
  issues: RecordIssue[]
  /** Records kept with one or more fields emptied; each such field is named in the record's `client_notes`. */
  degraded: RecordIssue[]
  requestId: string | null
}

/**
 * One record, kept whenever it has a usable `call_id` (see record-repair.ts). A start time that
 * cannot be read falls back to `call_detail.call_created` (the list is sorted and ranged by it);
 * without either the record is refused, as it has no place in a date range.
 */
function parseRecord(raw: unknown, index: number): RepairResult<CallRecord> {
  return repairRecord(CallRecordSchema, raw, index, {
    key: 'call_id',
    substitutes: {
      call_started: (record) => {
        const created = timestampFromVariants(valueAt(record, ['call_detail', 'call_created']))
        return typeof created === 'string' && z.iso.datetime({ offset: true }).safeParse(created).success
          ? { value: created, note: 'the time shown is when the call was created' }
          : null
      }
    }
  })
}

/** Validate every record of a page on its own; the good ones arrive, odd fields are emptied with a note, unusable records are reported. */
export function parseCallsPage(body: unknown): CallsPage | { error: z.ZodError } {
  const envelope = CallsPageEnvelopeSchema.safeParse(body)
  if (!envelope.success) return { error: envelope.error }
  const page = emptyPage(envelope.data)
  envelope.data.data.calls.forEach((raw, index) => addRecord(page, raw, index))
  return page
}

/**
 * parseCallsPage, awaiting `pause()` between slices of `slice` records: a page of 200 calls
 * takes 20–100 ms to check, which the main process must not spend in one go.
 */
export async function parseCallsPageInSlices(body: unknown, pause: () => Promise<void>, slice = 25): Promise<CallsPage | { error: z.ZodError }> {
  const envelope = CallsPageEnvelopeSchema.safeParse(body)
  if (!envelope.success) return { error: envelope.error }
  const page = emptyPage(envelope.data)
  const raws = envelope.data.data.calls
  for (let index = 0; index < raws.length; index += 1) {
    if (index > 0 && index % slice === 0) await pause()
    addRecord(page, raws[index], index)
  }
  return page
}

function emptyPage(envelope: z.output<typeof CallsPageEnvelopeSchema>): CallsPage {
  return { total: envelope.data.total, calls: [], issues: [], degraded: [], requestId: envelope.request_id ?? null }
}

function addRecord(page: CallsPage, raw: unknown, index: number): void {
  const result = parseRecord(raw, index)
  if ('refused' in result) {
    page.issues.push(result.refused)
    return
  }
  page.calls.push(result.notes.length ? { ...result.record, client_notes: result.notes } : result.record)
  for (const note of result.notes) page.degraded.push({ callId: result.record.call_id, index, path: note.field, message: note.message })
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

/**
 * OAuth token response. docs/convirza-api.md documents both expiry fields as absolute ISO timestamps;
 * standard OAuth (RFC 6749 §5.1) sends `expires_in` as seconds from now, which a gateway in front
 * of the server may do too, so both are read (see tokens.ts).
 */
const Expiry = z.union([z.string().min(1), z.number().nonnegative()])
export const TokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  token_type: z.string().nullish(),
  expires_in: Expiry,
  refresh_expires_in: Expiry.nullish(),
  user: LoginUserSchema.nullish()
})
export type TokenResponse = z.infer<typeof TokenResponseSchema>
