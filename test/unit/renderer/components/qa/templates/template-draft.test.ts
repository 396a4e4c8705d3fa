import { describe, expect, it } from 'vitest'
import {
  draftFromTemplate,
  draftToInput,
  emptyDraft,
  fieldErrorsFromInfo,
  hasUnshownField,
  moveCriterion,
  newCriterion,
  sameDraft,
  validateDraft,
  type CriterionDraft,
  type TemplateDraft
} from '@renderer/components/qa/templates/template-draft'
import { DEFAULT_CRITERIA, DEFAULT_TEMPLATE_ID, DEFAULT_TEMPLATE_NAME } from '@shared/qa/default-template'
import { TemplateInputSchema, type Template } from '@shared/qa/schemas'

const DEFAULT: Template = {
  id: DEFAULT_TEMPLATE_ID,
  version: 3,
  name: DEFAULT_TEMPLATE_NAME,
  criteria: [...DEFAULT_CRITERIA],
  createdAt: '2026-03-01T10:00:00Z',
  createdBy: 'qa@example.com',
  archived: false
}

function draft(patch: Partial<TemplateDraft> = {}): TemplateDraft {
  return {
    name: 'Sales basics',
    criteria: [
      { ...newCriterion(), label: 'Greeted', weight: '1' },
      { ...newCriterion(), label: 'Booked', weight: '3', type: 'scale_1_5', naAllowed: false }
    ],
    sectionWeights: {},
    autoFail: 'call',
    ...patch
  }
}

describe('scorecard template editor form', () => {
  it('sends a new template without ids, with weights as numbers', () => {
    const input = draftToInput(draft())
    expect(input).toEqual({
      name: 'Sales basics',
      criteria: [
        { label: 'Greeted', weight: 1, type: 'yes_no', naAllowed: true },
        { label: 'Booked', weight: 3, type: 'scale_1_5', naAllowed: false }
      ]
    })
    expect(TemplateInputSchema.safeParse(input).success).toBe(true)
  })

  it('sends an edited template with its id and every criterion id, so answers stay comparable across versions', () => {
    const input = draftToInput(draftFromTemplate(DEFAULT))
    expect(input.id).toBe(DEFAULT_TEMPLATE_ID)
    expect(TemplateInputSchema.parse(input).criteria).toEqual(DEFAULT_CRITERIA)
  })

  it('starts a new template with one blank criterion, which the rules refuse until it has a label', () => {
    const blank = emptyDraft()
    expect(blank.criteria).toHaveLength(1)
    expect(validateDraft(blank)).toEqual({ name: 'Give the template a name.', 'criteria.0.label': 'Give the criterion a label.' })
  })

  it('puts each problem next to its field: a blank or zero weight, a missing label', () => {
    const bad = draft()
    bad.criteria = [
      { ...(bad.criteria[0] as TemplateDraft['criteria'][number]), weight: '' },
      { ...(bad.criteria[1] as TemplateDraft['criteria'][number]), label: '  ', weight: '0' }
    ]
    expect(validateDraft(bad)).toEqual({
      'criteria.0.weight': 'A weight is a positive number.',
      'criteria.1.label': 'Give the criterion a label.',
      'criteria.1.weight': 'A weight is a positive number.'
    })
  })

  it('refuses a template with no criteria, on the list as a whole', () => {
    expect(validateDraft(draft({ criteria: [] }))).toEqual({ criteria: 'A template needs at least one criterion.' })
  })

  it('reads the fields main refused from its validation error', () => {
    expect(
      fieldErrorsFromInfo({
        kind: 'validation',
        message: 'The template was not saved: …',
        fields: [
          { field: 'criteria.1.weight', message: 'A weight is a positive number.' },
          { field: 'criteria.1.weight', message: 'second problem, not shown' },
          { field: 'name', message: 'Give the template a name.' }
        ]
      })
    ).toEqual({ 'criteria.1.weight': 'A weight is a positive number.', name: 'Give the template a name.' })
    expect(fieldErrorsFromInfo(null)).toEqual({})
  })

  it('knows when main names a field the form has no place for, so its message is shown instead', () => {
    expect(hasUnshownField({ name: 'x', 'criteria.3.weight': 'y', criteria: 'z' })).toBe(false)
    expect(hasUnshownField({ 'criteria.1.id': 'The criterion id "greeting" is used twice.' })).toBe(true)
  })

  it('moves a criterion up or down, and leaves the list alone at either end', () => {
    const list = draft().criteria
    expect(moveCriterion(list, 1, -1).map((c) => c.label)).toEqual(['Booked', 'Greeted'])
    expect(moveCriterion(list, 0, 1).map((c) => c.label)).toEqual(['Booked', 'Greeted'])
    expect(moveCriterion(list, 0, -1).map((c) => c.label)).toEqual(['Greeted', 'Booked'])
    expect(moveCriterion(list, 1, 1).map((c) => c.label)).toEqual(['Greeted', 'Booked'])
  })
})

describe('sameDraft (the editor asks before dropping unsaved edits)', () => {
  it('holds for two reads of the same template, whose React keys differ', () => {
    const a = draftFromTemplate(DEFAULT)
    const b = draftFromTemplate(DEFAULT)
    expect(a.criteria[0]?.key).not.toBe(b.criteria[0]?.key)
    expect(sameDraft(a, b)).toBe(true)
  })

  it('fails on any change a save would send: name, a field, the order, a removal', () => {
    const base = draftFromTemplate(DEFAULT)
    expect(sameDraft(base, { ...base, name: `${base.name} ` })).toBe(false)
    expect(sameDraft(base, { ...base, criteria: base.criteria.map((c, i) => (i === 1 ? { ...c, weight: '2' } : c)) })).toBe(false)
    expect(sameDraft(base, { ...base, criteria: base.criteria.map((c, i) => (i === 0 ? { ...c, naAllowed: !c.naAllowed } : c)) })).toBe(false)
    expect(sameDraft(base, { ...base, criteria: moveCriterion(base.criteria, 0, 1) })).toBe(false)
    expect(sameDraft(base, { ...base, criteria: base.criteria.slice(1) })).toBe(false)
  })

  it('treats a blank new form as unchanged until something is typed', () => {
    const blank = emptyDraft()
    expect(sameDraft(blank, { ...blank, criteria: blank.criteria.map((c) => ({ ...c })) })).toBe(true)
    expect(sameDraft(blank, { ...blank, name: 'x' })).toBe(false)
  })
})

describe('a draft with sections, required and critical criteria', () => {
  it('sends sections made from the names typed, with their weights, and reads back the same draft', () => {
    const draft = emptyDraft()
    const [first] = draft.criteria
    draft.name = 'Compliance'
    draft.criteria = [
      { ...(first as CriterionDraft), label: 'Greeting', section: 'Opening', required: true },
      { ...newCriterion(), label: 'Disclosure', section: 'Compliance', critical: true }
    ]
    draft.sectionWeights = { Compliance: '3' }
    draft.autoFail = 'section'
    const input = draftToInput(draft)
    expect(input.sections).toEqual([
      { id: 'opening', label: 'Opening', weight: 1 },
      { id: 'compliance', label: 'Compliance', weight: 3 }
    ])
    expect(input.criteria.map((c) => [c.sectionId, c.required ?? false, c.critical ?? false])).toEqual([
      ['opening', true, false],
      ['compliance', false, true]
    ])
    expect(input.autoFail).toBe('section')
    expect(validateDraft(draft)).toEqual({})
    // A criterion left without a section, when others have one, is refused next to its field.
    draft.criteria = [...draft.criteria, { ...newCriterion(), label: 'Closing' }]
    expect(validateDraft(draft)['criteria.2.sectionId']).toMatch(/Put "Closing" in one of the template's sections/)
  })
})
