/**
 * Keeps a record whose fields drifted past what lenient.ts can read: each field that still cannot
 * be read is emptied (null; a bad list item is removed) and named in a note that says what came
 * instead, so one odd field never costs the whole record. Only a record whose key cannot be read
 * is refused: there is nothing to keep it under (docs/decisions/offset-paging-is-checked.md).
 */
import type { z } from 'zod'

/** A field that was emptied, and why: "campaign id was not a number (got {"id":311})". */
export interface FieldNote {
  field: string
  message: string
}

/** A record that could not be kept, with its key as sent and the failing field path. */
export interface RefusedRecord {
  callId: number | string | null
  index: number
  path: string
  message: string
}

export type RepairResult<T> = { record: T; notes: FieldNote[] } | { refused: RefusedRecord }

export interface RepairOptions {
  /** The record's key: a record without a usable one is refused. */
  key: string
  /** Required top-level fields with a stand-in: returns the value and a note, or null when there is none. */
  substitutes?: Record<string, (record: Record<string, unknown>) => { value: unknown; note: string } | null>
}

/** How many times a record's unreadable fields are emptied before it is refused (zod reports most at once). */
const MAX_REPAIR_ROUNDS = 8

/** "campaign_id" → "campaign id"; "call_detail.bill_second" → "call detail › bill second". */
function fieldLabel(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p).replace(/_/g, ' ')).join(' › ')
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const shown = JSON.stringify(value)
  const got = shown === undefined ? '' : ` (got ${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown})`
  if (value === undefined) return `${fieldLabel(issue.path)} is missing`
  if (issue.code === 'invalid_type') {
    const expected = String(issue.expected)
    return `${fieldLabel(issue.path)} was not ${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected}${got}`
  }
  return `${fieldLabel(issue.path)} could not be read: ${issue.message}${got}`
}

export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root
  for (const key of path) node = (node as Record<PropertyKey, unknown> | null)?.[key as string]
  return node
}

/** Empty the value at `path` in `root` (a copy): null for a field, removed for a list item. */
function emptyAt(root: Record<string, unknown>, path: readonly PropertyKey[]): void {
  let node: unknown = root
  for (const key of path.slice(0, -1)) node = (node as Record<string, unknown> | null)?.[key as string]
  const last = path.at(-1)
  if (node === null || typeof node !== 'object' || last === undefined) return
  if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1)
  else (node as Record<string, unknown>)[last as string] = null
}

function refusal(raw: unknown, key: string, index: number, path: string, message: string): { refused: RefusedRecord } {
  const rawId = (raw as Record<string, unknown> | null)?.[key]
  const callId = typeof rawId === 'number' ? rawId : typeof rawId === 'string' ? (/^\d+$/.test(rawId.trim()) ? Number(rawId) : rawId) : null
  return { refused: { callId, index, path, message } }
}

/** Parse `raw` with `schema`, emptying what cannot be read (with a note) instead of refusing the record. */
export function repairRecord<T>(schema: z.ZodType<T>, raw: unknown, index: number, options: RepairOptions): RepairResult<T> {
  let parsed = schema.safeParse(raw)
  if (parsed.success) return { record: parsed.data, notes: [] }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return refusal(raw, options.key, index, '(record)', 'the record is not an object')
  const badKey = parsed.error.issues.find((i) => i.path[0] === options.key)
  if (badKey)
    return refusal(raw, options.key, index, options.key, `the call has no usable ${options.key}: ${describeIssue(badKey, valueAt(raw, badKey.path))}`)
  const copy = structuredClone(raw) as Record<string, unknown>
  const notes: FieldNote[] = []
  for (let round = 0; round < MAX_REPAIR_ROUNDS && !parsed.success; round++) {
    // Deepest paths first, and later list items before earlier ones, so a removal moves no other index.
    const issues = [...parsed.error.issues].sort(
      (a, b) => b.path.length - a.path.length || String(b.path.at(-1)).localeCompare(String(a.path.at(-1)))
    )
    for (const issue of issues) {
      if (issue.path.length === 0) return refusal(raw, options.key, index, '(record)', `the record could not be read: ${issue.message}`)
      const field = issue.path.join('.')
      const message = describeIssue(issue, valueAt(copy, issue.path))
      const substitute = issue.path.length === 1 ? options.substitutes?.[String(issue.path[0])] : undefined
      if (substitute) {
        const stand = substitute(copy)
        if (!stand) return refusal(raw, options.key, index, field, `${message}, and the call has no other usable time`)
        copy[String(issue.path[0])] = stand.value
        notes.push({ field, message: `${message}; ${stand.note}` })
        continue
      }
      emptyAt(copy, issue.path)
      notes.push({ field, message })
    }
    parsed = schema.safeParse(copy)
  }
  if (!parsed.success) return refusal(raw, options.key, index, parsed.error.issues[0]?.path.join('.') || '(record)', 'the record could not be read')
  return { record: parsed.data, notes }
}
