import { useEffect, useState } from 'react'
import { DEFAULT_TEMPLATE_ID } from '@shared/qa/default-template'
import type { Template } from '@shared/qa/schemas'
import { useTemplatesStore } from '@renderer/stores/templates-store'
import { TextField } from '@renderer/components/common/TextField'
import { CriterionFields } from './CriterionFields'
import {
  draftFromTemplate,
  draftSections,
  draftToInput,
  emptyDraft,
  fieldErrorsFromInfo,
  hasUnshownField,
  moveCriterion,
  newCriterion,
  sameDraft,
  validateDraft,
  type CriterionDraft,
  type TemplateDraft,
  type TemplateFieldErrors
} from './template-draft'

interface TemplateEditorProps {
  /** The latest version of the template to edit; null for a new one. */
  template: Template | null
  onSaved: (template: Template) => void
  /** Told whenever the form starts or stops differing from what is saved, so leaving it can ask first. */
  onDirtyChange?: (dirty: boolean) => void
}

/**
 * The form for one template: its name and criteria (label, weight, yes/no or 1–5, N/A
 * allowed, description), reordered and removed in place. The form checks what it can with
 * main's own schema before sending; what main refuses is shown next to the field it names.
 * The built-in template can be edited but not archived.
 */
export function TemplateEditor({ template, onSaved, onDirtyChange }: TemplateEditorProps): React.JSX.Element {
  const [draft, setDraft] = useState<TemplateDraft>(() => (template ? draftFromTemplate(template) : emptyDraft()))
  // What is saved (or, for a new template, the blank form): the form is dirty when it differs.
  const [baseline, setBaseline] = useState<TemplateDraft>(draft)
  const dirty = !sameDraft(draft, baseline)
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange])
  const [checked, setChecked] = useState(false)
  const [saved, setSaved] = useState<string | null>(null)
  const busy = useTemplatesStore((s) => s.busy)
  const error = useTemplatesStore((s) => s.error)
  const clientErrors: TemplateFieldErrors = checked ? validateDraft(draft) : {}
  const serverErrors = fieldErrorsFromInfo(error)
  const errors: TemplateFieldErrors = { ...serverErrors, ...clientErrors }
  const generalError = errors['criteria'] ?? errors['template']

  const update = (next: TemplateDraft): void => {
    setDraft(next)
    setSaved(null)
    if (error) useTemplatesStore.getState().clearError()
  }
  const updateCriterion = (index: number, patch: Partial<CriterionDraft>): void =>
    update({ ...draft, criteria: draft.criteria.map((c, i) => (i === index ? { ...c, ...patch } : c)) })

  const submit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault()
    setChecked(true)
    if (Object.keys(validateDraft(draft)).length > 0) return
    const result = await useTemplatesStore.getState().save(draftToInput(draft))
    if (!result) return
    const savedDraft = draftFromTemplate(result)
    setDraft(savedDraft)
    setBaseline(savedDraft)
    setChecked(false)
    setSaved(
      !template
        ? `Created “${result.name}”, version ${result.version}.`
        : result.version === template.version
          ? `No changes to save; still version ${result.version}.`
          : `Saved version ${result.version}.`
    )
    onSaved(result)
  }

  const archived = template?.archived ?? false
  const title = template ? template.name : 'New template'
  return (
    <form className="qa-template-editor" aria-label={template ? `Edit ${template.name}` : 'New template'} noValidate onSubmit={(e) => void submit(e)}>
      <header className="qa-template-editor__header">
        <h3 className="qa-template-editor__title">{title}</h3>
        {template && (
          <p className="qa-template-editor__meta">
            version {template.version}
            {archived && ' · archived'}
          </p>
        )}
      </header>
      <TextField label="Template name" value={draft.name} maxLength={120} error={errors['name']} onChange={(name) => update({ ...draft, name })} />
      <div className="qa-template-editor__criteria" role="group" aria-label="Criteria">
        {draft.criteria.map((criterion, index) => (
          <CriterionFields
            key={criterion.key}
            criterion={criterion}
            index={index}
            count={draft.criteria.length}
            errors={errors}
            disabled={busy !== null}
            onChange={(patch) => updateCriterion(index, patch)}
            onMove={(delta) => update({ ...draft, criteria: moveCriterion(draft.criteria, index, delta) })}
            onRemove={() => update({ ...draft, criteria: draft.criteria.filter((_, i) => i !== index) })}
          />
        ))}
        <button
          type="button"
          className="button button--secondary button--small qa-template-editor__add"
          onClick={() => update({ ...draft, criteria: [...draft.criteria, newCriterion()] })}
        >
          Add criterion
        </button>
      </div>
      {draftSections(draft).length > 0 && (
        <fieldset className="qa-template-criterion" disabled={busy !== null} aria-label="Section weights">
          <legend className="qa-template-criterion__legend">Section weights</legend>
          {draftSections(draft).map((name) => (
            <TextField
              key={name}
              label={`Weight of ${name}`}
              type="number"
              min={0}
              step="any"
              value={draft.sectionWeights[name] ?? '1'}
              onChange={(weight) => update({ ...draft, sectionWeights: { ...draft.sectionWeights, [name]: weight } })}
            />
          ))}
        </fieldset>
      )}
      {draft.criteria.some((c) => c.critical) && (
        <label className="field">
          <span className="field__label">A failed critical criterion scores</span>
          <select
            className="field__input"
            value={draft.autoFail}
            disabled={busy !== null}
            onChange={(e) => update({ ...draft, autoFail: e.target.value as TemplateDraft['autoFail'] })}
          >
            <option value="call">the whole call 0</option>
            <option value="section">its section 0</option>
          </select>
        </label>
      )}
      {generalError && (
        <p className="field__error" role="alert">
          {generalError}
        </p>
      )}
      {error && (!error.fields?.length || hasUnshownField(serverErrors)) && (
        <p className="notice notice--danger" role="alert">
          {error.message}
        </p>
      )}
      {saved && (
        <p className="qa-template-editor__saved" role="status">
          {saved}
        </p>
      )}
      <div className="qa-template-editor__actions">
        {template &&
          (template.id === DEFAULT_TEMPLATE_ID ? (
            <p className="qa-template-editor__note">The built-in template can be edited but not archived.</p>
          ) : (
            <button
              type="button"
              className="button button--secondary"
              disabled={busy !== null}
              onClick={() => void useTemplatesStore.getState().setArchived(template.id, !archived)}
            >
              {archived ? 'Unarchive template' : 'Archive template'}
            </button>
          ))}
        <button type="submit" className="button button--primary" disabled={busy !== null}>
          {busy === 'save' ? 'Saving…' : template ? `Save as version ${template.version + 1}` : 'Create template'}
        </button>
      </div>
    </form>
  )
}
