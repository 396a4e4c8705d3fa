import { formatRate } from '@renderer/lib/format'
import { PLAYBACK_RATES } from '@renderer/stores/player-store'

/** Playback speed, 0.5–2× ([ and ] step it too); kept across calls. */
export function SpeedSelect({ rate, onChange }: { rate: number; onChange: (rate: number) => void }): React.JSX.Element {
  const options = PLAYBACK_RATES.includes(rate as (typeof PLAYBACK_RATES)[number]) ? PLAYBACK_RATES : [...PLAYBACK_RATES, rate].sort((a, b) => a - b)
  return (
    <select
      className="field__input player__speed"
      aria-label="Playback speed"
      title="Playback speed ([ slower, ] faster)"
      value={String(rate)}
      onChange={(event) => onChange(Number(event.target.value))}
    >
      {options.map((r) => (
        <option key={r} value={String(r)}>
          {formatRate(r)}
        </option>
      ))}
    </select>
  )
}
