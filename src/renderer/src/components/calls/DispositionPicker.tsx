import { DISPOSITIONS } from '@shared/convirza/vocabulary'
import { formatDisposition } from '@renderer/lib/format'
import { Icon } from '../common/Icon'
import { Popover } from '../common/Popover'

interface DispositionPickerProps {
  value: string[]
  onChange: (dispositions: string[]) => void
}

function summary(value: string[]): string {
  if (value.length === 0) return 'All'
  if (value.length <= 2) return value.map(formatDisposition).join(', ')
  return `${value.length} selected`
}

/** The seven dispositions (docs/convirza-api.md) as checkboxes in a popover; none checked means all. */
export function DispositionPicker({ value, onChange }: DispositionPickerProps): React.JSX.Element {
  const toggle = (disposition: string, checked: boolean): void => {
    const next = checked ? [...value, disposition] : value.filter((d) => d !== disposition)
    // Keep the API's order so the saved filter and the query read the same every time.
    onChange(DISPOSITIONS.filter((d) => next.includes(d)))
  }
  return (
    <Popover
      label="Dispositions"
      triggerClassName={`button button--secondary filter-button${value.length ? ' filter-button--active' : ''}`}
      trigger={
        <>
          {/* Named by what it shows ("Disposition Voicemail"), so speech input can say what it sees (WCAG 2.5.3). */}
          <span className="filter-button__label">Disposition</span> <span className="filter-button__value">{summary(value)}</span>
          <Icon name="chevronDown" size={14} />
        </>
      }
    >
      <fieldset className="check-list">
        <legend className="check-list__legend">Show calls that were</legend>
        {DISPOSITIONS.map((disposition) => (
          <label key={disposition} className="check-list__item">
            <input type="checkbox" checked={value.includes(disposition)} onChange={(event) => toggle(disposition, event.target.checked)} />
            <span className={`badge badge--${disposition.toLowerCase().replace(/\s+/g, '-')}`}>{formatDisposition(disposition)}</span>
          </label>
        ))}
      </fieldset>
      <div className="check-list__footer">
        <button type="button" className="link-button" disabled={value.length === 0} onClick={() => onChange([])}>
          Show all dispositions
        </button>
      </div>
    </Popover>
  )
}
