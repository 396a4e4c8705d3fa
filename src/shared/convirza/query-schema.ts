/**
 * The IPC contract's check of a calls query as the renderer or a sync sends it (loose types: the
 * rules themselves are validateCallQuery's, in query.ts, which needs no schema).
 */
import { z } from 'zod'
import type { CallQueryInput } from './query'

const optionalId = z.number().int().positive().optional()

export const CallQueryInputSchema = z.strictObject({
  start: z.string().max(64).optional(),
  end: z.string().max(64).optional(),
  limit: z.number().optional(),
  offset: z.number().optional(),
  org_unit_id: optionalId,
  campaign_id: optionalId,
  provisioned_route_id: optionalId,
  call_id: optionalId,
  caller_id: z.string().max(40).optional(),
  phone_number: z.string().max(40).optional(),
  ring_to: z.string().max(40).optional(),
  disposition: z.array(z.string().max(40)).max(20).optional(),
  include: z.array(z.string().max(40)).max(20).optional()
}) satisfies z.ZodType<CallQueryInput>

/** The schema's output and CallQueryInput stay the same type: each must accept the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
export const CALL_QUERY_INPUT_MATCHES: Same<z.infer<typeof CallQueryInputSchema>, CallQueryInput> = true
