/** Which transcript turn is being spoken, from the turns' estimated start times (sorted). */
export function currentTurnIndex(starts: ReadonlyArray<{ startSec: number }> | null, position: number): number {
  if (!starts || starts.length === 0) return -1
  // Binary search for the last turn that started at or before the position.
  let lo = 0
  let hi = starts.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if ((starts[mid]?.startSec ?? Infinity) <= position + 0.05) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

/**
 * What to look for in a transcript opened from a full-text search: the search as typed when it
 * occurs, or else its first word that does (a search is words, a transcript find is a phrase).
 */
export function findQueryFor(search: string, text: string): string {
  const cleaned = search
    .replace(/["*()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  if (!cleaned) return ''
  const haystack = text.toLocaleLowerCase()
  if (haystack.includes(cleaned.toLocaleLowerCase())) return cleaned
  const words = cleaned.split(' ').filter((w) => w.length >= 2 && !/^(AND|OR|NOT|NEAR)$/.test(w))
  return words.find((w) => haystack.includes(w.toLocaleLowerCase())) ?? ''
}
