/** The main window's size and position, restored on start. */
import { join } from 'node:path'
import { z } from 'zod'
import { readJsonFile, writeJsonFile } from './json-file'
import type { Logger } from './log'

export const WindowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(640),
  height: z.number().int().min(480),
  maximized: z.boolean().default(false)
})
export type WindowState = z.infer<typeof WindowStateSchema>

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1400, height: 900, maximized: false }

/** A damaged file means the default size and a log line, never a window that does not open. */
export function loadWindowState(dataDir: string, log?: Logger): WindowState {
  return readJsonFile(join(dataDir, 'window-state.json'), WindowStateSchema, DEFAULT_WINDOW_STATE, { log })
}

/** Best effort: a full or read-only disk loses only the window's position, and says so in the log. */
export function saveWindowState(dataDir: string, state: WindowState, log?: Logger): void {
  try {
    writeJsonFile(join(dataDir, 'window-state.json'), state)
  } catch (error) {
    log?.warn('window: could not save its size and position', { error })
  }
}

/** A saved position is used only if it is still on one of the displays (a monitor may be gone). */
export function isVisibleOn(state: WindowState, displays: { x: number; y: number; width: number; height: number }[]): boolean {
  if (state.x === undefined || state.y === undefined) return false
  const { x, y } = state
  return displays.some((d) => x >= d.x && y >= d.y && x + 100 <= d.x + d.width && y + 50 <= d.y + d.height)
}
