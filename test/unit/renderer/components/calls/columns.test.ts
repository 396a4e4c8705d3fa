/**
 * The call list's column layout: the pure rules (choose, order, resize within limits), prefs'
 * zod limits on what is saved, and the layout surviving a restart (a new PrefsRepository over the
 * same profile folder, read through the renderer's columns store).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PrefsRepository } from '@main/services/prefs/prefs-repository'
import { createPrefsHandlers } from '@main/services/prefs/handlers'
import { ColumnLayoutSchema, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, PrefsSchema, prefsChannels } from '@shared/ipc/contract'
import {
  DEFAULT_COLUMN_LAYOUT,
  columnWidth,
  gridMinWidth,
  gridTemplate,
  moveColumn,
  resizeColumn,
  toggleColumn
} from '@renderer/components/calls/columns'

const dirs: string[] = []
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'window')
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** The renderer's door wired to main's real prefs handlers over a PrefsRepository in `dir`, checked by the contract. */
function installPrefsBridge(dir: string): void {
  const handlers = createPrefsHandlers(new PrefsRepository(() => dir))
  const invoke = (channel: string, payload: unknown): Promise<unknown> => {
    const spec = prefsChannels[channel as keyof typeof prefsChannels]
    const parsed = spec.request.safeParse(payload)
    if (!parsed.success) return Promise.resolve({ ok: false, error: { kind: 'invalid', message: parsed.error.message } })
    const handler = handlers[channel as keyof typeof handlers] as (r: unknown) => unknown
    return Promise.resolve({ ok: true, value: spec.response.parse(handler(parsed.data)) })
  }
  Object.assign(globalThis, { window: { callReview: { invoke, on: () => () => undefined } } })
}

describe('column layout rules', () => {
  it('shows a hidden column at its place in the default order, hides a shown one, and keeps the last one', () => {
    const withTags = toggleColumn(DEFAULT_COLUMN_LAYOUT, 'tags')
    expect(withTags.visible).toEqual(['started', 'caller', 'disposition', 'duration', 'campaign', 'tags', 'status'])
    expect(toggleColumn(withTags, 'caller').visible).not.toContain('caller')
    const one = { visible: ['status' as const], widths: {} }
    expect(toggleColumn(one, 'status')).toBe(one)
  })

  it('moves a column earlier or later and stops at either end', () => {
    expect(moveColumn(DEFAULT_COLUMN_LAYOUT, 'duration', -2).visible.slice(0, 3)).toEqual(['started', 'duration', 'caller'])
    expect(moveColumn(DEFAULT_COLUMN_LAYOUT, 'started', -1)).toBe(DEFAULT_COLUMN_LAYOUT)
    expect(moveColumn(DEFAULT_COLUMN_LAYOUT, 'started', 99).visible.at(-1)).toBe('started')
  })

  it('holds a resized width within the limits prefs accept', () => {
    expect(columnWidth(resizeColumn(DEFAULT_COLUMN_LAYOUT, 'caller', 5), 'caller')).toBe(MIN_COLUMN_WIDTH)
    expect(columnWidth(resizeColumn(DEFAULT_COLUMN_LAYOUT, 'caller', 5000), 'caller')).toBe(MAX_COLUMN_WIDTH)
    expect(columnWidth(resizeColumn(DEFAULT_COLUMN_LAYOUT, 'caller', 150.4), 'caller')).toBe(150)
  })

  it('lays the row out at the chosen widths, the text columns at their default widths sharing the rest', () => {
    const layout = resizeColumn({ visible: ['caller', 'tags'], widths: {} }, 'caller', 200)
    const tags = columnWidth(layout, 'tags')
    expect(gridTemplate(layout)).toBe(`200px minmax(${tags}px, ${tags}fr)`)
    expect(gridMinWidth(layout)).toBe(200 + tags + 8 + 28)
    // The defaults: Caller and Campaign grow in proportion to their widths; Duration, whose
    // default cuts its name, grows to 76 px first; times, dispositions and the status icons keep theirs.
    expect(gridTemplate(DEFAULT_COLUMN_LAYOUT)).toBe(
      DEFAULT_COLUMN_LAYOUT.visible
        .map((key) => {
          const width = columnWidth(DEFAULT_COLUMN_LAYOUT, key)
          if (key === 'duration') return `minmax(${width}px, 76px)`
          return key === 'caller' || key === 'campaign' ? `minmax(${width}px, ${width}fr)` : `${width}px`
        })
        .join(' ')
    )
    // A width the user set is kept exactly, and the least a list needs is the widths' sum.
    const caller = columnWidth(DEFAULT_COLUMN_LAYOUT, 'caller')
    expect(gridTemplate(resizeColumn({ visible: ['duration', 'caller'], widths: {} }, 'duration', 60))).toBe(`60px minmax(${caller}px, ${caller}fr)`)
    expect(gridMinWidth(DEFAULT_COLUMN_LAYOUT)).toBe(
      DEFAULT_COLUMN_LAYOUT.visible.reduce((sum, key) => sum + columnWidth(DEFAULT_COLUMN_LAYOUT, key), 0) + 5 * 8 + 28
    )
  })

  it('gives the rest to the last column when every text column has a width the user set', () => {
    const layout = resizeColumn({ visible: ['started', 'caller', 'status'], widths: {} }, 'caller', 150)
    expect(gridTemplate(layout)).toBe(
      `${columnWidth(layout, 'started')}px 150px minmax(${columnWidth(layout, 'status')}px, ${columnWidth(layout, 'status')}fr)`
    )
  })
})

describe('column layout in prefs', () => {
  it('refuses a layout without columns, with a column twice, or a width out of bounds, saying which', () => {
    expect(ColumnLayoutSchema.safeParse({ visible: [], widths: {} }).error?.issues[0]?.message).toBe('Show at least one column.')
    expect(ColumnLayoutSchema.safeParse({ visible: ['caller', 'caller'], widths: {} }).error?.issues[0]?.message).toBe(
      'Each column can show once only.'
    )
    expect(ColumnLayoutSchema.safeParse({ visible: ['caller'], widths: { caller: 9999 } }).error?.issues[0]?.message).toMatch(/at most 640 px/)
    expect(ColumnLayoutSchema.safeParse({ visible: ['nope'], widths: {} }).success).toBe(false)
    expect(PrefsSchema.safeParse({ columns: { visible: ['caller'], widths: { caller: 10 } } }).success).toBe(false)
  })

  it('keeps the chosen columns, order and widths across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'columns-'))
    dirs.push(dir)
    installPrefsBridge(dir)
    const { useColumnsStore } = await import('@renderer/stores/columns-store')
    const { usePrefsStore } = await import('@renderer/stores/prefs-store')
    await useColumnsStore.getState().load()
    expect(useColumnsStore.getState().layout).toEqual(DEFAULT_COLUMN_LAYOUT)
    useColumnsStore.getState().toggle('tags')
    useColumnsStore.getState().move('status', -10)
    useColumnsStore.getState().resize('caller', 90, false)
    useColumnsStore.getState().resize('caller', 180)
    const shaped = useColumnsStore.getState().layout
    await new Promise((resolve) => setTimeout(resolve, 10))

    // A restart: new services over the same folder, a renderer that has read nothing yet.
    usePrefsStore.getState().forget()
    useColumnsStore.setState({ layout: DEFAULT_COLUMN_LAYOUT })
    installPrefsBridge(dir)
    await useColumnsStore.getState().load()
    expect(useColumnsStore.getState().layout.visible[0]).toBe('status')
    expect(useColumnsStore.getState().layout.visible).toContain('tags')
    expect(columnWidth(useColumnsStore.getState().layout, 'caller')).toBe(180)
    expect(new PrefsRepository(() => dir).get().columns).toEqual(shaped)
  })
})
