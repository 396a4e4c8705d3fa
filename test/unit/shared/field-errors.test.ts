import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { fieldErrorsOf, firstErrorByField, topLevelField } from '@shared/field-errors'

const Schema = z.object({ email: z.email(), criteria: z.array(z.object({ weight: z.number().positive() })) })

describe('field errors from zod issues', () => {
  it('names each issue by its dotted path, and an issue about the whole value by the name given', () => {
    const parsed = Schema.safeParse({ email: 'nope', criteria: [{ weight: 1 }, { weight: -2 }] })
    expect(parsed.success).toBe(false)
    const fields = fieldErrorsOf(parsed.error!, '(request)')
    expect(fields.map((f) => f.field)).toEqual(['email', 'criteria.1.weight'])
    const whole = z.object({}).safeParse(7)
    expect(fieldErrorsOf(whole.error!, '(request)')[0]?.field).toBe('(request)')
  })

  it('keeps the first message of each field, keyed by the form field it belongs to', () => {
    const fields = [
      { field: 'criteria.0.weight', message: 'first' },
      { field: 'criteria.1.label', message: 'second' },
      { field: '', message: 'unnamed' },
      { field: 'name', message: 'name first' },
      { field: 'name', message: 'name second' }
    ]
    expect(firstErrorByField(fields, topLevelField)).toEqual({ criteria: 'first', name: 'name first' })
    expect(firstErrorByField(fields)).toEqual({ 'criteria.0.weight': 'first', 'criteria.1.label': 'second', name: 'name first' })
  })
})
