/** The one HTTP Range reader, shared by the recording cache and the demo server. */
import { describe, expect, it } from 'vitest'
import { parseRange } from '@main/services/http-range'

describe('parseRange', () => {
  it.each([
    [null, { kind: 'whole' }],
    [undefined, { kind: 'whole' }],
    ['', { kind: 'whole' }],
    ['bytes=0-99', { kind: 'part', start: 0, end: 99 }],
    ['bytes=900-', { kind: 'part', start: 900, end: 999 }],
    ['bytes=-100', { kind: 'part', start: 900, end: 999 }],
    ['bytes=-5000', { kind: 'part', start: 0, end: 999 }],
    ['bytes=500-5000', { kind: 'part', start: 500, end: 999 }],
    ['BYTES = 1 - 2', { kind: 'part', start: 1, end: 2 }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=0-1,5-9', { kind: 'whole' }],
    ['bytes=9-1', { kind: 'whole' }],
    ['pages=1-2', { kind: 'whole' }],
    ['bytes=-', { kind: 'whole' }]
  ])('reads %j over a 1000-byte file as %j', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected)
  })

  it('finds nothing to send in an empty file', () => {
    expect(parseRange('bytes=-10', 0)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' })
  })
})
