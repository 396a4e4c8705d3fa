/**
 * Scorecard templates and the reviewer's comment: define a template with two
 * criteria (the form points at what is wrong, next to the field), score a call with it and
 * comment on it, find the comment in the CSV and JSON exports, then edit the template — a new
 * version — and see the finished review keep the version it was scored with.
 */
import { readFileSync } from 'node:fs'
import Papa from 'papaparse'
import { test, expect } from '../pages/call-fixtures'
import { QaPage } from '../pages/qa-page'

const COMMENT = 'Greeted by name; offered Tuesday 10 am, caller booked. =Coach on hold music.'

test.describe('QA scorecard templates and comments', () => {
  test.setTimeout(180_000)

  test('creates a template, scores and comments a call with it, exports the comment, and keeps the old version after an edit', async ({
    calls,
    page,
    harness
  }, testInfo) => {
    const qa = new QaPage(page)

    // The sheet lists the built-in template, which can be edited but not archived.
    const sheet = await qa.openTemplates()
    const list = sheet.getByRole('list', { name: 'Templates' })
    await expect(list.getByRole('button', { name: /^Inbound sales & service call version 1 · built in/ })).toBeVisible()
    await expect(sheet.getByText('The built-in template can be edited but not archived.')).toBeVisible()
    await expect(sheet.getByRole('button', { name: 'Archive template' })).toHaveCount(0)

    // A new template: saving it empty says what is missing, next to each field.
    await sheet.getByRole('button', { name: 'New template' }).click()
    const form = sheet.getByRole('form', { name: 'New template' })
    await form.getByRole('button', { name: 'Create template' }).click()
    const name = form.getByRole('textbox', { name: 'Template name' })
    await expect(name).toHaveAttribute('aria-invalid', 'true')
    await expect(name).toHaveAccessibleDescription('Give the template a name.')
    const first = qa.criterion(form, 1)
    await expect(first.getByRole('textbox', { name: 'Label' })).toHaveAccessibleDescription('Give the criterion a label.')

    await name.fill('Sales basics')
    await first.getByRole('textbox', { name: 'Label' }).fill('Booked a visit')
    await expect(name).not.toHaveAttribute('aria-invalid', 'true')
    await form.getByRole('button', { name: 'Add criterion' }).click()
    const second = qa.criterion(form, 2)
    await second.getByRole('textbox', { name: 'Label' }).fill('Greeted by name')
    await second.getByRole('spinbutton', { name: 'Weight' }).fill('0')
    await expect(second.getByRole('spinbutton', { name: 'Weight' })).toHaveAccessibleDescription('A weight is a positive number.')
    await second.getByRole('spinbutton', { name: 'Weight' }).fill('1')
    // Criterion 1 becomes a 1–5 rating without N/A, weighted 3; then "Greeted" moves to the top.
    await first.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'Rating 1–5' })
    await first.getByRole('checkbox', { name: 'N/A allowed' }).uncheck()
    await first.getByRole('spinbutton', { name: 'Weight' }).fill('3')
    await form.getByRole('button', { name: 'Move up criterion 2' }).click()
    await expect(qa.criterion(form, 1).getByRole('textbox', { name: 'Label' })).toHaveValue('Greeted by name')
    await expect(qa.criterion(form, 2).getByRole('combobox', { name: 'Type' })).toHaveValue('scale_1_5')
    await form.getByRole('button', { name: 'Create template' }).click()
    await expect(sheet.getByRole('status')).toHaveText('Created “Sales basics”, version 1.')
    await expect(list.getByRole('button', { name: /^Sales basics version 1/ })).toBeVisible()
    await calls.screenshot(testInfo, 'qa-template-editor')

    // Unsaved edits are never dropped silently: picking another template asks first.
    const editForm = sheet.getByRole('form', { name: 'Edit Sales basics' })
    await editForm.getByRole('textbox', { name: 'Template name' }).fill('Sales basics (draft)')
    const builtIn = list.getByRole('button', { name: /^Inbound sales & service call/ })
    await builtIn.click()
    const discard = page.getByRole('alertdialog', { name: 'Discard unsaved changes?' })
    await expect(discard).toBeVisible()
    await discard.getByRole('button', { name: 'Keep editing' }).click()
    await expect(discard).toHaveCount(0)
    await expect(editForm.getByRole('textbox', { name: 'Template name' })).toHaveValue('Sales basics (draft)')
    // Closing the sheet asks too; discarding leaves the saved version as it was.
    await sheet.getByRole('button', { name: 'Close' }).first().click()
    await expect(discard).toBeVisible()
    await discard.getByRole('button', { name: 'Discard changes' }).click()
    await expect(qa.templatesDialog).toBeHidden()
    await qa.openTemplates()
    await expect(list.getByRole('button', { name: /^Sales basics version 1/ })).toBeVisible()
    await builtIn.click()
    await expect(discard).toHaveCount(0)
    await expect(sheet.getByRole('form', { name: 'Edit Inbound sales & service call' })).toBeVisible()
    await qa.closeTemplates()

    // A session over the first call of the list, scored with the new template.
    await page.keyboard.press('q')
    await qa.startDialog.getByRole('textbox', { name: 'Session name' }).fill('Template check')
    await qa.startDialog.getByRole('combobox', { name: 'Scorecard' }).selectOption({ label: 'Sales basics (version 1)' })
    await qa.startDialog.getByRole('spinbutton', { name: /Number of calls/ }).fill('2')
    await qa.startDialog.getByRole('button', { name: 'Start session' }).click()
    await expect(qa.panel.getByLabel('Scorecard template')).toHaveText('Sales basics, version 1', { timeout: 30_000 })
    const greeted = qa.scorecard.getByRole('radiogroup', { name: 'Greeted by name' })
    const booked = qa.scorecard.getByRole('radiogroup', { name: 'Booked a visit' })
    await expect(qa.scorecard.getByRole('radiogroup')).toHaveCount(2)
    await greeted.getByRole('radio', { name: 'Yes' }).check()
    await expect(booked.getByRole('radio', { name: 'N/A' })).toHaveCount(0)
    await booked.getByRole('radio', { name: '4' }).check()
    // (1 × yes + 3 × 4/5 on a 0–1 scale of 1–5) / 4 weights = 81.3 %
    await expect(qa.scorecard.getByRole('status', { name: 'Score' })).toHaveText('81.3 %')

    // The comment saves as it is typed; marking the call reviewed moves focus off it.
    const comment = qa.scorecard.getByRole('textbox', { name: 'Comment' })
    await comment.fill(COMMENT)
    await qa.panel.getByRole('button', { name: 'Mark reviewed' }).click()
    await expect(qa.panel.getByLabel('Session progress')).toHaveText('1 / 2')
    await calls.screenshot(testInfo, 'qa-scorecard-comment')
    const [callId] = await qa.queueCallIds()

    await qa.summary.getByRole('button', { name: 'Export CSV' }).click()
    await expect(qa.summary.getByRole('status', { name: 'Export result' })).toContainText('as CSV')
    await qa.summary.getByRole('button', { name: 'Export JSON' }).click()
    await expect(qa.summary.getByRole('status', { name: 'Export result' })).toContainText('as JSON')
    const csv = Papa.parse<Record<string, string>>(readFileSync(qa.exportedFile(harness.dataDir, 'csv'), 'utf8').replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true
    })
    expect(csv.errors).toEqual([])
    const csvRow = csv.data.find((row) => Number(row['call_id']) === callId)
    expect(csvRow?.['Greeted by name']).toBe('yes')
    expect(csvRow?.['Booked a visit']).toBe('4')
    expect(csvRow?.['comment']).toBe(COMMENT)
    const json = JSON.parse(readFileSync(qa.exportedFile(harness.dataDir, 'json'), 'utf8')) as { rows: { callId: number; comment: string }[] }
    expect(json.rows.find((row) => row.callId === callId)?.comment).toBe(COMMENT)
    await qa.leave()

    // Edit the template: a new version; the start dialog now offers it.
    await qa.openTemplates()
    await list.getByRole('button', { name: /^Sales basics/ }).click()
    const edit = sheet.getByRole('form', { name: 'Edit Sales basics' })
    await qa.criterion(edit, 1).getByRole('textbox', { name: 'Label' }).fill('Greeted the caller by name')
    await edit.getByRole('button', { name: 'Add criterion' }).click()
    await qa.criterion(edit, 3).getByRole('textbox', { name: 'Label' }).fill('Offered a follow-up')
    await edit.getByRole('button', { name: 'Save as version 2' }).click()
    await expect(sheet.getByRole('status')).toHaveText('Saved version 2.')
    await expect(list.getByRole('button', { name: /^Sales basics version 2/ })).toBeVisible()
    await expect(edit.getByRole('button', { name: 'Save as version 3' })).toBeVisible()
    await qa.closeTemplates()

    // The session resumes with version 1: its two criteria, its answers, the comment.
    await qa.launcher.getByRole('button', { name: 'Resume session' }).click()
    await expect(qa.panel.getByLabel('Scorecard template')).toHaveText('Sales basics, version 1', { timeout: 30_000 })
    await qa.queue.first().click()
    await expect(qa.scorecard.getByRole('radiogroup')).toHaveCount(2)
    await expect(greeted.getByRole('radio', { name: 'Yes' })).toBeChecked()
    await expect(booked.getByRole('radio', { name: '4' })).toBeChecked()
    await expect(qa.scorecard.getByRole('radiogroup', { name: 'Offered a follow-up' })).toHaveCount(0)
    await expect(comment).toHaveValue(COMMENT)
    await qa.leave()

    await page.keyboard.press('q')
    const scorecards = qa.startDialog.getByRole('combobox', { name: 'Scorecard' })
    await expect(scorecards.getByRole('option', { name: 'Sales basics (version 2)' })).toHaveCount(1)
    await qa.startDialog.getByRole('button', { name: 'Cancel' }).click()

    // Archived, it leaves the picker but stays in the sheet, marked.
    await qa.openTemplates()
    await list.getByRole('button', { name: /^Sales basics/ }).click()
    await sheet.getByRole('button', { name: 'Archive template' }).click()
    await expect(list.getByRole('button', { name: /^Sales basics version 2 · archived/ })).toBeVisible()
    await expect(sheet.getByRole('button', { name: 'Unarchive template' })).toBeVisible()
    await qa.closeTemplates()
    await page.keyboard.press('q')
    await expect(scorecards.getByRole('option')).toHaveCount(1)
  })

  test('saves the comment while the reviewer is still typing in it, without leaving the field', async ({ calls, page }) => {
    const qa = new QaPage(page)
    await calls.rowAt(0).click()
    await page.keyboard.press('q')
    await qa.startDialog.getByRole('spinbutton', { name: /Number of calls/ }).fill('1')
    await qa.startDialog.getByRole('button', { name: 'Start session' }).click()
    const comment = qa.scorecard.getByRole('textbox', { name: 'Comment' })
    await comment.click()
    await page.keyboard.type('Hold music too loud')
    await expect(comment).toBeFocused()
    // What main has stored, asked over the same bridge the app uses.
    const stored = (): Promise<string | undefined> =>
      page.evaluate(async () => {
        const sessions = await window.callReview.invoke('qa:listSessions', {})
        if (!sessions.ok || !sessions.value[0]) return undefined
        const session = await window.callReview.invoke('qa:getSession', { sessionId: sessions.value[0].id })
        return session.ok ? session.value.items[0]?.review.comment : undefined
      })
    await expect.poll(stored).toBe('Hold music too loud')
    await expect(comment).toBeFocused()
  })
})
