/**
 * Assignments end to end (issue #19, "Published templates and assignments"): a lead and a
 * reviewer, two harnesses on one throw-away PostgreSQL cluster, both in Chicago (west of UTC: the
 * due date is the end of the lead's day, which is the next day in UTC). The lead publishes the
 * scorecard and assigns two selected calls to the reviewer with a due date; the reviewer sees them
 * under "Assigned to you", reviews them from there, and both see the progress reach 2 of 2. The
 * lead then assigns two more of the same work: the reviewer's Review opens the same session with
 * them at the end of its queue.
 */
import { expectNoA11yViolations } from '../a11y'
import { test, expect } from '../fixtures'
import { QaPage } from '../pages/qa-page'
import { summitTeam, teamApps, useTeamDatabase, type TeamApp } from '../pages/team-page'
import { pgUnavailableReason, postgresRequired } from '@test/fixtures/team/pg-cluster'

const unavailable = pgUnavailableReason()
if (unavailable && postgresRequired()) throw new Error(`The team tests need PostgreSQL: ${unavailable}`)

const PASSWORD = 'e2e-assignment-password-41'
/** The default scorecard's nine criteria, in order: y yes, 1–5 a rating. */
const ANSWERS = ['y', 'y', 'y', 'y', 'y', '5', 'y', '5', 'y']
const DUE = '2027-01-15'
const ROW = `Dana Reyes: Inbound sales & service call, ${DUE}`

const TIME_ZONE = 'America/Chicago'

test.describe('team: assignments', () => {
  test.skip(unavailable !== null, `PostgreSQL is not installed here: ${unavailable}`)
  test.use({ timezoneId: TIME_ZONE })
  const db = useTeamDatabase(test, (admin) => summitTeam(admin, PASSWORD, ['lee', 'dana']))

  test('a lead assigns selected calls with a due date; the reviewer reviews them and both see the progress', async ({ page, harness, browser }) => {
    test.setTimeout(240_000)
    const cleanups: Array<() => Promise<void>> = []
    try {
      const [lee, dana] = (await teamApps({ harness, page }, ['lee', 'dana'], {
        browser,
        cleanups,
        db: db(),
        password: PASSWORD,
        timezoneId: TIME_ZONE
      })) as [TeamApp, TeamApp]

      // The lead selects two calls, publishes the scorecard and assigns them to Dana, due mid-January.
      await lee.calls.rowAt(0).click()
      await lee.calls.rowAt(1).click({ modifiers: ['ControlOrMeta'] })
      await expect(lee.calls.selectedCount()).toHaveText('2 selected')
      await lee.team.open()
      await lee.team.sheet.getByRole('form', { name: 'Publish a scorecard' }).getByRole('button', { name: 'Publish to the team' }).click()
      await expect(lee.team.done()).toHaveText(/^Published “Inbound sales & service call” version \d+ to the team\.$/)
      const form = lee.team.sheet.getByRole('form', { name: 'Assign calls' })
      await form.getByLabel('Assign to').selectOption({ label: 'Dana Reyes (reviewer)' })
      await expect(form.getByLabel('Scorecard (latest published version)')).toHaveValue('default-inbound')
      await expect(form.getByRole('radio', { name: 'The 2 calls selected in the list' })).toBeChecked()
      await form.getByLabel('Due date (optional)').fill(DUE)
      await form.getByRole('button', { name: 'Assign' }).click()
      await expect(lee.team.done()).toHaveText('Assigned 2 calls to Dana Reyes.')
      // Said where it can be seen: the sheet scrolls, and Assign is far below this line.
      await expect(lee.team.done()).toBeInViewport()
      const leesRow = await lee.team.assignment(ROW, 'Assignments')
      await expect(leesRow.getByLabel('Progress')).toHaveText('0 of 2 reviewed')
      // The lead follows it but does not review Dana's calls.
      await expect(leesRow.getByRole('button', { name: 'Review' })).toHaveCount(0)
      await expectNoA11yViolations(lee.page, 'team sheet with assignments', { include: 'dialog.modal' })
      await lee.team.close()

      // Dana sees it under "Assigned to you" (no lead tools) and reviews from there.
      await dana.team.open()
      await expect(dana.team.sheet.getByRole('form', { name: 'Assign calls' })).toHaveCount(0)
      const danasRow = await dana.team.assignment(ROW, 'Assigned to you')
      await expect(danasRow.getByLabel('Due')).toHaveText(DUE)
      await expect(danasRow.getByLabel('Progress')).toHaveText('0 of 2 reviewed')
      await danasRow.getByRole('button', { name: 'Review' }).click()
      await expect(dana.team.sheet).toBeHidden()
      const qa = new QaPage(dana.page)
      await expect(qa.panel.getByRole('heading', { name: `Assigned: Inbound sales & service call, due ${DUE}` })).toBeVisible({ timeout: 30_000 })
      const firstBatch = await qa.queueCallIds()
      expect(firstBatch).toHaveLength(2)
      await qa.scoreByKeyboard([ANSWERS, ANSWERS])

      // Pushed, pulled: both see 2 of 2.
      await dana.team.open()
      await dana.team.assignment(ROW, 'Assigned to you', (row) =>
        expect(row.getByLabel('Progress')).toHaveText('2 of 2 reviewed', { timeout: 1_000 })
      )
      await dana.team.close()
      await lee.team.open()
      await lee.team.assignment(ROW, 'Assignments', (row) => expect(row.getByLabel('Progress')).toHaveText('2 of 2 reviewed', { timeout: 1_000 }))
      await lee.team.close()

      // More of the same work (same reviewer, scorecard and due date): one assignment of four calls.
      await lee.calls.rowAt(2).click()
      await lee.calls.rowAt(3).click({ modifiers: ['ControlOrMeta'] })
      await expect(lee.calls.selectedCount()).toHaveText('2 selected')
      await lee.team.open()
      await form.getByLabel('Assign to').selectOption({ label: 'Dana Reyes (reviewer)' })
      await form.getByLabel('Due date (optional)').fill(DUE)
      await form.getByRole('button', { name: 'Assign' }).click()
      await expect(lee.team.done()).toHaveText('Assigned 2 calls to Dana Reyes.')
      // Said where it can be seen: the sheet scrolls, and Assign is far below this line.
      await expect(lee.team.done()).toBeInViewport()
      await lee.team.assignment(ROW, 'Assignments', (row) => expect(row.getByLabel('Progress')).toHaveText('2 of 4 reviewed', { timeout: 1_000 }))

      // Dana's Review opens the same session (scoreByKeyboard left it), the new calls after the two she reviewed.
      await dana.team.open()
      const more = await dana.team.assignment(ROW, 'Assigned to you', (row) =>
        expect(row.getByLabel('Progress')).toHaveText('2 of 4 reviewed', { timeout: 1_000 })
      )
      await more.getByRole('button', { name: 'Review' }).click()
      await expect(qa.panel.getByRole('heading', { name: `Assigned: Inbound sales & service call, due ${DUE}` })).toBeVisible({ timeout: 30_000 })
      const queue = await qa.queueCallIds()
      expect(queue).toHaveLength(4)
      expect(queue.slice(0, 2)).toEqual(firstBatch)
      await expect(qa.panel.getByText('2 / 4 reviewed')).toBeVisible()
      expect((await dana.page.evaluate(() => window.callReview.invoke('qa:listSessions', {}))) as unknown).toMatchObject({
        ok: true,
        value: [expect.objectContaining({ total: 4, reviewedCount: 2 })]
      })
    } finally {
      for (const cleanup of cleanups.reverse()) await cleanup()
    }
  })
})
