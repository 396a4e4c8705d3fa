/**
 * The call list's columns as the user shaped them (which show, in what order, how wide), kept
 * per profile in prefs 'columns' so they survive a restart, and saved with each view. The
 * rules themselves are pure (components/calls/columns.ts); this holds the state and saves it.
 */
import { create } from 'zustand'
import type { ColumnLayout } from '@shared/ipc/contract/prefs'
import type { CallColumnKey } from '@shared/ipc/contract/values'
import { DEFAULT_COLUMN_LAYOUT, moveColumn, resizeColumn, sameLayout, toggleColumn } from '../components/calls/columns'
import { usePrefsStore } from './prefs-store'

interface ColumnsStore {
  layout: ColumnLayout
  /** Read the profile's saved columns (the defaults when none are saved). */
  load: () => Promise<void>
  toggle: (key: CallColumnKey) => void
  move: (key: CallColumnKey, by: number) => void
  /** Set a column's width; `save: false` while a drag is under way, true when it ends. */
  resize: (key: CallColumnKey, width: number, save?: boolean) => void
  /** Put a whole layout in place (a saved view's). */
  apply: (layout: ColumnLayout) => void
  reset: () => void
}

export const useColumnsStore = create<ColumnsStore>((set, get) => {
  const change = (layout: ColumnLayout, save = true): void => {
    if (sameLayout(layout, get().layout) && !save) return
    set({ layout })
    if (save) usePrefsStore.getState().save({ columns: layout }, 'the columns')
  }
  return {
    layout: DEFAULT_COLUMN_LAYOUT,
    load: async () => {
      const { columns } = await usePrefsStore.getState().load()
      // They keep the rules: main reads the file with PrefsSchema (one edited by hand into breaking
      // it gives way to its previous copy or the defaults), and the dispatcher checks the answer.
      set({ layout: columns ?? DEFAULT_COLUMN_LAYOUT })
    },
    toggle: (key) => change(toggleColumn(get().layout, key)),
    move: (key, by) => change(moveColumn(get().layout, key, by)),
    resize: (key, width, save = true) => change(resizeColumn(get().layout, key, width), save),
    apply: (layout) => change(layout),
    reset: () => change(DEFAULT_COLUMN_LAYOUT)
  }
})
