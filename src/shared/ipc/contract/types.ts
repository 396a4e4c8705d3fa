import type { z } from 'zod'

/** One IPC channel: the request the renderer sends and the response main returns. */
export interface ChannelSpec {
  request: z.ZodType
  response: z.ZodType
}
export type ChannelMap = Record<string, ChannelSpec>
/** One main → renderer event and its payload. */
export type EventMap = Record<string, z.ZodType>

/** Every channel name carries its domain as a prefix ("calls:list"); the preload refuses others. */
export const CHANNEL_PATTERN = /^[a-z]+:[a-zA-Z]+$/
