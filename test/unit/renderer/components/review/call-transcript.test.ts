import { describe, expect, it } from 'vitest'
import { findMatches, parseTranscript } from '@renderer/components/review/transcript'

describe('transcript turns', () => {
  it('splits "Speaker: text" lines into turns and tells agents from callers', () => {
    const turns = parseTranscript('Agent: Thank you for calling.\nCaller: Hi, I need a roof inspection.\n')
    expect(turns).toEqual([
      { speaker: 'Agent', role: 'agent', text: 'Thank you for calling.' },
      { speaker: 'Caller', role: 'caller', text: 'Hi, I need a roof inspection.' }
    ])
  })

  it('joins a line without a label to the turn above it', () => {
    const turns = parseTranscript('Caller: It is 42 Maple Street\nin Provo.')
    expect(turns).toEqual([{ speaker: 'Caller', role: 'caller', text: 'It is 42 Maple Street in Provo.' }])
  })

  it('keeps text before any label as an unlabelled turn', () => {
    expect(parseTranscript('[recording starts]\nAgent: Hello')).toEqual([
      { speaker: null, role: 'other', text: '[recording starts]' },
      { speaker: 'Agent', role: 'agent', text: 'Hello' }
    ])
  })

  it('does not read a time such as "at 2:30" as a speaker label', () => {
    const turns = parseTranscript('Agent: We can come at 2:30 tomorrow.')
    expect(turns).toHaveLength(1)
    expect(turns[0]?.text).toBe('We can come at 2:30 tomorrow.')
  })
})

describe('finding in the transcript', () => {
  const turns = parseTranscript('Agent: Summit Roofing, how can I help?\nCaller: My roof leaks. The roof is old.')

  it('finds every case-insensitive match in reading order', () => {
    expect(findMatches(turns, 'ROOF')).toEqual([
      { turn: 0, start: 7, end: 11 },
      { turn: 1, start: 3, end: 7 },
      { turn: 1, start: 19, end: 23 }
    ])
  })

  it('finds nothing for an empty or blank search', () => {
    expect(findMatches(turns, '   ')).toEqual([])
  })
})
