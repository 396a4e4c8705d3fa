import { useId } from 'react'
import type { CriterionType } from '@shared/qa/schemas'
import { TextField } from '@renderer/components/common/TextField'
import type { CriterionDraft, TemplateFieldErrors } from './template-draft'

interface CriterionFieldsProps {
  criterion: CriterionDraft
  index: number
  count: number
  errors: TemplateFieldErrors
  disabled: boolean
  onChange: (patch: Partial<CriterionDraft>) => void
  onMove: (delta: -1 | 1) => void
  onRemove: () => void
}

const TYPE_LABELS: Record<CriterionType, string> = { yes_no: 'Yes / no', scale_1_5: 'Rating 1–5' }

/** One criterion of the template editor: label, weight, type, N/A allowed, required, critical, section, description; move and remove. */
export function CriterionFields({ criterion, index, count, errors, disabled, onChange, onMove, onRemove }: CriterionFieldsProps): React.JSX.Element {
  const typeId = useId()
  const number = index + 1
  const error = (field: string): string | undefined => errors[`criteria.${index}.${field}`]
  return (
    <fieldset className="qa-template-criterion" disabled={disabled}>
      <legend className="qa-template-criterion__legend">Criterion {number}</legend>
      <div className="qa-template-criterion__row">
        <TextField label="Label" value={criterion.label} maxLength={200} error={error('label')} onChange={(label) => onChange({ label })} />
        <TextField
          label="Weight"
          type="number"
          min={0}
          step="any"
          value={criterion.weight}
          error={error('weight')}
          onChange={(weight) => onChange({ weight })}
        />
      </div>
      <div className="qa-template-criterion__row">
        <div className="field">
          <label className="field__label" htmlFor={typeId}>
            Type
          </label>
          <select id={typeId} className="field__input" value={criterion.type} onChange={(e) => onChange({ type: e.target.value as CriterionType })}>
            {Object.entries(TYPE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <label className="qa-template-criterion__na">
          <input type="checkbox" checked={criterion.naAllowed} onChange={(e) => onChange({ naAllowed: e.target.checked })} /> N/A allowed
        </label>
        <label className="qa-template-criterion__na" title="A call cannot be marked reviewed until this is answered">
          <input type="checkbox" checked={criterion.required} onChange={(e) => onChange({ required: e.target.checked })} /> Required
        </label>
        <label className="qa-template-criterion__na" title="Answering No (or 1) scores the call, or its section, 0">
          <input type="checkbox" checked={criterion.critical} onChange={(e) => onChange({ critical: e.target.checked })} /> Critical (auto-fail)
        </label>
      </div>
      <TextField
        label="Section (optional)"
        value={criterion.section}
        maxLength={200}
        error={error('sectionId')}
        onChange={(section) => onChange({ section })}
      />
      <TextField
        label="Description (optional)"
        value={criterion.description}
        maxLength={1000}
        error={error('description')}
        onChange={(description) => onChange({ description })}
      />
      <div className="qa-template-criterion__actions">
        <button type="button" className="link-button" aria-label={`Move up criterion ${number}`} disabled={index === 0} onClick={() => onMove(-1)}>
          Move up
        </button>
        <button
          type="button"
          className="link-button"
          aria-label={`Move down criterion ${number}`}
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          Move down
        </button>
        <button type="button" className="link-button" aria-label={`Remove criterion ${number}`} disabled={count === 1} onClick={onRemove}>
          Remove
        </button>
      </div>
    </fieldset>
  )
}
