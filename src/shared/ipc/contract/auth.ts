import { z } from 'zod'
import { isTrustedServerUrl, SERVER_URL_RULE } from '@shared/url-trust'
import type { ChannelMap, EventMap } from './types'

export { DEFAULT_API_BASE_URL, DEFAULT_OAUTH_BASE_URL } from './values'

/** What the renderer may know of a profile: never a token, never a password. */
export const ProfileSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  apiBaseUrl: z.string(),
  oauthBaseUrl: z.string(),
  demo: z.boolean(),
  /** Signed in for this run only: nothing in the keychain. */
  sessionOnly: z.boolean(),
  user: z
    .object({
      userId: z.union([z.number(), z.string()]).nullable(),
      email: z.string().nullable(),
      orgUnitId: z.union([z.number(), z.string()]).nullable()
    })
    .nullable()
})
export type ProfileSummary = z.infer<typeof ProfileSummarySchema>

export const KeychainStatusSchema = z.object({
  available: z.boolean(),
  /** Why not, and how to fix it (e.g. install gnome-keyring). */
  message: z.string().optional()
})

export const AuthStateSchema = z.object({
  signedIn: z.boolean(),
  activeProfile: ProfileSummarySchema.nullable(),
  profiles: z.array(ProfileSummarySchema),
  keychain: KeychainStatusSchema,
  /** Something the signed-in user must know now, e.g. the keychain refused a renewed sign-in and it is kept for this session only. */
  notice: z.string().optional(),
  /** Why the server ended the active profile's session (it refused to renew it), until it signs in again. */
  sessionEndedReason: z.string().max(2000).optional(),
  /** Why the active profile's saved sign-in could not be read at start (a locked keychain), until it signs in. */
  restoreProblem: z.string().max(2000).optional()
})
export type AuthState = z.infer<typeof AuthStateSchema>

const baseUrl = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .refine(isTrustedServerUrl, SERVER_URL_RULE)
const profileName = z.string().trim().min(1, 'Give the profile a name.').max(80)

export const SignInRequestSchema = z.strictObject({
  profileName,
  email: z.email('Enter the email address you sign in to Convirza with.').max(254, 'An email address holds at most 254 characters.'),
  password: z.string().min(1, 'Enter your password.').max(1024, 'A password holds at most 1,024 characters.'),
  orgUnitId: z.number().int().positive('The org unit id is a positive number from your account admin.'),
  apiBaseUrl: baseUrl.optional(),
  oauthBaseUrl: baseUrl.optional(),
  /** The signed-out profile being signed in again: it is updated (a corrected address too), not duplicated. */
  profileId: z.string().min(1).max(64).optional(),
  /** Keep the token in memory only (e.g. when no keychain is available). */
  sessionOnly: z.boolean().default(false)
})
export const TokenSignInRequestSchema = z.strictObject({
  profileName,
  accessToken: z.string().trim().min(1, 'Paste an access token.').max(8192, 'An access token holds at most 8,192 characters.'),
  apiBaseUrl: baseUrl.optional(),
  sessionOnly: z.boolean().default(false)
})

export const authChannels = {
  'auth:state': { request: z.strictObject({}), response: AuthStateSchema },
  'auth:signIn': { request: SignInRequestSchema, response: AuthStateSchema },
  'auth:signInWithToken': { request: TokenSignInRequestSchema, response: AuthStateSchema },
  'auth:signInDemo': { request: z.strictObject({}), response: AuthStateSchema },
  'auth:signOut': {
    request: z.strictObject({ removeCachedData: z.boolean().default(false) }),
    response: AuthStateSchema
  },
  'auth:switchProfile': { request: z.strictObject({ profileId: z.string().min(1).max(64) }), response: AuthStateSchema },
  /** Stop a sign-in still waiting for its server (a slow or hung one); false when none was running. */
  'auth:cancelSignIn': { request: z.strictObject({}), response: z.strictObject({ cancelled: z.boolean() }) }
} as const satisfies ChannelMap

export const authEvents = {
  /** Sent when main signs the user out on its own (a refresh token was refused). */
  'auth:changed': AuthStateSchema
} as const satisfies EventMap
