import { useState } from 'react'
import type { BufferedRange } from '@renderer/stores/player-store'
import { formatClock, speakClock } from '@renderer/lib/format'
import { Waveform } from './Waveform'
import type { Peaks } from './waveform-draw'
import '@renderer/styles/player.css'

/** A moment marked on the seek bar (QA notes pinned to playback time). */
export interface SeekMarker {
  id: string
  seconds: number
  label: string
}

/** A hold or a long silence (≥ 5 s) to mark on the waveform. */
export interface QuietMark {
  startSec: number
  endSec: number
  kind: 'hold' | 'silence'
}

/** What the waveform view draws: the recording's peaks, its quiet stretches, search hits (seconds). */
export interface WaveformData {
  peaks: Peaks
  quiet: QuietMark[]
  hits: { seconds: number; label: string }[]
}

interface SeekBarProps {
  position: number
  duration: number | null
  buffered: BufferedRange[]
  disabled: boolean
  onSeek: (seconds: number) => void
  markers?: SeekMarker[]
  onMarker?: (marker: SeekMarker) => void
  /** When given, the track is the recording's waveform (precomputed in main). */
  waveform?: WaveformData | null
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
export function SeekBar({ position, duration, buffered, disabled, onSeek, markers = [], onMarker, waveform }: SeekBarProps): React.JSX.Element {
  const [scrub, setScrub] = useState<number | null>(null)
  const known = duration !== null && duration > 0
  const shown = scrub ?? position
  const commit = (): void => {
    if (scrub !== null) onSeek(scrub)
    setScrub(null)
  }
  return (
    <div className={`seek-bar${disabled || !known ? ' seek-bar--disabled' : ''}${waveform ? ' seek-bar--waveform' : ''}`}>
      <div className="seek-bar__track" aria-hidden="true">
        {known &&
          !waveform &&
          buffered.map((range, i) => (
            <span
              key={i}
              className="seek-bar__buffered"
              style={{ left: percent(range.start, duration), width: percent(range.end - range.start, duration) }}
            />
          ))}
        {known && !waveform && <span className="seek-bar__played" style={{ width: percent(shown, duration) }} />}
        {waveform && (
          <>
            <Waveform peaks={waveform.peaks} className="waveform waveform--base" />
            {/* The played part: the same drawing in the accent colour, clipped at the playhead. */}
            <div className="waveform__played" style={{ clipPath: `inset(0 ${known ? 100 - Math.min(100, (shown / duration) * 100) : 100}% 0 0)` }}>
              <Waveform peaks={waveform.peaks} className="waveform waveform--played" />
            </div>
            {known && <span className="waveform__playhead" style={{ left: percent(shown, duration) }} />}
          </>
        )}
      </div>
      {waveform && known && (
        <div className="waveform__marks">
          {waveform.quiet.map((q) => (
            <span
              key={`${q.kind}-${q.startSec}`}
              role="img"
              className={`waveform__quiet waveform__quiet--${q.kind}`}
              style={{ left: percent(q.startSec, duration), width: percent(q.endSec - q.startSec, duration) }}
              aria-label={`${q.kind === 'hold' ? 'Hold' : 'Silence'} from ${formatClock(q.startSec)} to ${formatClock(q.endSec)}`}
              title={`${q.kind === 'hold' ? 'Hold' : 'Silence'} ${formatClock(q.startSec)}–${formatClock(q.endSec)}`}
            />
          ))}
          {waveform.hits.map((hit, i) => (
            <span
              key={i}
              role="img"
              className="waveform__hit"
              style={{ left: percent(hit.seconds, duration) }}
              aria-label={`${hit.label} at about ${formatClock(hit.seconds)}`}
              title={hit.label}
            />
          ))}
        </div>
      )}
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
