import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { hasLocalFilters } from '@shared/ipc/contract/calls'
import { callFactsTable, callIdsText, describeCopy, selectedItems, type CopyPlan } from '@renderer/lib/call-facts'
import { copyText } from '../review/copy-text'
import { formatCount, formatFetchedAt, formatRange } from '@renderer/lib/format'
import { PAGE_SIZE, useCallsStore } from '@renderer/stores/calls-store'
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

/**
 * Above the list: which API pages are in view of how many calls ("1–200 of 4,312", the API's
 * total), how many are selected when more than the open one is (with the export of their QA
 * reviews, once there are sessions), where the rows came from and when, and Refresh.
 */
export function ListStatusBar({ first, last, searching, onRefresh }: ListStatusBarProps): React.JSX.Element {
  const { total, fetchedAt, source, revalidating, selected } = useCallsStore(
    useShallow((s) => ({
      total: s.total,
      selected: s.selection.ids.size,
      fetchedAt: s.fetchedAt,
      source: s.source,
      revalidating: Object.values(s.pages).some((p) => p.revalidating)
    }))
  )
  const hasSessions = useQaStore((s) => s.sessions.length > 0)
  const [copied, setCopied] = useState('')
  const copy = (make: (items: ReturnType<typeof selectedItems>['items'], missing: number) => CopyPlan, what: string): void => {
    const state = useCallsStore.getState()
    const { items, missing } = selectedItems(state.rows, state.selection.ids)
    const plan = make(items, missing)
    void copyText(plan.text).then((ok) => setCopied(describeCopy(plan, what, ok)))
  }
  const sort = useCallsStore((s) => s.applied?.sort)
  const localFilters = useCallsStore((s) => hasLocalFilters(s.applied?.local))
  // Whole pages, as the API pages them: rows 1–200, 201–400, …
  const pageFirst = last < 0 ? 0 : Math.floor(first / PAGE_SIZE) * PAGE_SIZE + 1
  const pageLast = total === null || last < 0 ? 0 : Math.min(total, (Math.floor(last / PAGE_SIZE) + 1) * PAGE_SIZE)
  return (
    <div className="list-status">
      <p className="list-status__range" aria-label="Calls shown">
        {total === null ? 'Loading calls…' : formatRange(pageFirst, pageLast, total)}
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
      <p className="list-status__copied" role="status">
        {selected > 1 ? copied : ''}
      </p>
      <p className="list-status__source">
        {searching ? (
          <>
            <Icon name="search" size={13} /> Search in your library
          </>
        ) : localFilters ? (
          <span title="The API cannot filter by tag, duration, score, agent, review, flag, recording or transcript; these filters look at the calls downloaded to this computer.">
            Filtered in your library{sort ? `, sorted by ${sort.column}` : ''}
          </span>
        ) : sort ? (
          <span title="The API lists calls newest first only; another order is the library's, over the calls downloaded to this computer.">
            Sorted by {sort.column} in your library
          </span>
        ) : revalidating ? (
          <>
            <span className="spinner" aria-hidden="true" /> Updating…
          </>
        ) : source === 'network' ? (
          `Fetched ${formatFetchedAt(fetchedAt)}`
        ) : source === 'cache' ? (
          `From your library, ${formatFetchedAt(fetchedAt)}`
        ) : null}
      </p>
      <ColumnChooser />
      <button type="button" className="icon-button icon-button--small" aria-label="Refresh calls" title="Refresh calls" onClick={onRefresh}>
        <Icon name="refresh" size={15} />
      </button>
    </div>
  )
}
