/**
 * The one IPC contract: channel → zod request schema → zod response schema, and main →
 * renderer events. Main validates every payload against it before a handler runs (see
 * src/main/ipc/dispatcher.ts); the preload exposes exactly these channels; the renderer takes
 * its types from here. Each domain keeps its channels in its own file.
 */
import type { z } from 'zod'
import { appChannels } from './app'
import { audioChannels } from './audio'
import { authChannels, authEvents } from './auth'
import { callsChannels } from './calls'
import { desktopChannels, desktopEvents } from './desktop'
import { libraryChannels, libraryEvents } from './library'
import { prefsChannels } from './prefs'
import { qaChannels } from './qa'
import { qaRecoveryChannels } from './qa-recovery'
import { teamChannels, teamEvents } from './team'
import { teamDashboardChannels } from './team-dashboard'

export const contract = {
  ...appChannels,
  ...audioChannels,
  ...authChannels,
  ...callsChannels,
  ...desktopChannels,
  ...libraryChannels,
  ...prefsChannels,
  ...qaChannels,
  ...qaRecoveryChannels,
  ...teamChannels,
  ...teamDashboardChannels
} as const

export const events = {
  ...authEvents,
  ...desktopEvents,
  ...libraryEvents,
  ...teamEvents
} as const

export type Contract = typeof contract
export type Channel = keyof Contract
export type EventName = keyof typeof events
/** What the renderer passes (defaults may be omitted). */
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>
/** What the handler receives after validation (defaults filled). */
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>
export type EventPayloadOf<E extends EventName> = z.output<(typeof events)[E]>

export const CHANNELS = Object.keys(contract) as Channel[]
export const EVENT_NAMES = Object.keys(events) as EventName[]

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name)
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name)
}

export * from './app'
export * from './audio'
export * from './auth'
export * from './calls'
export * from './desktop'
export * from './library'
export * from './prefs'
export * from './qa'
export * from './qa-recovery'
export * from './team'
export * from './team-dashboard'
export * from './types'
