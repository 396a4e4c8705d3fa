import { z } from 'zod'
import type { ChannelMap } from './types'

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** 'electron' in the app, 'harness' in the browser test harness. */
  host: z.enum(['electron', 'harness'])
})
export type AppInfo = z.infer<typeof AppInfoSchema>

/** A small echo used to prove the contract's validation end to end. */
export const PingRequestSchema = z.object({ message: z.string().min(1).max(200) })

export const appChannels = {
  'app:info': { request: z.object({}), response: AppInfoSchema },
  'app:ping': { request: PingRequestSchema, response: z.object({ echo: z.string() }) }
} as const satisfies ChannelMap
