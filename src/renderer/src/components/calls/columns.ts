/**
 * The list's columns, in the order they show. Widths live in calls.css (grid-template-columns
 * on .call-grid__row); this is the order and the header names the grid announces.
 */
import type { SortColumn } from '../../../../shared/ipc/contract'

export const CALL_COLUMNS: readonly { key: string; title: string; sort?: SortColumn }[] = [
  { key: 'started', title: 'Started', sort: 'started' },
  { key: 'caller', title: 'Caller', sort: 'caller' },
  { key: 'identity', title: 'Identity' },
  { key: 'disposition', title: 'Disposition', sort: 'disposition' },
  { key: 'duration', title: 'Duration', sort: 'duration' },
  { key: 'score', title: 'Score', sort: 'score' },
  { key: 'campaign', title: 'Campaign', sort: 'campaign' },
  { key: 'tracking', title: 'Tracking number' },
  { key: 'tags', title: 'Tags' },
  { key: 'status', title: 'Reviewed and offline', sort: 'reviewed' }
]

export const ROW_HEIGHT = 40
/** A search result's row: its cells, and under them where the search matched. */
export const HIT_ROW_HEIGHT = 60
export const HEADER_HEIGHT = 34
