import { useCallback, useMemo, useState } from 'react'
import type { CallQueryInput } from '@shared/convirza/query'
import { formatCount } from '@renderer/lib/format'
import { useLibraryStore } from '@renderer/stores/library-store'
import { useShallow } from 'zustand/react/shallow'
import { PAGE_SIZE, useCallsStore } from '@renderer/stores/calls-store'
import { useFiltersStore } from '@renderer/stores/filters-store'
import { isLibraryOnly } from '@renderer/lib/call-query'
import { EmptyState } from '../common/EmptyState'
import { ErrorNotice } from '../common/ErrorNotice'
import { OfflineBanner } from '../common/OfflineBanner'
import { SkeletonBar } from '../common/Skeleton'
import { CallGrid } from './CallGrid'
import { ListStatusBar } from './ListStatusBar'

/** The left side: status line, offline banner, and the grid or what stands in for it. */
export function CallListPanel(): React.JSX.Element {
  const { total, source, pages, offline, issues, applied, retryPage, notDownloaded } = useCallsStore(
    useShallow((s) => ({
      total: s.total,
      source: s.source,
      pages: s.pages,
      offline: s.offline,
      issues: s.issues,
      applied: s.applied,
      retryPage: s.retryPage,
      notDownloaded: s.notDownloaded
    }))
  )
  // The status line names whole pages, so only a change of page re-renders the panel while scrolling.
  const [visible, setVisible] = useState({ first: 0, last: -1 })
  const onVisibleRows = useCallback((first: number, last: number) => {
    const span = { first: Math.floor(first / PAGE_SIZE) * PAGE_SIZE, last: Math.floor(last / PAGE_SIZE) * PAGE_SIZE + (last < 0 ? 0 : PAGE_SIZE - 1) }
    setVisible((v) => (v.first === span.first && v.last === span.last ? v : span))
  }, [])
  const refresh = (): void => useFiltersStore.getState().reapply()
  const offlineQuery = useMemo((): CallQueryInput | null => {
    if (!applied) return null
    const { limit: _limit, offset: _offset, ...query } = applied.query
    return query
  }, [applied])
  // A filter the bar refuses (a range of 35 days, a reversed one) is not applied: the list is the last one that was.
  const notApplied = useFiltersStore((s) => Object.keys(s.errors).length > 0)
  const searching = Boolean(applied?.text)
  const libraryOnly = applied !== null && isLibraryOnly(applied)
  const firstPage = pages[0]
  const failedPage = Object.entries(pages).find(([, p]) => p.error !== null && !(offline && p.status === 'ready'))

  let body: React.ReactNode
  if (total === null && firstPage?.status === 'error' && firstPage.error) {
    body = (
      <div className="list-panel__message">
        <ErrorNotice title="The calls could not be loaded" error={firstPage.error} onRetry={() => retryPage(0)} />
      </div>
    )
  } else if (total === null) {
    body = <ListSkeleton />
  } else if (total === 0) {
    body = searching ? (
      <EmptyState
        icon="search"
        title={`No call in your library matches “${applied?.text ?? ''}”`}
        hint={
          notDownloaded
            ? notDownloadedLine(notDownloaded, true)
            : 'Search looks through numbers, transcripts, summaries, comments, tags and names of the calls in your library for this range, and your own notes, review comments and flags.'
        }
        action={
          notDownloaded && offlineQuery ? (
            <button type="button" className="button button--secondary" onClick={() => void useLibraryStore.getState().startSync(offlineQuery)}>
              Make available offline
            </button>
          ) : undefined
        }
      />
    ) : libraryOnly && notDownloaded ? (
      // The library's filters found nothing among the calls it holds; the ones it does not hold may match.
      <EmptyState
        title="No call in your library matches these filters"
        hint={notDownloadedLine(notDownloaded, false)}
        action={
          offlineQuery ? (
            <button type="button" className="button button--secondary" onClick={() => void useLibraryStore.getState().startSync(offlineQuery)}>
              Make available offline
            </button>
          ) : undefined
        }
      />
    ) : (
      <EmptyState
        title={libraryOnly ? 'No call in your library matches these filters' : 'No calls match these filters'}
        hint={
          libraryOnly && offline
            ? 'While offline, calls of this range that were never downloaded cannot be searched or counted. Try other filters, or again once online.'
            : 'Try a longer date range, another group, or fewer dispositions.'
        }
        action={
          <button type="button" className="button button--secondary" onClick={() => useFiltersStore.getState().reset()}>
            Clear filters
          </button>
        }
      />
    )
  } else {
    body = <CallGrid onVisibleRows={onVisibleRows} />
  }

  return (
    <section className="list-panel" aria-label="Call list">
      <ListStatusBar first={visible.first} last={visible.last} searching={searching} onRefresh={refresh} />
      {notApplied && total !== null && (
        <p className="list-panel__issues" role="note">
          These are the calls of the filters applied before: fix what is marked above to see the new ones.
        </p>
      )}
      {offline && (
        <OfflineBanner
          dataFrom={offline.dataFrom}
          scope={source === 'network' ? undefined : OFFLINE_SCOPE}
          reason={offline.error.message}
          onRetry={refresh}
        />
      )}
      {failedPage && total !== null && failedPage[1].error && (
        <div className="list-panel__page-error">
          <ErrorNotice compact title="Some calls could not be loaded" error={failedPage[1].error} onRetry={() => retryPage(Number(failedPage[0]))} />
        </div>
      )}
      {total !== null && total > 0 && (searching || libraryOnly) && notDownloaded !== null && notDownloaded > 0 && (
        <p className="list-panel__issues" role="note">
          {notDownloadedLine(notDownloaded, searching)}{' '}
          {offlineQuery && (
            <button type="button" className="link-button" onClick={() => void useLibraryStore.getState().startSync(offlineQuery)}>
              Make available offline
            </button>
          )}
        </p>
      )}
      {issues.length > 0 && (
        <p className="list-panel__issues" role="note" title={issues.map((i) => `Call ${String(i.callId)}: ${i.path} — ${i.message}`).join('\n')}>
          {issues.length === 1 ? '1 call' : `${issues.length} calls`} could not be read and {issues.length === 1 ? 'is' : 'are'} left out.
        </p>
      )}
      {body}
    </section>
  )
}

/**
 * The server could not be asked: the list (and its count) is the library's, which holds what was
 * fetched or made available offline, so a range never downloaded whole looks smaller than it is.
 */
const OFFLINE_SCOPE = 'Only the calls in your library are listed and counted; others of this range are not shown.'

/** "251 calls of this range are not downloaded yet, so search cannot see them." (or "…so this list leaves them out."). */
function notDownloadedLine(count: number, searching: boolean): string {
  const one = count === 1
  const them = one ? 'it' : 'them'
  return `${formatCount(count)} ${one ? 'call' : 'calls'} of this range ${one ? 'is' : 'are'} not downloaded yet, so ${searching ? `search cannot see ${them}` : `this list leaves ${them} out`}.`
}

/** The placeholder's columns, as widths of the row. */
const SKELETON_WIDTHS = ['14%', '16%', '18%', '12%', '8%', '20%']

function ListSkeleton(): React.JSX.Element {
  // The bars are still; the whole placeholder pulses as one layer (calls.css, .list-skeleton).
  return (
    <div className="list-skeleton" role="status" aria-label="Loading calls">
      {Array.from({ length: 14 }, (_, i) => (
        <div key={i} className="list-skeleton__row">
          {SKELETON_WIDTHS.map((width, column) => (
            <SkeletonBar key={column} width={width} still />
          ))}
        </div>
      ))}
    </div>
  )
}
