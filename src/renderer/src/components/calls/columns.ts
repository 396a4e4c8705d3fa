/**
 * The list's columns, in the order they show. Widths live in calls.css (grid-template-columns
 * on .call-grid__row); this is the order and the header names the grid announces.
 */
export const CALL_COLUMNS = [
  { key: 'started', title: 'Started' },
  { key: 'caller', title: 'Caller' },
  { key: 'identity', title: 'Identity' },
  { key: 'disposition', title: 'Disposition' },
  { key: 'duration', title: 'Duration' },
  { key: 'campaign', title: 'Campaign' },
  { key: 'tracking', title: 'Tracking number' },
  { key: 'tags', title: 'Tags' },
  { key: 'status', title: 'Reviewed and offline' }
] as const

export const ROW_HEIGHT = 40
export const HEADER_HEIGHT = 34
