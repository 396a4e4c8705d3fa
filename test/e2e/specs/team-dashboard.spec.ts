/**
 * The lead's team dashboard end to end: a throw-away PostgreSQL cluster holds a team with a month
 * of finished reviews and a calibration; the lead connects, opens the dashboard from the Team
 * sheet, reads the figures (charts said in words, tables beside them), changes the range, the
 * bucket and the breakdown by keyboard, and exports CSV and the printable report. A reviewer's
 * Team sheet offers no dashboard.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type pg from 'pg'
import { expectNoA11yViolations } from '../a11y'
import { test, expect } from '../fixtures'
import { startHarness } from '../harness/harness'
import { removeKeychainEntries, testKeychainService } from '../harness/test-keychain'
import { CallsPage } from '../pages/calls-page'
import { summitTeam, TeamPage, useTeamDatabase } from '../pages/team-page'
import { pgUnavailableReason, postgresRequired } from '@test/fixtures/team/pg-cluster'

const unavailable = pgUnavailableReason()
if (unavailable && postgresRequired()) throw new Error(`The team tests need PostgreSQL: ${unavailable}`)

const PASSWORD = 'e2e-dashboard-password-58'
const CORE = { id: 'core', version: 1, name: 'Core QA', criteria: [{ id: 'greeting', label: 'Greeting', weight: 1, type: 'yes_no' }] }

/** Reviews as the outbox would have pushed them, written straight into the team database. */
async function seed(admin: pg.Client): Promise<void> {
  await summitTeam(admin, PASSWORD, ['lee', 'dana', 'sam'])
  await admin.query(`INSERT INTO callreview.templates (id, name) VALUES ('core', 'Core QA')`)
  await admin.query(
    `INSERT INTO callreview.template_versions (template_id, version, name, definition, published_at) VALUES ('core', 1, 'Core QA', $1, now())`,
    [JSON.stringify(CORE)]
  )
  await admin.query(
    `INSERT INTO callreview.calls (account, call_id, started_at, campaign, group_name, agent) VALUES
       ('ou-1', 1, '2026-11-02T14:00Z', 'Roofing', 'Austin', 'Maria'),
       ('ou-1', 2, '2026-11-03T14:00Z', 'Roofing', 'Austin', 'Maria'),
       ('ou-1', 3, '2026-11-10T14:00Z', 'Solar', 'Dallas', 'Tom')`
  )
  const review = (reviewer: string, callId: number, score: number, day: string, greeting: string, calibration: string | null = null) =>
    admin.query(
      `INSERT INTO callreview.reviews (id, reviewer, account, call_id, template_id, template_version, calibration_id, answers, reviewed, score_percent, finished_at, critical_failures)
       VALUES ($1, $2, 'ou-1', $3, 'core', 1, $4, $5, true, $6, $7, $8)`,
      [randomUUID(), reviewer, callId, calibration, JSON.stringify({ greeting }), score, `${day}T15:00:00Z`, score === 0 ? 1 : 0]
    )
  await review('dana', 1, 90, '2026-11-02', 'yes')
  await review('dana', 2, 70, '2026-11-04', 'no')
  await review('sam', 3, 0, '2026-11-10', 'no')
  const cal = (
    await admin.query(
      `INSERT INTO callreview.calibrations (name, template_id, template_version, deadline, created_by) VALUES ('Week 45', 'core', 1, now() + interval '1 day', 'lee') RETURNING id`
    )
  ).rows[0].id as string
  await admin.query(`INSERT INTO callreview.calibration_calls VALUES ($1, 'ou-1', 1)`, [cal])
  await admin.query(`INSERT INTO callreview.calibration_members (calibration_id, reviewer) VALUES ($1, 'dana')`, [cal])
  await review('dana', 1, 80, '2026-11-05', 'yes', cal)
  await review('lee', 1, 60, '2026-11-05', 'no', cal)
  await admin.query(`UPDATE callreview.calibrations SET deadline = '2026-11-06T00:00:00Z' WHERE id = $1`, [cal])
}

test.describe('team: the lead’s dashboard', () => {
  test.skip(unavailable !== null, `PostgreSQL is not installed here: ${unavailable}`)
  const db = useTeamDatabase(test, seed)

  test('a lead reads scores, volume, criteria and drift for a range, by keyboard, and exports them', async ({ page, harness }) => {
    test.setTimeout(180_000)
    await new CallsPage(page).openWithDemo(harness)
    const team = new TeamPage(page)
    await team.connect(db(), 'lee', PASSWORD)
    await team.open()
    await team.sheet.getByRole('region', { name: 'Lead tools' }).getByRole('button', { name: 'Team dashboard' }).click()
    const sheet = page.getByRole('dialog', { name: 'Team dashboard' })
    await expect(sheet).toBeVisible()
    await expect(team.sheet).toBeHidden()

    // November 2026 by week, typed into the filters and shown with Enter.
    const filters = sheet.getByRole('form', { name: 'Dashboard filters' })
    await filters.getByLabel('From').fill('2026-11-01')
    await filters.getByLabel('To (included)').fill('2026-11-30')
    await filters.getByLabel('Bucket').selectOption('week')
    await filters.getByLabel('To (included)').press('Enter')

    const perWeek = sheet.getByRole('table', { name: 'The team per week' })
    await expect(perWeek.getByRole('row')).toHaveCount(3)
    await expect(perWeek.getByRole('row', { name: /^2026-11-02/ }).getByRole('cell')).toHaveText(['2', '80.0 %', '0'])
    await expect(perWeek.getByRole('row', { name: /^2026-11-09/ }).getByRole('cell')).toHaveText(['1', '0.0 %', '1'])
    await expect(
      sheet.getByRole('img', { name: /^Team average score per week \(%\)\. Team: 80 % on 2026-11-02 to 0 % on 2026-11-09$/ })
    ).toBeVisible()
    await expect(
      sheet.getByRole('img', { name: /^Critical failures per week\. Critical failures: 0 on 2026-11-02 to 1 on 2026-11-09$/ })
    ).toBeVisible()

    // Scores over time by agent, then by campaign, chosen by keyboard.
    await expect(sheet.getByRole('table', { name: 'All agents over the range' }).getByRole('rowheader')).toHaveText(['Maria', 'Tom'])
    const by = sheet.getByRole('combobox', { name: /^By/ })
    await by.focus()
    await by.selectOption('campaign')
    await expect(sheet.getByRole('table', { name: 'All campaigns over the range' }).getByRole('rowheader')).toHaveText(['Roofing', 'Solar'])
    await expect(
      sheet.getByRole('img', {
        name: /^Average score by campaign per week \(%\), the 2 busiest\. Roofing: 80 % on 2026-11-02; Solar: 0 % on 2026-11-09$/
      })
    ).toBeVisible()

    // Each chart fills its figure's width (they drew 440 px wide in a 980-px sheet).
    const widths = (): Promise<{ figure: number; chart: number }[]> =>
      sheet.locator('figure.team-dash__chart').evaluateAll((figures) =>
        figures.map((f) => ({
          figure: Math.round(f.clientWidth),
          chart: Math.round(f.querySelector('svg.recharts-surface')?.getBoundingClientRect().width ?? 0)
        }))
      )
    // (A figure has 6 px of padding each side.) Side by side, each of the pair still has room.
    await expect.poll(async () => (await widths()).every(({ figure, chart }) => chart >= figure - 14 && figure >= 300)).toBe(true)
    expect(Math.max(...(await widths()).map((w) => w.figure))).toBeGreaterThan(600)
    // Reviewer volume, criteria with their scorecard labels, and calibration drift.
    const volume = sheet.getByRole('table', { name: 'Reviews per reviewer over the range' })
    // Reviewers by their names, as everywhere else in the app, not their database logins.
    await expect(volume.getByRole('row', { name: /^Dana Reyes/ }).getByRole('cell')).toHaveText(['2', '80.0 %', '0'])
    await expect(volume.getByRole('row', { name: /^Sam Ortiz/ }).getByRole('cell')).toHaveText(['1', '0.0 %', '1'])
    await expect(
      sheet
        .getByRole('table', { name: 'Criteria over the range' })
        .getByRole('row', { name: /^Greeting/ })
        .getByRole('cell')
    ).toHaveText(['33 %', '—', '3', '0'])
    await expect(
      sheet
        .getByRole('table', { name: 'Calibration drift per reviewer' })
        .getByRole('row', { name: /^Week 45/ })
        .getByRole('cell')
    ).toHaveText(['2026-11-06', 'Dana Reyes', '20.0 points', '1'])
    await expectNoA11yViolations(page, 'team dashboard', { include: 'dialog.modal' })

    // Monthly buckets: one bucket for November.
    await filters.getByLabel('Bucket').selectOption('month')
    await filters.getByRole('button', { name: 'Show' }).click()
    await expect(
      sheet
        .getByRole('table', { name: 'The team per month' })
        .getByRole('row', { name: /^2026-11-01/ })
        .getByRole('cell')
    ).toHaveText(['3', '53.3 %', '1'])

    // A range main cannot answer by day: its message, nothing else.
    await filters.getByLabel('From').fill('2026-01-01')
    await filters.getByLabel('Bucket').selectOption('day')
    await filters.getByRole('button', { name: 'Show' }).click()
    await expect(sheet.getByRole('alert')).toContainText(
      'Daily buckets cover at most 92 days and the range covers 334; choose weeks or months, or a shorter range.'
    )
    await filters.getByLabel('From').fill('2026-11-01')
    await filters.getByLabel('Bucket').selectOption('month')
    await filters.getByRole('button', { name: 'Show' }).click()
    await expect(sheet.getByRole('alert')).toBeHidden()

    // Exported like the session summary: CSV and the printable report, in the export folder.
    await sheet.getByRole('button', { name: 'Export CSV' }).click()
    const written = sheet.getByRole('status', { name: 'Export result' })
    await expect(written).toContainText('Wrote the dashboard as CSV to')
    const csvPath = (await written.locator('code').textContent()) ?? ''
    expect(readFileSync(csvPath, 'utf8')).toContain('team,2026-11-01,,3,53.33,1')
    await sheet.getByRole('button', { name: 'Printable report (HTML)' }).click()
    await expect(written).toContainText('Wrote the dashboard as HTML to')
    const htmlPath = (await written.locator('code').textContent()) ?? ''
    expect(readFileSync(htmlPath, 'utf8')).toContain('<title>Team dashboard: 2026-11-01 to 2026-11-30</title>')

    // Escape closes it, as every sheet.
    await page.keyboard.press('Escape')
    await expect(sheet).toBeHidden()
  })

  test('a reviewer’s Team sheet offers no dashboard', async ({ browser }) => {
    test.setTimeout(120_000)
    const dataDir = mkdtempSync(join(tmpdir(), 'call-review-e2e-'))
    const keychainService = testKeychainService()
    const harness = await startHarness({ dataDir, keychainService })
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      await harness.attach(page)
      await new CallsPage(page).openWithDemo(harness)
      const team = new TeamPage(page)
      await team.connect(db(), 'dana', PASSWORD)
      await team.open()
      await expect(team.sheet.getByRole('heading', { name: 'Calibrations' })).toBeVisible()
      await expect(team.sheet.getByRole('button', { name: 'Team dashboard' })).toHaveCount(0)
    } finally {
      await harness.close()
      await context.close()
      await removeKeychainEntries(keychainService)
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
