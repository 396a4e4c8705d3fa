/**
 * The call list: rows of the applied query, fetched a page (200) at a time as the list scrolls
 * to them, with the API's total, which row is highlighted and which call is open.
 *
 * Stale-while-revalidate: each page is asked of the local library first and shown at
 * once, then of the API, which replaces it. When the API cannot be reached the cached rows stay
 * and the list says it is offline and how old its data is — never an empty screen when data
 * exists. Full-text search is answered by the library alone. An 'unauthorized' answer sends
 * the app back to sign-in (the filters are saved in prefs, so they survive it).
 */
import { create } from 'zustand'
import type { AppErrorInfo } from '@shared/errors'
import type { RecordIssue } from '@shared/convirza/schemas'
import { MAX_LIMIT } from '@shared/convirza/query'
import type { CallListItem, CallListPage } from '@shared/ipc/contract'
import { MAX_SESSION_CALLS } from '@shared/ipc/contract/values'
import { call } from '../lib/api'
import { cacheThenNetwork } from '../lib/cache-then-network'
import { reportIfUnauthorized } from './auth-store'
import { usePrefsStore } from './prefs-store'
import {
  clickSelection,
  collapseSelection,
  EMPTY_SELECTION,
  extendSelection,
  rangeHasGaps,
  selectAllLoaded,
  selectedInListOrder,
  selectOnly,
  type CallSelection,
  type SelectModifiers
} from './call-selection'
import { isLibraryOnly, unsortedKey, type AppliedQuery } from '../lib/call-query'
import { firstListAnswered } from '../lib/first-list'

export const PAGE_SIZE = MAX_LIMIT

export type PageStatus = 'loading' | 'ready' | 'error'

export interface PageState {
  status: PageStatus
  /** Which answer the rows of this page came from last. */
  source: 'cache' | 'network' | null
  /** The API is being asked for this page while the library's copy shows. */
  revalidating: boolean
  error: AppErrorInfo | null
}

/** The list before any answer: no rows, no total, nothing fetched (a fresh object each time). */
function noRows(): Pick<
  CallsStore,
  'rows' | 'total' | 'networkTotal' | 'pages' | 'fetchedAt' | 'source' | 'offline' | 'notDownloaded' | 'issues' | 'activeIndex'
> {
  return {
    rows: [],
    total: null,
    networkTotal: null,
    pages: {},
    fetchedAt: null,
    source: null,
    offline: null,
    notDownloaded: null,
    issues: [],
    activeIndex: -1
  }
}

/** Kinds that mean "the API could not be reached", as opposed to "the API said no". */
const OFFLINE_KINDS = new Set(['network', 'timeout'])

interface CallsStore {
  applied: AppliedQuery | null
  /** One slot per row of the total; null until its page arrives. */
  rows: (CallListItem | null)[]
  /** The total the list shows; null until the first answer. */
  total: number | null
  /** The API's own total for this query, once it has answered. */
  networkTotal: number | null
  pages: Record<number, PageState>
  /** When the rows on screen were fetched from the API (ISO), or the cached copy's time. */
  fetchedAt: string | null
  /** Whether the latest rows come from the API or only from the library. */
  source: 'cache' | 'network' | null
  /** Set when the API could not be reached and the list shows cached rows. */
  offline: { dataFrom: string | null; error: AppErrorInfo } | null
  /**
   * A search that found nothing: how many calls of the filters' range the API has that the
   * library does not (so search cannot see them). Null until known, or when the API cannot say.
   */
  notDownloaded: number | null
  /** Records the client refused on the pages seen so far (reported, not fatal). */
  issues: RecordIssue[]
  /** The row the keyboard is on (index into rows); -1 for none. */
  activeIndex: number
  /** The call open in the review pane: the row last clicked or opened. */
  selectedCallId: number | null
  /**
   * The calls picked (call-selection.ts), for a QA session over them. A plain click or Enter
   * makes it the open call alone; Ctrl/Cmd+click, Shift+click and Shift+arrows widen it.
   */
  selection: CallSelection
  /** Show these results (a new query, or the same filters applied again, starts from its first page). */
  show: (applied: AppliedQuery) => void
  /** Make sure the pages covering rows [first, last] are loaded or loading. */
  ensureRows: (first: number, last: number) => void
  /** Ask again for a page that failed, or for everything (offline banner "Retry"). */
  retryPage: (page: number) => void
  refresh: () => void
  /**
   * Read the loaded rows' local status (reviewed, recording offline) again from the library
   * and patch it into the rows in place: after an offline job or a QA session changed it, the
   * icons follow without a refetch from the API or a jump in the list.
   */
  refreshRowStatus: () => Promise<void>
  /** Forget the rows and the selection (the screen closed; another profile may come next). */
  reset: () => void
  setActive: (index: number) => void
  /** Open the call at a row (loading its page first if needed). */
  selectIndex: (index: number) => void
  /** Open the next (+1) or previous (-1) call. */
  selectRelative: (delta: 1 | -1) => void
  /** A click on a row: plain selects and opens it alone; Ctrl/Cmd toggles it, Shift selects the run from the anchor; the clicked call opens. */
  clickRow: (index: number, modifiers: SelectModifiers) => void
  /** Shift+arrow keys: move the highlight to `index` and select the run from the anchor to it. */
  extendTo: (index: number) => void
  /** Ctrl/Cmd+A: select every loaded row. */
  selectAll: () => void
  /** Escape: back to the open call alone. */
  clearSelection: () => void
  /** The selected calls in the list's order. */
  selectedCallIds: () => number[]
  /** The list's share of the screen's width (prefs 'splitRatio'). */
  splitRatio: number
  loadLayout: () => Promise<void>
  /** Resize the split; `save` once the drag ends. */
  setSplitRatio: (ratio: number, save: boolean) => void
}

export const DEFAULT_SPLIT_RATIO = 0.56
export const MIN_SPLIT_RATIO = 0.25
export const MAX_SPLIT_RATIO = 0.75

/** Which row's call to open once its page arrives (J past the loaded rows). */
let pendingSelect: number | null = null
/** Answers for an older query are dropped. */
let generation = 0
/**
 * A Shift range that ran over rows not loaded yet: their pages are fetched and their calls
 * join the selection as they arrive. Longer than a session can hold, the range is not fetched.
 */
let rangeFill: { from: number; to: number } | null = null

function clampRatio(ratio: number): number {
  return Math.min(MAX_SPLIT_RATIO, Math.max(MIN_SPLIT_RATIO, ratio))
}

/** A copy of `rows` of length `total`, new slots empty: one allocation, not a push per row. */
function resize(rows: (CallListItem | null)[], total: number): (CallListItem | null)[] {
  if (rows.length >= total) return rows.slice(0, total)
  const next = rows.slice()
  next.length = total
  return next.fill(null, rows.length)
}

export const useCallsStore = create<CallsStore>((set, get) => {
  const setPage = (page: number, patch: Partial<PageState>): void => {
    set((s) => ({
      pages: { ...s.pages, [page]: { status: 'loading', source: null, revalidating: false, error: null, ...s.pages[page], ...patch } }
    }))
  }

  const applyAnswer = (page: number, answer: CallListPage): void => {
    set((s) => {
      // Once the API has given its total, the library's (it holds only what was fetched) must
      // not shrink the list: a cached page then only fills rows.
      const fromApi = answer.source === 'network' || (s.applied !== null && isLibraryOnly(s.applied))
      const trusted = fromApi || s.networkTotal === null
      const total = trusted ? answer.total : (s.networkTotal ?? answer.total)
      const rows = resize(s.rows, total)
      // A live account shifts its offsets between pages (calls logged late, calls deleted): the
      // same call may come back at another row, and rows of other pages may now be a call off.
      // A call is shown once, at the row this newest answer gives it, and the other pages are
      // asked for again as they come into view, so nothing is shown twice or skipped.
      const arriving = new Set(answer.items.map((item) => item.callId))
      const pageEnd = answer.offset + answer.items.length
      const stalePages = new Set<number>()
      rows.forEach((row, index) => {
        if (row && arriving.has(row.callId) && (index < answer.offset || index >= pageEnd)) {
          rows[index] = null
          stalePages.add(Math.floor(index / PAGE_SIZE))
        }
      })
      answer.items.forEach((item, i) => {
        const index = answer.offset + i
        if (index < rows.length) rows[index] = item
      })
      const shifted = answer.source === 'network' && s.networkTotal !== null && answer.total !== s.networkTotal
      const pages = { ...s.pages }
      for (const key of Object.keys(pages)) {
        const other = Number(key)
        if (other !== page && (shifted || stalePages.has(other))) delete pages[other]
      }
      let selection = s.selection
      if (rangeFill) {
        const { from, to } = rangeFill
        const joining = answer.items.filter((_, i) => answer.offset + i >= from && answer.offset + i <= to).map((item) => item.callId)
        if (joining.length > 0) selection = { ...selection, ids: new Set([...selection.ids, ...joining]) }
      }
      const known = new Set(s.issues.map((issue) => `${String(issue.callId)}:${issue.path}`))
      const issues = [...s.issues, ...answer.issues.filter((issue) => !known.has(`${String(issue.callId)}:${issue.path}`))]
      return {
        rows,
        total,
        networkTotal: answer.source === 'network' ? answer.total : s.networkTotal,
        ...(trusted ? { fetchedAt: answer.fetchedAt ?? s.fetchedAt, source: answer.source } : {}),
        issues,
        selection,
        pages: {
          ...pages,
          [page]: {
            status: 'ready',
            source: answer.source,
            revalidating: answer.source === 'cache' && s.applied !== null && !isLibraryOnly(s.applied),
            error: null
          }
        }
      }
    })
    if (pendingSelect !== null) {
      const row = get().rows[pendingSelect]
      if (row) {
        set({ selectedCallId: row.callId, activeIndex: pendingSelect, selection: selectOnly(get().rows, pendingSelect) })
        pendingSelect = null
      }
    }
  }

  const loadPage = async (page: number, gen: number): Promise<void> => {
    const applied = get().applied
    if (!applied) return
    const libraryOnly = isLibraryOnly(applied)
    setPage(page, { status: 'loading', error: null, revalidating: !libraryOnly })
    const request = {
      query: { ...applied.query, offset: page * PAGE_SIZE, limit: PAGE_SIZE },
      ...(applied.text ? { text: applied.text } : {}),
      ...(applied.sort ? { sort: applied.sort } : {}),
      ...(applied.local ? { local: applied.local } : {})
    }
    await cacheThenNetwork<CallListPage>({
      cache: () => call('calls:list', { ...request, source: 'cache' }),
      network: libraryOnly ? null : () => call('calls:list', { ...request, source: 'network' }),
      isCurrent: () => gen === generation,
      onCache: (cached) => {
        // What the first screen put off may start now (lib/first-list.ts).
        firstListAnswered()
        // An empty library says nothing yet about the API's answer: keep the skeleton until it comes.
        if (cached.items.length > 0 || libraryOnly || get().total !== null) applyAnswer(page, cached)
        // A search (it looks through the library only), or a list the library sorts or filters by
        // itself, says how many calls of the range it could not see because they are not downloaded.
        if (page === 0 && (applied.text || libraryOnly)) void countNotDownloaded(applied, gen)
      },
      onCacheError: (info) => {
        firstListAnswered()
        reportIfUnauthorized(info)
        if (libraryOnly) setPage(page, { status: 'error', revalidating: false, error: info })
      },
      onNetwork: (fresh) => {
        // The API answered before the library (whose answer is then dropped): the same news.
        firstListAnswered()
        applyAnswer(page, fresh)
        set({ offline: null })
      },
      onNetworkError: (info, cached) => {
        reportIfUnauthorized(info)
        const hasCachedRows = cached !== null && cached.items.length > 0
        if (OFFLINE_KINDS.has(info.kind) && hasCachedRows) {
          set((s) => ({ offline: { dataFrom: cached.fetchedAt ?? s.offline?.dataFrom ?? null, error: info } }))
          setPage(page, { status: 'ready', source: 'cache', revalidating: false, error: null })
        } else if (OFFLINE_KINDS.has(info.kind) && get().total !== null && page > 0) {
          set((s) => ({ offline: { dataFrom: s.offline?.dataFrom ?? s.fetchedAt, error: info } }))
          setPage(page, { status: 'error', revalidating: false, error: info })
        } else if (get().pages[page]?.status === 'ready') {
          // The library's rows stay; the refusal is shown over them.
          setPage(page, { revalidating: false, error: info })
        } else {
          setPage(page, { status: 'error', revalidating: false, error: info })
        }
      }
    })
  }

  /** Compare the library's count for the filters (without the text) with the API's. */
  const countNotDownloaded = async (applied: AppliedQuery, gen: number): Promise<void> => {
    const query = { ...applied.query, offset: 0, limit: 1 }
    try {
      const [library, api] = await Promise.all([call('calls:list', { query, source: 'cache' }), call('calls:list', { query, source: 'network' })])
      if (gen === generation) set({ notDownloaded: Math.max(0, api.total - library.total) })
    } catch {
      // Offline or refused: the empty state then says only what the library holds.
    }
  }

  /** Fetch the rows a Shift range covers that have not arrived, if the range is not too long. */
  const fillRange = (from: number, to: number): void => {
    rangeFill = null
    const { rows } = get()
    if (Math.abs(to - from) >= MAX_SESSION_CALLS || !rangeHasGaps(rows, from, to)) return
    rangeFill = { from: Math.min(from, to), to: Math.max(from, to) }
    get().ensureRows(rangeFill.from, rangeFill.to)
  }

  const startQuery = (applied: AppliedQuery): void => {
    generation += 1
    pendingSelect = null
    rangeFill = null
    const { applied: before, total } = get()
    // Only the order changed: the same calls, so the list keeps its length with every row a
    // placeholder until its page comes. The grid stays as it is (100,000 rows are not laid out
    // again) and scrolls to the top (CallGrid); otherwise, and for a refresh of the same query
    // (whose rows in view must be asked again), the list starts over with a skeleton.
    const reordered = before !== null && total !== null && total > 0 && before.key !== applied.key && unsortedKey(before) === unsortedKey(applied)
    set({ applied, ...noRows(), ...(reordered ? { total, rows: resize([], total) } : {}), selection: EMPTY_SELECTION })
    void loadPage(0, generation)
  }

  return {
    applied: null,
    ...noRows(),
    selectedCallId: null,
    selection: EMPTY_SELECTION,
    show: (applied) => {
      // The same object again (the screen remounted) keeps the rows; a new one is a new query.
      if (get().applied === applied) return
      startQuery(applied)
    },
    ensureRows: (first, last) => {
      const { total, pages } = get()
      if (total === null || total === 0) return
      const lastRow = Math.min(last, total - 1)
      for (let page = Math.floor(Math.max(0, first) / PAGE_SIZE); page <= Math.floor(lastRow / PAGE_SIZE); page += 1) {
        if (!pages[page]) void loadPage(page, generation)
      }
    },
    retryPage: (page) => void loadPage(page, generation),
    refresh: () => {
      const applied = get().applied
      if (applied) startQuery(applied)
    },
    refreshRowStatus: async () => {
      const { applied, pages } = get()
      if (!applied) return
      const gen = generation
      const loaded = Object.keys(pages).map(Number)
      const answers = await Promise.all(
        loaded.map((page) =>
          call('calls:list', {
            query: { ...applied.query, offset: page * PAGE_SIZE, limit: PAGE_SIZE },
            ...(applied.text ? { text: applied.text } : {}),
            source: 'cache'
          }).catch((error: unknown) => {
            // Only the icons stay as they were; the rows and the user's work are untouched.
            console.warn("Reading the rows' status from the library failed", error)
            return null
          })
        )
      )
      if (gen !== generation) return
      const status = new Map<number, Pick<CallListItem, 'reviewed' | 'recordingOffline' | 'transcriptOffline'>>()
      for (const answer of answers) for (const item of answer?.items ?? []) status.set(item.callId, item)
      set((s) => {
        let changed = false
        const rows = s.rows.map((row) => {
          const next = row ? status.get(row.callId) : undefined
          if (!row || !next) return row
          if (row.reviewed === next.reviewed && row.recordingOffline === next.recordingOffline && row.transcriptOffline === next.transcriptOffline)
            return row
          changed = true
          return { ...row, reviewed: next.reviewed, recordingOffline: next.recordingOffline, transcriptOffline: next.transcriptOffline }
        })
        return changed ? { rows } : {}
      })
    },
    reset: () => {
      generation += 1
      pendingSelect = null
      rangeFill = null
      set({ applied: null, ...noRows(), selectedCallId: null, selection: EMPTY_SELECTION })
    },
    setActive: (index) => {
      const total = get().rows.length
      if (total === 0) return
      set({ activeIndex: Math.max(0, Math.min(total - 1, index)) })
    },
    selectIndex: (index) => {
      const { rows } = get()
      if (index < 0 || index >= rows.length) return
      const row = rows[index]
      rangeFill = null
      if (row) {
        pendingSelect = null
        set({ activeIndex: index, selectedCallId: row.callId, selection: selectOnly(rows, index) })
      } else {
        pendingSelect = index
        set({ activeIndex: index, selection: selectOnly(rows, index) })
        get().ensureRows(index, index)
      }
    },
    selectRelative: (delta) => {
      const { rows, selectedCallId, activeIndex } = get()
      if (rows.length === 0) return
      const selectedIndex =
        selectedCallId === null
          ? -1
          : rows[activeIndex]?.callId === selectedCallId
            ? activeIndex
            : rows.findIndex((row) => row?.callId === selectedCallId)
      // No call open: J (or K) opens the highlighted row (the grid highlights its first row when
      // Tab reaches it), else the first; with one open, the one after (or before) it.
      const next = selectedIndex >= 0 ? selectedIndex + delta : Math.max(0, activeIndex)
      if (next < 0 || next >= rows.length) return
      get().selectIndex(next)
    },
    clickRow: (index, modifiers) => {
      if (!modifiers.toggle && !modifiers.range) return get().selectIndex(index)
      const { rows, selection } = get()
      if (index < 0 || index >= rows.length) return
      pendingSelect = null
      const next = clickSelection(selection, rows, index, modifiers)
      const row = rows[index]
      set({ activeIndex: index, selection: next, ...(row ? { selectedCallId: row.callId } : {}) })
      if (modifiers.range) fillRange(next.anchor, index)
      else rangeFill = null
    },
    extendTo: (index) => {
      const { rows, selection, activeIndex } = get()
      if (rows.length === 0) return
      const to = Math.max(0, Math.min(rows.length - 1, index))
      const next = extendSelection(selection, rows, activeIndex, to)
      set({ activeIndex: to, selection: next })
      fillRange(next.anchor, to)
    },
    selectAll: () => {
      rangeFill = null
      set((s) => ({ selection: selectAllLoaded(s.selection, s.rows) }))
    },
    clearSelection: () => {
      rangeFill = null
      set((s) => ({ selection: collapseSelection(s.selection, s.rows, s.selectedCallId) }))
    },
    selectedCallIds: () => selectedInListOrder(get().rows, get().selection.ids),
    splitRatio: DEFAULT_SPLIT_RATIO,
    loadLayout: async () => {
      const { splitRatio } = await usePrefsStore.getState().load()
      // A profile that never chose one has the default, whatever the last profile chose.
      set({ splitRatio: splitRatio === undefined ? DEFAULT_SPLIT_RATIO : clampRatio(splitRatio) })
    },
    setSplitRatio: (ratio, save) => {
      const splitRatio = clampRatio(ratio)
      set({ splitRatio })
      if (save) usePrefsStore.getState().save({ splitRatio }, 'the layout')
    }
  }
})
