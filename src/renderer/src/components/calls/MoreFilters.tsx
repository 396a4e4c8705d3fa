import { normalisePhoneNumber } from '../../../../shared/phone'
import type { FilterDraft, FilterField } from '../../lib/call-query'
import { FilterTextField } from './FilterTextField'

interface MoreFiltersProps {
  draft: FilterDraft
  errors: Partial<Record<FilterField, string>>
  onChange: (patch: Partial<FilterDraft>) => void
}

/** "Searching +18015551234": shows what a typed number becomes (E.164, as the API takes it). */
function phoneHint(value: string): string | undefined {
  const e164 = normalisePhoneNumber(value)
  return e164 && e164 !== value.trim() ? `Searching ${e164}` : undefined
}

const PHONE_FIELDS = [
  { field: 'caller_id', label: 'Caller number' },
  { field: 'phone_number', label: 'Tracking number' },
  { field: 'ring_to', label: 'Ring-to number' }
] as const

/** The filters most people do not need every day: ids and phone numbers. */
export function MoreFilters({ draft, errors, onChange }: MoreFiltersProps): React.JSX.Element {
  return (
    <div className="more-filters" role="group" aria-label="More filters">
      <FilterTextField
        label="Campaign ID"
        value={draft.campaign_id}
        inputMode="numeric"
        placeholder="e.g. 311"
        error={errors.campaign_id}
        onCommit={(campaign_id) => onChange({ campaign_id })}
      />
      <FilterTextField
        label="Provisioned route ID"
        value={draft.provisioned_route_id}
        inputMode="numeric"
        placeholder="e.g. 1022"
        error={errors.provisioned_route_id}
        onCommit={(provisioned_route_id) => onChange({ provisioned_route_id })}
      />
      {PHONE_FIELDS.map(({ field, label }) => (
        <FilterTextField
          key={field}
          label={label}
          value={draft[field]}
          inputMode="tel"
          placeholder="(801) 555-1234"
          error={errors[field]}
          hint={phoneHint(draft[field])}
          onCommit={(value) => onChange({ [field]: value })}
        />
      ))}
    </div>
  )
}
