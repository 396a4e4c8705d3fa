/**
 * Checks that an offset-paged listing of a date range adds up, and closes the gaps when it does
 * not (docs/decisions/offset-paging-is-checked.md). A live account changes while it is paged:
 * a call logged late lands inside pages already read and pushes every later offset down (a call
 * is read twice, the newcomer never), a deleted call pulls them up (one is never read), and a
 * server may answer short or capped pages. The listing's own answers say when that happened
 * (totals that move, duplicates, short pages, a count that differs from the latest total), but
 * not where; this module finds where by comparing, window by window of `call_started`, how many
 * calls the server holds now with how many the listing kept, and re-lists only the windows that
 * differ. The API accepts any start/end inside the 31-day limit, so a window can be split until
 * each piece fits one page and is read whole in one answer.
 */
import { AppError } from '@shared/errors'
import type { CallRecord, RecordIssue } from '@shared/convirza/schemas'

/** `start` inclusive, `end` exclusive, as the list endpoint filters `call_started`. */
export interface TimeWindow {
  start: string
  end: string
}

/** One answer of the list endpoint for a window, as the reconciliation needs it. */
export interface WindowPage {
  total: number
  calls: readonly CallRecord[]
  /** Records refused (no usable call_id): they count in `total` but have nothing to keep. */
  issues: readonly RecordIssue[]
  degraded: readonly RecordIssue[]
}

export type FetchWindowPage = (window: TimeWindow, offset: number, limit: number, signal: AbortSignal | undefined) => Promise<WindowPage>

/** What a listing pass saw that says whether its offsets held. */
export interface PassSignals {
  /** Every answered page's `total`, in the order the requests were sent (the order the server saw them). */
  totals: number[]
  /** Calls read more than once: offsets shifted down under the listing. */
  duplicates: number
  /** Pages before the last that held fewer records than asked for (short or capped pages). */
  shortPages: number
  /** Records the pass refused, which the server's total still counts. */
  refused: number
}

export interface Reconciliation {
  /** Calls read again (new or changed) to keep, beside what the pass kept. */
  upserts: CallRecord[]
  /** Calls the pass kept that the server no longer has in the range. */
  removed: number[]
  /** The server's total for the range at the end. */
  serverTotal: number
  /** Calls of the range the reconciliation holds at the end (kept + refused = serverTotal when complete). */
  kept: number
  refused: RecordIssue[]
  degraded: RecordIssue[]
  /** Requests the check and the gap closing made (the listing's own pages not counted). */
  requests: number
  complete: boolean
  /** Why the listing needed closing, for logs and the sync summary; null when it added up at once. */
  reason: string | null
}

export interface ReconcileOptions {
  range: TimeWindow
  /** What the pass kept: call id → call_started in ms. Updated in place to the final set. */
  local: Map<number, number>
  signals: PassSignals
  fetch: FetchWindowPage
  /** Records the server answers per page (the smaller of the limit asked and any cap seen). */
  pageSize: number
  concurrency: number
  signal?: AbortSignal | undefined
  /** Passes over the windows before giving up on a range that will not hold still. Default 4. */
  maxRounds?: number
}

/**
 * How many pieces an oversized window is cut into at once. Each level of cutting costs one wait
 * per `concurrency` requests, so the pieces are a small multiple of the concurrency: with two
 * requests at a time, eight pieces cost four waits a level where four pieces cost two, for about
 * the same number of levels. Never fewer than two, never more than eight.
 */
function fanOut(concurrency: number): number {
  return Math.min(8, Math.max(2, 2 * concurrency))
}

/** What the pass's answers say about whether its offsets held; null when they did. */
export function passAnomaly(signals: PassSignals, kept: number, latestTotal: number): string | null {
  const reasons: string[] = []
  if (signals.totals.some((t) => t !== latestTotal)) reasons.push('the number of calls changed while the pages were read')
  if (signals.duplicates > 0) reasons.push(`${signals.duplicates} call${signals.duplicates === 1 ? ' was' : 's were'} read twice`)
  if (signals.shortPages > 0) reasons.push(`${signals.shortPages} page${signals.shortPages === 1 ? ' was' : 's were'} shorter than asked`)
  if (reasons.length === 0 && kept + signals.refused !== latestTotal) reasons.push(`${kept + signals.refused} of ${latestTotal} calls were read`)
  return reasons.length ? reasons.join('; ') : null
}

/** At most `limit` requests at once across the whole reconciliation. */
function limiter(limit: number): <T>(run: () => Promise<T>) => Promise<T> {
  let active = 0
  const waiting: (() => void)[] = []
  return async (run) => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve))
    active++
    try {
      return await run()
    } finally {
      active--
      waiting.shift()?.()
    }
  }
}

/**
 * Make `local` equal the server's calls of the range, reading as little as possible again.
 * A window whose count matches what the pass kept is taken as read; one that differs is split at
 * the kept calls' start times until a piece fits one page, which is then read whole. Deletions
 * are the exception: a deleted call lets a neighbour slip past the pages unseen, leaving the
 * counts equal, so a range whose total ever went down is read again whole, window by window.
 */
export async function reconcileRange(o: ReconcileOptions): Promise<Reconciliation> {
  const limit = limiter(Math.max(1, o.concurrency))
  const pieces = fanOut(Math.max(1, o.concurrency))
  const pageSize = Math.max(1, o.pageSize)
  const upserts = new Map<number, CallRecord>()
  const removed = new Set<number>()
  /** Refused records by the window they were read in, so a window read again replaces its own. */
  const refused: { at: number; issue: RecordIssue }[] = []
  const degraded: RecordIssue[] = []
  let requests = 0
  const fetch = (window: TimeWindow, offset: number, size: number): Promise<WindowPage> =>
    limit(() => {
      if (o.signal?.aborted) throw new AppError('cancelled', 'Loading calls was cancelled.')
      requests++
      return o.fetch(window, offset, size, o.signal)
    })
  const countOf = async (window: TimeWindow): Promise<number> => (await fetch(window, 0, 1)).total

  const startMs = Date.parse(o.range.start)
  const endMs = Date.parse(o.range.end)
  const inWindow = (a: number, b: number): number[] => [...o.local].filter(([, t]) => t >= a && t < b).map(([id]) => id)

  /** Replace what is kept in [a, b) with what the server answered for it. */
  const replace = (a: number, b: number, calls: readonly CallRecord[], issues: readonly RecordIssue[], notes: readonly RecordIssue[]): void => {
    const answered = new Set(calls.map((c) => c.call_id))
    for (const id of inWindow(a, b))
      if (!answered.has(id)) {
        o.local.delete(id)
        upserts.delete(id)
        removed.add(id)
      }
    for (const call of calls) {
      o.local.set(call.call_id, startedMs(call, a))
      upserts.set(call.call_id, call)
      removed.delete(call.call_id)
    }
    for (let i = refused.length - 1; i >= 0; i--)
      if ((refused[i] as { at: number }).at >= a && (refused[i] as { at: number }).at < b) refused.splice(i, 1)
    for (const issue of issues) refused.push({ at: a, issue })
    degraded.push(...notes)
  }

  /** Every page of a window, read until its pages agree with each other. */
  const readWhole = async (a: number, b: number, first?: WindowPage): Promise<void> => {
    const window = toWindow(a, b)
    for (let attempt = 0; attempt < 3; attempt++) {
      const head = attempt === 0 && first ? first : await fetch(window, 0, pageSize)
      const rest = await Promise.all(
        Array.from({ length: Math.max(0, Math.ceil(head.total / pageSize) - 1) }, (_, i) => fetch(window, (i + 1) * pageSize, pageSize))
      )
      const pages = [head, ...rest]
      const calls = new Map<number, CallRecord>()
      for (const page of pages) for (const call of page.calls) calls.set(call.call_id, call)
      const issues = pages.flatMap((p) => p.issues)
      const steady = pages.every((p) => p.total === head.total) && calls.size + issues.length === head.total
      if (steady || attempt === 2) {
        replace(
          a,
          b,
          [...calls.values()],
          issues,
          pages.flatMap((p) => p.degraded)
        )
        return
      }
    }
  }

  /**
   * Make [a, b) match the server. Looking for late arrivals (not `deep`), a window is first
   * counted (a one-record request; `known` when its total is already in hand) and only one whose
   * count differs is read or cut: a window that holds still costs no records. A `deep` search
   * (deletions possible) reads every window, since equal counts can hide a swap.
   */
  const settle = async (a: number, b: number, deep: boolean, known?: number): Promise<void> => {
    const window = toWindow(a, b)
    const kept = inWindow(a, b).length
    let total: number
    let head: WindowPage | undefined
    if (deep) {
      head = await fetch(window, 0, pageSize)
      total = head.total
      if (head.calls.length + head.issues.length >= head.total) return replace(a, b, head.calls, head.issues, head.degraded)
    } else if (known === undefined && kept < pageSize) {
      // A window that should fit one page is read rather than counted: the answer takes as long
      // either way, and reading it spares the second wait of reading it after a count that differs.
      head = await fetch(window, 0, pageSize)
      total = head.total
      if (head.calls.length + head.issues.length >= head.total) {
        if (total !== kept || head.calls.some((c) => !o.local.has(c.call_id))) replace(a, b, head.calls, head.issues, head.degraded)
        return
      }
    } else {
      total = known ?? (await countOf(window))
      if (total === kept) return
      if (total <= pageSize) return readWhole(a, b)
    }
    const cuts = cutPoints(
      a,
      b,
      [...o.local.values()].filter((t) => t >= a && t < b),
      Math.min(pieces, Math.ceil(total / pageSize))
    )
    if (cuts.length === 0) return readWhole(a, b, head)
    const edges = [a, ...cuts, b]
    await Promise.all(edges.slice(1).map((edge, i) => settle(edges[i] as number, edge, deep)))
  }

  // A pass whose pages all agree is a snapshot of the range as it stood: no request is spent to
  // check it. One that does not, or a run with no pages to judge by, asks for the latest total.
  const lastSeen = o.signals.totals.at(-1)
  if (lastSeen !== undefined && passAnomaly(o.signals, o.local.size, lastSeen) === null)
    return {
      upserts: [],
      removed: [],
      serverTotal: lastSeen,
      kept: o.local.size,
      refused: [],
      degraded: [],
      requests: 0,
      complete: true,
      reason: null
    }
  // The latest total. When the pass's own answers already say it does not add up, a range larger
  // than a page is counted in the pieces the first round cuts it into (their sum is the total), so
  // that round starts one wait sooner than after a count of the whole range and then of its
  // pieces. A run with no pages to judge by (a resumed one) most likely adds up: one count says so.
  const firstPieces = lastSeen === undefined ? 1 : Math.min(pieces, Math.ceil(Math.max(o.local.size, lastSeen) / pageSize))
  const firstEdges = firstPieces > 1 ? [startMs, ...cutPoints(startMs, endMs, [...o.local.values()], firstPieces), endMs] : [startMs, endMs]
  const firstCounts = await Promise.all(firstEdges.slice(1).map((edge, i) => countOf(toWindow(firstEdges[i] as number, edge))))
  let latest = firstCounts.reduce((sum, n) => sum + n, 0)
  const reason = passAnomaly(o.signals, o.local.size, latest)
  let complete = reason === null
  // A total that went down may hide a deletion behind an insert: read deep.
  let decreased = o.signals.totals.some((t, i) => i > 0 && t < (o.signals.totals[i - 1] as number)) || o.signals.totals.some((t) => t > latest)
  for (let round = 0; !complete && round < (o.maxRounds ?? 4); round++) {
    const before = latest
    if (round === 0 && !decreased)
      await Promise.all(firstEdges.slice(1).map((edge, i) => settle(firstEdges[i] as number, edge, false, firstCounts[i])))
    else await settle(startMs, endMs, decreased, latest)
    latest = await countOf(o.range)
    complete = latest === before && o.local.size + refused.length === latest
    // A total that fell while the gaps were closed may have hidden a deletion behind an insert.
    if (latest < before) decreased = true
  }
  return {
    upserts: [...upserts.values()],
    removed: [...removed],
    serverTotal: latest,
    kept: o.local.size,
    refused: refused.map((r) => r.issue),
    degraded,
    requests,
    complete,
    reason
  }
}

function toWindow(a: number, b: number): TimeWindow {
  return { start: new Date(a).toISOString(), end: new Date(b).toISOString() }
}

function startedMs(call: CallRecord, fallback: number): number {
  const ms = Date.parse(call.call_started)
  return Number.isNaN(ms) ? fallback : ms
}

/**
 * Where to cut [a, b) into about `pieces` windows: at the kept calls' start times, so each piece
 * holds about as many calls; evenly in time when too few calls are kept to say. A cut always
 * falls strictly inside the window, so every piece is smaller than the window it came from.
 */
export function cutPoints(a: number, b: number, times: number[], pieces: number): number[] {
  const n = Math.max(2, pieces)
  const sorted = times.sort((x, y) => x - y)
  const cuts = new Set<number>()
  if (sorted.length >= n) for (let i = 1; i < n; i++) cuts.add(sorted[Math.floor((i * sorted.length) / n)] as number)
  if (cuts.size === 0 || [...cuts].every((c) => c <= a || c >= b)) {
    cuts.clear()
    for (let i = 1; i < n; i++) cuts.add(Math.floor(a + ((b - a) * i) / n))
  }
  return [...cuts].filter((c) => c > a && c < b).sort((x, y) => x - y)
}
