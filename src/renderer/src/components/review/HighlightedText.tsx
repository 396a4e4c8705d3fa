import type { TranscriptMatch } from './transcript'

interface HighlightedTextProps {
  text: string
  /** This turn's matches, in order. */
  matches: TranscriptMatch[]
  /** The match the search is on (reference equality with one of `matches`). */
  current: TranscriptMatch | null
  currentId: string
}

/** A turn's text with its search matches marked; the current one carries an id to scroll to. */
export function HighlightedText({ text, matches, current, currentId }: HighlightedTextProps): React.JSX.Element {
  if (matches.length === 0) return <>{text}</>
  const parts: React.ReactNode[] = []
  let at = 0
  matches.forEach((match, i) => {
    if (match.start > at) parts.push(text.slice(at, match.start))
    const isCurrent = match === current
    parts.push(
      <mark key={i} id={isCurrent ? currentId : undefined} className={isCurrent ? 'transcript-mark transcript-mark--current' : 'transcript-mark'}>
        {text.slice(match.start, match.end)}
      </mark>
    )
    at = match.end
  })
  if (at < text.length) parts.push(text.slice(at))
  return <>{parts}</>
}
