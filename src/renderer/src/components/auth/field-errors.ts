/**
 * Field-level messages for the sign-in forms, from the same zod schemas main validates with
 * (src/shared/ipc/contract/auth.ts), so the form and the server never disagree on a rule.
 */
import type { z } from 'zod'
import type { AppErrorInfo } from '@shared/errors'
import { fieldErrorsOf, firstErrorByField, topLevelField } from '@shared/field-errors'

/** Field name (as the contract names it) → the message shown next to that field. */
export type FieldErrors = Partial<Record<string, string>>

/** Clearer words for the few generic messages zod gives. */
const FRIENDLIER: Partial<Record<string, string>> = {
  apiBaseUrl: 'Enter the full API address, starting with https://',
  oauthBaseUrl: 'Enter the full sign-in (OAuth) address, starting with https://'
}

/** The first problem of each field of a failed parse. */
export function fieldErrorsFromIssues(error: z.ZodError): FieldErrors {
  const errors = firstErrorByField(fieldErrorsOf(error, ''), topLevelField)
  for (const field of Object.keys(errors)) errors[field] = FRIENDLIER[field] ?? errors[field]
  return errors
}

/** The fields main refused, when its answer names them. */
export function fieldErrorsFromInfo(info: AppErrorInfo | null): FieldErrors {
  return firstErrorByField(info?.fields ?? [], topLevelField)
}
