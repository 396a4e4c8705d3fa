/**
 * What an admin does to a team database: set it up (schema, roles, team name) and add people.
 * Each person is a PostgreSQL LOGIN role in one of the two group roles; the app connects as
 * that role, so the database's own privileges and row-level security decide what they see.
 */
import type pg from 'pg'
import { migrateTeamDatabase, type MigrationResult } from './team-migrator'

export type TeamRole = 'lead' | 'reviewer'

const GROUP: Record<TeamRole, string> = { lead: 'callreview_lead', reviewer: 'callreview_reviewer' }

/** PostgreSQL role names we create: lower-case, so nobody has to quote them in psql. */
export const LOGIN_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/

export class TeamAdminError extends Error {
  override readonly name = 'TeamAdminError'
}

export async function initTeam(client: pg.ClientBase, teamName: string): Promise<MigrationResult> {
  const name = teamName.trim()
  if (name.length < 1 || name.length > 120) throw new TeamAdminError('The team name must be 1–120 characters, e.g. --name "Summit QA".')
  const result = await migrateTeamDatabase(client)
  await client.query('INSERT INTO callreview.team (id, name) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET name = excluded.name', [name])
  return result
}

export interface MemberInput {
  login: string
  displayName: string
  role: TeamRole
  /** Set or replace the role's password; omitted keeps the current one (an existing role). */
  password?: string
}

export async function addMember(client: pg.ClientBase, input: MemberInput): Promise<{ created: boolean }> {
  if (!LOGIN_PATTERN.test(input.login)) {
    throw new TeamAdminError(
      `"${input.login.slice(0, 40)}" is not a usable login: use 1–63 lower-case letters, digits or "_", starting with a letter, e.g. dana_reyes.`
    )
  }
  if (input.login.startsWith('callreview_') || input.login.startsWith('pg_')) {
    throw new TeamAdminError(`"${input.login}" is reserved; choose a login that does not start with callreview_ or pg_.`)
  }
  const displayName = input.displayName.trim()
  if (displayName.length < 1 || displayName.length > 120)
    throw new TeamAdminError('The display name must be 1–120 characters, e.g. --name "Dana Reyes".')
  if (input.password !== undefined && input.password.length < 12) throw new TeamAdminError('Choose a password of at least 12 characters.')

  const role = client.escapeIdentifier(input.login)
  await client.query('BEGIN')
  try {
    const exists = await client.query('SELECT rolsuper FROM pg_roles WHERE rolname = $1', [input.login])
    const created = exists.rowCount === 0
    if (!created && exists.rows[0]?.rolsuper) throw new TeamAdminError(`"${input.login}" is a superuser role; team members must be ordinary roles.`)
    const password = input.password === undefined ? '' : ` PASSWORD ${client.escapeLiteral(input.password)}`
    if (created) {
      if (input.password === undefined) throw new TeamAdminError(`A new member needs a password (set TEAM_MEMBER_PASSWORD or type it when asked).`)
      await client.query(`CREATE ROLE ${role} LOGIN${password}`)
    } else if (password) {
      await client.query(`ALTER ROLE ${role} LOGIN${password}`)
    }
    const other: TeamRole = input.role === 'lead' ? 'reviewer' : 'lead'
    await client.query(`REVOKE ${GROUP[other]} FROM ${role}`)
    await client.query(`GRANT ${GROUP[input.role]} TO ${role}`)
    await client.query(
      `INSERT INTO callreview.members (login, display_name, role) VALUES ($1, $2, $3)
       ON CONFLICT (login) DO UPDATE SET display_name = excluded.display_name, role = excluded.role`,
      [input.login, displayName, input.role]
    )
    await client.query('COMMIT')
    return { created }
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  }
}
