import { z } from 'zod'
import { externalLinkUrl } from '@shared/url-trust'
import type { ChannelMap } from './types'

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** 'electron' in the app, 'harness' in the browser test harness. */
  host: z.enum(['electron', 'harness'])
})
export type AppInfo = z.infer<typeof AppInfoSchema>

/** A small echo used to prove the contract's validation end to end. */
export const PingRequestSchema = z.strictObject({ message: z.string().min(1).max(200) })

/** True for a well-formed https: URL, the only kind of link that may leave the app (checklist #15). */
export function isHttpsUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:'
  } catch {
    return false
  }
}

/** A link to open in the user's browser; main's handler checks again before opening it. */
export const OpenExternalRequestSchema = z.strictObject({
  url: z
    .string()
    .max(2048)
    .refine((url) => externalLinkUrl(url) !== null, 'Only https:// links to the sites Call Review links to open outside Call Review.')
})

export const appChannels = {
  'app:info': { request: z.strictObject({}), response: AppInfoSchema },
  'app:ping': { request: PingRequestSchema, response: z.object({ echo: z.string() }) },
  /** Sent only by ExternalLink's click handler: window.open and navigation are always denied. */
  'app:openExternal': { request: OpenExternalRequestSchema, response: z.object({}) }
} as const satisfies ChannelMap
