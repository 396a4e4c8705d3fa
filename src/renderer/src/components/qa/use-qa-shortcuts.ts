import { useEffect } from 'react'
import { keyBelongsToTarget } from '@renderer/lib/keyboard'
import { useQaExportStore } from '@renderer/stores/qa-export-store'
import { useQaSessionsStore } from '@renderer/stores/qa-sessions-store'
import { noteReviewerInput, useQaStore } from '@renderer/stores/qa-store'
import { useCallsStore } from '@renderer/stores/calls-store'
import { useFiltersStore } from '@renderer/stores/filters-store'
import { canStartSession, matchQaShortcut, sessionToResume } from './qa-shortcuts'

/**
 * The QA keys. Listens in the capture phase so that, while a session is open, J and K follow
 * the session's queue instead of the call list: the call screen's handler skips a key press
 * already handled (defaultPrevented). Keys meant for a field are left alone.
 */
export function useQaShortcuts(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return
    const onKeyDown = (event: KeyboardEvent): void => {
      noteReviewerInput()
      if (event.defaultPrevented || keyBelongsToTarget(event)) return
      const qa = useQaStore.getState()
      if (qa.startOpen || useQaExportStore.getState().dialog || useQaSessionsStore.getState().open) return
      const action = matchQaShortcut(event, qa.session !== null)
      if (!action) return
      // A note is open, the focus elsewhere: the key waits for the note (J or K would drop its
      // text); the note input takes the focus back and says so, rather than the key doing nothing.
      if (qa.noteDraft) {
        qa.nudgeNote()
        event.preventDefault()
        return
      }
      switch (action.kind) {
        case 'start':
          // Nothing to start from: leave Q to others rather than ask for a dialog that cannot show.
          if (!canStartSession(useFiltersStore.getState().applied, useCallsStore.getState().selection.ids.size)) return
          qa.setStartOpen(true)
          break
        case 'resume': {
          const session = sessionToResume(qa.sessions)
          if (!session) return
          void qa.resume(session.id)
          break
        }
        case 'leave':
          qa.leave()
          break
        case 'export':
          void qa.exportSession(action.format)
          break
        case 'exportReviews':
          // No sessions, nothing to export: leave E alone.
          if (qa.sessions.length === 0) return
          // Sessions first; narrowing to the list's selection is a tick away (or the list's own button).
          useQaExportStore.getState().openDialog({ selectedCallsOnly: false })
          break
        case 'note':
          qa.beginNote()
          break
        case 'next':
          qa.next()
          break
        case 'previous':
          qa.previous()
          break
        case 'reviewed':
          qa.toggleReviewed()
          break
        case 'flag':
          qa.toggleFlagged()
          break
        case 'answer':
          qa.answerCurrent(action.value)
          break
        case 'criterion':
          qa.setCriterion(qa.criterionIndex + action.delta)
          break
      }
      event.preventDefault()
    }
    const onPointer = (): void => noteReviewerInput()
    window.addEventListener('keydown', onKeyDown, { capture: true })
    window.addEventListener('pointerdown', onPointer, { capture: true })
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true })
      window.removeEventListener('pointerdown', onPointer, { capture: true })
    }
  }, [enabled])
}
