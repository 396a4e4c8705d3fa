import type { z } from 'zod'
import { AppError } from '@shared/errors'
import { fieldErrorsOf } from '@shared/field-errors'

/**
 * Parse what a caller passed with a contract schema, failing with the app's validation error
 * (fields included) rather than a ZodError — the IPC dispatcher validates too, but the store is
 * also called directly (tests, the composition layer) and must hold its own rules.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const fields = fieldErrorsOf(parsed.error, '(request)')
  throw new AppError('validation', `${what}: ${fields.map((f) => f.message).join('; ')}`, { fields })
}
