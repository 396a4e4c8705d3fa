/**
 * Every request schema of the IPC contract, walked field by field: each string and each array
 * has a maximum, and each object refuses keys it does not name (strict) rather than stripping
 * them silently (issue 14, "IPC payloads have limits"). The renderer is the untrusted side, so
 * this holds for what it sends; responses are main's own answers, parsed to strip what must not
 * cross. A field added without a limit fails here, naming the channel and the field's path.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { CHANNELS, contract } from '@shared/ipc/contract'

interface Def {
  type: string
  checks?: { _zod: { def: { check: string; maximum?: number; length?: number; format?: string } } }[]
  [key: string]: unknown
}
type Schema = { _zod: { def: Def } }

/** String formats that are bounded by their pattern (fixed-length ids). */
const BOUNDED_FORMATS = new Set(['uuid', 'guid'])

function maximum(schema: Schema): number | null {
  const def = schema._zod.def
  for (const check of def.checks ?? []) {
    const c = check._zod.def
    if (c.check === 'max_length' && typeof c.maximum === 'number') return c.maximum
    if (c.check === 'length_equals' && typeof c.length === 'number') return c.length
  }
  if (def.type === 'string' && typeof def.format === 'string' && BOUNDED_FORMATS.has(def.format)) return 36
  return null
}

/** Every field with no limit, or object not strict, under `schema`, by path. */
export function unlimited(schema: Schema, path: string, seen = new Set<Schema>()): string[] {
  if (seen.has(schema)) return []
  seen.add(schema)
  const def = schema._zod.def
  const walk = (inner: unknown, at: string): string[] => unlimited(inner as Schema, at, seen)
  switch (def.type) {
    case 'string':
      return maximum(schema) === null ? [`${path}: a string without a maximum length`] : []
    case 'array': {
      const own = maximum(schema) === null ? [`${path}: an array without a maximum number of items`] : []
      return [...own, ...walk(def.element, `${path}[]`)]
    }
    case 'object': {
      const catchall = (def.catchall as Schema | undefined)?._zod.def.type
      const own = catchall === 'never' ? [] : [`${path}: an object that does not refuse unknown keys (use z.strictObject)`]
      const shape = def.shape as Record<string, unknown>
      return [...own, ...Object.entries(shape).flatMap(([key, value]) => walk(value, `${path}.${key}`))]
    }
    case 'record':
      return [...walk(def.keyType, `${path}{key}`), ...walk(def.valueType, `${path}{}`)]
    case 'tuple':
      return (def.items as unknown[]).flatMap((item, i) => walk(item, `${path}[${i}]`))
    case 'union':
      return (def.options as unknown[]).flatMap((option, i) => walk(option, `${path}|${i}`))
    case 'intersection':
      return [...walk(def.left, path), ...walk(def.right, path)]
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return walk(def.innerType, path)
    case 'pipe':
      return walk(def.in, path)
    case 'lazy':
      return walk((def.getter as () => unknown)(), path)
    case 'number':
    case 'int':
    case 'boolean':
    case 'enum':
    case 'literal':
    case 'null':
    case 'undefined':
    case 'void':
    case 'never':
    case 'date':
    case 'bigint':
    case 'transform':
      return []
    default:
      return [`${path}: a ${def.type} the limits check does not know; teach it or use a known type`]
  }
}

describe('the IPC contract’s request schemas', () => {
  it('give every string and array a maximum and refuse unknown keys in every object', () => {
    const problems = CHANNELS.flatMap((channel) => unlimited(contract[channel].request as unknown as Schema, channel))
    expect(problems).toEqual([])
  })

  it('the walk finds a string, an array and a loose object without limits (so the check above can fail)', () => {
    const loose = z.object({ name: z.string(), ids: z.array(z.number()), inner: z.strictObject({ note: z.string().max(10) }) })
    expect(unlimited(loose as unknown as Schema, 'x')).toEqual([
      'x: an object that does not refuse unknown keys (use z.strictObject)',
      'x.name: a string without a maximum length',
      'x.ids: an array without a maximum number of items'
    ])
  })

  it('refuse, on every channel, a request with a key the schema does not name', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CHANNELS), fc.string({ minLength: 1, maxLength: 12 }), (channel, key) => {
        const schema = contract[channel].request
        const shape = (schema as unknown as Schema)._zod.def.shape as Record<string, unknown> | undefined
        fc.pre(shape !== undefined && !(key in shape) && key !== '__proto__')
        // The smallest request the channel takes, from an empty object if that passes, plus the unknown key.
        const base = schema.safeParse({})
        fc.pre(base.success)
        expect(schema.safeParse({ ...(base.data as object), [key]: 1 }).success).toBe(false)
      }),
      { numRuns: 300 }
    )
  })
})
