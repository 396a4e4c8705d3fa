import { useShallow } from 'zustand/react/shallow'
import type { CallDetail } from '@shared/ipc/contract'
import { formatPlayerClocks } from '@renderer/lib/format'
import { usePlayerStore } from '@renderer/stores/player-store'
import { Icon } from '../common/Icon'
import { SeekBar, type SeekMarker, type WaveformData } from './SeekBar'
import { useSkipSilence } from './use-skip-silence'
import { SpeedSelect } from './SpeedSelect'
import { VolumeControl } from './VolumeControl'
import '@renderer/styles/player.css'

interface PlayerProps {
  recording: CallDetail['recording']
  /** Moments to mark on the seek bar (QA notes). */
  markers?: SeekMarker[]
  onMarker?: (marker: SeekMarker) => void
  /** The recording's waveform, holds and find hits, once main has worked them out. */
  waveform?: WaveformData | null
}

function SkipButton({ seconds, onSkip }: { seconds: number; onSkip: (delta: number) => void }): React.JSX.Element {
  const back = seconds < 0
  const label = `${back ? 'Back' : 'Forward'} ${Math.abs(seconds)} seconds`
  return (
    <button type="button" className="player__skip" aria-label={label} title={label} onClick={() => onSkip(seconds)}>
      <Icon name={back ? 'back' : 'forward'} size={18} />
      <span className="player__skip-amount" aria-hidden="true">
        {Math.abs(seconds)}
      </span>
    </button>
  )
}

/**
 * The recording player bar: skip ±5/±15 s, play/pause, elapsed, the seek bar with the buffered
 * range, total, speed and volume. A call without a recording, or one not available offline,
 * says so; a load failure says why and offers a retry.
 */
export function Player({ recording, markers, onMarker, waveform }: PlayerProps): React.JSX.Element {
  const quiet = waveform?.quiet ?? null
  const skipSilence = useSkipSilence(quiet)
  const player = usePlayerStore(
    useShallow((s) => ({
      status: s.status,
      playing: s.playing,
      position: s.position,
      duration: s.duration,
      buffered: s.buffered,
      rate: s.rate,
      volume: s.volume,
      muted: s.muted,
      error: s.error,
      waiting: s.waiting,
      toggle: s.toggle,
      seek: s.seek,
      skip: s.skip,
      setRate: s.setRate,
      setVolume: s.setVolume,
      toggleMute: s.toggleMute,
      retry: s.retry
    }))
  )

  if (!recording.available || !recording.url) {
    return (
      <section className="player player--unavailable" aria-label="Recording player">
        <Icon name={recording.available ? 'offline' : 'recording'} size={18} />
        <p className="player__message">
          {recording.available
            ? 'The recording is not available offline. Connect to the internet, then open the call again.'
            : 'This call has no recording.'}
        </p>
      </section>
    )
  }

  const loading = player.status === 'loading'
  const failed = player.status === 'error'
  const clocks = formatPlayerClocks(player.position, player.duration)
  return (
    <section className="player" aria-label="Recording player" aria-busy={loading || player.waiting}>
      <div className="player__timeline">
        <span className="player__time" aria-label="Elapsed">
          {clocks.elapsed}
        </span>
        <SeekBar
          position={player.position}
          duration={player.duration}
          buffered={player.buffered}
          disabled={failed}
          onSeek={player.seek}
          markers={markers}
          onMarker={onMarker}
          waveform={waveform}
        />
        <span className="player__time player__time--total" aria-label="Total">
          {clocks.total}
        </span>
      </div>
      <div className="player__controls">
        <div className="player__transport">
          <SkipButton seconds={-15} onSkip={player.skip} />
          <SkipButton seconds={-5} onSkip={player.skip} />
          <button
            type="button"
            className="player__play"
            aria-label={player.playing ? 'Pause' : 'Play'}
            title={`${player.playing ? 'Pause' : 'Play'} (Space)`}
            disabled={failed}
            onClick={player.toggle}
          >
            {(loading && !player.playing) || player.waiting ? (
              <span className="spinner spinner--light" aria-hidden="true" />
            ) : (
              <Icon name={player.playing ? 'pause' : 'play'} size={20} />
            )}
          </button>
          <SkipButton seconds={5} onSkip={player.skip} />
          <SkipButton seconds={15} onSkip={player.skip} />
        </div>
        <div className="player__settings">
          {quiet && quiet.length > 0 && (
            <label className="player__toggle" title="Jump over holds and silences of 5 seconds or more">
              <input type="checkbox" checked={skipSilence.on} onChange={(event) => skipSilence.set(event.target.checked)} /> Skip silence
            </label>
          )}
          <SpeedSelect rate={player.rate} onChange={player.setRate} />
          <VolumeControl volume={player.volume} muted={player.muted} onVolume={player.setVolume} onToggleMute={player.toggleMute} />
        </div>
      </div>
      {player.error && (
        <div className="player__error" role="alert">
          <Icon name="alert" size={15} />
          <span>{player.error}</span>
          {failed && (
            <button type="button" className="button button--secondary button--small" onClick={player.retry}>
              Retry
            </button>
          )}
        </div>
      )}
      {recording.offline && !player.error && <span className="sr-only">Playing from this computer.</span>}
    </section>
  )
}
