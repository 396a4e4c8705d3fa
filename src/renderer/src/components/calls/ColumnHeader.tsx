import type { CallSort } from '../../../../shared/ipc/contract'
import { DEFAULT_SORT } from '../../../../shared/ipc/contract'
import { useFiltersStore } from '../../stores/filters-store'
import { Icon } from '../common/Icon'
import type { CALL_COLUMNS } from './columns'

/** Text columns start A→Z; times, durations, scores and "reviewed" start with the most (newest, longest, reviewed). */
const FIRST_DIRECTION: Record<CallSort['column'], CallSort['direction']> = {
  started: 'desc',
  duration: 'desc',
  caller: 'asc',
  campaign: 'asc',
  disposition: 'asc',
  score: 'desc',
  reviewed: 'desc'
}

/**
 * A column's header: a sortable one is a button that sorts by it, and again the other way,
 * with aria-sort on the header saying how the list is sorted now.
 */
export function ColumnHeader({ column, sort }: { column: (typeof CALL_COLUMNS)[number]; sort: CallSort }): React.JSX.Element {
  const title = column.key === 'status' ? <span aria-hidden="true">Status</span> : column.title
  const name = column.key === 'status' ? <span className="sr-only">{column.title}</span> : null
  const by = column.sort
  if (!by) {
    return (
      <span role="columnheader" className="call-grid__cell">
        {name}
        {title}
      </span>
    )
  }
  const active = sort.column === by
  const next: CallSort = active
    ? { column: by, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
    : { column: by, direction: FIRST_DIRECTION[by] }
  const library = !(next.column === DEFAULT_SORT.column && next.direction === DEFAULT_SORT.direction)
  return (
    <span role="columnheader" className="call-grid__cell" aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        className={`column-sort${active ? ' column-sort--active' : ''}`}
        title={`Sort by ${by}, ${next.direction === 'asc' ? 'ascending' : 'descending'}${library ? ' (sorts the calls in your library)' : ''}`}
        onClick={(event) => {
          // The grid keeps keyboard focus for its rows; a click on a header is not a row click.
          event.stopPropagation()
          useFiltersStore.getState().setSort(next)
        }}
      >
        {name}
        {title}
        {active && <Icon name={sort.direction === 'asc' ? 'chevronUp' : 'chevronDown'} size={12} />}
      </button>
    </span>
  )
}
