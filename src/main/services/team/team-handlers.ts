/** IPC handlers for Settings → Team and the team sync state, over the active profile's TeamService. */
import { AppError } from '@shared/errors'
import type { Template } from '@shared/qa/schemas'
import type { Handlers } from '@main/ipc/dispatcher'
import type { CallFacts, GetCallFacts } from '../qa/export'
import { calibrationResultOf, createCalibration, revealCalibration, submitCalibration } from './team-calibration'
import type { TeamCallFacts } from './team-outbox'
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
  /** Makes a local QA session over the calls, scored with that template version; returns its id. */
  createSession: (input: { name: string; templateId: string; templateVersion: number; callIds: number[] }) => string
  /** Whether the active profile still has that QA session (not deleted). */
  sessionExists: (sessionId: string) => boolean
  log: Logger
  clock?: () => Date
}

export function createTeamHandlers({
  team,
  profile,
  log,
  template,
  sessionCallIds,
  callFacts,
  account,
  createSession,
  sessionExists,
  clock = () => new Date()
}: TeamHandlerDeps): Pick<
  Handlers,
  | 'team:getSettings'
  | 'team:test'
  | 'team:save'
  | 'team:disconnect'
  | 'team:status'
  | 'team:work'
  | 'team:publishTemplate'
  | 'team:assign'
  | 'team:createCalibration'
  | 'team:calibrations'
  | 'team:openCalibration'
  | 'team:submitCalibration'
  | 'team:revealCalibration'
  | 'team:calibrationResult'
> {
  /** The latest version of a template the team published, or a message saying to publish it. */
  const latestPublished = (templateId: string, what: string) => {
    const published = team.work().templates.filter((t) => t.templateId === templateId)
    const latest = published[published.length - 1]
    if (!latest) throw new AppError('validation', `Publish the scorecard to the team before ${what}.`)
    return latest
  }
  /** The calls' facts from this computer's library, as the team database records them; all or nothing. */
  const teamCalls = async (ids: readonly number[], nothing: string): Promise<TeamCallFacts[]> => {
    const facts = await Promise.all(ids.map((id) => callFacts(id)))
    const missing = ids.filter((_, n) => !facts[n]?.startedAt)
    if (missing.length > 0) {
      throw new AppError(
        'validation',
        `${missing.length} of the ${ids.length} calls (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}) are not in this computer's library; load them first (Library → Sync), then try again. ${nothing}`
      )
    }
    return ids.map((callId, n) => {
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
  }
  const calibration = (calibrationId: string) => {
    const found = team.calibrations().find((c) => c.id === calibrationId)
    if (!found) throw new AppError('not_found', 'This calibration is not among those pulled from the team; sync and try again.')
    return found
  }
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
      const latest = latestPublished(templateId, 'assigning calls with it')
      const ids = callIds ?? (sessionId ? sessionCallIds(sessionId) : [])
      if (ids.length === 0) throw new AppError('validation', 'Choose the calls to assign: a QA session or a selection.')
      const calls = await teamCalls(ids, 'Nothing was assigned.')
      const assigned = await team.run((client, member) =>
        assignCalls(client, member, { reviewer, template: { id: latest.templateId, version: latest.version }, calls, dueAt: dueAt ?? null })
      )
      return { assigned }
    },
    'team:createCalibration': async ({ name, templateId, callIds, reviewers, deadline }) => {
      const latest = latestPublished(templateId, 'calibrating with it')
      const calls = await teamCalls([...new Set(callIds)], 'No calibration was created.')
      const id = await team.run((client, member) =>
        createCalibration(client, member, {
          name,
          template: { id: latest.templateId, version: latest.version },
          calls,
          reviewers,
          deadline,
          now: clock()
        })
      )
      return calibration(id)
    },
    'team:calibrations': () => ({ calibrations: team.calibrations() }),
    'team:openCalibration': ({ calibrationId }) => {
      const found = calibration(calibrationId)
      const sync = team.sync()
      if (!sync) throw new AppError('bad_request', 'This profile is not connected to a team: connect it in Settings → Team first.')
      if (found.sessionId !== null && sessionExists(found.sessionId)) return { sessionId: found.sessionId }
      let sessionId: string
      try {
        sessionId = createSession({
          name: `Calibration: ${found.name}`.slice(0, 120),
          templateId: found.templateId,
          templateVersion: found.templateVersion,
          callIds: found.callIds
        })
      } catch (error) {
        if (error instanceof AppError && error.kind === 'not_found')
          throw new AppError(
            'not_found',
            `The scorecard "${found.templateName}" version ${found.templateVersion} has not arrived on this computer yet; sync and try again.`
          )
        throw error
      }
      sync.setCalibrationSession(calibrationId, sessionId)
      return { sessionId }
    },
    'team:submitCalibration': async ({ calibrationId }) => {
      // Push this reviewer's queued reviews first: the database checks every call is reviewed.
      const sync = team.sync()
      await sync?.sync()
      await team.run((client, member) => submitCalibration(client, member, calibrationId, sync?.status().pending ?? 0))
      return calibration(calibrationId)
    },
    'team:revealCalibration': async ({ calibrationId }) => {
      await team.run((client, member) => revealCalibration(client, member, calibrationId))
      return calibration(calibrationId)
    },
    'team:calibrationResult': async ({ calibrationId }) => {
      const sync = team.sync()
      await sync?.sync() // offline, the last pull answers
      return calibrationResultOf(calibration(calibrationId), {
        me: sync?.membership() ?? null,
        templateVersions: sync?.templateVersions() ?? [],
        reviews: sync?.reviews() ?? []
      })
    }
  }
}
