/**
 * The one place zod issues become field errors: the dispatcher's and the QA store's validation
 * errors, the sign-in and template forms' inline messages, and the keychain entry check all
 * read a failed parse through here, so a field is named the same way everywhere.
 */
import type { z } from 'zod'

/** A problem with one field: its dotted path as the schema names it, and what is wrong. */
export interface FieldError {
  field: string
  message: string
}

/** The part of a zod issue this reads (also what a template form's own issues carry). */
export interface IssueLike {
  path: readonly PropertyKey[]
  message: string
}

/** Every issue of a failed parse as a field error; an issue about the value as a whole is named `whole`. */
export function fieldErrorsOf(issues: z.ZodError | readonly IssueLike[], whole: string): FieldError[] {
  const list: readonly IssueLike[] = 'issues' in issues ? issues.issues : issues
  return list.map((issue) => ({ field: issue.path.map(String).join('.') || whole, message: issue.message }))
}

/**
 * The first message of each field, keyed by `keyOf(field)` (default: the field itself; a form
 * whose inputs are top-level fields passes the first path segment). Empty keys are skipped.
 */
export function firstErrorByField(
  fields: readonly FieldError[],
  keyOf: (field: string) => string = (field) => field
): Partial<Record<string, string>> {
  const errors: Partial<Record<string, string>> = {}
  for (const { field, message } of fields) {
    const key = keyOf(field)
    if (key && errors[key] === undefined) errors[key] = message
  }
  return errors
}

/** The first path segment: the form field a nested problem belongs to. */
export function topLevelField(field: string): string {
  return field.split('.')[0] ?? field
}
