/**
 * Drawing a QA sample per campaign and per group (per agent: scorecard-rules.test.ts): seeded
 * and repeatable, N from each, and only calls worth listening to — a recording, at least the
 * minimum duration, and no no-answer calls unless asked for.
 */
import { describe, expect, it } from 'vitest'
import { drawSample, isNoAnswer, SampleSpecSchema, type SampleCandidate } from '@shared/qa/sample'

// Campaign and group vary independently of each other (and of the agent), so a draw by the
// wrong key shows up as the wrong mix.
const CANDIDATES: SampleCandidate[] = Array.from({ length: 120 }, (_, i) => ({
  callId: 5000 + i,
  durationSeconds: i % 9 === 0 ? 12 : 60 + i,
  disposition: i % 8 === 0 ? 'NO ANSWER' : 'ANSWERED',
  hasRecording: i % 13 !== 0,
  agent: ['Ann', 'Bob'][i % 2] ?? null,
  campaign: ['Spring promo', 'Google Ads', 'Radio'][i % 3] ?? null,
  group: ['North', 'South', 'East', 'West'][Math.floor(i / 3) % 4] ?? null
}))
const byId = new Map(CANDIDATES.map((c) => [c.callId, c]))
const picked = (ids: number[]): SampleCandidate[] => ids.map((id) => byId.get(id) as SampleCandidate)

describe('drawSample per campaign and per group', () => {
  it('draws N calls from each campaign, grouped by campaign name, the same each time for a seed', () => {
    const spec = SampleSpecSchema.parse({ size: 3, per: 'campaign', seed: 2026 })
    const first = drawSample(CANDIDATES, spec)
    expect(picked(first.callIds).map((c) => c.campaign)).toEqual([
      'Google Ads',
      'Google Ads',
      'Google Ads',
      'Radio',
      'Radio',
      'Radio',
      'Spring promo',
      'Spring promo',
      'Spring promo'
    ])
    expect(new Set(first.callIds).size).toBe(9)
    // Repeatable: the same seed over the same calls, in any order, draws the same sample…
    expect(drawSample([...CANDIDATES].reverse(), spec).callIds).toEqual(first.callIds)
    expect(drawSample(CANDIDATES, SampleSpecSchema.parse({ size: 3, per: 'campaign', seed: 2026 })).callIds).toEqual(first.callIds)
    // …and another seed draws another.
    expect(drawSample(CANDIDATES, { ...spec, seed: 2027 }).callIds).not.toEqual(first.callIds)
  })

  it('draws N calls from each group, and every group when N is more than a group has', () => {
    const spec = SampleSpecSchema.parse({ size: 2, per: 'group', seed: 11 })
    const result = drawSample(CANDIDATES, spec)
    expect(picked(result.callIds).map((c) => c.group)).toEqual(['East', 'East', 'North', 'North', 'South', 'South', 'West', 'West'])
    expect(drawSample([...CANDIDATES].reverse(), spec).callIds).toEqual(result.callIds)
    // A group smaller than N gives all its eligible calls, no repeats.
    const few = CANDIDATES.filter((c) => c.group !== 'East' || c.callId === 5006)
    const all = drawSample(few, SampleSpecSchema.parse({ size: 5, per: 'group', seed: 11 }))
    expect(
      picked(all.callIds)
        .filter((c) => c.group === 'East')
        .map((c) => c.callId)
    ).toEqual([5006])
  })

  it('leaves out calls without a recording, shorter than the minimum, and no-answer calls by default', () => {
    const spec = SampleSpecSchema.parse({ size: 1000, per: 'campaign', seed: 3, minDurationSeconds: 30 })
    expect(spec.includeNoAnswer).toBe(false)
    expect(spec.requireRecording).toBe(true)
    const result = drawSample(CANDIDATES, spec)
    const expected = CANDIDATES.filter((c) => c.hasRecording && !isNoAnswer(c.disposition) && (c.durationSeconds ?? 0) >= 30)
    expect([...result.callIds].sort((a, b) => a - b)).toEqual(expected.map((c) => c.callId))
    expect(result.eligible).toBe(expected.length)
    expect(result.excluded.noRecording).toBeGreaterThan(0)
    expect(result.excluded.noAnswer).toBeGreaterThan(0)
    expect(result.excluded.tooShort).toBeGreaterThan(0)
    expect(result.excluded.noRecording + result.excluded.noAnswer + result.excluded.tooShort + result.eligible).toBe(CANDIDATES.length)
  })

  it('takes no-answer calls in when asked, still without unrecorded or too-short ones', () => {
    const result = drawSample(
      CANDIDATES,
      SampleSpecSchema.parse({ size: 1000, per: 'group', seed: 3, minDurationSeconds: 30, includeNoAnswer: true })
    )
    const calls = picked(result.callIds)
    expect(result.excluded.noAnswer).toBe(0)
    expect(calls.some((c) => isNoAnswer(c.disposition))).toBe(true)
    expect(calls.every((c) => c.hasRecording && (c.durationSeconds ?? 0) >= 30)).toBe(true)
  })
})
