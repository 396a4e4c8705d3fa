/** IPC handlers for Settings → Team and the team sync state, over the active profile's TeamService. */
import { AppError } from '@shared/errors'
import type { Template } from '@shared/qa/schemas'
import type { Handlers } from '@main/ipc/dispatcher'
import type { CallFacts, GetCallFacts } from '../qa/export'
import { assignCalls, publishTemplate } from './team-work'
import type { Logger } from '../log'
import type { TeamService } from './team-service'

export interface TeamHandlerDeps {
  team: TeamService
  /** The active profile's local template (latest version when no version is given). */
  template: (templateId: string, version?: number) => Template
  /** The call ids of one of the active profile's QA sessions, in queue order. */
  sessionCallIds: (sessionId: string) => number[]
  /** The facts of a call from the active profile's library; null when it is not there. */
  callFacts: GetCallFacts
  /** The Convirza account the calls belong to (team-review-queue.ts teamAccountOf). */
  account: () => string
  /** The active profile's folder and id; throws 'not_signed_in' when there is none. */
  profile: () => { dir: string; id: string }
  log: Logger
}

export function createTeamHandlers({
  team,
  profile,
  log,
  template,
  sessionCallIds,
  callFacts,
  account
}: TeamHandlerDeps): Pick<
  Handlers,
  'team:getSettings' | 'team:test' | 'team:save' | 'team:disconnect' | 'team:status' | 'team:work' | 'team:publishTemplate' | 'team:assign'
> {
  return {
    'team:getSettings': () => {
      const { dir, id } = profile()
      return team.getSettings(dir, id)
    },
    'team:test': ({ settings, password }) => {
      log.addSecret(password)
      return team.test(profile().id, { settings, password })
    },
    'team:save': ({ settings, password }) => {
      log.addSecret(password)
      const { dir, id } = profile()
      return team.save(dir, id, { settings, password })
    },
    'team:disconnect': () => {
      const { dir, id } = profile()
      return team.disconnect(dir, id)
    },
    'team:status': () => team.status(),
    'team:work': () => team.work(),
    'team:publishTemplate': ({ templateId }) => {
      const local = template(templateId)
      return team.run((client, member) => publishTemplate(client, member, local))
    },
    'team:assign': async ({ reviewer, templateId, sessionId, callIds, dueAt }) => {
      const published = team.work().templates.filter((t) => t.templateId === templateId)
      const latest = published[published.length - 1]
      if (!latest) throw new AppError('validation', 'Publish the scorecard to the team before assigning calls with it.')
      const ids = callIds ?? (sessionId ? sessionCallIds(sessionId) : [])
      if (ids.length === 0) throw new AppError('validation', 'Choose the calls to assign: a QA session or a selection.')
      const facts = await Promise.all(ids.map((id) => callFacts(id)))
      const missing = ids.filter((_, n) => !facts[n]?.startedAt)
      if (missing.length > 0) {
        throw new AppError(
          'validation',
          `${missing.length} of the ${ids.length} calls (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}) are not in this computer's library; load them first (Library → Sync), then assign again. Nothing was assigned.`
        )
      }
      const calls = ids.map((callId, n) => {
        const f = facts[n] as CallFacts
        return {
          account: account(),
          callId,
          startedAt: f.startedAt as string,
          campaign: f.campaign,
          group: f.group,
          agent: f.agent,
          durationSec: f.durationSeconds === null ? null : Math.max(0, Math.round(f.durationSeconds))
        }
      })
      const assigned = await team.run((client, member) =>
        assignCalls(client, member, { reviewer, template: { id: latest.templateId, version: latest.version }, calls, dueAt: dueAt ?? null })
      )
      return { assigned }
    }
  }
}
