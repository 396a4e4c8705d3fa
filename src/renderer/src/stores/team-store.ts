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

/** "Team: synced", "Team: 3 changes waiting", "Team: offline", "Team: error — …"; null with no team. */
export function teamStatusLabel(status: TeamSyncStatus | null): string | null {
  if (!status || status.state === 'off') return null
  const waiting = `${status.pending} ${status.pending === 1 ? 'change' : 'changes'} waiting`
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
