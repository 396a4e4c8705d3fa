/**
 * How a search result says where it matched: "your note at 1:12", "transcript", "tag", and
 * which parts of the excerpt to mark. Pure, so the list and its tests share it.
 */
import type { SearchHit } from '@shared/ipc/contract'

const PLACES: Record<SearchHit['where'], string> = {
  number: 'number',
  transcript: 'transcript',
  summary: 'summary',
  comment: 'Convirza comment',
  tag: 'tag',
  caller: 'caller',
  campaign: 'campaign',
  name: 'group or agent',
  note: 'your note',
  review: 'your review comment',
  flag: 'your flag'
}

/** "your note at 1:12", "transcript", … */
export function describeHit(hit: SearchHit, clock: (seconds: number) => string): string {
  const place = PLACES[hit.where]
  return hit.where === 'note' && hit.seconds !== null ? `${place} at ${clock(hit.seconds)}` : place
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu

/** The word to find in the transcript of a call a search found there (the longest searched word), or ''. */
export function transcriptTerm(hit: SearchHit | undefined, search: string): string {
  if (hit?.where !== 'transcript') return ''
  return (search.match(WORD) ?? []).reduce((longest, word) => (word.length > longest.length ? word : longest), '')
}

/** The excerpt cut into parts, the searched words (and their continuations) marked, case-insensitively. */
export function markTerms(snippet: string, search: string): { text: string; marked: boolean }[] {
  const words = [...new Set(search.toLowerCase().match(WORD) ?? [])].sort((a, b) => b.length - a.length)
  if (!words.length) return [{ text: snippet, marked: false }]
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  const pattern = new RegExp(`(${escaped.join('|')})`, 'giu')
  const parts: { text: string; marked: boolean }[] = []
  let at = 0
  for (const match of snippet.matchAll(pattern)) {
    const start = match.index
    if (start > at) parts.push({ text: snippet.slice(at, start), marked: false })
    parts.push({ text: match[0], marked: true })
    at = start + match[0].length
  }
  if (at < snippet.length) parts.push({ text: snippet.slice(at), marked: false })
  return parts
}
