/**
 * A row's strings are cached per local day, the day "Today" means. Run in a zone west of UTC,
 * where local midnight and UTC midnight differ; this file has its own process (pool: forks).
 */
process.env.TZ = 'America/New_York'

import { describe, expect, it } from 'vitest'
import { rowDisplay } from '@renderer/components/calls/row-display'
import type { CallListItem } from '@shared/ipc/contract'

const item = (started: Date): CallListItem => ({
  callId: 1,
  started: started.toISOString(),
  durationSeconds: 95,
  callerId: '+18015551234',
  callerIdentity: null,
  trackingNumber: '+18015550000',
  campaignName: null,
  groupName: null,
  disposition: 'ANSWERED',
  tags: [],
  reviewed: false,
  recordingOffline: false,
  transcriptOffline: false
})

describe('call row display', () => {
  it('stops saying "Today" for a call once local midnight has passed, though the UTC day has not changed', () => {
    const call = item(new Date(2026, 10, 28, 22, 0))
    // 11 PM and 00:30 in New York are both 29 Nov in UTC.
    const lateEvening = new Date(2026, 10, 28, 23, 0)
    const afterMidnight = new Date(2026, 10, 29, 0, 30)
    expect(lateEvening.getUTCDate()).toBe(afterMidnight.getUTCDate())
    expect(rowDisplay(call, lateEvening).started).toBe('Today, 10:00 PM')
    expect(rowDisplay(call, afterMidnight).started).toBe('Nov 28, 10:00 PM')
    expect(rowDisplay(call, afterMidnight).label).toContain('Nov 28, 10:00 PM')
  })

  it('says in the row’s name when the server no longer lists the call, and only then', () => {
    const now = new Date(2026, 10, 28, 23, 0)
    const listed = item(new Date(2026, 10, 28, 22, 0))
    const unlisted = { ...listed, unlistedAt: '2026-11-28T23:30:00.000Z' }
    expect(rowDisplay(unlisted, now).label).toMatch(/, no longer listed by the server$/)
    expect(rowDisplay(listed, now).label).not.toContain('no longer listed')
  })
})
