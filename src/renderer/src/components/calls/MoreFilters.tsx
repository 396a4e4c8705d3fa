import { useEffect, useId } from 'react'
import { normalisePhoneNumber } from '@shared/phone'
import { campaignOptions, routeOptions } from '@renderer/lib/choices'
import type { FilterDraft, FilterField } from '@renderer/lib/call-query'
import { useFiltersStore } from '@renderer/stores/filters-store'
import { FilterTextField } from './FilterTextField'
import { NamePicker } from './NamePicker'

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

/**
 * The filters most people do not need every day: campaign and route by name, phone numbers, and
 * the filters only the library can answer (the API has none of them), shown as such.
 */
export function MoreFilters({ draft, errors, onChange }: MoreFiltersProps): React.JSX.Element {
  const choices = useFiltersStore((s) => s.choices)
  const tagListId = useId()
  const agentListId = useId()
  // The names come from the library, which grows as calls are fetched: asked again each time this opens.
  useEffect(() => {
    void useFiltersStore.getState().loadChoices()
  }, [])
  return (
    <div className="more-filters-groups">
      <div className="more-filters" role="group" aria-label="More filters">
        <NamePicker
          label="Campaign"
          noun="campaign"
          value={draft.campaign_id}
          options={campaignOptions(choices)}
          error={errors.campaign_id}
          placeholder="Type a campaign's name"
          onChange={(campaign_id) => onChange({ campaign_id })}
        />
        <NamePicker
          label="Route"
          noun="route"
          value={draft.provisioned_route_id}
          options={routeOptions(choices)}
          error={errors.provisioned_route_id}
          placeholder="Campaign or tracking number"
          onChange={(provisioned_route_id) => onChange({ provisioned_route_id })}
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
      <div className="more-filters more-filters--local" role="group" aria-label="Library filters" aria-describedby={`${tagListId}-note`}>
        <p id={`${tagListId}-note`} className="more-filters__note">
          In your library only: these filters look at the calls downloaded to this computer, not at the server.
        </p>
        <FilterTextField label="Tag" value={draft.tag} list={tagListId} error={undefined} onCommit={(tag) => onChange({ tag })} />
        <datalist id={tagListId}>
          {choices?.tags.map((tag) => (
            <option key={tag} value={tag} />
          ))}
        </datalist>
        <FilterTextField label="Agent" value={draft.agent} list={agentListId} error={undefined} onCommit={(agent) => onChange({ agent })} />
        <datalist id={agentListId}>
          {choices?.agents.map((agent) => (
            <option key={agent} value={agent} />
          ))}
        </datalist>
        <FilterTextField
          label="Shortest duration"
          value={draft.minDuration}
          placeholder="e.g. 1:30"
          error={errors.duration}
          onCommit={(minDuration) => onChange({ minDuration })}
        />
        <FilterTextField
          label="Longest duration"
          value={draft.maxDuration}
          placeholder="e.g. 10:00"
          error={undefined}
          onCommit={(maxDuration) => onChange({ maxDuration })}
        />
        <FilterTextField
          label="Lowest score"
          value={draft.minScore}
          inputMode="decimal"
          placeholder="e.g. 60"
          error={errors.score}
          onCommit={(minScore) => onChange({ minScore })}
        />
        <FilterTextField
          label="Highest score"
          value={draft.maxScore}
          inputMode="decimal"
          placeholder="e.g. 100"
          error={undefined}
          onCommit={(maxScore) => onChange({ maxScore })}
        />
        <label className="field filter-field">
          <span className="field__label">Reviewed</span>
          <select
            className="field__input filter-input filter-select"
            aria-label="Reviewed"
            value={draft.reviewed}
            onChange={(event) => onChange({ reviewed: event.target.value as FilterDraft['reviewed'] })}
          >
            <option value="">Reviewed or not</option>
            <option value="yes">Reviewed by you</option>
            <option value="no">Not reviewed by you</option>
          </select>
        </label>
        <fieldset className="more-filters__checks">
          <legend className="field__label">Only calls</legend>
          <label className="check-list__item">
            <input type="checkbox" checked={draft.flagged} onChange={(event) => onChange({ flagged: event.target.checked })} />
            Flagged by you
          </label>
          <label className="check-list__item">
            <input type="checkbox" checked={draft.hasRecording} onChange={(event) => onChange({ hasRecording: event.target.checked })} />
            With a recording
          </label>
          <label className="check-list__item">
            <input type="checkbox" checked={draft.hasTranscript} onChange={(event) => onChange({ hasTranscript: event.target.checked })} />
            With a transcript
          </label>
        </fieldset>
      </div>
    </div>
  )
}
