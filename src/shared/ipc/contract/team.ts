/**
 * Settings → Team and the team sync state (docs/decisions/team-qa-on-postgres.md). The password
 * only ever travels renderer → main (team:test, team:save); no response carries it.
 */
import { z } from 'zod'
import type { ChannelMap, EventMap } from './types'

export const TLS_MODES = ['verify-full', 'verify-ca', 'require', 'disable'] as const

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
  /** Review changes queued locally and not yet in the team database. */
  pending: z.number().int().min(0),
  /** Why offline or in error, in words the user can act on. */
  message: z.string().max(2000).nullable(),
  /** "Connected as Dana Reyes, reviewer, team Summit QA" once connected. */
  member: z.string().max(500).nullable(),
  lastSyncedAt: z.string().max(40).nullable()
})
export type TeamSyncStatus = z.infer<typeof TeamSyncStatusSchema>

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
  'team:status': { request: z.strictObject({}), response: TeamSyncStatusSchema }
} as const satisfies ChannelMap

export const teamEvents = {
  'team:status': TeamSyncStatusSchema
} as const satisfies EventMap
