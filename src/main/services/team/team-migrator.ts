/**
 * Brings a team database to the schema this version of the app knows. Run by an admin
 * (`npm run team -- init`), never by a reviewer's app: the app only checks the version.
 *
 * Each migration runs in its own transaction, under an advisory lock so two admins running
 * init at once apply each step once. The applied steps are listed in callreview_admin.migrations,
 * which members cannot read or write.
 */
import type pg from 'pg'
import { TEAM_MIGRATIONS, type TeamMigration } from './team-migrations'

const LOCK_KEY = 0x43_52_54_4d // "CRTM"

export interface MigrationResult {
  from: number
  to: number
  applied: string[]
}

export class TeamSchemaError extends Error {
  override readonly name = 'TeamSchemaError'
}

export async function migrateTeamDatabase(client: pg.ClientBase, migrations: readonly TeamMigration[] = TEAM_MIGRATIONS): Promise<MigrationResult> {
  await client.query('CREATE SCHEMA IF NOT EXISTS callreview_admin')
  await client.query(
    'CREATE TABLE IF NOT EXISTS callreview_admin.migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())'
  )
  await client.query('REVOKE ALL ON SCHEMA callreview_admin FROM PUBLIC')
  const from = await currentVersion(client)
  const known = migrations.length === 0 ? 0 : Math.max(...migrations.map((m) => m.version))
  if (from > known) {
    throw new TeamSchemaError(
      `This team database was set up by a newer Call Review (schema ${from}; this version knows ${known}). Update Call Review before running init again.`
    )
  }
  const applied: string[] = []
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    await client.query('BEGIN')
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY])
      const done = await client.query('SELECT 1 FROM callreview_admin.migrations WHERE version = $1', [migration.version])
      if (done.rowCount === 0) {
        await client.query(migration.sql)
        await client.query('INSERT INTO callreview_admin.migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name])
        applied.push(`${migration.version} ${migration.name}`)
      }
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK')
      const reason = error instanceof Error ? error.message : String(error)
      throw new TeamSchemaError(`Team schema step ${migration.version} (${migration.name}) failed and was rolled back: ${reason}`, { cause: error })
    }
  }
  return { from, to: await currentVersion(client), applied }
}

export async function currentVersion(client: pg.ClientBase): Promise<number> {
  const result = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM callreview_admin.migrations')
  return result.rows[0]?.version ?? 0
}
