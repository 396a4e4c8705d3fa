import { describe, expect, it } from 'vitest'
import { buildQuery, DEFAULT_DRAFT, draftToFilters, filtersToDraft, presetRange, type FilterDraft } from '@renderer/lib/call-query'

// A fixed local "now" so presets are predictable: Saturday 28 Nov 2026, 15:00 local time.
const NOW = new Date(2026, 10, 28, 15, 0, 0)
const draft = (patch: Partial<FilterDraft>): FilterDraft => ({ ...DEFAULT_DRAFT, ...patch })

describe('call list filters', () => {
  it('starts "Last 7 days" at local midnight six days ago, so today counts as one of the seven', () => {
    const { start, end } = presetRange('last7', NOW)
    expect(start).toEqual(new Date(2026, 10, 22, 0, 0, 0))
    expect(end).toEqual(NOW)
  })

  it('makes "Yesterday" the whole previous local day and "Today" run from midnight to now', () => {
    expect(presetRange('yesterday', NOW)).toEqual({ start: new Date(2026, 10, 27), end: new Date(2026, 10, 28) })
    expect(presetRange('today', NOW)).toEqual({ start: new Date(2026, 10, 28), end: NOW })
  })

  it('turns a custom range into whole local days, first to last inclusive', () => {
    const { applied } = buildQuery(draft({ preset: 'custom', start: '2026-11-01', end: '2026-11-30' }), NOW)
    expect(applied?.query.start).toBe(new Date(2026, 10, 1).toISOString())
    expect(applied?.query.end).toBe(new Date(2026, 10, 30, 23, 59, 59, 999).toISOString())
  })

  it('accepts a custom range of exactly 31 days and rejects 32 with an error on the range', () => {
    expect(buildQuery(draft({ preset: 'custom', start: '2026-10-01', end: '2026-10-31' }), NOW).errors).toEqual({})
    const { applied, errors } = buildQuery(draft({ preset: 'custom', start: '2026-10-01', end: '2026-11-01' }), NOW)
    expect(applied).toBeNull()
    expect(errors.range).toMatch(/at most 31 days/)
  })

  it('says the end must not come before the start', () => {
    const { errors } = buildQuery(draft({ preset: 'custom', start: '2026-11-10', end: '2026-11-01' }), NOW)
    expect(errors.range).toMatch(/on or after the start/)
  })

  it('asks for both dates when a custom range is half filled', () => {
    expect(buildQuery(draft({ preset: 'custom', start: '2026-11-10', end: '' }), NOW).errors.range).toMatch(/start date and an end date/)
  })

  it('normalises typed phone numbers to E.164 for the API', () => {
    const { applied } = buildQuery(draft({ caller_id: '(801) 555-1234', ring_to: '801.555.0000' }), NOW)
    expect(applied?.query.caller_id).toBe('+18015551234')
    expect(applied?.query.ring_to).toBe('+18015550000')
  })

  it('names the field when a phone number cannot be one, and sends nothing', () => {
    const { applied, errors } = buildQuery(draft({ phone_number: '12ab' }), NOW)
    expect(applied).toBeNull()
    expect(errors.phone_number).toMatch(/"12ab" is not a phone number/)
  })

  it('rejects a campaign id that is not a whole number', () => {
    const { errors } = buildQuery(draft({ campaign_id: '31a' }), NOW)
    expect(errors.campaign_id).toMatch(/campaign id is a whole number/)
  })

  it('sends dispositions in the API order and ids as numbers', () => {
    const { applied } = buildQuery(draft({ disposition: ['VOICEMAIL', 'ANSWERED'], campaign_id: ' 311 ', org_unit_id: 12 }), NOW)
    expect(applied?.query.disposition).toEqual(['VOICEMAIL', 'ANSWERED'])
    expect(applied?.query.campaign_id).toBe(311)
    expect(applied?.query.org_unit_id).toBe(12)
  })

  it('keeps the same key for "Last 7 days" as time passes, and changes it when a filter changes', () => {
    const a = buildQuery(draft({}), NOW).applied
    const b = buildQuery(draft({}), new Date(NOW.getTime() + 60_000)).applied
    const c = buildQuery(draft({ text: 'roof' }), NOW).applied
    expect(a?.key).toBe(b?.key)
    expect(c?.key).not.toBe(a?.key)
    expect(c?.text).toBe('roof')
  })

  it('saves and restores the filters through prefs without losing a typed value', () => {
    const typed = draft({
      preset: 'custom',
      start: '2026-11-01',
      end: '2026-11-05',
      campaign_id: '311',
      caller_id: '(801) 555-1234',
      disposition: ['BUSY'],
      text: 'roof'
    })
    expect(filtersToDraft(draftToFilters(typed))).toEqual(typed)
  })

  it('does not save an id that is not a number', () => {
    expect(draftToFilters(draft({ campaign_id: 'abc' })).campaign_id).toBeUndefined()
  })
})
