/**
 * QA a lead can sign off: a template with sections, a required and a critical criterion is
 * created and used; a call missing a required answer cannot be marked reviewed; an auto-fail
 * scores 0; the summary's charts render (screenshot in docs/screenshots/); the CSV and JSON
 * exports carry the reviewer, the time zone and the section scores; the printable report (HTML
 * and PDF) states the summary; clearing a required answer makes a reviewed call incomplete; the
 * sessions list exports, renames and deletes (with undo); and a seeded sample of 2 calls per
 * agent draws the same calls again.
 */
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import * as cheerio from 'cheerio'
import Papa from 'papaparse'
import { test, expect } from '../pages/call-fixtures'
import { QaPage } from '../pages/qa-page'

test.describe('QA scorecard rules, summary, sessions and sampling', () => {
  test.setTimeout(300_000)

  test('scores with sections, required and critical criteria, and exports what a lead needs', async ({ calls, page, harness }, testInfo) => {
    const qa = new QaPage(page)
    const sheet = await qa.openTemplates()
    await sheet.getByRole('button', { name: 'New template' }).click()
    const form = sheet.getByRole('form', { name: 'New template' })
    await form.getByRole('textbox', { name: 'Template name' }).fill('Compliance card')
    const first = qa.criterion(form, 1)
    await first.getByRole('textbox', { name: 'Label' }).fill('Greeting')
    await first.getByRole('textbox', { name: 'Section (optional)' }).fill('Opening')
    await first.getByRole('checkbox', { name: 'Required' }).check()
    await form.getByRole('button', { name: 'Add criterion' }).click()
    const second = qa.criterion(form, 2)
    await second.getByRole('textbox', { name: 'Label' }).fill('Disclosure')
    await second.getByRole('textbox', { name: 'Section (optional)' }).fill('Compliance')
    await second.getByRole('checkbox', { name: 'Critical (auto-fail)' }).check()
    await form.getByRole('button', { name: 'Add criterion' }).click()
    const third = qa.criterion(form, 3)
    await third.getByRole('textbox', { name: 'Label' }).fill('Tone')
    await third.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'Rating 1–5' })
    await third.getByRole('textbox', { name: 'Section (optional)' }).fill('Compliance')
    await form.getByRole('button', { name: 'Create template' }).click()
    await expect(sheet.getByRole('status')).toHaveText('Created “Compliance card”, version 1.')
    await qa.closeTemplates()

    await page.keyboard.press('q')
    await qa.startDialog.getByRole('textbox', { name: 'Session name' }).fill('Rules check')
    await qa.startDialog.getByRole('combobox', { name: 'Scorecard' }).selectOption({ label: 'Compliance card (version 1)' })
    await qa.startDialog.getByRole('spinbutton', { name: /Number of calls/ }).fill('2')
    await qa.startDialog.getByRole('button', { name: 'Start session' }).click()
    await expect(qa.panel.getByLabel('Scorecard template')).toHaveText('Compliance card, version 1', { timeout: 30_000 })
    await expect(qa.scorecard.getByRole('group', { name: 'Section Opening' })).toBeVisible()
    await expect(qa.scorecard.getByLabel('Required answers missing')).toHaveText('Required before marking reviewed: Greeting')

    // R with the required answer missing: refused, said why, and the cursor goes to it.
    await qa.scorecard
      .getByRole('radiogroup', { name: /Disclosure/ })
      .getByRole('radio', { name: 'Yes' })
      .check()
    await page.keyboard.press('r')
    await expect(qa.panel.getByRole('alert')).toContainText('answer the required criterion first ("Greeting")')
    await expect(qa.panel.getByLabel('Session progress')).toHaveText('0 / 2')
    await expect(qa.scorecard.locator('li[aria-current="step"]')).toContainText('Greeting')
    // A rating key on a Yes/No criterion answers nothing and says which keys fit, under the cursor.
    await page.keyboard.press('3')
    const hint = qa.scorecard.locator('li[aria-current="step"]').getByRole('status')
    await expect(hint).toHaveText('“Greeting” is answered Yes or No: press Y or X.')
    await expect(qa.scorecard.getByRole('radiogroup', { name: /Greeting/ }).getByRole('radio', { checked: true })).toHaveCount(0)

    // An auto-fail scores the call 0, said plainly. A click answers as a key does: the cursor
    // moves on to the next criterion.
    await qa.scorecard
      .getByRole('radiogroup', { name: /Greeting/ })
      .getByRole('radio', { name: 'Yes' })
      .check()
    await expect(qa.scorecard.locator('li[aria-current="step"]')).toContainText('Disclosure')
    await expect(qa.scorecard.getByText('is answered Yes or No: press Y or X.')).toHaveCount(0)
    await qa.scorecard
      .getByRole('radiogroup', { name: /Disclosure/ })
      .getByRole('radio', { name: 'No' })
      .check()
    await qa.scorecard.getByRole('radiogroup', { name: /Tone/ }).getByRole('radio', { name: '5' }).check()
    await expect(qa.scorecard.getByRole('status', { name: 'Score', exact: true })).toHaveText('0.0 %')
    await expect(qa.scorecard.getByRole('status', { name: 'Auto-fail' })).toContainText('Disclosure answered No')
    await qa.scorecard.getByRole('button', { name: 'Mark this call reviewed' }).click()
    await expect(qa.panel.getByLabel('Session progress')).toHaveText('1 / 2')
    // Marked reviewed: the message that it could not be is gone.
    await expect(qa.panel.getByRole('alert')).toHaveCount(0)
    // Clearing the required answer makes the reviewed call incomplete at once (it stops counting);
    // answering it again and marking it puts it back.
    await expect(qa.queue.first()).toHaveAccessibleName(/, reviewed ?, score /)
    await qa.scorecard.getByRole('button', { name: 'Clear Greeting' }).click()
    await expect(qa.panel.getByLabel('Session progress')).toHaveText('0 / 2')
    await expect(qa.queue.first()).toHaveAccessibleName(/, incomplete ?, score /)
    await qa.scorecard
      .getByRole('radiogroup', { name: /Greeting/ })
      .getByRole('radio', { name: 'Yes' })
      .check()
    await qa.scorecard.getByRole('button', { name: 'Mark this call reviewed' }).click()
    await expect(qa.panel.getByLabel('Session progress')).toHaveText('1 / 2')

    // Second call: Opening 100 %, Compliance (1 + 0.75) / 2 = 87.5 %, call (100 + 87.5) / 2.
    await page.keyboard.press('j')
    await expect(qa.panel.getByLabel('Queue position')).toHaveText('2 of 2')
    await qa.scorecard
      .getByRole('radiogroup', { name: /Greeting/ })
      .getByRole('radio', { name: 'Yes' })
      .check()
    await qa.scorecard
      .getByRole('radiogroup', { name: /Disclosure/ })
      .getByRole('radio', { name: 'Yes' })
      .check()
    await qa.scorecard.getByRole('radiogroup', { name: /Tone/ }).getByRole('radio', { name: '4' }).check()
    await expect(qa.scorecard.getByRole('status', { name: 'Score', exact: true })).toHaveText('93.8 %')
    await qa.panel.getByRole('button', { name: 'Mark reviewed' }).first().click()
    await expect(qa.panel.getByRole('status').filter({ hasText: 'Session complete' })).toBeVisible()

    // The summary: incomplete calls counted apart, auto-fails, and its charts drawn.
    await expect(qa.summary.getByLabel('Average score')).toHaveText('46.9 %')
    await expect(qa.summary.getByLabel('Auto-failed calls')).toHaveText('1')
    await expect(qa.summary.getByLabel('Incomplete calls')).toHaveText('0 not counted')
    const distribution = qa.summary.getByRole('img', { name: /^Score distribution/ })
    await expect(distribution).toHaveAccessibleName(/0–9: 1 calls; .*90–100: 1 calls/)
    await expect(distribution.locator('svg.recharts-surface')).toHaveCount(1)
    await expect(distribution.locator('path.recharts-rectangle')).toHaveCount(2)
    await expect(qa.summary.getByRole('img', { name: /^Section averages/ })).toBeVisible()
    await qa.summary.scrollIntoViewIfNeeded()
    // The README's picture of the summary, written there only when asked (as review-screenshots.spec
    // does): a test run must not change the working tree.
    const docsDir = process.env['SCREENSHOTS_DIR']
    if (docsDir) await qa.summary.screenshot({ path: join(docsDir, 'qa-summary.png') })
    await calls.screenshot(testInfo, 'qa-summary-charts')

    // Exports: reviewer, the time zone, section scores and critical failures. The auto-fail zeroes
    // the call; its section keeps its own score (Disclosure 0, Tone 100 → 50 %), flagged auto-failed.
    await qa.summary.getByRole('button', { name: 'Export CSV' }).click()
    const csvPath = await qa.writtenPath(qa.summary, 'as CSV')
    await qa.summary.getByRole('button', { name: 'Export JSON' }).click()
    const jsonPath = await qa.writtenPath(qa.summary, 'as JSON')
    const csv = Papa.parse<Record<string, string>>(readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true })
    expect(csv.errors).toEqual([])
    const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as {
      reviewer: string
      timeZone: string
      rows: {
        scorePercent: number
        reviewer: string
        reviewedAt: string
        criticalFailures: string[]
        sectionScores: { label: string; scorePercent: number }[]
      }[]
    }
    const zone = json.timeZone
    expect(zone).toMatch(/^[A-Za-z_]+(\/[A-Za-z_+-]+)*$/)
    expect(json.reviewer).not.toBe('')
    expect(csv.meta.fields).toEqual(
      expect.arrayContaining([
        `started (${zone})`,
        `reviewed_at (${zone})`,
        'reviewed_at_utc_offset',
        'score_percent',
        'Opening (section %)',
        'Compliance (section %)'
      ])
    )
    expect(
      csv.data.map((r) => [r['score_percent'], r['critical_failures'], r['Opening (section %)'], r['Compliance (section %)'], r['reviewer']])
    ).toEqual([
      ['0', 'Disclosure', '100', '50', json.reviewer],
      ['93.8', '', '100', '87.5', json.reviewer]
    ])
    expect(csv.data[0]?.['reviewed_at_utc_offset']).toMatch(/^UTC[+-]\d\d:\d\d$/)
    expect(json.rows.map((r) => [r.scorePercent, r.criticalFailures, r.sectionScores.map((s) => [s.label, s.scorePercent])])).toEqual([
      [
        0,
        ['Disclosure'],
        [
          ['Opening', 100],
          ['Compliance', 50]
        ]
      ],
      [
        93.8,
        [],
        [
          ['Opening', 100],
          ['Compliance', 87.5]
        ]
      ]
    ])
    expect(json.rows[0]?.reviewedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/)

    // The printable report, HTML and PDF (the harness prints with this Chromium, as Electron would).
    await qa.summary.getByRole('button', { name: 'Printable report (HTML)' }).click()
    const reportPath = await qa.writtenPath(qa.summary, 'an HTML report of 1 session')
    const report = cheerio.load(readFileSync(reportPath, 'utf8'))
    expect(report('h1').text()).toBe('QA report: Rules check')
    const figure = (name: string): string =>
      report('dl.figures > div')
        .filter((_, d) => report(d).children('dt').text() === name)
        .children('dd')
        .text()
    expect([figure('Reviewed'), figure('Average score'), figure('Critical failures')]).toEqual(['2 / 2', '46.9 %', '1'])
    expect(
      report('svg[role="img"]')
        .map((_, svg) => report(svg).attr('aria-label'))
        .get()
    ).toEqual([
      expect.stringMatching(/^Score distribution: 0–9 %: 1; .*90–100 %: 1$/),
      'Average score by section: Opening: 100.0 %; Compliance: 68.8 %'
    ])
    await qa.summary.getByRole('button', { name: 'Report PDF' }).click()
    const pdfPath = await qa.writtenPath(qa.summary, 'a PDF report of 1 session')
    expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(harness.dataDir).not.toBe('')
    await qa.leave()

    // The sessions list renames, deletes with undo, and deletes for good.
    await qa.launcher.getByRole('button', { name: 'Sessions' }).click()
    const sessions = page.getByRole('dialog', { name: 'QA sessions' })
    const row = sessions.getByRole('row', { name: 'Rules check' })
    await expect(row.getByLabel('Progress')).toHaveText('2 / 2')
    await row.getByRole('button', { name: 'Rename' }).click()
    await row.getByRole('textbox', { name: 'Session name' }).fill('Week 10 compliance')
    await row.getByRole('button', { name: 'Save name' }).click()
    const renamed = sessions.getByRole('row', { name: 'Week 10 compliance' })
    await expect(renamed).toBeVisible()
    // Tick it to export its reviews from the list.
    await renamed.getByRole('checkbox', { name: 'Choose Week 10 compliance' }).check()
    await sessions.getByRole('group', { name: 'Chosen sessions' }).getByRole('button', { name: 'Export CSV' }).click()
    const listCsv = Papa.parse<Record<string, string>>(
      readFileSync(await qa.writtenPath(sessions, 'Wrote 2 calls as CSV'), 'utf8').replace(/^\uFEFF/, ''),
      { header: true, skipEmptyLines: true }
    )
    expect(listCsv.data.map((r) => [r['session'], r['score_percent']])).toEqual([
      ['Week 10 compliance', '0'],
      ['Week 10 compliance', '93.8']
    ])
    await renamed.getByRole('button', { name: 'Delete…' }).click()
    await renamed.getByRole('button', { name: 'Delete', exact: true }).click()
    await expect(renamed).toHaveCount(0)
    await sessions.getByRole('button', { name: 'Undo' }).click()
    await expect(sessions.getByRole('row', { name: 'Week 10 compliance' })).toBeVisible()
    await sessions.getByRole('row', { name: 'Week 10 compliance' }).getByRole('button', { name: 'Delete…' }).click()
    await sessions.getByRole('row', { name: 'Week 10 compliance' }).getByRole('button', { name: 'Delete', exact: true }).click()
    await expect(sessions.getByRole('row', { name: 'Week 10 compliance' })).toHaveCount(0)
    await sessions.getByRole('button', { name: 'Close' }).first().click()
  })

  test('draws the same seeded sample of 2 calls per agent twice', async ({ calls, page }) => {
    const qa = new QaPage(page)
    expect(calls).toBeTruthy()
    // An empty count is refused at the field, with the browser's message, not silently.
    await page.keyboard.press('q')
    const count = qa.startDialog.getByRole('spinbutton', { name: /^Number of calls/ })
    await count.fill('')
    await qa.startDialog.getByRole('button', { name: 'Start session' }).click()
    expect(await count.evaluate((el) => (el as HTMLInputElement).validationMessage)).not.toBe('')
    await expect(qa.startDialog).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(qa.startDialog).toBeHidden()
    const draw = async (name: string): Promise<number[]> => {
      await page.keyboard.press('q')
      await qa.startDialog.getByRole('textbox', { name: 'Session name' }).fill(name)
      await qa.startDialog.getByRole('checkbox', { name: 'A random sample of the current filter' }).check()
      await qa.startDialog.getByRole('spinbutton', { name: 'Calls to draw' }).fill('2')
      await qa.startDialog.getByRole('combobox', { name: 'Per' }).selectOption('agent')
      // The size is per agent, and the label says so.
      await expect(qa.startDialog.getByRole('spinbutton', { name: 'Calls to draw per agent' })).toHaveValue('2')
      await qa.startDialog.getByRole('spinbutton', { name: /^Seed/ }).fill('20260304')
      await qa.startDialog.getByRole('spinbutton', { name: 'Shortest call, in seconds' }).fill('10')
      await qa.startDialog.getByRole('button', { name: 'Start session' }).click()
      await expect(qa.panel.getByRole('heading', { name })).toBeVisible({ timeout: 60_000 })
      const ids = await qa.queueCallIds()
      await qa.leave()
      return ids
    }
    const first = await draw('Sample A')
    const second = await draw('Sample B')
    expect(first.length).toBeGreaterThanOrEqual(2)
    expect(second).toEqual(first)
  })
})
