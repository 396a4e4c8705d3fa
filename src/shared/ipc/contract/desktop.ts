/**
 * The desktop shell around the page: the application menu's commands that the renderer carries
 * out (src/main/services/app-menu.ts builds the menu), and whether a QA session is open, which
 * main's update policy waits on before it asks to restart.
 */
import { z } from 'zod'
import type { ChannelMap, EventMap } from './types'
import { MENU_COMMANDS } from './values'

export { MENU_COMMANDS, isMenuCommand } from './values'
export type { MenuCommand } from './values'
export const MenuCommandSchema = z.object({ command: z.enum(MENU_COMMANDS) })

export const desktopChannels = {
  /** The renderer says when a QA session opens or closes; an update never interrupts one. */
  'app:qaSessionActive': { request: z.strictObject({ active: z.boolean() }), response: z.object({}) }
} as const satisfies ChannelMap

export const desktopEvents = {
  'menu:command': MenuCommandSchema
} as const satisfies EventMap
