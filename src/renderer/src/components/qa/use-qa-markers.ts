import { useShallow } from 'zustand/react/shallow'
import { currentItem, useQaStore } from '@renderer/stores/qa-store'
import { usePlayerStore } from '@renderer/stores/player-store'
import type { Note } from '@shared/qa/schemas'
import type { SeekMarker } from '../player/SeekBar'

const NONE: Note[] = []

/** The open session's notes on the call being played, as seek-bar markers; a click jumps there. */
export function useQaMarkers(): { markers?: SeekMarker[]; onMarker?: (marker: SeekMarker) => void } {
  const notes = useQaStore(useShallow((s) => currentItem(s)?.notes ?? NONE))
  const playing = usePlayerStore((s) => s.callId)
  const item = useQaStore((s) => currentItem(s)?.callId ?? null)
  if (item === null || playing !== item) return {}
  return {
    markers: notes.map((note) => ({ id: note.id, seconds: note.seconds, label: `Note: ${note.text}` })),
    onMarker: (marker) => usePlayerStore.getState().seek(marker.seconds)
  }
}
