/**
 * The team sync state the top bar shows, kept current by main's 'team:status' event. The
 * settings form keeps its own state (TeamSettings.tsx); no password is ever held here.
 */
import { create } from 'zustand'
import type { TeamSyncStatus } from '@shared/ipc/contract'
import { call, subscribe } from '../lib/api'

interface TeamState {
  status: TeamSyncStatus | null
  load: () => Promise<void>
  set: (status: TeamSyncStatus) => void
  /** Follow 'team:status'; returns the unsubscribe. */
  watch: () => () => void
}

export const useTeamStore = create<TeamState>((set) => ({
  status: null,
  load: async () => {
    try {
      set({ status: await call('team:status', {}) })
    } catch {
      // Signed out, or main not ready: the badge stays hidden until the next event.
      set({ status: null })
    }
  },
  set: (status) => set({ status }),
  watch: () => subscribe('team:status', (status) => set({ status }))
}))

/** "Team: synced", "Team: 3 reviews waiting", "Team: offline", "Team: error — …"; null with no team. */
export function teamStatusLabel(status: TeamSyncStatus | null): string | null {
  if (!status || status.state === 'off') return null
  const waiting = `${status.pending} ${status.pending === 1 ? 'review' : 'reviews'} waiting`
  switch (status.state) {
    case 'connecting':
      return 'Team: connecting…'
    case 'synced':
      return status.pending > 0 ? `Team: ${waiting}` : 'Team: synced'
    case 'waiting':
      return `Team: ${waiting}`
    case 'offline':
      return status.pending > 0 ? `Team: offline, ${waiting}` : 'Team: offline'
    case 'error':
      return `Team: error — ${status.message ?? 'unknown'}`
  }
}

/**
 * What Save says, from the status main answers once the first connection with the new settings
 * was tried: saved and connected, or saved but not connected and why (never a success line over
 * a refused password). The keychain is named only when a password was typed: otherwise the one
 * saved before is used and nothing new was stored.
 */
export function saveResult(status: TeamSyncStatus, passwordTyped: boolean): { ok: boolean; text: string } {
  const keychain = passwordTyped ? ' The password is in your system keychain.' : ''
  switch (status.state) {
    case 'synced':
    case 'waiting':
      return { ok: true, text: `Saved and connected.${keychain}` }
    case 'connecting':
      return { ok: true, text: `Saved. Still connecting to the team database; the line below shows how it goes.${keychain}` }
    case 'offline':
    case 'error':
      return { ok: false, text: `Saved, but not connected: ${status.message ?? 'the team database gave no reason.'}` }
    case 'off':
      return { ok: true, text: 'Saved.' }
  }
}
