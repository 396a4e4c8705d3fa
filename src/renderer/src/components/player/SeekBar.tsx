import { useState } from 'react'
import type { BufferedRange } from '../../stores/player-store'
import { formatClock, speakClock } from '../../lib/format'
import '../../styles/player.css'

/** A moment marked on the seek bar (QA notes pinned to playback time). */
export interface SeekMarker {
  id: string
  seconds: number
  label: string
}

interface SeekBarProps {
  position: number
  duration: number | null
  buffered: BufferedRange[]
  disabled: boolean
  onSeek: (seconds: number) => void
  markers?: SeekMarker[]
  onMarker?: (marker: SeekMarker) => void
}

function percent(seconds: number, duration: number): string {
  return `${Math.min(100, Math.max(0, (seconds / duration) * 100))}%`
}

/**
 * The seek bar: a native range input (keyboard, screen readers and pointer for free) over a
 * track that draws what is played, what the audio element has buffered, and any markers.
 * Dragging moves the thumb at once and seeks when released, so the audio is not asked to seek
 * on every pixel.
 */
export function SeekBar({ position, duration, buffered, disabled, onSeek, markers = [], onMarker }: SeekBarProps): React.JSX.Element {
  const [scrub, setScrub] = useState<number | null>(null)
  const known = duration !== null && duration > 0
  const shown = scrub ?? position
  const commit = (): void => {
    if (scrub !== null) onSeek(scrub)
    setScrub(null)
  }
  return (
    <div className={`seek-bar${disabled || !known ? ' seek-bar--disabled' : ''}`}>
      <div className="seek-bar__track" aria-hidden="true">
        {known &&
          buffered.map((range, i) => (
            <span key={i} className="seek-bar__buffered" style={{ left: percent(range.start, duration), width: percent(range.end - range.start, duration) }} />
          ))}
        {known && <span className="seek-bar__played" style={{ width: percent(shown, duration) }} />}
      </div>
      <input
        type="range"
        className="seek-bar__input"
        aria-label="Seek"
        min={0}
        max={known ? duration : 0}
        step={0.1}
        value={known ? Math.min(shown, duration) : 0}
        disabled={disabled || !known}
        aria-valuetext={`${speakClock(shown)} of ${speakClock(duration)}`}
        onChange={(event) => setScrub(Number(event.target.value))}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
      />
      {known &&
        markers.map((marker) => (
          <button
            key={marker.id}
            type="button"
            className="seek-bar__marker"
            style={{ left: percent(marker.seconds, duration) }}
            aria-label={`${marker.label} at ${formatClock(marker.seconds)}`}
            title={`${formatClock(marker.seconds)} — ${marker.label}`}
            onClick={() => (onMarker ? onMarker(marker) : onSeek(marker.seconds))}
          />
        ))}
    </div>
  )
}
