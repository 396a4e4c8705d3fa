import { describe, expect, it } from 'vitest'
import { buildQuery, DEFAULT_DRAFT, draftToFilters, filtersToDraft, isLibraryOnly, parseDuration } from '@renderer/lib/call-query'
import { campaignOptions, resolveChoice, routeOptions } from '@renderer/lib/choices'
import { filterGroups } from '@renderer/components/calls/GroupPicker'

const NOW = new Date('2026-04-15T12:00:00Z')

describe('library-only filters in the filter bar', () => {
  it('reads durations as seconds or m:ss and says what is wrong otherwise', () => {
    expect(parseDuration('90', 'x').value).toBe(90)
    expect(parseDuration('1:30', 'x').value).toBe(90)
    expect(parseDuration('1:02:03', 'x').value).toBe(3723)
    expect(parseDuration('ninety', 'The shortest duration').error).toMatch(/seconds \(90\) or minutes and seconds \(1:30\)/)
  })

  it('makes a library-only query with its own key, and keeps the filters through a save', () => {
    const draft = { ...DEFAULT_DRAFT, tag: 'Lead', minDuration: '1:00', reviewed: 'no' as const, minScore: '70', flagged: true }
    const { applied, errors } = buildQuery(draft, NOW)
    expect(errors).toEqual({})
    expect(applied?.local).toEqual({ tag: 'Lead', minDuration: 60, reviewed: 'no', minScore: 70, flagged: true })
    expect(isLibraryOnly(applied!)).toBe(true)
    expect(applied?.key).not.toBe(buildQuery(DEFAULT_DRAFT, NOW).applied?.key)
    expect(isLibraryOnly(buildQuery(DEFAULT_DRAFT, NOW).applied!)).toBe(false)
    const restored = filtersToDraft(draftToFilters(draft))
    expect(restored).toEqual({ ...draft, minDuration: '60' })
  })

  it('refuses a range whose low end is above its high end, under the field', () => {
    const { applied, errors } = buildQuery({ ...DEFAULT_DRAFT, minScore: '90', maxScore: '20' }, NOW)
    expect(applied).toBeNull()
    expect(errors.score).toMatch(/lowest score is above the highest/)
  })
})

describe('campaign and route pickers', () => {
  const choices = {
    campaigns: [
      { id: 311, name: 'Spring Radio', calls: 3 },
      { id: 312, name: 'Search Ads', calls: 1 },
      { id: 313, name: 'Search Ads', calls: 1 }
    ],
    routes: [{ id: 1022, trackingNumbers: ['18005550100'], campaignName: 'Spring Radio', calls: 3 }],
    agents: [],
    tags: []
  }
  const campaigns = campaignOptions(choices)

  it('tells apart campaigns that share a name, and names a route by campaign and tracking number', () => {
    expect(campaigns.map((c) => c.label)).toEqual(['Spring Radio', 'Search Ads (id 312)', 'Search Ads (id 313)'])
    expect(routeOptions(choices)[0]?.label).toMatch(/^Spring Radio · .*800.*555-0100/)
  })

  it('turns a name, part of one or an id into the id, and says what to do otherwise', () => {
    expect(resolveChoice('spring radio', campaigns, 'campaign')).toEqual({ id: '311' })
    expect(resolveChoice('radio', campaigns, 'campaign')).toEqual({ id: '311' })
    expect(resolveChoice('999', campaigns, 'campaign')).toEqual({ id: '999' })
    expect(resolveChoice('', campaigns, 'campaign')).toEqual({ id: '' })
    expect(resolveChoice('search', campaigns, 'campaign')).toEqual({ error: '"search" matches 2 campaigns; pick one from the list.' })
    expect(resolveChoice('TV', campaigns, 'campaign')).toEqual({
      error: 'No campaign in your library is called "TV". Pick one from the list, or type its id.'
    })
  })

  it('finds a route by the digits of its tracking number, as typed without punctuation', () => {
    const routes = routeOptions({
      ...choices,
      routes: [
        { id: 1022, trackingNumbers: ['18005550100'], campaignName: 'Spring Radio', calls: 3 },
        { id: 1023, trackingNumbers: ['+12147483902'], campaignName: 'AC Install Organic', calls: 41 },
        { id: 1024, trackingNumbers: ['+12147480100'], campaignName: 'Water Heater Radio', calls: 2 }
      ]
    })
    for (const typed of ['3902', '7483902', '2147483902', '12147483902']) expect(resolveChoice(typed, routes, 'route')).toEqual({ id: '1023' })
    // An id of a route in the list wins; digits in two routes' numbers ask for more.
    expect(resolveChoice('1024', routes, 'route')).toEqual({ id: '1024' })
    expect(resolveChoice('0100', routes, 'route')).toEqual({
      error: '"0100" is in the numbers of 2 routes; type more of the number or pick one from the list.'
    })
    // Too few digits to be part of a number, or in no number: an id, as before.
    expect(resolveChoice('748', routes, 'route')).toEqual({ id: '748' })
    expect(resolveChoice('99999', routes, 'route')).toEqual({ id: '99999' })
  })
})

describe('group tree picker', () => {
  const tree = [
    {
      org_unit_id: 1,
      text: 'Acme',
      children: [
        { org_unit_id: 2, text: 'Austin HVAC', children: [{ org_unit_id: 4, text: 'Night shift' }] },
        { org_unit_id: 3, text: 'Denver Plumbing' }
      ]
    }
  ]
  it('keeps the groups whose name matches with the groups above them', () => {
    expect(filterGroups(tree, 'night')).toEqual([
      { org_unit_id: 1, text: 'Acme', children: [{ org_unit_id: 2, text: 'Austin HVAC', children: [{ org_unit_id: 4, text: 'Night shift' }] }] }
    ])
    expect(filterGroups(tree, 'zzz')).toEqual([])
    expect(filterGroups(tree, '')).toEqual(tree)
  })
})
