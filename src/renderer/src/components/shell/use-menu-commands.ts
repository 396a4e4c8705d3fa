import { useEffect } from 'react'
import { isMenuCommand, type MenuCommand } from '@shared/ipc/contract/values'
import { call, subscribe } from '@renderer/lib/api'
import { useQaExportStore } from '@renderer/stores/qa-export-store'
import { useQaStore } from '@renderer/stores/qa-store'
import { afterFirstList } from '@renderer/lib/first-list'

/**
 * The key each menu command stands for. The screen that owns a key decides what it means where
 * the reviewer is (in a QA session J moves through the session's queue, E exports the session),
 * so the menu presses the same key rather than keeping a second copy of those rules. Export
 * Reviews always opens the export dialog, which says so when there is nothing to export yet.
 */
const COMMAND_KEYS: Partial<Record<MenuCommand, string>> = {
  'next-call': 'j',
  'previous-call': 'k',
  'show-shortcuts': '?'
}

export interface MenuCommandHandlers {
  onOpenSettings: () => void
  onSignOut: () => void
}

/**
 * Signed in: carries out the application menu's commands ('menu:command', a command
 * the contract names, or nothing runs) and tells main when a QA session opens or closes, so
 * an update never asks to restart in the middle of one.
 */
export function useMenuCommands({ onOpenSettings, onSignOut }: MenuCommandHandlers): void {
  useEffect(
    () =>
      subscribe('menu:command', (payload) => {
        const command = (payload as { command?: unknown } | null)?.command
        if (!isMenuCommand(command)) return
        if (command === 'open-settings') return onOpenSettings()
        if (command === 'sign-out') return onSignOut()
        if (command === 'export-reviews') return useQaExportStore.getState().openDialog({ selectedCallsOnly: false })
        const key = COMMAND_KEYS[command]
        if (key) window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
      }),
    [onOpenSettings, onSignOut]
  )

  useEffect(() => {
    const report = (active: boolean): void => void call('app:qaSessionActive', { active }).catch(() => {})
    // The first report can wait for the list's first answer (lib/first-list.ts); a change cannot.
    const cancelFirst = afterFirstList(() => report(useQaStore.getState().session !== null))
    const unsubscribe = useQaStore.subscribe((state, previous) => {
      if ((state.session === null) !== (previous.session === null)) report(state.session !== null)
    })
    return () => {
      cancelFirst()
      unsubscribe()
      report(false)
    }
  }, [])
}
