import { describe, expect, it } from 'vitest'
import type { TeamSyncStatus } from '@shared/ipc/contract'
import { saveResult, teamStatusLabel } from '@renderer/stores/team-store'

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
    expect(teamStatusLabel(status({ state: 'waiting', pending: 3 }))).toBe('Team: 3 reviews waiting')
    expect(teamStatusLabel(status({ state: 'waiting', pending: 1 }))).toBe('Team: 1 review waiting')
    expect(teamStatusLabel(status({ state: 'offline' }))).toBe('Team: offline')
    expect(teamStatusLabel(status({ state: 'offline', pending: 2 }))).toBe('Team: offline, 2 reviews waiting')
    expect(teamStatusLabel(status({ state: 'error', message: 'The team database refused the user name or password.' }))).toBe(
      'Team: error — The team database refused the user name or password.'
    )
  })
})

describe('what Save says', () => {
  const refused =
    'The team database refused the user name or password (db.example.com:5432). Check the user name and password in Settings → Team and save again.'

  it('says saved and connected only when the first connection worked', () => {
    expect(saveResult(status({}), true)).toEqual({ ok: true, text: 'Saved and connected. The password is in your system keychain.' })
    expect(saveResult(status({ state: 'waiting', pending: 2 }), false)).toEqual({ ok: true, text: 'Saved and connected.' })
    expect(saveResult(status({ state: 'connecting' }), false)).toEqual({
      ok: true,
      text: 'Saved. Still connecting to the team database; the line below shows how it goes.'
    })
  })

  it('reports a refused password or an unreachable database as a failure, never as success', () => {
    for (const typed of [true, false]) {
      const result = saveResult(status({ state: 'error', message: refused }), typed)
      expect(result).toEqual({ ok: false, text: `Saved, but not connected: ${refused}` })
      expect(result.text).not.toContain('keychain')
    }
    const offline = saveResult(
      status({ state: 'offline', message: 'The team database at db.example.com:5432 could not be reached (ECONNREFUSED).' }),
      true
    )
    expect(offline).toEqual({
      ok: false,
      text: 'Saved, but not connected: The team database at db.example.com:5432 could not be reached (ECONNREFUSED).'
    })
  })

  it('names the keychain only when a password was typed', () => {
    expect(saveResult(status({}), false).text).not.toContain('keychain')
    expect(saveResult(status({ state: 'connecting' }), true).text).toContain('The password is in your system keychain.')
  })
})
