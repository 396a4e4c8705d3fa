/** IPC handlers for Settings → Team and the team sync state, over the active profile's TeamService. */
import type { Handlers } from '../../ipc/dispatcher'
import type { Logger } from '../log'
import type { TeamService } from './team-service'

export interface TeamHandlerDeps {
  team: TeamService
  /** The active profile's folder and id; throws 'not_signed_in' when there is none. */
  profile: () => { dir: string; id: string }
  log: Logger
}

export function createTeamHandlers({
  team,
  profile,
  log
}: TeamHandlerDeps): Pick<Handlers, 'team:getSettings' | 'team:test' | 'team:save' | 'team:disconnect' | 'team:status'> {
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
    'team:status': () => team.status()
  }
}
