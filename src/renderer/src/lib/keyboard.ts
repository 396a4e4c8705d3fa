/**
 * The call screen's keyboard shortcuts: one table that both the key
 * handler and the shortcut sheet read, so the sheet can never describe a key that does
 * something else. Other screens (QA sessions) add their own groups to the sheet.
 */

export type ShortcutAction =
  | 'togglePlay'
  | 'back5'
  | 'forward5'
  | 'back15'
  | 'forward15'
  | 'slower'
  | 'faster'
  | 'nextCall'
  | 'previousCall'
  | 'focusSearch'
  | 'findInTranscript'
  | 'showShortcuts'

export interface ShortcutSpec {
  action: ShortcutAction
  /** What the sheet shows, one entry a key cap: ['Shift', '←']. */
  keys: string[]
  description: string
}

export interface ShortcutGroup {
  title: string
  shortcuts: { keys: string[]; description: string }[]
}

export const CALL_SHORTCUTS: ShortcutSpec[] = [
  { action: 'togglePlay', keys: ['Space'], description: 'Play or pause' },
  { action: 'back5', keys: ['←'], description: 'Back 5 seconds' },
  { action: 'forward5', keys: ['→'], description: 'Forward 5 seconds' },
  { action: 'back15', keys: ['Shift', '←'], description: 'Back 15 seconds' },
  { action: 'forward15', keys: ['Shift', '→'], description: 'Forward 15 seconds' },
  { action: 'slower', keys: ['['], description: 'Slower playback' },
  { action: 'faster', keys: [']'], description: 'Faster playback' },
  { action: 'nextCall', keys: ['J'], description: 'Next call' },
  { action: 'previousCall', keys: ['K'], description: 'Previous call' },
  { action: 'focusSearch', keys: ['/'], description: 'Search calls' },
  { action: 'findInTranscript', keys: ['Ctrl', 'F'], description: 'Find in the transcript' },
  { action: 'showShortcuts', keys: ['?'], description: 'Show this list of shortcuts' }
]

/** The sheet's groups for the call screen, in the order people look for them. */
export const CALL_SHORTCUT_GROUPS: ShortcutGroup[] = [
  {
    title: 'Playback',
    shortcuts: CALL_SHORTCUTS.filter((s) => ['togglePlay', 'back5', 'forward5', 'back15', 'forward15', 'slower', 'faster'].includes(s.action))
  },
  {
    title: 'Calls',
    shortcuts: [
      { keys: ['↑', '↓'], description: 'Move through the list' },
      { keys: ['Enter'], description: 'Open the highlighted call' },
      ...CALL_SHORTCUTS.filter((s) => ['nextCall', 'previousCall', 'focusSearch', 'findInTranscript', 'showShortcuts'].includes(s.action)),
      // Handled in use-call-shortcuts.ts: one key per saved view, in the order they were saved.
      { keys: ['Alt', '1 … 9'], description: 'Switch to saved view 1 to 9' }
    ]
  },
  {
    // Handled by the grid itself (CallGrid), while the list has focus.
    title: 'Selecting calls',
    shortcuts: [
      { keys: ['Ctrl', 'click'], description: 'Add a call to the selection, or take it out (⌘ on a Mac)' },
      { keys: ['Shift', 'click'], description: 'Select the calls from the last one clicked to this one' },
      { keys: ['Shift', '↑ / ↓'], description: 'Extend the selection up or down (also with Page Up/Down, Home, End)' },
      { keys: ['Ctrl', 'A'], description: 'Select every loaded call' },
      { keys: ['Esc'], description: 'Clear the selection, keeping the open call' }
    ]
  }
]

/** Focused controls whose own action Space (or Enter) is: the key is theirs, not the player's. */
const ACTIVATED_BY_SPACE =
  'button, a[href], summary, [role="button"], [role="link"], [role="checkbox"], [role="switch"], [role="radio"], [role="tab"], [role="menuitem"], [role="menuitemcheckbox"], [role="menuitemradio"], [role="option"]'

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'number', 'password', 'tel', 'url', 'date', 'datetime-local', 'month', 'time', 'week'])

/**
 * True when a key press belongs to what has focus rather than to the screen: someone typing
 * in a field, or a control that uses the key itself (a slider's arrows, a button's Space).
 */
export function keyBelongsToTarget(event: Pick<KeyboardEvent, 'key' | 'target'>): boolean {
  const target = event.target
  if (!(target instanceof Element)) return false
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  if (target instanceof HTMLElement && target.isContentEditable) return true
  if (target instanceof HTMLInputElement) {
    if (TEXT_INPUT_TYPES.has(target.type)) return true
    // Sliders and radio groups take the arrows (a radio's arrows choose the next option in its
    // group: the date range, a scorecard's answers); checkboxes and radios take Space.
    if ((target.type === 'range' || target.type === 'radio') && event.key.startsWith('Arrow')) return true
    // A slider has no use for Space: on the seek bar it plays and pauses like everywhere else.
    if (event.key === ' ') return target.type !== 'range'
    return false
  }
  // A splitter, custom slider, radio group, tab list or menu moves with the arrows.
  if (
    event.key.startsWith('Arrow') &&
    target.closest('[role="separator"], [role="slider"], [role="radiogroup"], [role="tablist"], [role="menu"], [role="listbox"]')
  )
    return true
  // Space and Enter activate a focused button, link or other control (ARIA roles included); let
  // them. A control a pointer press focused keeps the focus without being the keyboard's: Space
  // there plays and pauses (after a click on a turn's time, Space would play from it again).
  if ((event.key === ' ' || event.key === 'Enter') && target.closest(ACTIVATED_BY_SPACE) && !(event.key === ' ' && target === pointerFocused))
    return true
  // Dialogs (the shortcut sheet, settings) own the keyboard while open.
  if (target.closest('dialog')) return true
  return false
}

/** The control that took the focus from a pointer press on it; null once the focus came another way. */
let pointerFocused: Element | null = null

/**
 * Note which control a pointer press focused, for keyBelongsToTarget. (`:focus-visible` cannot
 * tell: any key pressed makes the focused control the keyboard's.) A control focused by Tab, by
 * script or by a press elsewhere (a menu button focusing its first item) stays the keyboard's.
 * Returns the function that stops watching.
 */
export function watchPointerFocus(doc: Document): () => void {
  let pressed: Element | null = null
  const down = (event: Event): void => {
    pressed = event.target instanceof Element ? event.target : null
  }
  const up = (): void => {
    pressed = null
  }
  const focusIn = (event: Event): void => {
    const target = event.target
    pointerFocused = target instanceof Element && pressed !== null && target.contains(pressed) ? target : null
  }
  doc.addEventListener('pointerdown', down, true)
  doc.addEventListener('pointerup', up, true)
  doc.addEventListener('focusin', focusIn, true)
  return () => {
    doc.removeEventListener('pointerdown', down, true)
    doc.removeEventListener('pointerup', up, true)
    doc.removeEventListener('focusin', focusIn, true)
    pointerFocused = null
  }
}

/** Which shortcut a key press means, or null. */
export function matchShortcut(event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>): ShortcutAction | null {
  if (event.altKey) return null
  const command = event.ctrlKey || event.metaKey
  if (command) return event.key === 'f' || event.key === 'F' ? 'findInTranscript' : null
  switch (event.key) {
    case ' ':
      return 'togglePlay'
    case 'ArrowLeft':
      return event.shiftKey ? 'back15' : 'back5'
    case 'ArrowRight':
      return event.shiftKey ? 'forward15' : 'forward5'
    case '[':
      return 'slower'
    case ']':
      return 'faster'
    case 'j':
    case 'J':
      return 'nextCall'
    case 'k':
    case 'K':
      return 'previousCall'
    case '/':
      return 'focusSearch'
    case '?':
      return 'showShortcuts'
    default:
      return null
  }
}
