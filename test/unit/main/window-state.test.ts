import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_WINDOW_STATE, isVisibleOn, loadWindowState, saveWindowState } from '@main/services/window-state'

describe('window state', () => {
  it('restores the size and position saved last time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-'))
    saveWindowState(dir, { x: 10, y: 20, width: 1000, height: 700, maximized: true })
    expect(loadWindowState(dir)).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true })
  })

  it('falls back to the default when nothing or garbage was saved', () => {
    expect(loadWindowState(mkdtempSync(join(tmpdir(), 'ws-')))).toEqual(DEFAULT_WINDOW_STATE)
  })

  it('does not place the window on a display that is gone', () => {
    const displays = [{ x: 0, y: 0, width: 1920, height: 1080 }]
    expect(isVisibleOn({ x: 100, y: 100, width: 800, height: 600, maximized: false }, displays)).toBe(true)
    expect(isVisibleOn({ x: 2500, y: 100, width: 800, height: 600, maximized: false }, displays)).toBe(false)
  })
})
