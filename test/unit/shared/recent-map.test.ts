import { describe, expect, it } from 'vitest'
import { keepNewest } from '@shared/recent-map'

describe('keepNewest', () => {
  it('drops the oldest entries beyond the limit and keeps the rest in order', () => {
    const map = new Map([1, 2, 3, 4, 5].map((n) => [n, `v${n}`]))
    keepNewest(map, 3)
    expect([...map.keys()]).toEqual([3, 4, 5])
    // A key set again after a delete counts as newest.
    map.delete(3)
    map.set(3, 'again')
    keepNewest(map, 2)
    expect([...map.entries()]).toEqual([
      [5, 'v5'],
      [3, 'again']
    ])
  })

  it('leaves a map within the limit alone', () => {
    const map = new Map([['a', 1]])
    keepNewest(map, 1)
    expect([...map.keys()]).toEqual(['a'])
    keepNewest(new Map(), 0)
  })
})
