/**
 * Element ids the keyboard shortcuts move focus to ("/" the call search, Ctrl+F the
 * transcript search). Fixed ids, because there is one call screen.
 */
export const CALL_SEARCH_INPUT_ID = 'call-search-input'
export const TRANSCRIPT_SEARCH_INPUT_ID = 'transcript-search-input'
export const CALL_GRID_ID = 'call-grid'

/** The row element id for aria-activedescendant. */
export function callRowId(index: number): string {
  return `call-row-${index}`
}
