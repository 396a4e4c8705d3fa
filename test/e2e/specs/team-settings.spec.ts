/**
 * Settings → Team against a real PostgreSQL (a throw-away cluster for this file): Test
 * connection shows who the database says you are, Save puts the password in the keychain and the
 * top bar shows the team sync state, Disconnect forgets both.
 */
import pg from 'pg'
import { test, expect } from '../fixtures'
import { keychainAccounts } from '../harness/test-keychain'
import { CallsPage } from '../pages/calls-page'
import { addMember, initTeam } from '@main/services/team/team-admin'
import { pgUnavailableReason, postgresRequired, startPgCluster, type PgCluster } from '@test/fixtures/team/pg-cluster'

const unavailable = pgUnavailableReason()
if (unavailable && postgresRequired()) throw new Error(`The team tests need PostgreSQL: ${unavailable}`)

const PASSWORD = 'e2e-team-password-41'

test.describe('settings: team', () => {
  test.skip(unavailable !== null, `PostgreSQL is not installed here: ${unavailable}`)
  let cluster: PgCluster
  let database: string

  test.beforeAll(async () => {
    test.setTimeout(120_000)
    cluster = await startPgCluster()
    database = await cluster.createDatabase()
    const admin = new pg.Client({ host: cluster.host, port: cluster.port, user: cluster.superuser, database })
    await admin.connect()
    try {
      await initTeam(admin, 'Summit QA')
      await addMember(admin, { login: 'dana', displayName: 'Dana Reyes', role: 'reviewer', password: PASSWORD })
    } finally {
      await admin.end()
    }
  })
  test.afterAll(async () => {
    await cluster?.stop()
  })

  test('Test connection names the member; Save syncs and keeps the password in the keychain; Disconnect forgets it', async ({
    page,
    harness,
    keychainService
  }) => {
    await new CallsPage(page).openWithDemo(harness)
    await page.getByRole('banner').getByRole('button', { name: 'Settings' }).click()
    const form = page.getByRole('dialog', { name: 'Settings' }).getByRole('form', { name: 'Team database' })
    await form.getByLabel('Host').fill(cluster.host)
    await form.getByLabel('Port').fill(String(cluster.port))
    await form.getByLabel('Database').fill(database)
    await form.getByLabel('User', { exact: true }).fill('dana')
    await form.getByLabel('Password').fill(PASSWORD)

    // TLS off is refused for anything but this computer, with a reason.
    await form.getByLabel('TLS').selectOption('disable')
    await form.getByLabel('Host').fill('db.example.com')
    await form.getByRole('button', { name: 'Save' }).click()
    await expect(form.getByTestId('team-result')).toContainText('TLS can be turned off only for a database on this computer')

    await form.getByLabel('Host').fill(cluster.host)
    await form.getByRole('button', { name: 'Test connection' }).click()
    await expect(form.getByTestId('team-result')).toHaveText('Connected as Dana Reyes, reviewer, team Summit QA')

    await form.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByRole('banner').getByTestId('team-status')).toHaveText('Team: synced')
    const profileId = (await harness.services.session.state()).activeProfile?.id
    expect(await keychainAccounts(keychainService)).toContain(`${profileId}/team`)
    await expect(form.getByLabel('Password')).toHaveValue('')

    await form.getByRole('button', { name: 'Disconnect' }).click()
    await expect(form.getByTestId('team-result')).toHaveText('Disconnected from the team.')
    await expect(page.getByRole('banner').getByTestId('team-status')).toHaveCount(0)
    expect(await keychainAccounts(keychainService)).not.toContain(`${profileId}/team`)
  })
})
