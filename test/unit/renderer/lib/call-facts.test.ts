/** Copying the selected calls: ids one a line, a tab-separated facts table, and a message that says what was left out and why. */
import { describe, expect, it } from 'vitest'
import { callFactsTable, callIdsText, describeCopy, selectedItems } from '@renderer/lib/call-facts'
import { callListItem } from '@test/fixtures/bridges/calls-store'

describe('copying the selected calls', () => {
  const rows = [callListItem(1), null, { ...callListItem(3), tags: ['Lead', 'Price\tShopper'], campaignName: 'HVAC\nSpring' }, callListItem(4)]

  it('takes the selected loaded rows in list order and counts the ones not loaded', () => {
    const { items, missing } = selectedItems(rows, new Set([4, 3, 2, 99]))
    expect(items.map((i) => i.callId)).toEqual([3, 4])
    expect(missing).toBe(2)
  })

  it('copies ids one a line', () => {
    expect(callIdsText([callListItem(7), callListItem(8)]).text).toBe('7\n8')
  })

  it('copies facts as a table whose cells never hold a tab or a line break', () => {
    const table = callFactsTable([rows[2]!]).text.split('\n')
    expect(table).toHaveLength(2)
    expect(table[0]!.split('\t')[0]).toBe('Call ID')
    const cells = table[1]!.split('\t')
    expect(cells).toHaveLength(table[0]!.split('\t').length)
    expect(cells).toContain('HVAC Spring')
    expect(cells).toContain('Lead; Price Shopper')
  })

  it('reads each fact as the list and the CSV export do: local time, formatted numbers, the disposition in words', () => {
    const zone = process.env['TZ']
    process.env['TZ'] = 'America/Chicago'
    try {
      const item = {
        ...callListItem(5),
        started: '2026-12-07T16:34:57.000Z',
        callerId: '19705065749',
        trackingNumber: '+12147483902',
        disposition: 'NO_ANSWER'
      }
      const [header, row] = callFactsTable([item])
        .text.split('\n')
        .map((line) => line.split('\t'))
      const fact = (title: string): string | undefined => row?.[header?.indexOf(title) ?? -1]
      expect(fact('Started (local time)')).toBe('2026-12-07 10:34:57')
      expect(fact('Caller')).toBe('(970) 506-5749')
      expect(fact('Tracking number')).toBe('(214) 748-3902')
      expect(fact('Disposition')).toBe('No answer')
    } finally {
      if (zone === undefined) delete process.env['TZ']
      else process.env['TZ'] = zone
    }
  })

  it('says how many were copied, and which could not be and why', () => {
    expect(describeCopy(callIdsText([callListItem(1), callListItem(2)]), 'IDs', true)).toBe('IDs of 2 calls copied')
    expect(describeCopy(callFactsTable([callListItem(1)], 3), 'Facts', true)).toBe(
      'Facts of 1 call copied; 3 calls could not be copied because their rows have not loaded yet — scroll to them and copy again.'
    )
    expect(describeCopy(callIdsText([callListItem(1)]), 'IDs', false)).toMatch(/Could not copy/)
  })
})
