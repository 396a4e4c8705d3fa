import { useEffect, useMemo, useRef, useState } from 'react'
import type { AudioOverview } from '@shared/ipc/contract'
import { formatClock, speakClock } from '@renderer/lib/format'
import { usePlayerStore } from '@renderer/stores/player-store'
import { useReviewLayoutStore } from '@renderer/stores/review-layout-store'
import { Icon } from '../common/Icon'
import { TRANSCRIPT_SEARCH_INPUT_ID } from '../calls/dom-ids'
import { copyText } from './copy-text'
import { HighlightedText } from './HighlightedText'
import { ModuleNote, moduleState } from './ModuleSection'
import { findMatches, parseTranscript } from './transcript'
import { currentTurnIndex, findQueryFor } from './turn-times'

const CURRENT_MATCH_ID = 'transcript-current-match'
const SCROLL_KEYS = new Set(['PageUp', 'PageDown', 'Home', 'End', 'ArrowUp', 'ArrowDown'])

interface TranscriptPanelProps {
  callId: number
  transcript: string | null | undefined
  /** Each turn's estimated place on the audio (main, calls:audio); null until known. */
  times: AudioOverview['turns'] | null
  /** A full-text search the call was opened from: the panel opens at its first matching turn. */
  search?: string
  /** The turns holding a find match, for the waveform's hit marks. */
  onHits?: (turns: number[]) => void
  /** The word a search result matched in this transcript (the list's "where it matched"). */
  initialQuery?: string
}

/**
 * The transcript as speaker turns tied to the audio: each turn shows its (estimated) start
 * time, a click on it plays from there, the turn being spoken is highlighted and — while
 * "Follow" is on — kept in view; scrolling by hand turns Follow off until it is turned back on.
 * A find bar (highlights, "2 of 5", next/previous) and copy. Keyed by call by its parent, so a
 * new call starts at the top with a clean search (or the search it was opened from).
 */
export function TranscriptPanel({ callId, transcript, times, search, onHits, initialQuery = '' }: TranscriptPanelProps): React.JSX.Element {
  const state = moduleState(transcript)
  const turns = useMemo(() => (typeof transcript === 'string' ? parseTranscript(transcript) : []), [transcript])
  // A call opened from a search result starts with the searched word found and highlighted.
  const [query, setQuery] = useState(() => initialQuery || (search && typeof transcript === 'string' ? findQueryFor(search, transcript) : ''))
  const [index, setIndex] = useState(0)
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null)
  const matches = useMemo(() => findMatches(turns, query), [turns, query])
  const current = matches.length ? (matches[Math.min(index, matches.length - 1)] ?? null) : null
  const usable = times && times.length === turns.length ? times : null
  const spoken = usePlayerStore((s) => (s.callId === callId ? currentTurnIndex(usable, s.position) : -1))
  const follow = useReviewLayoutStore((s) => s.follow)
  const setFollow = useReviewLayoutStore((s) => s.setFollow)
  const list = useRef<HTMLOListElement>(null)
  const seek = usePlayerStore((s) => s.seek)

  const timesKnown = usable !== null
  useEffect(() => {
    if (!current) return
    // A find hit wins over following the audio: the reviewer asked for that place. Scrolled
    // within the list only (the pane around it stays put), once laid out, and again when the
    // turn times arrive and move the turns.
    const frame = requestAnimationFrame(() => {
      const mark = document.getElementById(CURRENT_MATCH_ID)
      const box = list.current
      if (!mark || !box) return
      const top = mark.getBoundingClientRect().top - box.getBoundingClientRect().top
      if (top < 0 || top + mark.offsetHeight > box.clientHeight) box.scrollTop += top - box.clientHeight / 3
    })
    return () => cancelAnimationFrame(frame)
  }, [current, timesKnown])
  useEffect(() => {
    if (query.trim() && matches.length) setFollow(false)
  }, [query, matches.length, setFollow])
  useEffect(() => {
    onHits?.([...new Set(matches.map((m) => m.turn))])
  }, [matches, onHits])
  useEffect(() => {
    if (!follow || spoken < 0) return
    const keep = (): void => {
      const box = list.current
      const el = box?.querySelector<HTMLElement>(`[data-turn="${spoken}"]`)
      if (!box || !el) return
      const top = el.getBoundingClientRect().top - box.getBoundingClientRect().top
      if (top < 0 || top + el.offsetHeight > box.clientHeight) box.scrollTop += top - box.clientHeight / 4
    }
    keep()
    // A resized window moves the turns: the spoken one is brought back into view.
    window.addEventListener('resize', keep)
    return () => window.removeEventListener('resize', keep)
  }, [follow, spoken])
  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(null), 2000)
    return () => clearTimeout(timer)
  }, [copied])

  const step = (delta: number): void => {
    if (matches.length) setIndex((i) => (Math.min(i, matches.length - 1) + delta + matches.length) % matches.length)
  }
  const byHand = (): void => {
    if (follow) setFollow(false)
  }

  return (
    <section className="review-section transcript-panel" aria-labelledby="transcript-heading">
      <header className="transcript-panel__header">
        <h3 id="transcript-heading" className="review-section__title">
          Transcript
        </h3>
        {state === 'present' && usable && (
          <button
            type="button"
            className="button button--ghost button--small transcript-panel__follow"
            aria-pressed={follow}
            title="Keep the turn being spoken in view (scrolling by hand turns this off)"
            onClick={() => setFollow(!follow)}
          >
            {/* A box ticked or empty, as a checkbox reads: a play triangle read as "play". */}
            <span className="toggle-box" aria-hidden="true">
              {follow && <Icon name="check" size={11} />}
            </span>
            Follow playback
          </button>
        )}
        {state === 'present' && (
          <div className="transcript-find" role="search" aria-label="Find in transcript">
            <div className="transcript-find__box">
              <Icon name="search" size={14} className="transcript-find__icon" />
              <input
                id={TRANSCRIPT_SEARCH_INPUT_ID}
                type="search"
                className="field__input transcript-find__input"
                aria-label="Search transcript"
                placeholder="Find words"
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
            <button
              type="button"
              className="icon-button icon-button--small"
              aria-label="Previous match"
              disabled={matches.length === 0}
              onClick={() => step(-1)}
            >
              <Icon name="chevronUp" size={15} />
            </button>
            <button
              type="button"
              className="icon-button icon-button--small"
              aria-label="Next match"
              disabled={matches.length === 0}
              onClick={() => step(1)}
            >
              <Icon name="chevronDown" size={15} />
            </button>
            {/* An icon, named and titled: the find tools and Follow playback keep one line in a 560-px pane. */}
            <button
              type="button"
              className="icon-button icon-button--small"
              aria-label={copied === 'copied' ? 'Copied' : 'Copy'}
              title={copied === 'copied' ? 'Copied' : 'Copy the transcript'}
              onClick={() => void copyText(transcript ?? '').then((ok) => setCopied(ok ? 'copied' : 'failed'))}
            >
              <Icon name={copied === 'copied' ? 'check' : 'copy'} size={15} />
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
        <>
          {usable && <p className="transcript-panel__note">Times are estimated from the audio (≈); click one to play from it.</p>}
          <ol
            ref={list}
            className="transcript"
            aria-label="Transcript turns"
            tabIndex={0}
            onWheel={byHand}
            onTouchMove={byHand}
            onKeyDown={(event) => {
              if (event.target === event.currentTarget && SCROLL_KEYS.has(event.key)) byHand()
            }}
            onPointerDown={(event) => {
              // A press on the list's own scrollbar (not on a turn) is a scroll by hand.
              if (event.target === event.currentTarget) byHand()
            }}
          >
            {turns.map((turn, i) => {
              const time = usable?.[i]
              const isSpoken = i === spoken
              return (
                <li
                  key={i}
                  data-turn={i}
                  className={`turn turn--${turn.role}${isSpoken ? ' turn--spoken' : ''}`}
                  aria-current={isSpoken ? 'true' : undefined}
                >
                  <div className="turn__meta">
                    {turn.speaker && <span className="turn__speaker">{turn.speaker}</span>}
                    {time && (
                      <button
                        type="button"
                        className="turn__time"
                        aria-label={`≈${formatClock(time.startSec)}, play from about ${speakClock(time.startSec)} (estimated time)`}
                        title="Estimated time: the transcript carries none, so it is worked out from the audio. Click to play from here."
                        onClick={() => {
                          const player = usePlayerStore.getState()
                          // Playing from a turn means listening from there on: follow it.
                          setFollow(true)
                          seek(time.startSec)
                          if (!player.playing) player.play()
                        }}
                      >
                        ≈{formatClock(time.startSec)}
                      </button>
                    )}
                  </div>
                  <p className="turn__text">
                    <HighlightedText text={turn.text} matches={matches.filter((m) => m.turn === i)} current={current} currentId={CURRENT_MATCH_ID} />
                  </p>
                </li>
              )
            })}
          </ol>
        </>
      )}
    </section>
  )
}
