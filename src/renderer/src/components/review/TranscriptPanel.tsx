import { useEffect, useMemo, useState } from 'react'
import { Icon } from '../common/Icon'
import { TRANSCRIPT_SEARCH_INPUT_ID } from '../calls/dom-ids'
import { copyText } from './copy-text'
import { HighlightedText } from './HighlightedText'
import { ModuleNote, moduleState } from './ModuleSection'
import { findMatches, parseTranscript } from './transcript'

const CURRENT_MATCH_ID = 'transcript-current-match'

/**
 * The transcript as speaker turns, with a find bar (highlights, "2 of 5", next/previous with
 * Enter/Shift+Enter or the arrows) and copy. Keyed by call by its parent, so a new call starts
 * with a clean search.
 */
export function TranscriptPanel({ transcript, initialQuery = '' }: { transcript: string | null | undefined; initialQuery?: string }): React.JSX.Element {
  const state = moduleState(transcript)
  const turns = useMemo(() => (typeof transcript === 'string' ? parseTranscript(transcript) : []), [transcript])
  // A call opened from a search result starts with the searched word found and highlighted.
  const [query, setQuery] = useState(initialQuery)
  const [index, setIndex] = useState(0)
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null)
  const matches = useMemo(() => findMatches(turns, query), [turns, query])
  const current = matches.length ? (matches[Math.min(index, matches.length - 1)] ?? null) : null

  useEffect(() => {
    document.getElementById(CURRENT_MATCH_ID)?.scrollIntoView({ block: 'nearest' })
  }, [current])
  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(null), 2000)
    return () => clearTimeout(timer)
  }, [copied])

  const step = (delta: number): void => {
    if (matches.length) setIndex((i) => (Math.min(i, matches.length - 1) + delta + matches.length) % matches.length)
  }

  return (
    <section className="review-section transcript-panel" aria-labelledby="transcript-heading">
      <header className="transcript-panel__header">
        <h3 id="transcript-heading" className="review-section__title">
          Transcript
        </h3>
        {state === 'present' && (
          <div className="transcript-find" role="search" aria-label="Find in transcript">
            <div className="transcript-find__box">
              <Icon name="search" size={14} className="transcript-find__icon" />
              <input
                id={TRANSCRIPT_SEARCH_INPUT_ID}
                type="search"
                className="field__input transcript-find__input"
                aria-label="Search transcript"
                placeholder="Find in transcript"
                value={query}
                onChange={(event) => {
                  setQuery(event.target.value)
                  setIndex(0)
                }}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') {
                    event.preventDefault()
                    step(event.shiftKey ? -1 : 1)
                  }
                }}
              />
            </div>
            <span className="transcript-find__count" role="status" aria-label="Matches">
              {query.trim() ? (matches.length ? `${Math.min(index, matches.length - 1) + 1} of ${matches.length}` : 'No matches') : ''}
            </span>
            <button type="button" className="icon-button icon-button--small" aria-label="Previous match" disabled={matches.length === 0} onClick={() => step(-1)}>
              <Icon name="chevronUp" size={15} />
            </button>
            <button type="button" className="icon-button icon-button--small" aria-label="Next match" disabled={matches.length === 0} onClick={() => step(1)}>
              <Icon name="chevronDown" size={15} />
            </button>
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => void copyText(transcript ?? '').then((ok) => setCopied(ok ? 'copied' : 'failed'))}
            >
              <Icon name={copied === 'copied' ? 'check' : 'copy'} size={14} />
              {copied === 'copied' ? 'Copied' : 'Copy'}
            </button>
            <span className="sr-only" role="status">
              {copied === 'copied' ? 'Transcript copied to the clipboard' : copied === 'failed' ? 'The transcript could not be copied' : ''}
            </span>
          </div>
        )}
      </header>
      {state !== 'present' ? (
        <ModuleNote state={state} notFetched="The transcript was not fetched for this call." empty="This call has no transcript." />
      ) : (
        <ol className="transcript" aria-label="Transcript turns">
          {turns.map((turn, i) => (
            <li key={i} className={`turn turn--${turn.role}`}>
              {turn.speaker && <span className="turn__speaker">{turn.speaker}</span>}
              <p className="turn__text">
                <HighlightedText text={turn.text} matches={matches.filter((m) => m.turn === i)} current={current} currentId={CURRENT_MATCH_ID} />
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
