/**
 * The QA session's keys: one table the
 * key handler and the "?" sheet both read, so the sheet never describes a key that does
 * something else.
 */
import type { Answer } from '@shared/qa/schemas'
import type { ShortcutGroup } from '@renderer/lib/keyboard'

export type QaAction =
  | { kind: 'start' }
  | { kind: 'resume' }
  | { kind: 'leave' }
  | { kind: 'export'; format: 'csv' | 'json' }
  | { kind: 'exportReviews' }
  | { kind: 'note' }
  | { kind: 'next' }
  | { kind: 'previous' }
  | { kind: 'reviewed' }
  | { kind: 'flag' }
  | { kind: 'answer'; value: Answer }
  | { kind: 'criterion'; delta: 1 | -1 }

export const QA_SHORTCUT_GROUPS: ShortcutGroup[] = [
  {
    title: 'QA session',
    shortcuts: [
      { keys: ['Q'], description: 'Start a QA session from the selected calls or the current filter' },
      { keys: ['Shift', 'Q'], description: 'Resume the latest unfinished QA session (else the latest) where it was left' },
      { keys: ['N'], description: 'Add a note at the current time (audio keeps playing; Enter saves, Esc cancels)' },
      { keys: ['J'], description: 'Next call in the session' },
      { keys: ['K'], description: 'Previous call in the session' },
      { keys: ['R'], description: 'Mark the call reviewed (again to undo); with a required answer missing, go to it' },
      { keys: ['F'], description: 'Flag the call for follow-up' },
      { keys: ['E'], description: 'Export the session to CSV; outside a session, export reviews of chosen sessions or the selected calls' },
      { keys: ['Shift', 'E'], description: 'Export the session to JSON' },
      { keys: ['L'], description: 'Leave the session (resume it later with Shift+Q)' }
    ]
  },
  {
    title: 'Scorecard',
    shortcuts: [
      { keys: ['Y'], description: 'Answer yes, then go to the next criterion' },
      { keys: ['X'], description: 'Answer no, then go to the next criterion' },
      { keys: ['A'], description: 'Answer N/A, then go to the next criterion' },
      { keys: ['1–5'], description: 'Rate 1 to 5, then go to the next criterion' },
      { keys: ['Alt', '↓'], description: 'Next criterion' },
      { keys: ['Alt', '↑'], description: 'Previous criterion' }
    ]
  }
]

/** Which QA action a key press means; `active` says whether a session is open. */
export function matchQaShortcut(event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>, active: boolean): QaAction | null {
  if (event.ctrlKey || event.metaKey) return null
  if (event.altKey) {
    if (!active) return null
    if (event.key === 'ArrowDown') return { kind: 'criterion', delta: 1 }
    if (event.key === 'ArrowUp') return { kind: 'criterion', delta: -1 }
    return null
  }
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key
  if (!active) {
    if (key === 'q') return event.shiftKey ? { kind: 'resume' } : { kind: 'start' }
    return key === 'e' && !event.shiftKey ? { kind: 'exportReviews' } : null
  }
  switch (key) {
    case 'e':
      return { kind: 'export', format: event.shiftKey ? 'json' : 'csv' }
    case 'l':
      return { kind: 'leave' }
    case 'n':
      return { kind: 'note' }
    case 'j':
      return { kind: 'next' }
    case 'k':
      return { kind: 'previous' }
    case 'r':
      return { kind: 'reviewed' }
    case 'f':
      return { kind: 'flag' }
    case 'y':
      return { kind: 'answer', value: 'yes' }
    case 'x':
      return { kind: 'answer', value: 'no' }
    case 'a':
      return { kind: 'answer', value: 'na' }
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
      return { kind: 'answer', value: Number(key) }
    default:
      return null
  }
}

/**
 * Whether a session can be started: from the applied filter, or from the calls selected in the
 * list (one is enough). Q and the Start button do nothing without either, so no dialog is left
 * half-open holding the keys.
 */
export function canStartSession(applied: unknown, selectedCount: number): boolean {
  return applied !== null && applied !== undefined ? true : selectedCount > 0
}

/**
 * The session Shift+Q resumes and the launcher offers first: the latest one not fully reviewed,
 * else the latest one (sessions come most recently used first). Archived sessions are out of the
 * launcher's list, so never this one either; they are resumed from the sessions sheet.
 */
export function sessionToResume<S extends { reviewedCount: number; total: number; archived?: boolean }>(sessions: readonly S[]): S | null {
  const resumable = sessions.filter((s) => !s.archived)
  return resumable.find((s) => s.reviewedCount < s.total || s.total === 0) ?? resumable[0] ?? null
}
