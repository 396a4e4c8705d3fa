/**
 * How the app connects a profile to its team database, and what it says about the result
 * ("connected as Dana Reyes, reviewer, team Summit QA").
 *
 * TLS is verify-full by default (the server's certificate must chain to a trusted CA and name
 * the host); `disable` is refused unless the host is this machine, so a password never crosses
 * a network in the clear.
 */
import type { ConnectionOptions } from 'node:tls'
import pg from 'pg'
import { TeamConnectionSettingsSchema, teamHostProblem, type TeamConnectionSettings } from '@shared/ipc/contract/team'
import { TEAM_MIGRATIONS } from './team-migrations'

// The schema is the IPC contract's (Settings → Team sends it); kept here under its old names.
export { TLS_MODES, TeamConnectionSettingsSchema, type TeamConnectionSettings } from '@shared/ipc/contract/team'

export class TeamConnectionError extends Error {
  override readonly name = 'TeamConnectionError'
  constructor(
    message: string,
    readonly reason: 'settings' | 'unreachable' | 'auth' | 'tls' | 'not_member' | 'schema' | 'other',
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}

/**
 * "host:port" for a message. A host the Host field would refuse (a pasted URL with a password in
 * it) is never repeated: such settings cannot get this far through Save, but a hand-edited
 * team.json could.
 */
export function whereOf(settings: Pick<TeamConnectionSettings, 'host' | 'port'>): string {
  return teamHostProblem(settings.host) === null ? `${settings.host}:${settings.port}` : 'the host in Settings → Team'
}

/** How long the app waits for the team database: to connect, and for each query's answer. */
export const TEAM_CONNECT_TIMEOUT_MS = 10_000
export const TEAM_QUERY_TIMEOUT_MS = 30_000

/**
 * The seconds the app waited when node-postgres gave up on an answer ("Query read timeout",
 * "timeout expired", "Connection terminated due to connection timeout"); null for other errors.
 * A network that drops silently (no reset) shows up only this way.
 */
export function timeoutSeconds(error: unknown): number | null {
  const code = (error as { code?: string }).code ?? ''
  const message = error instanceof Error ? error.message : String(error)
  if (/query read timeout/i.test(message)) return TEAM_QUERY_TIMEOUT_MS / 1000
  if (code === 'ETIMEDOUT' || /timeout expired|connection timeout/i.test(message)) return TEAM_CONNECT_TIMEOUT_MS / 1000
  return null
}

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '')
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h)
}

function tlsOptions(settings: TeamConnectionSettings, ca?: string): boolean | ConnectionOptions {
  switch (settings.tlsMode) {
    case 'disable':
      if (!isLoopbackHost(settings.host)) {
        throw new TeamConnectionError(
          `TLS can be turned off only for a database on this computer; ${settings.host} is not. Choose verify-full (or require, if your provider gives no CA).`,
          'settings'
        )
      }
      return false
    case 'require':
      return { rejectUnauthorized: false }
    case 'verify-ca':
      // The chain is checked; the name is not (for servers reached by an address the certificate does not list).
      return { rejectUnauthorized: true, ...(ca ? { ca } : {}), checkServerIdentity: () => undefined }
    case 'verify-full':
      return { rejectUnauthorized: true, ...(ca ? { ca } : {}) }
  }
}

export function teamClientConfig(settings: TeamConnectionSettings, password: string, ca?: string): pg.ClientConfig {
  // First, so neither the TLS rule nor anything after it can repeat a pasted URL's password.
  const hostProblem = teamHostProblem(settings.host)
  if (hostProblem) throw new TeamConnectionError(hostProblem, 'settings')
  const parsed = TeamConnectionSettingsSchema.parse(settings)
  return {
    host: parsed.host,
    port: parsed.port,
    database: parsed.database,
    user: parsed.user,
    password,
    ssl: tlsOptions(parsed, ca),
    connectionTimeoutMillis: TEAM_CONNECT_TIMEOUT_MS,
    query_timeout: TEAM_QUERY_TIMEOUT_MS,
    // A network that drops without a reset leaves the socket open; TCP keepalive probes find it dead.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    application_name: 'Call Review'
  }
}

export interface TeamMembership {
  login: string
  displayName: string
  role: 'lead' | 'reviewer'
  teamName: string
  schemaVersion: number
}

/** Who the connection is, in the team's words; refuses a database this app cannot use. */
export async function describeMembership(client: pg.ClientBase): Promise<TeamMembership> {
  let row: { login: string; display_name: string | null; role: string | null; team: string | null; version: number | null } | undefined
  try {
    const result = await client.query(
      `SELECT session_user AS login, m.display_name, m.role, (SELECT name FROM callreview.team) AS team, callreview.schema_version() AS version
       FROM (SELECT 1) one LEFT JOIN callreview.members m ON m.login = session_user`
    )
    row = result.rows[0]
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === '3F000' || code === '42883' || code === '42P01') {
      throw new TeamConnectionError('This database has no Call Review team schema. Ask your admin to run `npm run team -- init` on it.', 'schema', {
        cause: error
      })
    }
    if (code === '42501') {
      throw new TeamConnectionError(
        'This database user is not a member of the team. Ask the admin of the team database to add you (`npm run team -- add-reviewer` or `add-lead`).',
        'not_member',
        { cause: error }
      )
    }
    throw error
  }
  if (!row || row.display_name === null || (row.role !== 'lead' && row.role !== 'reviewer')) {
    throw new TeamConnectionError(
      `The database user ${row?.login ?? ''} is not a member of the team. Ask the admin of the team database to add you (\`npm run team -- add-reviewer\` or \`add-lead\`).`,
      'not_member'
    )
  }
  const known = Math.max(...TEAM_MIGRATIONS.map((m) => m.version))
  const version = row.version ?? 0
  if (version > known) {
    throw new TeamConnectionError(
      `The team database uses a newer schema (${version}) than this Call Review knows (${known}). Update Call Review.`,
      'schema'
    )
  }
  if (version < known) {
    throw new TeamConnectionError(
      `The team database's schema (${version}) is older than this Call Review needs (${known}). Ask your admin to run \`npm run team -- init\` again.`,
      'schema'
    )
  }
  return { login: row.login, displayName: row.display_name, role: row.role, teamName: row.team ?? '', schemaVersion: version }
}

export function describeConnectionFailure(error: unknown, settings: Pick<TeamConnectionSettings, 'host' | 'port'>): TeamConnectionError {
  if (error instanceof TeamConnectionError) return error
  const code = (error as { code?: string }).code ?? ''
  const message = error instanceof Error ? error.message : String(error)
  const where = whereOf(settings)
  if (code === '28P01' || code === '28000')
    return new TeamConnectionError(
      `The team database refused the user name or password (${where}). Check the user name and password in Settings → Team and save again.`,
      'auth',
      { cause: error }
    )
  if (['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN'].includes(code) || /timeout/i.test(message)) {
    return new TeamConnectionError(
      `The team database at ${where} could not be reached (${code || message}). Check the host and port, and your network.`,
      'unreachable',
      { cause: error }
    )
  }
  if (/SSL|TLS|certificate|self[- ]signed/i.test(message)) {
    return new TeamConnectionError(
      `The TLS check failed for ${where}: ${message}. Ask your admin for the server's CA, or check the TLS mode.`,
      'tls',
      { cause: error }
    )
  }
  return new TeamConnectionError(`The team database at ${where} answered: ${message}`, 'other', { cause: error })
}

/** Connects, identifies the member, and closes: what Settings → Team's "Test connection" does. */
export async function testTeamConnection(settings: TeamConnectionSettings, password: string, ca?: string): Promise<TeamMembership> {
  const client = new pg.Client(teamClientConfig(settings, password, ca))
  try {
    await client.connect()
    return await describeMembership(client)
  } catch (error) {
    throw describeConnectionFailure(error, settings)
  } finally {
    await client.end().catch(() => undefined)
  }
}

export function membershipLine(m: TeamMembership): string {
  return `Connected as ${m.displayName}, ${m.role}, team ${m.teamName}`
}
