import { describe, expect, it } from 'vitest'
import { describeExport, describeOfflineJob } from '@renderer/stores/bulk-actions-store'

describe('what the bulk actions say', () => {
  it('says how many calls an export wrote, and names those not in the library instead of dropping them silently', () => {
    expect(describeExport({ path: '/x/calls.csv', format: 'csv', exported: 3, notInLibrary: 0, notInLibraryIds: [] })).toBe(
      '3 calls exported as CSV to'
    )
    expect(describeExport({ path: '/x/calls.json', format: 'json', exported: 2, notInLibrary: 1, notInLibraryIds: [17] })).toBe(
      '2 exported, 1 not in the library (call 17: open it or make it available offline, then export again); JSON written to'
    )
    expect(describeExport({ path: '/x/c.csv', format: 'csv', exported: 1, notInLibrary: 5, notInLibraryIds: [1, 2, 3, 4, 5] })).toMatch(
      /^1 exported, 5 not in the library \(calls 1, 2, 3, …: open them/
    )
  })

  it('follows an offline job over selected calls to its end, with what stopped it', () => {
    const base = { jobId: 'j', bytes: 0, secondsLeft: null, selectedCalls: 3 }
    expect(describeOfflineJob({ ...base, state: 'running', calls: { done: 1, total: 3 }, recordings: { done: 0, total: 3 } })).toBe(
      'Making calls available offline: 1 of 3 calls, 0 of 3 recordings…'
    )
    expect(describeOfflineJob({ ...base, state: 'done', calls: { done: 3, total: 3 }, recordings: { done: 1, total: 1 } })).toBe(
      '3 calls available offline, with 1 recording.'
    )
    expect(
      describeOfflineJob({ ...base, state: 'failed', calls: { done: 2, total: 3 }, recordings: { done: 2, total: 2 }, error: '2 of 3 calls stored.' })
    ).toBe('Stopped after 2 of 3 calls, 2 of 2 recordings: 2 of 3 calls stored.')
  })
})
