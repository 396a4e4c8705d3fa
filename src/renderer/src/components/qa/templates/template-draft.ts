/**
 * The scorecard template editor's form state and its rules, kept apart from the screen: what
 * the fields hold (text, as typed), what is sent to 'qa:saveTemplate', and which message goes
 * next to which field. The rules are main's own schema (TemplateInputSchema), so the form and
 * main never disagree; main's refusals come back with the same field paths.
 */
import '@renderer/lib/zod-jitless'
import type { AppErrorInfo } from '@shared/errors'
import { fieldErrorsOf, firstErrorByField, type FieldError } from '@shared/field-errors'
import { TemplateInputSchema, type AutoFailScope, type CriterionType, type Template, type TemplateInput } from '@shared/qa/schemas'
import { slugify } from '@shared/slug'

export interface CriterionDraft {
  /** Identifies the row while it is edited and moved (React key); never sent. */
  key: string
  /** The criterion's stable id; absent for a new criterion (main makes one from the label). */
  id?: string
  label: string
  description: string
  /** As typed in the number field. */
  weight: string
  type: CriterionType
  naAllowed: boolean
  required: boolean
  critical: boolean
  /** The name of its section, as typed; '' when the template has no sections. */
  section: string
}

export interface TemplateDraft {
  /** Absent for a new template. */
  id?: string
  name: string
  criteria: CriterionDraft[]
  /** Section name → weight as typed; sections are the distinct section names, in the order first used. */
  sectionWeights: Record<string, string>
  autoFail: AutoFailScope
}

/** The section names the criteria use, in the order first used. */
export function draftSections(draft: TemplateDraft): string[] {
  return [...new Set(draft.criteria.map((c) => c.section.trim()).filter(Boolean))]
}

/** A section's id: made from its name ("Opening & greeting" → "opening-greeting"). */
function sectionId(name: string): string {
  return slugify(name, 'section')
}

/**
 * Field path → message: 'name', 'criteria' (the list as a whole), 'criteria.2.label'. The
 * paths are zod's, which is also what main names in a refusal.
 */
export type TemplateFieldErrors = Partial<Record<string, string>>

let nextKey = 0

export function newCriterion(): CriterionDraft {
  nextKey += 1
  return {
    key: `criterion-${nextKey}`,
    label: '',
    description: '',
    weight: '1',
    type: 'yes_no',
    naAllowed: true,
    required: false,
    critical: false,
    section: ''
  }
}

export function emptyDraft(): TemplateDraft {
  return { name: '', criteria: [newCriterion()], sectionWeights: {}, autoFail: 'call' }
}

export function draftFromTemplate(template: Template): TemplateDraft {
  return {
    id: template.id,
    name: template.name,
    criteria: template.criteria.map((c) => ({
      ...newCriterion(),
      id: c.id,
      label: c.label,
      description: c.description ?? '',
      weight: String(c.weight),
      type: c.type,
      naAllowed: c.naAllowed,
      required: c.required === true,
      critical: c.critical === true,
      section: template.sections?.find((section) => section.id === c.sectionId)?.label ?? ''
    })),
    sectionWeights: Object.fromEntries((template.sections ?? []).map((section) => [section.label, String(section.weight)])),
    autoFail: template.autoFail ?? 'call'
  }
}

/** What the editor sends. A blank weight is sent as 0, which the schema refuses with its own words. */
export function draftToInput(draft: TemplateDraft): TemplateInput {
  const sections = draftSections(draft).map((name) => {
    const weight = draft.sectionWeights[name] ?? '1'
    return { id: sectionId(name), label: name, weight: weight.trim() === '' ? 0 : Number(weight) }
  })
  return {
    ...(draft.id ? { id: draft.id } : {}),
    name: draft.name,
    criteria: draft.criteria.map((c) => ({
      ...(c.id ? { id: c.id } : {}),
      label: c.label,
      ...(c.description.trim() ? { description: c.description } : {}),
      weight: c.weight.trim() === '' ? 0 : Number(c.weight),
      type: c.type,
      naAllowed: c.naAllowed,
      ...(c.required ? { required: true } : {}),
      ...(c.critical ? { critical: true } : {}),
      ...(c.section.trim() ? { sectionId: sectionId(c.section.trim()) } : {})
    })),
    ...(sections.length ? { sections } : {}),
    ...(draft.criteria.some((c) => c.critical) ? { autoFail: draft.autoFail } : {})
  }
}

/**
 * Whether two drafts say the same thing: the name and the criteria in order, field by field,
 * as they would be sent. The React keys are not compared (they change on every read).
 */
export function sameDraft(a: TemplateDraft, b: TemplateDraft): boolean {
  return JSON.stringify(draftForCompare(a)) === JSON.stringify(draftForCompare(b))
}

function draftForCompare(draft: TemplateDraft): unknown {
  return {
    id: draft.id ?? null,
    name: draft.name,
    criteria: draft.criteria.map(({ key: _key, ...rest }) => ({ ...rest, id: rest.id ?? null })),
    sections: draftSections(draft).map((name) => [name, draft.sectionWeights[name] ?? '1']),
    autoFail: draft.autoFail
  }
}

/** The list with the criterion at `index` moved one place up (-1) or down (+1). */
export function moveCriterion(criteria: readonly CriterionDraft[], index: number, delta: -1 | 1): CriterionDraft[] {
  const to = index + delta
  const next = criteria.slice()
  const moving = next[index]
  const other = next[to]
  if (!moving || !other) return next
  next[index] = other
  next[to] = moving
  return next
}

/** Friendlier words for the messages zod writes itself (a number field left as "e"). */
function friendlier(path: string, message: string): string {
  if (path.endsWith('.weight') && /expected number/i.test(message)) return 'A weight is a positive number.'
  return message
}

function collect(fields: readonly FieldError[]): TemplateFieldErrors {
  const errors = firstErrorByField(fields)
  for (const [path, message] of Object.entries(errors)) if (message !== undefined) errors[path] = friendlier(path, message)
  return errors
}

/** The form's problems before anything is sent; empty when main would accept it. */
export function validateDraft(draft: TemplateDraft): TemplateFieldErrors {
  const parsed = TemplateInputSchema.safeParse(draftToInput(draft))
  return parsed.success ? {} : collect(fieldErrorsOf(parsed.error, 'template'))
}

/** Paths the form has a place for; a refusal naming anything else is shown as main's message. */
const SHOWN_FIELD = /^(name|criteria|template|sections|criteria\.\d+\.(label|weight|description|sectionId))$/

export function hasUnshownField(errors: TemplateFieldErrors): boolean {
  return Object.keys(errors).some((path) => !SHOWN_FIELD.test(path))
}

/** The fields main refused ('qa:saveTemplate' validation errors name them), by path. */
export function fieldErrorsFromInfo(info: AppErrorInfo | null): TemplateFieldErrors {
  return collect((info?.fields ?? []).map((f) => (f.field === '(request)' ? { ...f, field: 'template' } : f)))
}
