/**
 * The calls domain's IPC handlers: the glue between the API client and the local library.
 * Stale-while-revalidate is driven by the renderer, which asks `source: 'cache'` first (answered
 * at once from the library) and then `source: 'network'` (the API; the result is stored before it
 * is returned). Each answer says which it is and when its data was fetched.
 */
import { AppError } from '@shared/errors'
import { validateCallQuery, type CallQuery, type CallQueryInput } from '@shared/convirza/query'
import { INCLUDE_MODULES, type CallRecord, type CallsPage, type GroupNode } from '@shared/convirza/schemas'
import type { CallDetail, CallListItem, CallListPage, callsChannels } from '@shared/ipc/contract'
import { hasLocalFilters, isDefaultSort, type CallChoices, type SearchHit } from '@shared/ipc/contract/calls'
import type { ListOptions } from '../library/call-list-query'
import { searchHits, searchHitsOffThread } from '../library/search-snippet'
import type { QaHit } from '../qa/qa-search'
import type { DomainHandlers } from '@main/ipc/dispatcher'
import type { Logger } from '../log'
import { toCallListItem } from './list-item'
import { callsExportText } from './calls-export'
import { chooseExportPath, freshExportPath, WrittenExports, writeWhole, type ExportFilesPort } from '../export-files'
import { localTimeZone } from '../qa/export-format'
import { withDiskErrors } from '../disk-errors'

/** What the calls handlers need of the library (src/main/services/library). */
export interface CallsLibraryPort {
  list(query: CallQuery, options: ListOptions): { items: CallListItem[]; total: number; fetchedAt: string | null }
  /** Stored records, for where a search matched. */
  rawRecords(callIds: readonly number[]): Map<number, CallRecord>
  /** The same for a search, read off the main thread (the fields a snippet needs); rawRecords when absent. */
  searchRecords?(callIds: readonly number[]): Promise<Map<number, CallRecord>>
  /**
   * Resolves once every stored call can be found by text (the index is written on its own
   * thread), with the point reached, which list() takes as `indexedUpTo` so as not to wait again.
   */
  whenSearchable(): Promise<number | void>
  get(callId: number): { record: CallRecord; fetchedAt: string; reviewed: boolean; unlistedAt?: string | null } | null
  /** The campaigns, routes, agents and tags of the stored calls. */
  choices(): CallChoices
  /** Store fetched records; the app's port writes them on the library thread (CallLibrary#upsertCallsOffThread). */
  upsertCalls(records: CallRecord[], fetchedAt: string): void | Promise<void>
  /** Store a page of the API's that is answered at once, without waiting for the write; rejects when it could not be stored. */
  storeShown(records: CallRecord[], fetchedAt: string): Promise<void>
  /** Resolves once every page given to storeShown is committed or has failed: reads of what was shown wait for it. */
  whenShownStored(): Promise<void>
  /** Which of these calls have their recording on disk. */
  recordingsOffline(callIds: number[]): Set<number>
}

/** What they need of the API client (src/main/services/convirza/client.ts). */
export interface CallsClientPort {
  /** Takes the query the handler validated, so it is checked once (see isValidatedQuery). */
  listCalls(query: CallQuery, opts?: { retry?: boolean }): Promise<CallsPage & { query: CallQuery }>
  getCall(callId: number, include?: (typeof INCLUDE_MODULES)[number][]): Promise<CallRecord | null>
  groupsTree(): Promise<GroupNode[]>
}

export interface CallsHandlerDeps {
  library: () => CallsLibraryPort
  client: () => CallsClientPort
  /** Which of these calls the reviewer has marked reviewed (QA). */
  reviewed: (callIds: number[]) => Set<number>
  /** Every call the reviewer marked reviewed (a sort by "reviewed"). */
  allReviewed?: () => number[]
  /** Every call the reviewer flagged for follow-up (the flagged filter). */
  allFlagged?: () => number[]
  /** The reviewer's notes, review comments and flags matching a search (qa-search.ts). */
  searchQa?: (text: string) => QaTextSearch
  recordingUrl: (callId: number) => string
  clock: () => Date
  log?: Logger
  /** The Save dialog and shell for calls:export; without it, exports go to `exportDir` under a name of their own. */
  files?: ExportFilesPort
  /** The folder the Save dialog starts in (and exports go to without one). */
  exportDir?: () => string
  /** IANA zone for exported dates; the machine's own by default. */
  timeZone?: () => string
  /** True while the active profile is the demo account: its exports are labelled demo data. */
  demo?: () => boolean
}

/** A search of the reviewer's own QA text: the calls it matched, and where, read for a page's calls only. */
export interface QaTextSearch {
  callIds: readonly number[]
  hits: (callIds: readonly number[]) => Map<number, QaHit>
}

/** Where the QA text matched the page's calls that it matched at all. */
export function qaHitsOnPage(qa: QaTextSearch | undefined, items: readonly { callId: number }[]): Map<number, QaHit> {
  if (!qa?.callIds.length) return new Map()
  const matched = new Set(qa.callIds)
  const ids = items.map((item) => item.callId).filter((id) => matched.has(id))
  return ids.length ? qa.hits(ids) : new Map()
}

/** Answers the HTTP wrapper would have retried after a pause (convirza/http.ts). */
const RETRIED_STATUSES = new Set([429, 502, 503, 504])

/**
 * The API's page, with one attempt first: when the server cannot be reached, the list says so
 * (over its cached rows) at once instead of after the HTTP wrapper's retries and their backoff
 * (seconds). Anything else — a 503, a rate limit — is asked again with the usual retries.
 */
async function listOnline(client: CallsClientPort, query: CallQuery): Promise<CallsPage & { query: CallQuery }> {
  try {
    return await client.listCalls(query, { retry: false })
  } catch (error) {
    if (!(error instanceof AppError) || error.status === undefined || !RETRIED_STATUSES.has(error.status)) throw error
    return client.listCalls(query)
  }
}

/** Every module, so that what the library keeps is enough to review a call offline. */
const ALL_MODULES = [...INCLUDE_MODULES]

export function createCallsHandlers(deps: CallsHandlerDeps): DomainHandlers<typeof callsChannels> {
  /** Exports written in this run: the only paths "Show in folder" and "Open" accept. */
  const written = new WrittenExports()
  const validated = (input: CallQueryInput): CallQuery => {
    const result = validateCallQuery(input, deps.clock())
    if (result.ok) return result.query
    throw new AppError('validation', result.violations.map((v) => v.message).join(' '), {
      fields: result.violations.map((v) => ({ field: v.field, message: v.message }))
    })
  }

  return {
    'calls:list': async ({ query: input, text, sort, local, source }): Promise<CallListPage> => {
      // Validated once, here, with every module asked for; the client sends this very query.
      const query = validated({ ...input, include: ALL_MODULES })
      const search = text?.trim()
      const localSet = hasLocalFilters(local)
      if (source === 'cache' || search || !isDefaultSort(sort) || localSet) {
        const library = deps.library()
        // A page just shown from the API is in what this answers (storeShown, below).
        await library.whenShownStored()
        // Wait for the index without blocking the process, then list() need not wait at all.
        const indexedUpTo = search ? ((await library.whenSearchable()) ?? undefined) : undefined
        const qa = search ? deps.searchQa?.(search) : undefined
        const cached = library.list(query, {
          ...(search ? { text: search, alsoIds: qa?.callIds ?? [], indexedUpTo } : {}),
          ...(sort ? { sort } : {}),
          ...(sort?.column === 'reviewed' || local?.reviewed !== undefined ? { reviewedIds: deps.allReviewed?.() ?? [] } : {}),
          ...(localSet ? { local } : {}),
          ...(local?.flagged ? { flaggedIds: deps.allFlagged?.() ?? [] } : {})
        })
        const reviewed = deps.reviewed(cached.items.map((i) => i.callId))
        const qaHits = qaHitsOnPage(qa, cached.items)
        const searchRecords = library.searchRecords?.bind(library)
        const hits = !search
          ? new Map<number, SearchHit>()
          : searchRecords
            ? await searchHitsOffThread(search, cached.items, qaHits, { searchRecords })
            : searchHits(search, cached.items, qaHits, library)
        return {
          ...cached,
          items: cached.items.map((i) => {
            const match = hits.get(i.callId)
            return { ...i, reviewed: reviewed.has(i.callId), ...(match ? { match } : {}) }
          }),
          offset: query.offset,
          limit: query.limit,
          source: 'cache',
          issues: [],
          requestId: null
        }
      }
      const page = await listOnline(deps.client(), query)
      const fetchedAt = deps.clock().toISOString()
      const ids = page.calls.map((c) => c.call_id)
      // The API's page is the answer; a library that fails (damaged, disk full) only loses the
      // copy, and Settings → clear cached data starts it afresh.
      let offline = new Set<number>()
      const notStored = (error: unknown): void =>
        deps.log?.warn('library: could not store the fetched calls; answering from the API alone', { error })
      try {
        const library = deps.library()
        // Answered now and written on the library thread meanwhile: the page waited 80-150 ms for
        // the write at a cold start. What reads the library for what is shown waits for the write
        // instead (whenShownStored), so it finds this page.
        library.storeShown(page.calls, fetchedAt).catch(notStored)
        offline = library.recordingsOffline(ids)
      } catch (error) {
        notStored(error)
      }
      const reviewed = deps.reviewed(ids)
      return {
        items: page.calls.map((c) => toCallListItem(c, { reviewed: reviewed.has(c.call_id), recordingOffline: offline.has(c.call_id) })),
        total: page.total,
        offset: page.query.offset,
        limit: page.query.limit,
        source: 'network',
        fetchedAt,
        issues: page.issues,
        requestId: page.requestId
      }
    },

    'calls:get': async ({ callId, source }): Promise<CallDetail> => {
      const library = deps.library()
      await library.whenShownStored()
      let stored = source === 'cache' ? library.get(callId) : null
      let answeredFrom: 'cache' | 'network' = 'cache'
      if (!stored) {
        const record = await deps.client().getCall(callId, ALL_MODULES)
        if (!record) throw new AppError('not_found', `Call ${callId} was not found. It may have been deleted, or be outside your account.`)
        await library.upsertCalls([record], deps.clock().toISOString())
        stored = library.get(callId)
        answeredFrom = 'network'
        if (!stored) throw new AppError('internal', `Call ${callId} could not be stored in the library.`)
      }
      const offline = library.recordingsOffline([callId]).has(callId)
      const available = Boolean(stored.record.recording_details?.url)
      return {
        // The signed recording URL stays in main: the page plays recording://call/<id> only.
        record: withoutRecordingUrl(stored.record),
        fetchedAt: stored.fetchedAt,
        source: answeredFrom,
        reviewed: deps.reviewed([callId]).has(callId),
        ...(stored.unlistedAt ? { unlistedAt: stored.unlistedAt } : {}),
        recording: {
          available: available || offline,
          offline,
          url: available || offline ? deps.recordingUrl(callId) : null
        }
      }
    },

    'groups:tree': () => deps.client().groupsTree(),

    'calls:choices': async () => {
      const library = deps.library()
      await library.whenShownStored()
      return library.choices()
    },

    'calls:export': async ({ callIds, format }) => {
      const ids = [...new Set(callIds)]
      const library = deps.library()
      await library.whenShownStored()
      const records = library.rawRecords(ids)
      const notInLibrary = ids.filter((id) => !records.has(id))
      // A file with a header and no rows reads as a broken export: say why there is nothing instead.
      if (records.size === 0)
        throw new AppError(
          'not_found',
          `Nothing to export: ${ids.length === 1 ? 'the selected call is' : `none of the ${ids.length} selected calls is`} in your library yet, so no file was written. Open the calls or make them available offline, then export again.`
        )
      const present = ids.filter((id) => records.has(id))
      const reviewed = deps.reviewed(present)
      const offline = library.recordingsOffline(present)
      const now = deps.clock()
      const zone = deps.timeZone?.() ?? localTimeZone()
      const demo = deps.demo?.() === true
      const dir = deps.exportDir?.() ?? ''
      const suggested = freshExportPath(dir, 'calls', now, zone, format, demo)
      const path = await chooseExportPath(deps.files, suggested, format, 'The export')
      const text = callsExportText(
        present.map((id) => ({ record: records.get(id) as CallRecord, local: { reviewed: reviewed.has(id), recordingOffline: offline.has(id) } })),
        { format, timeZone: zone, now, demo, notInLibrary }
      )
      withDiskErrors('Exporting the calls', path, () => writeWhole(path, text))
      written.add(path)
      return { path, format, exported: present.length, notInLibrary: notInLibrary.length, notInLibraryIds: notInLibrary.slice(0, 100) }
    },
    'calls:showExport': ({ path }) => {
      deps.files?.showInFolder(written.require(path))
      return {}
    },
    'calls:openExport': async ({ path }) => {
      await deps.files?.open(written.require(path))
      return {}
    }
  }
}

/** The record as the page may see it: the recording's signed URL (a credential until it expires) removed. */
function withoutRecordingUrl(record: CallRecord): CallRecord {
  const details = record.recording_details
  return details?.url ? { ...record, recording_details: { ...details, url: null } } : record
}
