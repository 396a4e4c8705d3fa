/**
 * The demo server's seeded dataset: deterministic by seed, stable call content across restarts,
 * every disposition and module represented, and 100,000 calls generated compactly.
 */
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROUTES } from '@main/services/demo-server/accounts'
import { loadAudioLibrary } from '@main/services/demo-server/audio-library'
import { buildCallRecord, type RecordContext } from '@main/services/demo-server/call-record'
import { callIdOf, generateDataset, indexOfCallId, LONG_RECORDING_SECONDS, SPAN_DAYS, type Dataset } from '@main/services/demo-server/dataset'
import { CallRecordSchema, DISPOSITIONS, INCLUDE_MODULES, type CallRecord } from '@shared/convirza/schemas'

const NOW = new Date('2026-03-01T12:00:00.000Z')
const DAY = 86_400_000
const audio = loadAudioLibrary(resolve('resources'))
const ALL = new Set(INCLUDE_MODULES)

function records(dataset: Dataset): CallRecord[] {
  const context: RecordContext = {
    dataset,
    audio,
    recordingLink: (callId, fileName) => ({ url: `https://rec.test/${callId}/${fileName}`, expiresAt: 1 })
  }
  return Array.from({ length: dataset.size }, (_, i) => buildCallRecord(context, i, ALL))
}

/** What a call is, leaving out everything that follows from when it happened. */
function content(call: CallRecord): unknown {
  const timeFree = JSON.stringify(call, (key, value: unknown) =>
    /(started|ended|created|_on|timestamp|requested_time|appointment_date|repeat_call)$/.test(key) ? undefined : value
  )
  const parsed = JSON.parse(timeFree) as { voiceagent_data?: { summary?: string } | null }
  // The voice agent's summary names the appointment date, which follows the call's date.
  if (parsed.voiceagent_data) delete parsed.voiceagent_data.summary
  return parsed
}

describe('generateDataset', () => {
  it('gives identical records for the same seed, size and clock', () => {
    expect(records(generateDataset(800, 42, NOW))).toEqual(records(generateDataset(800, 42, NOW)))
  })

  it('gives different data for a different seed', () => {
    const a = records(generateDataset(300, 1, NOW)).map(content)
    const b = records(generateDataset(300, 2, NOW)).map(content)
    expect(a).not.toEqual(b)
  })

  it('keeps every call content under its call_id when the clock moves, so a restarted demo shows the same calls', () => {
    const before = records(generateDataset(500, 9, NOW))
    const later = records(generateDataset(500, 9, new Date(NOW.getTime() + 3.7 * DAY)))
    const byId = new Map(later.map((c) => [c.call_id, c]))
    expect(byId.size).toBe(500)
    for (const call of before) expect(content(byId.get(call.call_id) as CallRecord)).toEqual(content(call))
  })

  it('keeps each call at its exact time when the demo restarts minutes later, so a job saved against it resumes on the same calls', () => {
    for (const gapMs of [6_000, 10 * 60_000, 3 * 3_600_000]) {
      const before = generateDataset(600, 21, NOW)
      const later = generateDataset(600, 21, new Date(NOW.getTime() + gapMs))
      const laterTime = new Map(Array.from({ length: later.size }, (_, i) => [callIdOf(later, i), later.startedMs[i]]))
      // A call stays put, or (its hour of the week come round again within the gap) moves one week on.
      const moved = Array.from({ length: before.size }, (_, i) => (laterTime.get(callIdOf(before, i)) as number) - (before.startedMs[i] as number))
      expect(
        moved.every((ms) => ms === 0 || ms === 7 * DAY),
        String(gapMs)
      ).toBe(true)
      expect(moved.filter((ms) => ms !== 0).length, String(gapMs)).toBeLessThanOrEqual(Math.ceil((before.size * gapMs) / (SPAN_DAYS * DAY)) + 3)
    }
  })

  it('puts most calls in the business hours of the offices (Mountain time) and on weekdays', () => {
    const dataset = generateDataset(5000, 2, NOW)
    const local = Array.from(dataset.startedMs, (ms) => new Date(ms - 7 * 3_600_000))
    const business = local.filter((d) => d.getUTCHours() >= 8 && d.getUTCHours() < 17).length
    const weekend = local.filter((d) => d.getUTCDay() === 0 || d.getUTCDay() === 6).length
    expect(business / dataset.size).toBeGreaterThan(0.6)
    expect(weekend / dataset.size).toBeLessThan(0.2)
    expect(weekend).toBeGreaterThan(0)
  })

  it('orders calls newest first over more than 35 days ending just before now', () => {
    const dataset = generateDataset(2000, 1, NOW)
    const times = Array.from(dataset.startedMs)
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(times[0]).toBeLessThan(NOW.getTime())
    expect(NOW.getTime() - (times.at(-1) as number)).toBeGreaterThan(35 * DAY)
    expect(NOW.getTime() - (times.at(-1) as number)).toBeLessThanOrEqual(SPAN_DAYS * DAY)
  })

  it('spreads calls over a shorter span when asked, keeping each call content', () => {
    const dataset = generateDataset(2000, 1, NOW, 10)
    const times = Array.from(dataset.startedMs)
    expect(NOW.getTime() - (times.at(-1) as number)).toBeLessThanOrEqual(10 * DAY)
    expect(NOW.getTime() - (times.at(-1) as number)).toBeGreaterThan(8 * DAY)
    const wide = new Map(records(generateDataset(2000, 1, NOW)).map((c) => [c.call_id, content(c)]))
    for (const call of records(dataset).slice(0, 50)) expect(content(call)).toEqual(wide.get(call.call_id))
  })

  it('maps call ids to positions and back', () => {
    const dataset = generateDataset(1000, 3, NOW)
    const ids = Array.from({ length: dataset.size }, (_, i) => callIdOf(dataset, i))
    expect(new Set(ids).size).toBe(1000)
    ids.forEach((id, i) => expect(indexOfCallId(dataset, id)).toBe(i))
    expect(indexOfCallId(dataset, Math.max(...ids) + 1)).toBe(-1)
    expect(indexOfCallId(dataset, 7)).toBe(-1)
  })

  it('uses every disposition and every route, and marks a repeat call only when the caller called before', () => {
    const calls = records(generateDataset(3000, 5, NOW))
    expect(new Set(calls.map((c) => c.disposition))).toEqual(new Set(DISPOSITIONS))
    expect(new Set(calls.map((c) => c.provisioned_route_id))).toEqual(new Set(ROUTES.map((r) => r.provisioned_route_id)))
    const seen = new Set<string>()
    for (const call of [...calls].reverse()) {
      expect(call.repeat_call, String(call.call_id)).toBe(seen.has(call.caller_id as string))
      seen.add(call.caller_id as string)
    }
    expect(calls.some((c) => c.repeat_call)).toBe(true)
  })

  it('fills every module somewhere: tags, comments, indicators, voice-agent data, custom sources, call flow, summaries, caller identities', () => {
    const calls = records(generateDataset(2000, 6, NOW))
    expect(calls.every((c) => CallRecordSchema.safeParse(c).success)).toBe(true)
    expect(calls.some((c) => (c.tags?.length ?? 0) > 1)).toBe(true)
    expect(calls.some((c) => (c.comments?.length ?? 0) > 0)).toBe(true)
    expect(calls.some((c) => (c.indicators?.length ?? 0) > 0)).toBe(true)
    expect(calls.some((c) => c.voiceagent_data?.appointment_date)).toBe(true)
    expect(calls.some((c) => c.custom_sources?.custom_source_type_4)).toBe(true)
    expect(calls.some((c) => Array.isArray((c.call_flow as { steps?: unknown[] }).steps))).toBe(true)
    expect(calls.every((c) => typeof c.summary === 'string')).toBe(true)
    expect(calls.some((c) => c.ai_caller_identity)).toBe(true)
  })

  it('gives recorded calls realistic US caller numbers, stored as 11 digits without +', () => {
    const calls = records(generateDataset(500, 8, NOW))
    for (const call of calls) expect(call.caller_id).toMatch(/^1[2-9]\d{2}[2-9]\d{6}$/)
  })

  it('gives three answered calls a long recording that ended before now', () => {
    const dataset = generateDataset(2000, 4, NOW)
    expect([...dataset.longRecordingSeconds.values()].sort()).toEqual([...LONG_RECORDING_SECONDS].sort())
    const calls = records(dataset)
    for (const [index, seconds] of dataset.longRecordingSeconds) {
      expect(calls[index]?.disposition).toBe('ANSWERED')
      expect(seconds).toBeGreaterThanOrEqual(40 * 60)
      expect(Date.parse(calls[index]?.call_detail?.call_ended as string)).toBeLessThan(NOW.getTime())
    }
  })

  it('generates 100,000 calls in a few megabytes of typed arrays', () => {
    const dataset = generateDataset(100_000, 1, NOW)
    expect(dataset.size).toBe(100_000)
    const bytes = [
      dataset.startedMs,
      dataset.callNumber,
      dataset.positionOf,
      dataset.route,
      dataset.disposition,
      dataset.caller,
      dataset.repeat,
      dataset.recording,
      dataset.callerNumbers
    ].reduce((sum, array) => sum + array.byteLength, 0)
    expect(bytes).toBeLessThan(5 * 1024 * 1024)
    expect(new Set(dataset.disposition).size).toBe(DISPOSITIONS.length)
  })
})
