/**
 * IPC handlers of the lead's team dashboard: the figures (team:dashboard) and their export
 * (team:dashboardExport), read live from the team database's rollups. A reviewer is told plainly
 * that the dashboard is a lead's; the database would refuse their query anyway (row-level security).
 */
import { z } from 'zod'
import { AppError } from '@shared/errors'
import type { TeamDashboard, TeamDashboardFilters, teamDashboardChannels } from '@shared/ipc/contract/team-dashboard'
import { TEAM_DASHBOARD_DIMENSIONS } from '@shared/ipc/contract/team-dashboard'
import type { DomainHandlers } from '@main/ipc/dispatcher'
import { chooseExportPath, freshExportPath, writeWhole, type ExportFilesPort, type WrittenExports } from '../export-files'
import { localTimeZone } from '../qa/export-format'
import type { TeamMembership } from './team-connection'
import { calibrationDrift, criterionOverTime, scoreSumsOverTime, type ScoreSums } from './team-dashboard'
import { dashboardCsv, renderDashboardReport } from './team-dashboard-export'
import { buildDashboard, queryRange } from './team-dashboard-view'
import type { TeamService } from './team-service'
import { requireLead } from './team-work'

export interface TeamDashboardHandlerDeps {
  team: TeamService
  /** The folder exports are suggested in. */
  exportDir: () => string
  /** Save dialog and shell; without it, exports go to `exportDir` under a name of their own. */
  files?: ExportFilesPort
  /** The exports "Show in folder" and "Open" accept: shared with the QA exports (qa:showExport). */
  written: WrittenExports
  /** Print the report's HTML to PDF (see QaHandlerDeps.printToPdf); without it PDF is refused. */
  printToPdf?: (html: string) => Promise<Uint8Array>
  clock?: () => Date
  timeZone?: () => string
}

const DefinitionSchema = z.object({ criteria: z.array(z.object({ id: z.string(), label: z.string() })) })

/** Criterion id → label from the published scorecards; a later version's label wins. */
export function criterionLabels(versions: ReadonlyArray<{ definition: unknown }>): Map<string, string> {
  const labels = new Map<string, string>()
  for (const version of versions) {
    const parsed = DefinitionSchema.safeParse(version.definition)
    if (parsed.success) for (const c of parsed.data.criteria) labels.set(c.id, c.label)
  }
  return labels
}

export function createTeamDashboardHandlers(deps: TeamDashboardHandlerDeps): DomainHandlers<typeof teamDashboardChannels> {
  const clock = deps.clock ?? (() => new Date())
  const timeZone = deps.timeZone ?? localTimeZone

  const load = async (filters: TeamDashboardFilters): Promise<{ dashboard: TeamDashboard; member: TeamMembership }> => {
    const labels = criterionLabels(deps.team.sync()?.templateVersions() ?? [])
    return deps.team.run(async (client, member) => {
      requireLead(member, 'open the team dashboard')
      const range = queryRange(filters)
      const scores = {} as Record<(typeof TEAM_DASHBOARD_DIMENSIONS)[number], ScoreSums[]>
      for (const dimension of TEAM_DASHBOARD_DIMENSIONS)
        scores[dimension] = await scoreSumsOverTime(client, { ...range, dimension, bucket: filters.bucket })
      const criteria = await criterionOverTime(client, { ...range, bucket: filters.bucket })
      const drift = await calibrationDrift(client, range)
      return { dashboard: buildDashboard(filters, { scores, criteria, drift, labels }), member }
    })
  }

  return {
    'team:dashboard': async (filters) => (await load(filters)).dashboard,
    'team:dashboardExport': async ({ filters, format }) => {
      if (format === 'pdf' && !deps.printToPdf) {
        throw new AppError('validation', 'PDF reports need the desktop app; save the report as HTML and print it from a browser instead.')
      }
      const { dashboard, member } = await load(filters)
      const now = clock()
      const zone = timeZone()
      const suggested = freshExportPath(deps.exportDir(), `team-dashboard-${filters.from}-to-${filters.to}`, now, zone, format)
      const path = await chooseExportPath(deps.files, suggested, format, format === 'csv' ? 'The export' : 'The report')
      const bytes =
        format === 'csv'
          ? dashboardCsv(dashboard)
          : await (async () => {
              const html = renderDashboardReport(dashboard, { timeZone: zone, now, preparedBy: member.displayName, teamName: member.teamName })
              return format === 'pdf' ? (deps.printToPdf as (html: string) => Promise<Uint8Array>)(html) : html
            })()
      writeWhole(path, bytes)
      deps.written.add(path)
      return { path, format }
    }
  }
}
