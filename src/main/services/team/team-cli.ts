/**
 * The admin's command for a team database (README, "Team QA: setting up the database"):
 *
 *   npm run team -- init --name "Summit QA"
 *   npm run team -- add-reviewer dana_reyes --name "Dana Reyes"
 *   npm run team -- add-lead lee_park --name "Lee Park"
 *
 * It connects as an administrator of the database (a role that may create roles), from
 * --url postgres://admin@host:5432/db or the standard PGHOST, PGPORT, PGDATABASE, PGUSER and
 * PGPASSWORD variables. A new member's password comes from TEAM_MEMBER_PASSWORD or, when that
 * is unset, from the first line of standard input — never from the command line, where it would
 * land in the shell history.
 */
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { addMember, initTeam, type TeamRole } from './team-admin'

const USAGE = `usage:
  npm run team -- init --name "Team name" [--url postgres://admin@host:5432/db]
  npm run team -- add-reviewer <login> --name "Full Name" [--url …]
  npm run team -- add-lead <login> --name "Full Name" [--url …]
The admin connection comes from --url or PGHOST/PGPORT/PGDATABASE/PGUSER/PGPASSWORD.
A new member's password comes from TEAM_MEMBER_PASSWORD or the first line of standard input.`

async function readPassword(): Promise<string | undefined> {
  const fromEnv = process.env['TEAM_MEMBER_PASSWORD']
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv
  if (process.stdin.isTTY) process.stderr.write('Password for the new member (input is shown; prefer TEAM_MEMBER_PASSWORD): ')
  const lines = createInterface({ input: process.stdin })
  for await (const line of lines) {
    lines.close()
    return line.trim() === '' ? undefined : line
  }
  return undefined
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, url: { type: 'string' }, help: { type: 'boolean' } }
  })
  const [command, login] = positionals
  if (values.help || command === undefined) {
    console.error(USAGE)
    return command === undefined && !values.help ? 2 : 0
  }
  if (!['init', 'add-reviewer', 'add-lead'].includes(command)) {
    console.error(`Unknown command "${command}".\n${USAGE}`)
    return 2
  }
  if (values.name === undefined) {
    console.error(`--name is required.\n${USAGE}`)
    return 2
  }
  if (command !== 'init' && login === undefined) {
    console.error(`${command} needs the member's login, e.g. ${command} dana_reyes --name "Dana Reyes".`)
    return 2
  }
  const client = new pg.Client(values.url ? { connectionString: values.url } : {})
  client.on('error', () => undefined)
  try {
    await client.connect()
  } catch (error) {
    console.error(
      `Could not connect to the team database: ${error instanceof Error ? error.message : String(error)}. Check --url or the PG* variables.`
    )
    return 1
  }
  try {
    if (command === 'init') {
      const result = await initTeam(client, values.name)
      process.stdout.write(
        result.applied.length === 0
          ? `Team "${values.name}" is ready (schema ${result.to}, already up to date).\n`
          : `Team "${values.name}" is ready: schema ${result.from} → ${result.to} (${result.applied.join('; ')}).\n`
      )
    } else {
      const role: TeamRole = command === 'add-lead' ? 'lead' : 'reviewer'
      const password = await readPassword()
      const { created } = await addMember(client, { login: login as string, displayName: values.name, role, ...(password ? { password } : {}) })
      process.stdout.write(
        `${created ? 'Added' : 'Updated'} ${values.name} (${login}) as ${role}. They connect in Settings → Team with the user "${login}".\n`
      )
    }
    return 0
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    return 1
  } finally {
    await client.end().catch(() => undefined)
  }
}

if (process.argv[1] && /team-cli\.[cm]?[jt]s$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    }
  )
}
