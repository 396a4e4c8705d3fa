import { useEffect } from 'react'
import { keyBelongsToTarget, matchShortcut, watchPointerFocus } from '@renderer/lib/keyboard'
import { useCallsStore } from '@renderer/stores/calls-store'
import { useFiltersStore } from '@renderer/stores/filters-store'
import { usePlayerStore } from '@renderer/stores/player-store'
import { CALL_SEARCH_INPUT_ID, TRANSCRIPT_SEARCH_INPUT_ID } from './dom-ids'

function focusInput(id: string): void {
  const input = document.getElementById(id)
  if (input instanceof HTMLInputElement) {
    input.focus()
    input.select()
  }
}

/**
 * The call screen's keys (lib/keyboard.ts): playback, J/K through the list, "/" and Ctrl+F to
 * the searches, Alt+1…9 to the saved views, "?" for the sheet. Keys meant for a field or control that has focus are left
 * alone, so typing "j" in a search box types a "j".
 */
export function useCallShortcuts(onShowShortcuts: () => void, enabled: boolean): void {
  // Which control a click focused: Space there is the player's (keyBelongsToTarget).
  useEffect(() => watchPointerFocus(document), [])
  useEffect(() => {
    if (!enabled) return
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || keyBelongsToTarget(event)) return
      // Alt+1…9: the saved views, in order.
      const viewKey = event.altKey && !event.ctrlKey && !event.metaKey ? /^Digit([1-9])$/.exec(event.code) : null
      if (viewKey) {
        const filters = useFiltersStore.getState()
        const view = filters.views[Number(viewKey[1]) - 1]
        if (view) {
          filters.applyView(view.id)
          event.preventDefault()
        }
        return
      }
      const action = matchShortcut(event)
      if (!action) return
      const player = usePlayerStore.getState()
      const calls = useCallsStore.getState()
      switch (action) {
        case 'togglePlay':
          player.toggle()
          break
        case 'back5':
          player.skip(-5)
          break
        case 'forward5':
          player.skip(5)
          break
        case 'back15':
          player.skip(-15)
          break
        case 'forward15':
          player.skip(15)
          break
        case 'slower':
          player.stepRate(-1)
          break
        case 'faster':
          player.stepRate(1)
          break
        case 'nextCall':
          calls.selectRelative(1)
          break
        case 'previousCall':
          calls.selectRelative(-1)
          break
        case 'focusSearch':
          focusInput(CALL_SEARCH_INPUT_ID)
          break
        case 'findInTranscript':
          if (!document.getElementById(TRANSCRIPT_SEARCH_INPUT_ID)) return
          focusInput(TRANSCRIPT_SEARCH_INPUT_ID)
          break
        case 'showShortcuts':
          onShowShortcuts()
          break
      }
      event.preventDefault()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [onShowShortcuts, enabled])
}
