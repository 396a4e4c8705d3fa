/**
 * Page object for team work: connecting a profile in Settings → Team, and the Team sheet the QA
 * bar opens (publish a scorecard, new calibration, assign calls, the calibrations and assignments
 * lists, the reveal). Found by role and name, as a screen reader would.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, type Browser, type Locator, type Page } from '@playwright/test'
import pg from 'pg'
import { addMember, initTeam } from '@main/services/team/team-admin'
import { startPgCluster, type PgCluster } from '@test/fixtures/team/pg-cluster'
import { startHarness, type Harness } from '../harness/harness'
import { CallsPage } from './calls-page'
import { removeKeychainEntries, testKeychainService } from '../harness/test-keychain'

export interface TeamDatabase {
  host: string
  port: number
  database: string
}

export class TeamPage {
  readonly sheet: Locator
  readonly calibrations: Locator

  constructor(readonly page: Page) {
    this.sheet = page.getByRole('dialog', { name: 'Team', exact: true })
    this.calibrations = this.sheet.getByRole('table', { name: 'Calibrations' })
  }

  /** Settings → Team: fill the form, Save, and wait until the top bar says synced. */
  async connect(db: TeamDatabase, user: string, password: string): Promise<void> {
    await this.page.getByRole('banner').getByRole('button', { name: 'Settings' }).click()
    const settings = this.page.getByRole('dialog', { name: 'Settings' })
    const form = settings.getByRole('form', { name: 'Team database' })
    await form.getByLabel('Host').fill(db.host)
    await form.getByLabel('Port').fill(String(db.port))
    await form.getByLabel('Database').fill(db.database)
    await form.getByLabel('User', { exact: true }).fill(user)
    await form.getByLabel('Password').fill(password)
    await form.getByLabel('TLS').selectOption('disable')
    await form.getByRole('button', { name: 'Save' }).click()
    await expect(this.page.getByRole('banner').getByTestId('team-status')).toHaveText('Team: synced', { timeout: 30_000 })
    await settings.getByRole('button', { name: 'Close' }).click()
    await expect(settings).toBeHidden()
  }

  async open(): Promise<void> {
    await this.page.getByRole('region', { name: 'QA sessions' }).getByRole('button', { name: 'Team' }).click()
    await expect(this.sheet).toBeVisible()
  }

  async close(): Promise<void> {
    await this.sheet.getByRole('button', { name: 'Close' }).click()
    await expect(this.sheet).toBeHidden()
  }

  /** A calibration's row, once the last pull has brought it (Refresh until it shows). */
  row(name: string, until?: (row: Locator) => Promise<void>): Promise<Locator> {
    return this.pulledRow(this.calibrations, name, until)
  }

  /** An assignment's row in the named table ("Assignments" or "Assigned to you"), once the last pull has brought it. */
  assignment(name: string, table: 'Assignments' | 'Assigned to you', until?: (row: Locator) => Promise<void>): Promise<Locator> {
    return this.pulledRow(this.sheet.getByRole('table', { name: table }), name, until)
  }

  private async pulledRow(table: Locator, name: string, until?: (row: Locator) => Promise<void>): Promise<Locator> {
    const row = table.getByRole('row', { name })
    await expect(async () => {
      await this.sheet.getByRole('button', { name: 'Refresh' }).click()
      await expect(row).toBeVisible({ timeout: 2_000 })
      if (until) await until(row)
    }).toPass({ timeout: 30_000 })
    return row
  }

  /** The line saying what the last action did. */
  done(): Locator {
    return this.sheet.getByRole('status')
  }
}

/** Another app on the same machine: its own data folder, keychain and browser context (in `timezoneId`, if given). */
async function secondApp(browser: Browser, cleanups: Array<() => Promise<void>>, timezoneId?: string): Promise<{ harness: Harness; page: Page }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'call-review-e2e-'))
  const keychainService = testKeychainService()
  const harness = await startHarness({ dataDir, keychainService })
  const context = await browser.newContext(timezoneId ? { timezoneId } : {})
  const page = await context.newPage()
  cleanups.push(async () => {
    await harness.close()
    await context.close()
    await removeKeychainEntries(keychainService)
    rmSync(dataDir, { recursive: true, force: true })
  })
  await harness.attach(page)
  return { harness, page }
}

/** The people of the team specs, by login: Lee leads, Dana and Sam review. */
const MEMBERS = {
  lee: { displayName: 'Lee Park', role: 'lead' },
  dana: { displayName: 'Dana Reyes', role: 'reviewer' },
  sam: { displayName: 'Sam Ortiz', role: 'reviewer' }
} as const

/** Sets the database up as the team "Summit QA" with these members, each signing in with `password`. */
export async function summitTeam(admin: pg.Client, password: string, logins: readonly (keyof typeof MEMBERS)[]): Promise<void> {
  await initTeam(admin, 'Summit QA')
  for (const login of logins) await addMember(admin, { login, ...MEMBERS[login], password })
}

/** The hooks of a spec's `test` that useTeamDatabase registers. */
interface SpecHooks {
  beforeAll(run: () => Promise<void>): void
  afterAll(run: () => Promise<void>): void
  setTimeout(ms: number): void
}

/**
 * The spec's team database: a throw-away cluster started before its tests, prepared by `prepare`
 * as its superuser, and stopped after them. Returns the database's address for the tests.
 */
export function useTeamDatabase(test: SpecHooks, prepare: (admin: pg.Client) => Promise<void>): () => TeamDatabase {
  let started: { cluster: PgCluster; db: TeamDatabase } | null = null
  test.beforeAll(async () => {
    test.setTimeout(120_000)
    started = await startTeamDatabase(prepare)
  })
  test.afterAll(async () => {
    await started?.cluster.stop()
  })
  return () => {
    if (!started) throw new Error('The team database did not start: see the beforeAll hook’s error.')
    return started.db
  }
}

/** A throw-away PostgreSQL cluster with one database, prepared by `prepare` as its superuser. */
async function startTeamDatabase(prepare: (admin: pg.Client) => Promise<void>): Promise<{ cluster: PgCluster; db: TeamDatabase }> {
  const cluster = await startPgCluster()
  const database = await cluster.createDatabase()
  const admin = new pg.Client({ host: cluster.host, port: cluster.port, user: cluster.superuser, database })
  await admin.connect()
  try {
    await prepare(admin)
  } finally {
    await admin.end()
  }
  return { cluster, db: { host: cluster.host, port: cluster.port, database } }
}

/** One member's app in a team spec: its harness and page, and the page objects a spec drives. */
export interface TeamApp {
  user: string
  harness: Harness
  page: Page
  team: TeamPage
  calls: CallsPage
}

/**
 * The members' apps, side by side as people would (and a share of the wait on a CI runner): the
 * test's own app for the first user, another app (secondApp) for each of the others; each signed
 * in to the demo and connected to the team as its member.
 */
export async function teamApps(
  first: { harness: Harness; page: Page },
  users: readonly [string, ...string[]],
  setup: {
    browser: Browser
    cleanups: Array<() => Promise<void>>
    db: TeamDatabase
    password: string
    /** The other apps' time zone (the first app's page is the test's: test.use({ timezoneId })). */
    timezoneId?: string
  }
): Promise<TeamApp[]> {
  const [firstUser, ...others] = users
  const apps = [{ user: firstUser, ...first }]
  for (const user of others) apps.push({ user, ...(await secondApp(setup.browser, setup.cleanups, setup.timezoneId)) })
  return Promise.all(
    apps.map(async (app) => {
      const calls = new CallsPage(app.page)
      const team = new TeamPage(app.page)
      await calls.openWithDemo(app.harness)
      await team.connect(setup.db, app.user, setup.password)
      return { ...app, team, calls }
    })
  )
}
