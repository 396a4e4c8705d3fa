/**
 * The call list's filters as the user is typing them, the query they make (lib/call-query.ts),
 * and the errors that stop a query from being sent, each shown next to the field it names.
 * The filters are saved in prefs so they survive a restart and a return to sign-in.
 */
import { create } from 'zustand'
import type { AppErrorInfo } from '@shared/errors'
import type { GroupNode } from '@shared/convirza/schemas'
import { call, errorInfo } from '../lib/api'
import type { CallChoices } from '@shared/ipc/contract/calls'
import type { SavedView } from '@shared/ipc/contract/prefs'
import { DEFAULT_SORT, MAX_SAVED_VIEWS, type CallSort } from '@shared/ipc/contract/values'
import {
  buildQuery,
  DEFAULT_DRAFT,
  draftToFilters,
  filtersToDraft,
  withSort,
  type AppliedQuery,
  type FilterDraft,
  type FilterField
} from '../lib/call-query'
import { reportIfUnauthorized } from './auth-store'
import { useColumnsStore } from './columns-store'
import { usePrefsStore } from './prefs-store'

interface FiltersStore {
  draft: FilterDraft
  errors: Partial<Record<FilterField, string>>
  /** What the applied custom range leaves out of the days chosen, and why (a clock change). */
  rangeNote: string | null
  /** The last query that passed validation; the list shows its results. Null until prefs are read. */
  applied: AppliedQuery | null
  /** True once the saved filters were read (or could not be). */
  loaded: boolean
  /** Read the saved filters and apply them; once per account (until `forget`), however often asked. */
  load: () => Promise<void>
  /** Change some filters; a valid result is applied at once and saved. */
  update: (patch: Partial<FilterDraft>) => void
  /** The profile's saved views (prefs 'views'), in the order they were saved. */
  views: SavedView[]
  /** The view whose filters and sort are applied and unchanged since; null once anything differs (columns may change). */
  activeViewId: string | null
  /**
   * Save the current filters, sort and columns under a name. A view of that name (in any case)
   * is replaced only when asked (`replace`); null when saved, else why not, and nothing changed.
   */
  saveView: (name: string, options?: { replace?: boolean }) => ViewNameProblem | null
  /** Apply a view's filters, sort and columns (a view saved without columns leaves them as they are). */
  applyView: (id: string) => void
  /** Rename a view; another view's name is refused. Null when renamed, else why not. */
  renameView: (id: string, name: string) => ViewNameProblem | null
  deleteView: (id: string) => void
  /** The list's order; anything but newest first is the library's (the API has one order). */
  sort: CallSort
  setSort: (sort: CallSort) => void
  /** Apply the same filters again with presets recomputed to now ("Refresh"). */
  reapply: () => void
  reset: () => void
  /** The org-unit tree for the group picker (groups:tree); null until it arrives. */
  groups: GroupNode[] | null
  groupsError: AppErrorInfo | null
  loadGroups: () => Promise<void>
  /** The campaigns, routes, agents and tags of the library's calls, for the pickers (calls:choices); null until asked. */
  choices: CallChoices | null
  choicesError: AppErrorInfo | null
  loadChoices: () => Promise<void>
  /**
   * Forget what belongs to the account shown (another profile is next, or sign-in): its applied
   * query, views, groups and choices, and any of their requests still on the way.
   */
  forget: () => void
}

/** Why a view was not saved or renamed: no name, another view's name, or MAX_SAVED_VIEWS already saved. */
export type ViewNameProblem = 'empty' | 'taken' | 'full'

function newViewId(): string {
  return `view-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}

export const useFiltersStore = create<FiltersStore>((set, get) => {
  // Bumped by forget(): an answer for the account shown before is dropped, not shown under the next one.
  let account = 0
  let loading: Promise<void> | null = null
  const apply = (draft: FilterDraft, force: boolean): void => {
    const built = buildQuery(draft, new Date())
    const { errors, rangeNote } = built
    const applied = built.applied && withSort(built.applied, get().sort)
    const current = get().applied
    // Keep showing the last valid results while a field is wrong; the error says why nothing changed.
    if (applied && (force || current?.key !== applied.key)) set({ draft, errors, applied, rangeNote })
    else if (applied) set({ draft, errors, rangeNote })
    else set({ draft, errors })
  }
  const readSaved = async (): Promise<void> => {
    const asked = account
    // Without saved filters the defaults (the last 7 days) apply.
    const prefs = await usePrefsStore.getState().load()
    if (asked !== account) return
    const draft = filtersToDraft(prefs.filters)
    const sort = prefs.sort ?? DEFAULT_SORT
    const views = prefs.views ?? []
    // The filters and sort a view set are still those of the view after a restart: it is the active one.
    const same = (filters: SavedView['filters']): boolean =>
      JSON.stringify(draftToFilters(filtersToDraft(filters))) === JSON.stringify(draftToFilters(draft))
    const active = views.find((v) => same(v.filters) && JSON.stringify(v.sort ?? DEFAULT_SORT) === JSON.stringify(sort))
    set({ loaded: true, sort, views, activeViewId: active?.id ?? null })
    apply(draft, true)
  }
  // Saved at once: each change is one deliberate act (text fields wait for a pause before they
  // commit), and a debounce could lose the last change when the app closes.
  const save = (draft: FilterDraft): void => {
    usePrefsStore.getState().save({ filters: draftToFilters(draft) }, 'the filters')
  }

  return {
    draft: { ...DEFAULT_DRAFT },
    errors: {},
    rangeNote: null,
    applied: null,
    loaded: false,
    load: () => {
      // Once per account: the first screen may have started it before the call screen mounted
      // (main.tsx), and reading again would apply a new query and ask for the list twice.
      loading ??= readSaved()
      return loading
    },
    update: (patch) => {
      const draft = { ...get().draft, ...patch }
      set({ activeViewId: null })
      apply(draft, false)
      save(draft)
    },
    reapply: () => apply(get().draft, true),
    views: [],
    activeViewId: null,
    saveView: (name, options = {}) => {
      const trimmed = name.trim().slice(0, 80)
      if (!trimmed) return 'empty'
      const { draft, sort, views } = get()
      const existing = views.find((v) => v.name.toLowerCase() === trimmed.toLowerCase())
      if (existing && !options.replace) return 'taken'
      // Never make room by dropping a saved view: the user deletes one.
      if (!existing && views.length >= MAX_SAVED_VIEWS) return 'full'
      const columns = useColumnsStore.getState().layout
      const view: SavedView = { id: existing?.id ?? newViewId(), name: trimmed, filters: draftToFilters(draft), sort, columns }
      const next = existing ? views.map((v) => (v.id === existing.id ? view : v)) : [...views, view]
      set({ views: next, activeViewId: view.id })
      usePrefsStore.getState().save({ views: next }, 'the saved views')
      return null
    },
    applyView: (id) => {
      const view = get().views.find((v) => v.id === id)
      if (!view) return
      const draft = filtersToDraft(view.filters)
      const sort = view.sort ?? DEFAULT_SORT
      set({ sort })
      apply(draft, false)
      save(draft)
      usePrefsStore.getState().save({ sort }, 'the sort')
      if (view.columns) useColumnsStore.getState().apply(view.columns)
      set({ activeViewId: id })
    },
    renameView: (id, name) => {
      const trimmed = name.trim().slice(0, 80)
      if (!trimmed) return 'empty'
      if (get().views.some((v) => v.id !== id && v.name.toLowerCase() === trimmed.toLowerCase())) return 'taken'
      const views = get().views.map((v) => (v.id === id ? { ...v, name: trimmed } : v))
      set({ views })
      usePrefsStore.getState().save({ views }, 'the saved views')
      return null
    },
    deleteView: (id) => {
      const views = get().views.filter((v) => v.id !== id)
      set((s) => ({ views, activeViewId: s.activeViewId === id ? null : s.activeViewId }))
      usePrefsStore.getState().save({ views }, 'the saved views')
    },
    sort: DEFAULT_SORT,
    setSort: (sort) => {
      set({ sort, activeViewId: null })
      usePrefsStore.getState().save({ sort }, 'the sort')
      const applied = get().applied
      if (applied) set({ applied: withSort(applied, sort) })
    },
    groups: null,
    groupsError: null,
    loadGroups: async () => {
      const asked = account
      try {
        const groups = await call('groups:tree', {})
        if (asked === account) set({ groups, groupsError: null })
      } catch (error) {
        if (asked !== account) return
        const info = errorInfo(error)
        reportIfUnauthorized(info)
        set({ groupsError: info })
      }
    },
    choices: null,
    choicesError: null,
    loadChoices: async () => {
      const asked = account
      try {
        const choices = await call('calls:choices', {})
        if (asked === account) set({ choices, choicesError: null })
      } catch (error) {
        if (asked !== account) return
        const info = errorInfo(error)
        reportIfUnauthorized(info)
        set({ choicesError: info })
      }
    },
    forget: () => {
      account += 1
      loading = null
      set({ applied: null, loaded: false, views: [], activeViewId: null, groups: null, groupsError: null, choices: null, choicesError: null })
    },
    reset: () => {
      set({ activeViewId: null })
      const draft = { ...DEFAULT_DRAFT }
      apply(draft, false)
      save(draft)
    }
  }
})
