/**
 * Blind calibration end to end (issue #19): a lead and two reviewers, three harnesses (three
 * apps, each with its own data folder and keychain) on one throw-away PostgreSQL cluster. The
 * lead publishes the scorecard and creates a calibration of two selected calls for both
 * reviewers; each reviewer opens it from the Team sheet, scores blind in the normal scorecard
 * and submits; the second submission reveals it and the lead reads the agreement figures.
 */
import { expectNoA11yViolations } from '../a11y'
import { test, expect } from '../fixtures'
import { QaPage } from '../pages/qa-page'
import { summitTeam, teamApps, useTeamDatabase, type TeamApp } from '../pages/team-page'
import { pgUnavailableReason, postgresRequired } from '@test/fixtures/team/pg-cluster'

const unavailable = pgUnavailableReason()
if (unavailable && postgresRequired()) throw new Error(`The team tests need PostgreSQL: ${unavailable}`)

const PASSWORD = 'e2e-calibration-password-73'
/** The default scorecard's nine criteria, in order: Y yes, X no, 1–5 a rating. */
const AGREED = ['y', 'y', 'y', 'y', 'y', '5', 'y', '5', 'y']
/** Sam answers Greeting "No" on the second call: the one disagreement of 18 answers. */
const SAMS_SECOND = ['x', ...AGREED.slice(1)]

test.describe('team: blind calibration', () => {
  test.skip(unavailable !== null, `PostgreSQL is not installed here: ${unavailable}`)
  const db = useTeamDatabase(test, (admin) => summitTeam(admin, PASSWORD, ['lee', 'dana', 'sam']))

  test('a lead and two reviewers in three apps run a calibration from creation to the reveal', async ({ page, harness, browser }) => {
    test.setTimeout(300_000)
    const cleanups: Array<() => Promise<void>> = []
    try {
      // Three apps, each signed in to the demo and connected to the team as its member.
      const [lee, dana, sam] = (await teamApps({ harness, page }, ['lee', 'dana', 'sam'], { browser, cleanups, db: db(), password: PASSWORD })) as [
        TeamApp,
        TeamApp,
        TeamApp
      ]

      // The lead selects two calls, publishes the scorecard and creates the calibration for both reviewers.
      await lee.calls.rowAt(0).click()
      await lee.calls.rowAt(1).click({ modifiers: ['ControlOrMeta'] })
      await expect(lee.calls.selectedCount()).toHaveText('2 selected')
      await lee.team.open()
      await lee.team.sheet.getByRole('form', { name: 'Publish a scorecard' }).getByRole('button', { name: 'Publish to the team' }).click()
      await expect(lee.team.done()).toHaveText(/^Published “Inbound sales & service call” version \d+ to the team\.$/)
      const form = lee.team.sheet.getByRole('form', { name: 'New calibration' })
      await expect(form.getByText(/^2 selected calls: \d+, \d+$/)).toBeVisible()
      const callIds = ((await form.getByText(/^2 selected calls:/).textContent()) ?? '').replace(/^.*: /, '').split(', ').map(Number)
      await form.getByLabel('Calibration name').fill('Week 49')
      await expect(form.getByLabel('Scorecard (latest published version)')).toHaveValue('default-inbound')
      await form.getByRole('checkbox', { name: 'Dana Reyes (reviewer)' }).check()
      await form.getByRole('checkbox', { name: 'Sam Ortiz (reviewer)' }).check()
      await form.getByRole('button', { name: 'Create calibration' }).click()
      await expect(lee.team.done()).toHaveText('Created “Week 49” for 2 reviewers.')
      const leesRow = await lee.team.row('Week 49')
      await expect(leesRow.getByLabel('Submitted')).toHaveText('0 of 2 submitted')
      await expect(leesRow.getByLabel('State')).toHaveText('Blind')
      await expectNoA11yViolations(lee.page, 'team sheet of a lead', { include: 'dialog.modal' })
      await lee.team.close()

      // Each reviewer opens it (a local QA session over the same two calls), scores blind and submits.
      for (const [reviewer, answers] of [
        [dana, [AGREED, AGREED]],
        [sam, [AGREED, SAMS_SECOND]]
      ] as const) {
        await reviewer.team.open()
        const row = await reviewer.team.row('Week 49')
        await expect(row.getByLabel('Yours')).toHaveText('0 of 2 reviewed')
        // A reviewer has no lead tools and cannot reveal.
        await expect(reviewer.team.sheet.getByRole('form', { name: 'New calibration' })).toHaveCount(0)
        await expect(row.getByRole('button', { name: 'Reveal now' })).toHaveCount(0)
        await row.getByRole('button', { name: 'Open' }).click()
        await expect(reviewer.team.sheet).toBeHidden()
        const qa = new QaPage(reviewer.page)
        await expect(qa.panel.getByRole('heading', { name: 'Calibration: Week 49' })).toBeVisible({ timeout: 30_000 })
        expect(await qa.queueCallIds()).toEqual(callIds)
        // Blind: each scores in the normal scorecard, by keyboard.
        await qa.scoreByKeyboard(answers)
        await reviewer.team.open()
        const scored = await reviewer.team.row('Week 49')
        await scored.getByRole('button', { name: 'Submit' }).click()
        await expect(reviewer.team.done()).toContainText('Submitted “Week 49”')
        if (reviewer === dana) {
          // Opened again after submitting (not revealed yet), the session says the team keeps what was submitted.
          await scored.getByRole('button', { name: 'Open' }).click()
          await expect(reviewer.team.sheet).toBeHidden()
          await expect(qa.panel.getByRole('note').filter({ hasText: 'You submitted this calibration on' })).toContainText(
            'changes made now stay on this computer, and the team compares what you submitted'
          )
          await qa.leave()
          await reviewer.team.open()
        }
      }
      // Sam's submission was the last: revealed to everyone.
      await expect(sam.team.done()).toHaveText('Submitted “Week 49”: everyone has, so it is revealed.')

      // Dana sees the reveal too; the lead reads the result once the pull has brought it.
      const danasRow = await dana.team.row('Week 49', (row) => expect(row.getByLabel('State')).toHaveText('Revealed', { timeout: 1_000 }))
      await expect(danasRow.getByLabel('Submitted')).toHaveText('2 of 2 submitted')
      await lee.team.open()
      const revealed = await lee.team.row('Week 49', (row) => expect(row.getByLabel('State')).toHaveText('Revealed', { timeout: 1_000 }))
      // The row's buttons are within the sheet, not past its edge.
      await revealed.getByRole('button', { name: 'Result' }).scrollIntoViewIfNeeded()
      await expect(revealed.getByRole('button', { name: 'Result' })).toBeInViewport({ ratio: 1 })
      await revealed.getByRole('button', { name: 'Result' }).click()
      const result = lee.team.sheet.getByRole('region', { name: 'Result of Week 49' })
      // 17 of 18 answers agree; nominal alpha over all 36 values: 1 − (2/36) / (502/1260) = 0.86.
      await expect(result.getByLabel('Overall percent agreement')).toHaveText('94 %')
      await expect(result.getByLabel('Overall Krippendorff’s alpha')).toHaveText('0.86')
      // Disagreements first: Greeting, with both reviewers' answers side by side.
      const first = result
        .getByRole('table')
        .filter({ has: lee.page.locator('caption', { hasText: /agreement, alpha/ }) })
        .first()
      await expect(first.locator('caption')).toHaveText('Greeting: 50 % agreement, alpha 0.00, 1 call disagreed')
      await expect(first.getByRole('columnheader')).toHaveText(['Call', 'Reference', 'Dana Reyes', 'Sam Ortiz', 'Reviewers agree'])
      await expect(first.getByRole('row', { name: new RegExp(`^${callIds[1]} `) }).getByRole('cell')).toHaveText(['—', 'Yes', 'No', 'No'])
      const deviations = result.getByRole('table', { name: 'Deviation per reviewer' })
      await expect(deviations.getByRole('rowheader')).toHaveText(['Dana Reyes', 'Sam Ortiz'])
      await expectNoA11yViolations(lee.page, 'calibration result', { include: 'dialog.modal' })
    } finally {
      for (const cleanup of cleanups.reverse()) await cleanup()
    }
  })
})
