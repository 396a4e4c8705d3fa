/**
 * The transcript as the API gives it is one string with speaker turns as "Caller: …" lines
 * and no timestamps (docs/convirza-api.md "include modules"). This splits it into turns and finds a
 * search's matches in them; pure, so the pane only renders.
 */

export type SpeakerRole = 'agent' | 'caller' | 'other'

export interface TranscriptTurn {
  /** "Agent", "Caller", a name — null for text before any speaker label. */
  speaker: string | null
  role: SpeakerRole
  text: string
}

export interface TranscriptMatch {
  turn: number
  start: number
  end: number
}

// A label is a short name at the start of a line followed by a colon: "Caller:", "Agent 2:".
const TURN = /^\s*([A-Za-z][\w .'’-]{0,40}?)\s*:\s?(.*)$/

function roleOf(speaker: string): SpeakerRole {
  if (/\b(agent|rep|representative|support|operator|advisor|staff|receptionist)\b/i.test(speaker)) return 'agent'
  if (/\b(caller|customer|client|prospect|patient)\b/i.test(speaker)) return 'caller'
  return 'other'
}

/** Split a transcript into speaker turns; a line without a label continues the turn above it. */
export function parseTranscript(transcript: string): TranscriptTurn[] {
  const turns: TranscriptTurn[] = []
  for (const line of transcript.split(/\r?\n/)) {
    if (!line.trim()) continue
    const match = TURN.exec(line)
    if (match?.[1] && match[2] !== undefined && match[2].trim()) {
      turns.push({ speaker: match[1].trim(), role: roleOf(match[1]), text: match[2].trim() })
      continue
    }
    const last = turns[turns.length - 1]
    if (last) last.text = `${last.text} ${line.trim()}`
    else turns.push({ speaker: null, role: 'other', text: line.trim() })
  }
  return turns
}

/** Every case-insensitive occurrence of `query` in the turns' text, in reading order. */
export function findMatches(turns: TranscriptTurn[], query: string): TranscriptMatch[] {
  const needle = query.trim().toLocaleLowerCase()
  if (!needle) return []
  const matches: TranscriptMatch[] = []
  turns.forEach((turn, index) => {
    const haystack = turn.text.toLocaleLowerCase()
    let from = 0
    for (;;) {
      const at = haystack.indexOf(needle, from)
      if (at < 0) break
      matches.push({ turn: index, start: at, end: at + needle.length })
      from = at + needle.length
    }
  })
  return matches
}
