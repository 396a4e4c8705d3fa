/**
 * What a careful client accepts from a backend that drifts from its documentation
 * (docs/decisions/offset-paging-is-checked.md, "Records that drift"): numbers sent as numeric
 * strings, booleans as 0/1 or "true", timestamps in the common non-ISO spellings, `[]` where an
 * object is expected and `{}` where a list is. Each helper turns a drifted value into the
 * documented type and leaves anything else untouched, so the schema still refuses what cannot be
 * read and the record's other fields are kept as they came.
 */
import { z } from 'zod'

const NUMERIC = /^-?\d+(\.\d+)?$/

/** "42" → 42; anything else unchanged. */
export function numberFromString(value: unknown): unknown {
  return typeof value === 'string' && NUMERIC.test(value.trim()) ? Number(value.trim()) : value
}

/** 0/1, "0"/"1", "true"/"false" (any case) → boolean; anything else unchanged. */
export function booleanFromFlag(value: unknown): unknown {
  if (value === 0 || value === 1) return value === 1
  if (typeof value !== 'string') return value
  const flag = value.trim().toLowerCase()
  if (flag === 'true' || flag === '1') return true
  if (flag === 'false' || flag === '0') return false
  return value
}

/** `[]` or `{}` sent for "nothing here" → null, so an empty value is never read as a broken one. */
export function emptyToNull(value: unknown): unknown {
  if (Array.isArray(value) && value.length === 0) return null
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return null
  return value
}

/** `{}` where a list is expected → []; anything else unchanged. */
export function emptyObjectToList(value: unknown): unknown {
  return value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0 ? [] : value
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/
const LOOSE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/i
/** Unix seconds from 2001 to 2286; larger numbers are read as milliseconds. */
const MIN_UNIX_SECONDS = 1_000_000_000
const MAX_UNIX_SECONDS = 9_999_999_999

/**
 * A timestamp as ISO 8601, or the value unchanged when it cannot be read. Accepted: ISO with a
 * zone (kept as sent), `+0000` zones, a space instead of `T`, with or without seconds and
 * milliseconds, and Unix seconds or milliseconds (number or numeric string).
 *
 * A timestamp without a zone is read as UTC: the API's own query parameters are UTC
 * (docs/convirza-api.md "Request") and its example's timestamps end in `Z`, so UTC is the one reading
 * the documentation supports; the assumption is recorded in docs/decisions/offset-paging-is-checked.md.
 */
export function timestampFromVariants(value: unknown): unknown {
  const numeric = typeof value === 'number' ? value : typeof value === 'string' && /^\d{9,13}$/.test(value.trim()) ? Number(value.trim()) : null
  if (numeric !== null && Number.isFinite(numeric) && numeric >= MIN_UNIX_SECONDS) {
    const ms = numeric > MAX_UNIX_SECONDS ? numeric : numeric * 1000
    return new Date(ms).toISOString()
  }
  if (typeof value !== 'string') return value
  const trimmed = value.trim()
  if (ISO_WITH_ZONE.test(trimmed)) return trimmed
  const match = LOOSE.exec(trimmed)
  if (!match) return value
  const [, date, time, zone] = match
  const offset = !zone || zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`
  const parsed = Date.parse(`${date}T${time}${offset}`)
  return Number.isNaN(parsed) ? value : new Date(parsed).toISOString()
}

/** A nullable number that also takes numeric strings. */
export const lenientNumber = z.preprocess(numberFromString, z.number().nullish())
/** A nullable boolean that also takes 0/1 and "true"/"false". */
export const lenientBoolean = z.preprocess(booleanFromFlag, z.boolean().nullish())
/** A nullable object whose empty spelling may be `[]`. */
export function lenientObject<T extends z.ZodType>(schema: T) {
  return z.preprocess(emptyToNull, schema.nullish())
}
/** A nullable list whose empty spelling may be `{}`. */
export function lenientList<T extends z.ZodType>(item: T) {
  return z.preprocess(emptyObjectToList, z.array(item).nullish())
}
