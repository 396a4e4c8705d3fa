import { z } from 'zod'
import type { ChannelMap } from './types'

/** A copy of the QA database it can be restored from. */
export const QaBackupSchema = z.object({
  /** Where it is, so the user can find it. */
  file: z.string(),
  /** When it was taken (the file's modification time, ISO). */
  takenAt: z.string()
})

/**
 * Whether the active profile's QA database opens. When it does not, the call list keeps working
 * (calls show as not reviewed) and the QA area says why, names the file and offers the newest
 * good backup.
 */
export const QaHealthSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok') }),
  z.object({ status: z.literal('damaged'), file: z.string(), message: z.string(), backup: QaBackupSchema.nullable() }),
  /** The disk is full or cannot be written: nothing to repair in the file itself. */
  z.object({ status: z.literal('unavailable'), file: z.string(), message: z.string() })
])
export type QaHealth = z.infer<typeof QaHealthSchema>

export const QaRecoverRequestSchema = z
  .object({
    /** Restore the newest good backup, or start an empty QA database; either way the damaged file is only moved aside. */
    action: z.enum(['restoreBackup', 'startAfresh'])
  })
  .strict()

export const qaRecoveryChannels = {
  'qa:health': { request: z.object({}).strict(), response: QaHealthSchema },
  'qa:recover': {
    request: QaRecoverRequestSchema,
    response: z.object({ health: QaHealthSchema, movedTo: z.string() })
  }
} as const satisfies ChannelMap
