import { useId } from 'react'
import { format } from 'date-fns'
import type { DatePreset, FilterDraft } from '@renderer/lib/call-query'

const PRESETS: { value: DatePreset; label: string }[] = [
  { value: 'today', label: 'Today' },
  { value: 'yesterday', label: 'Yesterday' },
  { value: 'last7', label: 'Last 7 days' },
  { value: 'last30', label: 'Last 30 days' },
  { value: 'custom', label: 'Custom' }
]

interface DateRangeFilterProps {
  draft: FilterDraft
  /** The id of the element that shows the range's error, when there is one. */
  errorId: string | undefined
  onChange: (patch: Partial<FilterDraft>) => void
}

/**
 * Date presets as a segmented radio group, and for "Custom" two date fields. The 31-day limit
 * (docs/convirza-api.md) is checked by the shared query rules; their message shows under the dates.
 */
export function DateRangeFilter({ draft, errorId, onChange }: DateRangeFilterProps): React.JSX.Element {
  const name = useId()
  const error = errorId !== undefined
  const today = format(new Date(), 'yyyy-MM-dd')
  return (
    <div className="date-filter">
      <div className="segmented" role="radiogroup" aria-label="Date range">
        {PRESETS.map((preset) => (
          <label key={preset.value} className="segmented__option">
            <input
              type="radio"
              name={name}
              value={preset.value}
              checked={draft.preset === preset.value}
              onChange={() => {
                if (preset.value !== 'custom') return onChange({ preset: preset.value })
                // Start a custom range from the last 7 days so it is valid the moment it opens.
                onChange({
                  preset: 'custom',
                  start: draft.start || format(new Date(Date.now() - 6 * 86_400_000), 'yyyy-MM-dd'),
                  end: draft.end || today
                })
              }}
            />
            <span>{preset.label}</span>
          </label>
        ))}
      </div>
      {draft.preset === 'custom' && (
        <div className={`date-filter__custom${error ? ' date-filter__custom--invalid' : ''}`}>
          <input
            type="date"
            className="field__input filter-input filter-input--date"
            aria-label="From date"
            value={draft.start}
            max={today}
            aria-invalid={error || undefined}
            aria-describedby={errorId}
            onChange={(event) => onChange({ start: event.target.value })}
          />
          <span className="date-filter__dash" aria-hidden="true">
            –
          </span>
          <input
            type="date"
            className="field__input filter-input filter-input--date"
            aria-label="To date"
            value={draft.end}
            aria-invalid={error || undefined}
            aria-describedby={errorId}
            onChange={(event) => onChange({ end: event.target.value })}
          />
        </div>
      )}
    </div>
  )
}
