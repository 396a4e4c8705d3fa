/**
 * The lead's team dashboard: whether it is open, its filters (date range and bucket), the figures
 * main last answered (team:dashboard) and the last export (team:dashboardExport). Main validates
 * the filters; its message is shown as it comes.
 */
import { create } from 'zustand'
import type { AppErrorInfo } from '@shared/errors'
import type { TeamDashboard, TeamDashboardDimension, TeamDashboardFilters } from '@shared/ipc/contract'
import { TEAM_DASHBOARD_EXPORT_FORMATS } from '@shared/ipc/contract/values'
import { call, errorInfo } from '../lib/api'
import { defaultDashboardFilters } from '../lib/team-dashboard'

export type DashboardExportFormat = (typeof TEAM_DASHBOARD_EXPORT_FORMATS)[number]

interface TeamDashboardState {
  open: boolean
  filters: TeamDashboardFilters
  /** Which breakdown the "Scores over time" chart shows. */
  dimension: TeamDashboardDimension
  dashboard: TeamDashboard | null
  busy: boolean
  error: AppErrorInfo | null
  written: { path: string; format: DashboardExportFormat } | null
  setOpen: (open: boolean) => void
  setFilters: (filters: Partial<TeamDashboardFilters>) => void
  setDimension: (dimension: TeamDashboardDimension) => void
  /** Asks main for the figures of the current filters. */
  load: () => Promise<void>
  exportAs: (format: DashboardExportFormat) => Promise<void>
}

export const useTeamDashboardStore = create<TeamDashboardState>((set, get) => ({
  open: false,
  filters: defaultDashboardFilters(new Date()),
  dimension: 'agent',
  dashboard: null,
  busy: false,
  error: null,
  written: null,
  setOpen: (open) => {
    set({ open, error: null, written: null })
    if (open) void get().load()
  },
  setFilters: (filters) => set({ filters: { ...get().filters, ...filters } }),
  setDimension: (dimension) => set({ dimension }),
  load: async () => {
    set({ busy: true, error: null })
    try {
      set({ dashboard: await call('team:dashboard', get().filters), busy: false })
    } catch (error) {
      set({ busy: false, error: errorInfo(error) })
    }
  },
  exportAs: async (format) => {
    if (get().busy) return
    set({ busy: true, error: null, written: null })
    try {
      const written = await call('team:dashboardExport', { filters: get().filters, format })
      set({ busy: false, written })
    } catch (error) {
      const info = errorInfo(error)
      // Cancelling the Save dialog is the user's choice, not a failure.
      set({ busy: false, error: info.kind === 'cancelled' ? null : info })
    }
  }
}))
