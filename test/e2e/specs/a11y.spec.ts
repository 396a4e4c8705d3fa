/**
 * Accessibility of every screen and dialog: an axe-core scan (test/e2e/a11y.ts) of each as a
 * person reaches it — sign-in (empty and with its errors), the call screen with a call open, the
 * filters with their popovers open, the shortcut sheet, settings, a QA session, the sessions
 * list, a session's summary with its charts and a comparison, the scorecard list and editor, and
 * the export dialog. Any serious or critical violation fails. The call screen's offline and error
 * states are scanned where calls-states.spec.ts provokes them, the review pane's recording error
 * in review-player.spec.ts, and the Team sheet and dashboard in the team specs.
 */
import { expect as baseExpect, test as baseTest } from '../fixtures'
import { expectNoA11yViolations } from '../a11y'
import { test, expect } from '../pages/call-fixtures'
import { QaPage } from '../pages/qa-page'
import { DEFAULT_CRITERIA } from '@shared/qa/default-template'

/** An answer to every criterion of the default scorecard: yes/no ones one way, 1–5 ones another. */
function defaultScorecardAnswers(yesNo: 'yes' | 'no', scale: number): Record<string, 'yes' | 'no' | number> {
  return Object.fromEntries(
    DEFAULT_CRITERIA.map((criterion) => {
      if (criterion.type === 'yes_no') return [criterion.id, yesNo]
      if (criterion.type === 'scale_1_5') return [criterion.id, scale]
      throw new Error(`The default scorecard's criterion "${criterion.id}" is of a type this scan does not answer: ${criterion.type}.`)
    })
  )
}

baseTest('the sign-in screen, empty and with its errors', async ({ page, harness }) => {
  await page.goto(harness.url)
  await baseExpect(page.getByRole('button', { name: 'Try the demo account' })).toBeVisible({ timeout: 30_000 })
  await expectNoA11yViolations(page, 'sign-in screen')
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await baseExpect(page.getByRole('textbox', { name: /Email/ })).toHaveAttribute('aria-invalid', 'true')
  await expectNoA11yViolations(page, 'sign-in screen with field errors')
})

test.describe('call screen', () => {
  test('the main view with a call open', async ({ calls, review, page }) => {
    // An answered call has a recording; the first row may be one that rang out (the demo follows the clock).
    await calls.openCall(/, Answered, /)
    const pane = page.getByRole('region', { name: 'Call review' })
    await expect(pane.getByRole('heading', { level: 2 })).toBeVisible()
    await review.waitUntilPlayable()
    await expectNoA11yViolations(page, 'main view with a call open')
  })

  test('the filters with each popover open', async ({ calls, page }) => {
    await calls.filters.getByRole('button', { name: /^Disposition/ }).click()
    await expect(page.getByRole('group', { name: 'Dispositions' })).toBeVisible()
    await expectNoA11yViolations(page, 'disposition popover')
    await page.keyboard.press('Escape')

    await calls.openMoreFilters()
    await expect(calls.filters.getByRole('group', { name: 'More filters' })).toBeVisible()
    await calls.setCustomRange('2026-01-01', '2026-01-05')
    await expectNoA11yViolations(page, 'filters with more filters and a custom range')
  })

  test('the keyboard shortcut sheet', async ({ calls, page }) => {
    await calls.grid.focus()
    await page.keyboard.press('?')
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect(sheet).toBeVisible()
    await expectNoA11yViolations(page, 'shortcut sheet')
  })

  test('the settings dialog', async ({ calls, page }) => {
    await expect(calls.grid).toBeVisible()
    await page.getByRole('banner').getByRole('button', { name: 'Settings' }).click()
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible()
    await expectNoA11yViolations(page, 'settings dialog')
  })

  test('the QA session and its start dialog', async ({ calls, page }) => {
    const qa = new QaPage(page)
    await calls.rowAt(0).click()
    await calls.rowAt(2).click({ modifiers: ['Shift'] })
    await expect(calls.selectedCount()).toHaveText('3 selected')
    await qa.launcher.getByRole('button', { name: 'Start QA session' }).click()
    await expect(qa.startDialog).toBeVisible()
    await expectNoA11yViolations(page, 'start QA session dialog')
    await qa.startDialog.getByRole('textbox', { name: 'Session name' }).fill('Accessibility')
    await qa.startDialog.getByRole('button', { name: 'Start session' }).click()
    await expect(qa.panel.getByRole('heading', { name: 'Accessibility' })).toBeVisible({ timeout: 30_000 })
    await expect(qa.scorecard).toBeVisible()
    // Each queue item is named by its visible text, read as a sentence with the call's id
    // (the hidden separators are boxes of their own, so a space may come before a comma).
    await expect(qa.queue).toHaveCount(3)
    await expect(qa.queue.first()).toHaveAccessibleName(/^Call 1 ?, \d+ ?, .+, not started ?, score —$/)
    await expectNoA11yViolations(page, 'QA session')
  })

  test('the sessions list, and a summary with its charts and a comparison', async ({ calls, page }) => {
    const qa = new QaPage(page)
    // Two scored sessions, to compare; scored through the bridge, as scoring by keyboard has its
    // own specs (qa-session.spec.ts) and this one is about what the screens then show.
    const pass = defaultScorecardAnswers('yes', 5)
    const fail = defaultScorecardAnswers('no', 1)
    await expect(calls.grid).toBeVisible()
    await qa.seedScoredSessions([
      { name: 'Last week', answers: [pass, fail] },
      { name: 'This week', answers: [pass, pass] }
    ])

    await qa.launcher.getByRole('button', { name: 'Sessions' }).click()
    const sessions = page.getByRole('dialog', { name: 'QA sessions' })
    await expect(sessions.getByRole('row', { name: 'Last week' }).getByLabel('Progress')).toHaveText('2 / 2')
    await expectNoA11yViolations(page, 'sessions list')
    await sessions.getByRole('row', { name: 'This week' }).getByRole('button', { name: 'Resume' }).click()
    await expect(sessions).toBeHidden()

    await qa.summary.getByRole('combobox', { name: 'Compare with' }).selectOption({ label: 'Last week' })
    const comparison = qa.summary.getByRole('table', { name: 'Session comparison' })
    await expect(comparison.getByRole('columnheader', { name: 'Last week' })).toBeVisible()
    await expect(qa.summary.getByRole('img', { name: /^Score distribution/ })).toBeVisible()
    await qa.summary.scrollIntoViewIfNeeded()
    await expectNoA11yViolations(page, 'session summary with its charts and a comparison')
  })

  test('the scorecard list', async ({ calls, page }) => {
    const qa = new QaPage(page)
    await expect(calls.grid).toBeVisible()
    const sheet = await qa.openTemplates()
    await expect(sheet.getByRole('button', { name: 'New template' })).toBeVisible()
    await expectNoA11yViolations(page, 'scorecard list')
  })

  test('the scorecard editor with its field errors', async ({ calls, page }) => {
    const qa = new QaPage(page)
    await expect(calls.grid).toBeVisible()
    const sheet = await qa.openTemplates()
    await sheet.getByRole('button', { name: 'New template' }).click()
    const form = sheet.getByRole('form', { name: 'New template' })
    await form.getByRole('button', { name: 'Create template' }).click()
    await expect(qa.criterion(form, 1).getByRole('textbox', { name: 'Label' })).toHaveAccessibleDescription('Give the criterion a label.')
    await expectNoA11yViolations(page, 'scorecard editor with its field errors')
  })

  test('the export dialog', async ({ calls, page }) => {
    const qa = new QaPage(page)
    // The launcher offers "Export reviews" once a session exists.
    await expect(calls.grid).toBeVisible()
    await qa.seedScoredSessions([{ name: 'Export scan', answers: [{}, {}] }])
    await qa.launcher.getByRole('button', { name: 'Export reviews' }).click()
    await expect(qa.exportDialog).toBeVisible()
    await expectNoA11yViolations(page, 'export dialog')
  })
})
