import { useShallow } from 'zustand/react/shallow'
import { hasLocalFilters } from '@shared/ipc/contract/values'
import { callFactsTable, callIdsText, describeCopy, selectedItems, type CopyPlan } from '@renderer/lib/call-facts'
import { copyText } from '../review/copy-text'
import { formatCount, formatFetchedAt, formatRange } from '@renderer/lib/format'
import { PAGE_SIZE, useCallsStore } from '@renderer/stores/calls-store'
import { selectedInListOrder } from '@renderer/stores/call-selection'
import { describeOfflineJob, useBulkActionsStore, type BulkAction } from '@renderer/stores/bulk-actions-store'
import { useLibraryStore } from '@renderer/stores/library-store'
import { useQaExportStore } from '@renderer/stores/qa-export-store'
import { useQaStore } from '@renderer/stores/qa-store'
import { Icon } from '../common/Icon'
import { ColumnChooser } from './ColumnChooser'

interface ListStatusBarProps {
  /** Rows in view, 0-based inclusive; -1 when none. */
  first: number
  last: number
  searching: boolean
  onRefresh: () => void
}

/** The selection's actions that main carries out: export their facts, make them available offline. */
function bulkActions(selected: number): { action: BulkAction; text: string; label: string; title: string }[] {
  const n = formatCount(selected)
  return [
    {
      action: 'csv',
      text: 'Export CSV',
      label: `Export ${n} selected calls as CSV`,
      title: "Save the selected calls' facts as a CSV file (a spreadsheet opens it)"
    },
    { action: 'json', text: 'Export JSON', label: `Export ${n} selected calls as JSON`, title: "Save the selected calls' facts as a JSON file" },
    {
      action: 'offline',
      text: 'Make available offline',
      label: `Make ${n} selected calls available offline`,
      title: 'Download the selected calls and their recordings to this computer'
    }
  ]
}

/** The selected calls, in list order, then any whose rows have not arrived (main looks them up by id). */
function selectedIds(): number[] {
  const { rows, selection } = useCallsStore.getState()
  const ordered = selectedInListOrder(rows, selection.ids)
  const listed = new Set(ordered)
  return [...ordered, ...[...selection.ids].filter((id) => !listed.has(id))]
}

/** What the last bulk action did: a copy, an export (with where it went), an offline job's progress. */
function BulkMessage(): React.JSX.Element {
  const { message, written, offlineJobId } = useBulkActionsStore(
    useShallow((s) => ({ message: s.message, written: s.written, offlineJobId: s.offlineJobId }))
  )
  const job = useLibraryStore((s) => (offlineJobId !== null && s.sync?.jobId === offlineJobId ? s.sync : null))
  const reveal = useBulkActionsStore((s) => s.reveal)
  return (
    <p className="list-status__copied" role="status" aria-label="Bulk action result">
      {job ? describeOfflineJob(job) : message}
      {written && (
        <>
          {' '}
          <code>{written.path}</code>{' '}
          <button type="button" className="link-button" onClick={() => void reveal('folder')}>
            Show in folder
          </button>{' '}
          <button type="button" className="link-button" onClick={() => void reveal('open')}>
            Open
          </button>
        </>
      )}
    </p>
  )
}

/**
 * Above the list: which API pages are in view of how many calls ("1–200 of 4,312", the API's
 * total), how many are selected when more than the open one is (with the export of their QA
 * reviews, once there are sessions), where the rows came from and when, and Refresh.
 */
export function ListStatusBar({ first, last, searching, onRefresh }: ListStatusBarProps): React.JSX.Element {
  const { total, fetchedAt, source, revalidating, selected, failed } = useCallsStore(
    useShallow((s) => ({
      total: s.total,
      selected: s.selection.ids.size,
      fetchedAt: s.fetchedAt,
      source: s.source,
      revalidating: Object.values(s.pages).some((p) => p.revalidating),
      // The first page failed: nothing is loading any more (the list says why and offers Retry).
      failed: s.pages[0]?.status === 'error'
    }))
  )
  const hasSessions = useQaStore((s) => s.sessions.length > 0)
  const bulk = useBulkActionsStore()
  const copy = (make: (items: ReturnType<typeof selectedItems>['items'], missing: number) => CopyPlan, what: string): void => {
    const state = useCallsStore.getState()
    const { items, missing } = selectedItems(state.rows, state.selection.ids)
    const plan = make(items, missing)
    void copyText(plan.text).then((ok) => bulk.say(describeCopy(plan, what, ok)))
  }
  const sort = useCallsStore((s) => s.applied?.sort)
  const localFilters = useCallsStore((s) => hasLocalFilters(s.applied?.local))
  // Whole pages, as the API pages them: rows 1–200, 201–400, …
  const pageFirst = last < 0 ? 0 : Math.floor(first / PAGE_SIZE) * PAGE_SIZE + 1
  const pageLast = total === null || last < 0 ? 0 : Math.min(total, (Math.floor(last / PAGE_SIZE) + 1) * PAGE_SIZE)
  return (
    <div className="list-status">
      <p className="list-status__range" aria-label="Calls shown">
        {total === null ? (failed ? 'No calls loaded' : 'Loading calls…') : formatRange(pageFirst, pageLast, total)}
      </p>
      {selected > 1 && (
        <p className="list-status__selection">
          <span aria-label="Selected calls">{formatCount(selected)} selected</span>
          <button type="button" className="link-button" title="Clear the selection (Esc)" onClick={() => useCallsStore.getState().clearSelection()}>
            Clear selection
          </button>
          <button type="button" className="link-button" title="Copy the selected calls' ids, one a line" onClick={() => copy(callIdsText, 'IDs')}>
            Copy IDs
          </button>
          <button
            type="button"
            className="link-button"
            title="Copy the selected calls' facts as a table (pastes into a spreadsheet)"
            onClick={() => copy(callFactsTable, 'Facts')}
          >
            Copy facts
          </button>
          {bulkActions(selected).map(({ action, text, label, title }) => (
            <button
              key={action}
              type="button"
              className="link-button"
              aria-label={label}
              title={title}
              disabled={bulk.busy !== null}
              onClick={() => void (action === 'offline' ? bulk.makeOffline(selectedIds()) : bulk.exportCalls(selectedIds(), action))}
            >
              {text}
            </button>
          ))}
          {hasSessions && (
            <button
              type="button"
              className="link-button"
              aria-label={`Export reviews of ${formatCount(selected)} selected calls`}
              title="Export the QA reviews of the selected calls"
              onClick={() => useQaExportStore.getState().openDialog({ selectedCallsOnly: true })}
            >
              Export reviews
            </button>
          )}
        </p>
      )}
      {selected > 1 && <BulkMessage />}
      <p className="list-status__source">
        {searching ? (
          <>
            <Icon name="search" size={13} /> <span className="list-status__text">Search in your library</span>
          </>
        ) : localFilters ? (
          <span
            className="list-status__text"
            title="The API cannot filter by tag, duration, score, agent, review, flag, recording or transcript; these filters look at the calls downloaded to this computer."
          >
            Filtered in your library{sort ? `, sorted by ${sort.column}` : ''}
          </span>
        ) : sort ? (
          <span
            className="list-status__text"
            title="The API lists calls newest first only; another order is the library's, over the calls downloaded to this computer."
          >
            Sorted by {sort.column} in your library
          </span>
        ) : revalidating ? (
          <>
            <span className="spinner" aria-hidden="true" /> <span className="list-status__text">Updating…</span>
          </>
        ) : source === 'network' ? (
          <span className="list-status__text">Fetched {formatFetchedAt(fetchedAt)}</span>
        ) : source === 'cache' ? (
          <span className="list-status__text">From your library, {formatFetchedAt(fetchedAt)}</span>
        ) : null}
      </p>
      <ColumnChooser />
      <button type="button" className="icon-button icon-button--small" aria-label="Refresh calls" title="Refresh calls" onClick={onRefresh}>
        <Icon name="refresh" size={15} />
      </button>
    </div>
  )
}
