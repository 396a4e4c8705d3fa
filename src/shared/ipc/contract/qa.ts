import type { ChannelMap } from './types'

/** QA listening sessions (issue 7) add their channels here. */
export const qaChannels = {} as const satisfies ChannelMap
