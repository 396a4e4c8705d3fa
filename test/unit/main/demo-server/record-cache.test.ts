/**
 * The demo server's cache of encoded call records (record-cache.ts): each record is built and
 * encoded once per key, the least recently used goes first past the capacity, and what comes
 * back is the record's JSON as bytes.
 */
import { describe, expect, it } from 'vitest'
import { EncodedRecordCache } from '@main/services/demo-server/record-cache'

describe('EncodedRecordCache', () => {
  it('builds a record once per key and answers its JSON bytes after that', () => {
    const cache = new EncodedRecordCache(10)
    let builds = 0
    const build = (): unknown => {
      builds++
      return { call_id: 7, caller: 'Zoë', tags: [] }
    }
    const first = cache.get('tags|7', build)
    const second = cache.get('tags|7', build)
    expect(builds).toBe(1)
    expect(second).toBe(first)
    expect(JSON.parse(first.toString('utf8'))).toEqual({ call_id: 7, caller: 'Zoë', tags: [] })
    cache.get('|7', build)
    expect(builds, 'another include set is another record').toBe(2)
  })

  it('lets the least recently used record go once it holds more than its capacity', () => {
    const cache = new EncodedRecordCache(2)
    const built: string[] = []
    const get = (key: string): Buffer => cache.get(key, () => (built.push(key), { key }))
    get('a')
    get('b')
    get('a') // a is now the most recently used
    get('c') // b goes
    expect(cache.size).toBe(2)
    get('a')
    get('c')
    expect(built).toEqual(['a', 'b', 'c'])
    get('b')
    expect(built).toEqual(['a', 'b', 'c', 'b'])
  })

  it('refuses a capacity below one', () => {
    expect(() => new EncodedRecordCache(0)).toThrow(/at least one record/)
  })
})
