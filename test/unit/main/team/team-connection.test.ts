/**
 * The team connection's settings checks and error wording, without a database: a connection URL
 * pasted into Host is refused before the TLS rule and never repeated (it carries the password),
 * node-postgres's timeouts become "no answer within N s", and the client keeps TCP keepalive on.
 */
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import { teamHostProblem, type TeamConnectionSettings } from '@shared/ipc/contract/team'
import { createLogger } from '@main/services/log'
import {
  describeConnectionFailure,
  teamClientConfig,
  testTeamConnection,
  TeamConnectionError,
  timeoutSeconds,
  whereOf
} from '@main/services/team/team-connection'
import { MemoryTeamPasswordStore } from '@main/services/team/team-password-store'
import { TEAM_SETTINGS_FILE, TeamService, toAppError } from '@main/services/team/team-service'

const URL_HOST = 'postgres://lee:s3cret-pw@127.0.0.1:45389/t26159_1'
const settings = (host: string, tlsMode: TeamConnectionSettings['tlsMode'] = 'disable'): TeamConnectionSettings => ({
  host,
  port: 5432,
  database: 'callreview',
  user: 'dana',
  tlsMode
})
const HOST_MESSAGE = /^Enter the database server's name or address only \(such as db\.example\.com\), not a connection URL/

function refusal(run: () => unknown): Error {
  try {
    run()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a refusal')
}

describe('the Host field', () => {
  it('refuses a connection URL, or anything with "://", "@" or "/", and accepts names and addresses', () => {
    for (const host of [URL_HOST, 'lee:pw@db.example.com', 'db.example.com/callreview', 'postgresql://db.example.com'])
      expect(teamHostProblem(host), host).toMatch(HOST_MESSAGE)
    for (const host of ['db.example.com', '127.0.0.1', 'localhost', '::1', '[::1]', 'fe80::1']) expect(teamHostProblem(host), host).toBeNull()
  })

  it('is checked before the TLS rule, and the message repeats neither the password nor the URL', () => {
    const error = refusal(() => teamClientConfig(settings(URL_HOST, 'disable'), 'pw'))
    expect(error).toBeInstanceOf(TeamConnectionError)
    expect((error as TeamConnectionError).reason).toBe('settings')
    expect(error.message).toMatch(HOST_MESSAGE)
    expect(error.message).not.toMatch(/s3cret|lee:|postgres:\/\/|127\.0\.0\.1|TLS/)
    // A remote URL with TLS on is refused the same way.
    expect(refusal(() => teamClientConfig(settings(URL_HOST, 'verify-full'), 'pw')).message).toMatch(HOST_MESSAGE)
  })

  it('keeps the TLS rule for a plain remote host', () => {
    expect(refusal(() => teamClientConfig(settings('db.example.com'), 'pw')).message).toMatch(
      /^TLS can be turned off only for a database on this computer; db\.example\.com is not\./
    )
  })

  it('never names such a host in a later message (a hand-edited team.json)', () => {
    expect(whereOf(settings('db.example.com'))).toBe('db.example.com:5432')
    expect(whereOf(settings(URL_HOST))).toBe('the host in Settings → Team')
    const auth = describeConnectionFailure(Object.assign(new Error('password authentication failed'), { code: '28P01' }), settings(URL_HOST))
    const down = describeConnectionFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), settings(URL_HOST))
    for (const message of [auth.message, down.message]) expect(message).not.toMatch(/s3cret|postgres:\/\//)
    expect(auth.message).toMatch(/refused the user name or password .*save again\.$/)
  })

  it('Test connection and Save refuse it with the same message, before connecting or storing anything', async () => {
    await expect(testTeamConnection(settings(URL_HOST), 'pw')).rejects.toThrow(HOST_MESSAGE)
    const passwords = new MemoryTeamPasswordStore()
    const service = new TeamService({ passwords, log: createLogger(), onStatus: () => undefined })
    const dir = mkdtempSync(join(tmpdir(), 'team-host-'))
    for (const attempt of [
      service.test('p1', { settings: settings(URL_HOST), password: 'pw' }),
      service.save(dir, 'p1', { settings: settings(URL_HOST, 'verify-full'), password: 'pw' })
    ]) {
      const error = await attempt.then(
        () => null,
        (e: unknown) => e
      )
      expect(error).toBeInstanceOf(AppError)
      expect(error).toMatchObject({ kind: 'validation' })
      expect((error as Error).message).toMatch(HOST_MESSAGE)
      expect((error as Error).message).not.toContain('s3cret')
    }
    expect(existsSync(join(dir, TEAM_SETTINGS_FILE))).toBe(false)
    expect(await passwords.get('p1')).toBeNull()
  })
})

describe('the team client', () => {
  it('keeps TCP keepalive on, so a network that drops silently is found dead', () => {
    expect(teamClientConfig(settings('127.0.0.1'), 'pw')).toMatchObject({ keepAlive: true, query_timeout: 30_000, connectionTimeoutMillis: 10_000 })
  })
})

describe('timeouts', () => {
  it("reads node-postgres's timeouts as the seconds waited", () => {
    expect(timeoutSeconds(new Error('Query read timeout'))).toBe(30)
    expect(timeoutSeconds(new Error('timeout expired'))).toBe(10)
    expect(timeoutSeconds(new Error('Connection terminated due to connection timeout'))).toBe(10)
    expect(timeoutSeconds(Object.assign(new Error('connect ETIMEDOUT 10.0.0.1:5432'), { code: 'ETIMEDOUT' }))).toBe(10)
    expect(timeoutSeconds(new Error('Connection terminated unexpectedly'))).toBeNull()
    expect(timeoutSeconds(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBeNull()
  })

  it('tell the user the database did not answer, that it may not be saved, and when to try again', () => {
    const error = toAppError(new Error('Query read timeout'))
    expect(error.kind).toBe('network')
    expect(error.message).toBe(
      'The team database did not answer within 30 s, so this was not confirmed and may not have been saved there. The app reconnects by itself; when the top bar says synced, check whether it is there before trying again.'
    )
    expect(toAppError(new Error('Connection terminated due to connection timeout')).message).toMatch(/^The team database did not answer within 10 s/)
    // Other errors keep their mapping.
    expect(toAppError(Object.assign(new Error('duplicate key'), { code: '23505' })).kind).toBe('validation')
    expect(toAppError(new TeamConnectionError('refused', 'auth')).kind).toBe('unauthorized')
  })
})
