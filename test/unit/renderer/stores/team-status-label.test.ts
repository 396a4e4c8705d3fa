import { describe, expect, it } from 'vitest'
import type { TeamSyncStatus } from '@shared/ipc/contract'
import { teamStatusLabel } from '@renderer/stores/team-store'

const status = (patch: Partial<TeamSyncStatus>): TeamSyncStatus => ({
  state: 'synced',
  pending: 0,
  message: null,
  member: null,
  lastSyncedAt: null,
  ...patch
})

describe('the team sync line in the top bar', () => {
  it('says nothing without a team, and each state in words', () => {
    expect(teamStatusLabel(null)).toBeNull()
    expect(teamStatusLabel(status({ state: 'off' }))).toBeNull()
    expect(teamStatusLabel(status({}))).toBe('Team: synced')
    expect(teamStatusLabel(status({ state: 'waiting', pending: 3 }))).toBe('Team: 3 changes waiting')
    expect(teamStatusLabel(status({ state: 'waiting', pending: 1 }))).toBe('Team: 1 change waiting')
    expect(teamStatusLabel(status({ state: 'offline' }))).toBe('Team: offline')
    expect(teamStatusLabel(status({ state: 'offline', pending: 2 }))).toBe('Team: offline, 2 changes waiting')
    expect(teamStatusLabel(status({ state: 'error', message: 'The team database refused the user name or password.' }))).toBe(
      'Team: error — The team database refused the user name or password.'
    )
  })
})
