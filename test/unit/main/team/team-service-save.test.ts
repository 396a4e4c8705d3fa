/**
 * Save tells the truth about the first connection with the new settings: a team database that
 * refuses the password answers Save with state "error" and the reason, not a success. The test
 * clusters trust every local login, so a tiny server stands in for one that checks passwords: it
 * answers the first message of any connection with PostgreSQL's "password authentication
 * failed" (SQLSTATE 28P01), as a real server does. The success and unreachable cases run against
 * a real PostgreSQL in test/integration/main/team/sync.test.ts.
 */
import { mkdtempSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { TeamConnectionSettings } from '@shared/ipc/contract/team'
import { createLogger } from '@main/services/log'
import { MemoryTeamPasswordStore } from '@main/services/team/team-password-store'
import { TeamService } from '@main/services/team/team-service'

/** A PostgreSQL ErrorResponse message: 'E', its length, then code-tagged fields. */
function errorResponse(fields: Record<string, string>): Buffer {
  const body = Buffer.concat([...Object.entries(fields).map(([tag, value]) => Buffer.from(`${tag}${value}\0`)), Buffer.from([0])])
  const length = Buffer.alloc(4)
  length.writeInt32BE(body.length + 4)
  return Buffer.concat([Buffer.from('E'), length, body])
}

const servers: Server[] = []
const sockets: Socket[] = []
const services: TeamService[] = []
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()))
  for (const socket of sockets.splice(0)) socket.destroy()
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))))
})

async function refusingServer(): Promise<number> {
  const server = createServer((socket) => {
    socket.on('error', () => undefined)
    socket.once('data', () => {
      socket.end(errorResponse({ S: 'FATAL', V: 'FATAL', C: '28P01', M: 'password authentication failed for user "dana"' }))
    })
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return typeof address === 'object' && address ? address.port : 0
}

describe('Save with a password the team database refuses', () => {
  it('answers with the refusal (state error), not success, and keeps what was saved for the next try', async () => {
    const port = await refusingServer()
    const settings: TeamConnectionSettings = { host: '127.0.0.1', port, database: 'callreview', user: 'dana', tlsMode: 'disable' }
    const passwords = new MemoryTeamPasswordStore()
    const service = new TeamService({ passwords, log: createLogger(), onStatus: () => undefined, retryDelaysMs: [60_000] })
    services.push(service)
    const dir = mkdtempSync(join(tmpdir(), 'team-save-'))

    const status = await service.save(dir, 'p1', { settings, password: 'wrong-password' })
    expect(status.state).toBe('error')
    expect(status.message).toBe(
      `The team database refused the user name or password (127.0.0.1:${port}). Check the user name and password in Settings → Team and save again.`
    )
    expect(status.message).not.toContain('wrong-password')
    expect(await service.getSettings(dir, 'p1')).toEqual({ settings, passwordSaved: true })
  })

  it('waits no longer than saveWaitMs for a server that does not answer, and says it is still connecting', async () => {
    // Accepts the connection and never answers: the first attempt is still running when Save answers.
    const silent = createServer((socket) => {
      sockets.push(socket)
      socket.on('error', () => undefined)
    })
    servers.push(silent)
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const address = silent.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const service = new TeamService({ passwords: new MemoryTeamPasswordStore(), log: createLogger(), onStatus: () => undefined, saveWaitMs: 200 })
    services.push(service)
    const started = Date.now()
    const status = await service.save(mkdtempSync(join(tmpdir(), 'team-save-')), 'p1', {
      settings: { host: '127.0.0.1', port, database: 'callreview', user: 'dana', tlsMode: 'disable' },
      password: 'pw'
    })
    expect(status.state).toBe('connecting')
    expect(Date.now() - started).toBeLessThan(5_000)
  })
})
