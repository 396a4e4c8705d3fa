/**
 * The contract's plain values: limits, lists of choices and defaults, with no zod in sight. The
 * channel modules build their schemas from these and export them again; the renderer imports
 * them from here, so the first screen evaluates none of the channels' schemas (building them
 * all took ~100-250 ms of a cold start: docs/decisions/cold-start.md). A lint rule keeps the
 * renderer's value imports from the schema modules out (eslint.config.mjs).
 */

// Calls: the list's sort and its library-only filters (calls.ts).

/** Columns the library can sort by; the API has one order only (newest first). */
export const SORT_COLUMNS = ['started', 'duration', 'caller', 'campaign', 'disposition', 'score', 'reviewed'] as const
export type SortColumn = (typeof SORT_COLUMNS)[number]
export interface CallSort {
  column: SortColumn
  direction: 'asc' | 'desc'
}
/** The API's own order: newest first. Any other sort is answered by the library alone. */
export const DEFAULT_SORT: CallSort = { column: 'started', direction: 'desc' }
export function isDefaultSort(sort: CallSort | undefined): boolean {
  return !sort || (sort.column === DEFAULT_SORT.column && sort.direction === DEFAULT_SORT.direction)
}

/** Whether any library-only filter (calls.ts LocalFilters) is set. */
export function hasLocalFilters(local: object | undefined): boolean {
  return local !== undefined && Object.values(local).some((value) => value !== undefined)
}

// Preferences: the call list's columns and saved views (prefs.ts).

/** The call list's columns, by key; the renderer's components/calls/columns.ts gives each its title and default width. */
export const CALL_COLUMN_KEYS = [
  'started',
  'caller',
  'identity',
  'disposition',
  'duration',
  'score',
  'campaign',
  'tracking',
  'tags',
  'status'
] as const
export type CallColumnKey = (typeof CALL_COLUMN_KEYS)[number]
/** A column is never narrower than its header's first letters, nor wider than a wide window. */
export const MIN_COLUMN_WIDTH = 48
export const MAX_COLUMN_WIDTH = 640
/** The most saved views a profile keeps. */
export const MAX_SAVED_VIEWS = 50

// QA sessions and their export (qa.ts).

/** At most this many calls in one session: a day's work many times over, and a bounded IPC payload. */
export const MAX_SESSION_CALLS = 5000
/** The most sessions one export may name; naming none exports every session. */
export const MAX_EXPORT_SESSIONS = 500

// Signing in (auth.ts).

/** The documented hosts (docs/convirza-api.md "Authentication"). */
export const DEFAULT_API_BASE_URL = 'https://platform-api.convirza.com'
export const DEFAULT_OAUTH_BASE_URL = 'https://platform-oauth.convirza.com'

// The desktop shell (desktop.ts).

/** Menu items whose work is done by the page, with the page's state (which dialog, which call). */
export const MENU_COMMANDS = ['export-reviews', 'open-settings', 'sign-out', 'next-call', 'previous-call', 'show-shortcuts'] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]
export function isMenuCommand(value: unknown): value is MenuCommand {
  return (MENU_COMMANDS as readonly unknown[]).includes(value)
}

// The team database and its dashboard (team.ts, team-dashboard.ts).

export const TLS_MODES = ['verify-full', 'verify-ca', 'require', 'disable'] as const

/**
 * Why the team Host field's text is not a server name or address, or null when it is. A
 * connection URL pasted whole (postgres://user:password@host:5432/db) carries the password, so
 * the message never repeats the text. Settings → Team shows it as you type; main refuses the same
 * before any other check (team-connection.ts), so no later message can echo such a host.
 */
export function teamHostProblem(host: string): string | null {
  if (!/:\/\/|[@/]/.test(host)) return null
  return "Enter the database server's name or address only (such as db.example.com), not a connection URL; put the port, database and user in their own fields."
}

/** A calibration's limits; the New calibration form checks them too, so its lead reads why rather than a refusal. */
export const MAX_CALIBRATION_CALLS = 200
export const MAX_CALIBRATION_REVIEWERS = 50
export const TEAM_DASHBOARD_DIMENSIONS = ['agent', 'campaign', 'group', 'reviewer'] as const
export type TeamDashboardDimension = (typeof TEAM_DASHBOARD_DIMENSIONS)[number]
export const TEAM_DASHBOARD_BUCKETS = ['day', 'week', 'month'] as const
export type TeamDashboardBucket = (typeof TEAM_DASHBOARD_BUCKETS)[number]
export const TEAM_DASHBOARD_EXPORT_FORMATS = ['csv', 'html', 'pdf'] as const
