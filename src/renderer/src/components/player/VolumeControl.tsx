import { Icon } from '../common/Icon'

interface VolumeControlProps {
  volume: number
  muted: boolean
  onVolume: (volume: number) => void
  onToggleMute: () => void
}

/** Mute and a volume slider; the level is kept across calls. */
export function VolumeControl({ volume, muted, onVolume, onToggleMute }: VolumeControlProps): React.JSX.Element {
  const silent = muted || volume === 0
  return (
    <div className="volume">
      <button
        type="button"
        className="icon-button icon-button--small"
        aria-label={silent ? 'Unmute' : 'Mute'}
        aria-pressed={muted}
        onClick={onToggleMute}
      >
        <Icon name={silent ? 'muted' : 'volume'} size={17} />
      </button>
      <input
        type="range"
        className="volume__slider"
        aria-label="Volume"
        min={0}
        max={1}
        step={0.05}
        value={muted ? 0 : volume}
        aria-valuetext={`${Math.round((muted ? 0 : volume) * 100)} percent`}
        onChange={(event) => onVolume(Number(event.target.value))}
      />
    </div>
  )
}
