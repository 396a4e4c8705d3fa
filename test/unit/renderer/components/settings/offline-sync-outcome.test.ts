/** A stopped download's sentence: main's reason once, one full stop, and what to do said once. */
import { describe, expect, it } from 'vitest'
import { stoppedBecause } from '@renderer/components/settings/OfflineSync'

describe('why an offline download stopped', () => {
  it('keeps main’s own advice instead of adding a second one, with one full stop', () => {
    expect(
      stoppedBecause('464 of 465 calls stored; 1 could not be read (call 7: no usable id). Make the same list available offline again to retry.')
    ).toBe('464 of 465 calls stored; 1 could not be read (call 7: no usable id). Make the same list available offline again to retry.')
  })

  it('adds what to do to a bare reason, and says something when there is none', () => {
    expect(stoppedBecause('the disk is full.')).toBe('the disk is full. Start again to continue where it stopped.')
    expect(stoppedBecause('could not reach 127.0.0.1:4000')).toBe('could not reach 127.0.0.1:4000. Start again to continue where it stopped.')
    expect(stoppedBecause(null)).toBe('the download failed. Start again to continue where it stopped.')
    expect(stoppedBecause('  ')).toBe('the download failed. Start again to continue where it stopped.')
  })
})
