/**
 * Limits every IPC payload must keep before its schema is even tried: a renderer that was
 * compromised, or simply has a bug, must not make main parse a 100 MB string, walk a million-item
 * array or recurse a thousand levels deep. The contract's own schemas then set the maximum that
 * fits each field; these are the ceiling for all of them.
 */
export const PAYLOAD_LIMITS = {
  /** Characters in any one string. */
  maxString: 64 * 1024,
  /** Items in any one array. */
  maxArray: 10_000,
  /** Keys in any one object. */
  maxKeys: 200,
  /** Nesting of objects and arrays. */
  maxDepth: 12,
  /** Characters of all strings and keys together. */
  maxTotal: 1024 * 1024
} as const

/** What is wrong with the payload's size or shape, in words for the user, or null when it is within the limits. */
export function payloadLimitProblem(payload: unknown): string | null {
  let total = 0
  const visit = (value: unknown, path: string, depth: number): string | null => {
    if (typeof value === 'string') {
      total += value.length
      if (value.length > PAYLOAD_LIMITS.maxString)
        return `${where(path)} is longer than ${PAYLOAD_LIMITS.maxString.toLocaleString('en-US')} characters`
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) return `${where(path)} is not a finite number`
    } else if (value !== null && typeof value === 'object') {
      if (depth >= PAYLOAD_LIMITS.maxDepth) return `${where(path)} is nested more than ${PAYLOAD_LIMITS.maxDepth} levels deep`
      if (Array.isArray(value)) {
        if (value.length > PAYLOAD_LIMITS.maxArray) return `${where(path)} has more than ${PAYLOAD_LIMITS.maxArray.toLocaleString('en-US')} items`
        for (let i = 0; i < value.length; i += 1) {
          const problem = visit(value[i], `${path}[${i}]`, depth + 1)
          if (problem) return problem
        }
      } else {
        const keys = Object.keys(value)
        if (keys.length > PAYLOAD_LIMITS.maxKeys) return `${where(path)} has more than ${PAYLOAD_LIMITS.maxKeys} fields`
        for (const key of keys) {
          total += key.length
          const problem = visit((value as Record<string, unknown>)[key], path ? `${path}.${short(key)}` : short(key), depth + 1)
          if (problem) return problem
        }
      }
    }
    return total > PAYLOAD_LIMITS.maxTotal ? `the request is larger than ${PAYLOAD_LIMITS.maxTotal.toLocaleString('en-US')} characters in all` : null
  }
  return visit(payload, '', 0)
}

/** At most `max` characters of untrusted text, marked when cut, for messages and logs. */
export function short(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}

function where(path: string): string {
  return path ? `"${short(path, 80)}"` : 'the request'
}
