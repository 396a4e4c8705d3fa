/**
 * QA listening sessions end to end: a session over 5 demo calls done by keyboard
 * alone — start it, score each call, pin a note with N while the audio plays (and check it
 * did not pause), mark reviewed, next — then export CSV and JSON and check what was written.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Papa from 'papaparse'
import type { Page } from '@playwright/test'
import { test, expect } from '../pages/call-fixtures'
import { localTimeZone, phoneForJson, phoneForSpreadsheet, toLocalDateTime } from '@main/services/qa/export-format'
import { DEFAULT_CRITERIA } from '@shared/qa/default-template'
import { computeScore } from '@shared/qa/score'
import { formatScore } from '@shared/qa/format'
import { formatClock } from '@renderer/lib/format'
import type { Answers } from '@shared/qa/schemas'

/** The keys pressed on each call, in scorecard order (Y yes, X no, A N/A, 1–5 a rating). */
const KEYS_PER_CALL: string[][] = [
  ['y', 'y', 'y', 'y', 'y', '5', 'y', '5', 'y'],
  ['x', 'x', 'x', 'x', 'x', '1', 'x', '1', 'x'],
  ['y', 'x', 'a', 'a', 'a', '3', 'a', 'a', 'y'],
  ['y', 'y', 'x', 'y', 'a', '4', 'y', '2', 'x'],
  ['x', 'y', 'y', 'x', 'y', '2', 'a', '4', 'y']
]
const FLAGGED = new Set([1, 3])

function answersOf(keys: string[]): Answers {
  const answers: Answers = {}
  DEFAULT_CRITERIA.forEach((criterion, i) => {
    const key = keys[i] ?? ''
    answers[criterion.id] = key === 'y' ? 'yes' : key === 'x' ? 'no' : key === 'a' ? 'na' : Number(key)
  })
  return answers
}

function round1(value: number): number {
  return Math.round(value * 10) / 10
}

/** Drop the focus so the keys go to the screen, as after a click on empty space. */
async function focusScreen(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
}

function exportFile(dataDir: string, ext: string): string {
  const dir = join(dataDir, 'exports')
  const files = readdirSync(dir).filter((f) => f.endsWith(`.${ext}`))
  expect(files).toHaveLength(1)
  return join(dir, files[0] as string)
}

test.describe('QA listening session', () => {
  test.setTimeout(180_000)

  test('reviews 5 demo calls by keyboard alone, then exports them to CSV and JSON', async ({ page, harness, calls, review, demo }, testInfo) => {
    // Setup, not the QA workflow: answered calls, so each one has a recording to listen to.
    await calls.chooseDispositions(['Answered'])
    await calls.waitForRows()
    await expect(calls.callRows().first()).toContainText('Answered')
    await focusScreen(page)

    // Q opens the start dialog with the name focused; Enter in a field starts the session.
    await page.keyboard.press('q')
    const dialog = page.getByRole('dialog', { name: 'Start a QA session' })
    await expect(dialog).toBeVisible()
    await expect(dialog.getByRole('textbox', { name: 'Session name' })).toBeFocused()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type('Keyboard QA')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await expect(dialog.getByRole('spinbutton', { name: /Number of calls/ })).toBeFocused()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type('5')
    await page.keyboard.press('Enter')

    const panel = page.getByRole('region', { name: 'QA session', exact: true })
    await expect(panel).toBeVisible({ timeout: 30_000 })
    await expect(panel.getByRole('heading', { name: 'Keyboard QA' })).toBeVisible()
    await expect(panel.getByLabel('Session progress')).toHaveText('0 / 5')
    const queue = panel.getByRole('region', { name: 'Queue' }).getByRole('button')
    await expect(queue).toHaveCount(5)

    const callIds: number[] = []
    const noteSeconds: number[] = []
    for (let i = 0; i < 5; i += 1) {
      await expect(panel.getByLabel('Queue position')).toHaveText(`${i + 1} of 5`)
      // The item is named by its text ("Call 2, 10123, Jane Doe, …").
      const label = (await queue.nth(i).textContent()) ?? ''
      callIds.push(Number(/^Call \d+, (\d+),/.exec(label)?.[1]))

      // Auto-play on open: the recording plays without a key press.
      await review.waitUntilPlayable()
      await expect.poll(async () => (await review.audio())?.paused, { timeout: 20_000 }).toBe(false)
      await expect.poll(async () => (await review.audio())?.currentTime ?? 0, { timeout: 20_000 }).toBeGreaterThan(1)
      // N pins the note to the app's own playback position, sampled about ten times a second: on a
      // loaded machine it can trail the audio element's clock, so wait for it too.
      await expect.poll(() => review.position(), { timeout: 20_000 }).toBeGreaterThan(1)

      // N pins a note to now; typing and Enter save it while the audio keeps playing.
      await focusScreen(page)
      await page.keyboard.press('n')
      const noteInput = panel.getByRole('textbox', { name: /^Note at \d\d:\d\d$/ })
      await expect(noteInput).toBeFocused()
      const pinned = /(\d\d):(\d\d)$/.exec((await noteInput.getAttribute('aria-label')) ?? '')
      noteSeconds.push(Number(pinned?.[1]) * 60 + Number(pinned?.[2]))
      const before = await review.audio()
      await page.keyboard.type(`Checked the opening of call ${i + 1}`)
      const during = await review.audio()
      expect(during?.paused).toBe(false)
      expect(during?.currentTime ?? 0).toBeGreaterThan(before?.currentTime ?? 0)
      await page.keyboard.press('Enter')
      await expect(panel.getByRole('list', { name: 'Notes on this call' }).getByRole('listitem')).toHaveCount(1)
      await expect(panel.getByRole('list', { name: 'Notes on this call' })).toContainText(`Checked the opening of call ${i + 1}`)
      expect((await review.audio())?.paused).toBe(false)
      // The note is a marker on the seek bar, named by its time and placed along the bar there.
      const marker = review.player.getByRole('button', { name: new RegExp(`^Note: Checked the opening of call ${i + 1} at `) })
      await expect(marker).toBeVisible()
      const pinnedAt = noteSeconds[i] as number
      await expect(marker).toHaveAccessibleName(`Note: Checked the opening of call ${i + 1} at ${formatClock(pinnedAt)}`)
      const bar = await review.player.locator('.seek-bar').boundingBox()
      const mark = await marker.boundingBox()
      const duration = await review.duration()
      if (!bar || !mark) throw new Error('the seek bar or its note marker has no box')
      // Within a second and a half of the pinned moment (its label drops the fraction).
      expect(Math.abs(mark.x + mark.width / 2 - bar.x - (bar.width * pinnedAt) / duration)).toBeLessThanOrEqual((bar.width * 1.5) / duration)

      // Answer every criterion; the score follows live.
      await focusScreen(page)
      for (const key of KEYS_PER_CALL[i] as string[]) await page.keyboard.press(key)
      const expected = computeScore(DEFAULT_CRITERIA, answersOf(KEYS_PER_CALL[i] as string[]))
      await expect(panel.getByRole('status', { name: 'Score', exact: true })).toHaveText(formatScore(expected))
      await expect(
        panel.getByRole('radiogroup', { name: 'Greeting' }).getByRole('radio', { name: KEYS_PER_CALL[i]?.[0] === 'y' ? 'Yes' : 'No' })
      ).toBeChecked()

      if (FLAGGED.has(i)) {
        await page.keyboard.press('f')
        await expect(panel.getByRole('button', { name: 'Flagged for follow-up' })).toHaveAttribute('aria-pressed', 'true')
      }
      await page.keyboard.press('r')
      await expect(panel.getByRole('button', { name: 'Reviewed ✓' })).toHaveAttribute('aria-pressed', 'true')
      await expect(panel.getByLabel('Session progress')).toHaveText(`${i + 1} / 5`)
      if (i === 2) await calls.screenshot(testInfo, 'qa-session-scoring')
      if (i < 4) await page.keyboard.press('j')
    }

    // The summary counts what was done.
    const summary = panel.getByRole('region', { name: 'Session summary' })
    await expect(summary.getByLabel('Reviewed calls')).toHaveText('5 / 5')
    await expect(summary.getByLabel('Flagged calls')).toHaveText('2')
    const scores = KEYS_PER_CALL.map((keys) => computeScore(DEFAULT_CRITERIA, answersOf(keys))).filter((s): s is number => s !== null)
    await expect(summary.getByLabel('Average score')).toHaveText(formatScore(scores.reduce((a, b) => a + b, 0) / scores.length))

    // The shortcut sheet lists the QA keys.
    await focusScreen(page)
    await page.keyboard.press('?')
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect(sheet.getByRole('region', { name: 'QA session' })).toContainText('Add a note at the current time')
    await expect(sheet.getByRole('region', { name: 'Scorecard' })).toContainText('Answer yes')
    await page.keyboard.press('Escape')
    await expect(sheet).toBeHidden()

    // Export by keyboard: E writes CSV, Shift+E JSON; the screen says where the file went.
    await focusScreen(page)
    await page.keyboard.press('e')
    await expect(summary.getByRole('status', { name: 'Export result' })).toContainText('Wrote 5 calls as CSV to')
    // The summary may be out of view: a line at the top of the panel says it happened.
    await expect(panel.locator('.qa-panel__flash')).toHaveText('Wrote 5 calls as CSV; the summary below says where.')
    await page.keyboard.press('Shift+E')
    await expect(panel.locator('.qa-panel__flash')).toHaveText('Wrote 5 calls as JSON; the summary below says where.')
    await expect(summary.getByRole('status', { name: 'Export result' })).toContainText('Wrote 5 calls as JSON to')
    await calls.screenshot(testInfo, 'qa-session-exported')

    const csvPath = exportFile(harness.dataDir, 'csv')
    await expect(summary.getByRole('status', { name: 'Export result' })).toContainText('exports')
    const csv = Papa.parse<Record<string, string>>(readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true })
    expect(csv.errors).toEqual([])
    expect(csv.data.map((row) => Number(row['call_id']))).toEqual(callIds)
    // The call facts are the demo records', dates and numbers in forms a spreadsheet keeps.
    const records = callIds.map((id) => {
      const record = demo.calls.find((c) => c.call_id === id)
      if (!record) throw new Error(`call ${id} is not in the demo dataset`)
      return record
    })
    const zone = localTimeZone()
    csv.data.forEach((row, i) => {
      const record = records[i] as (typeof records)[number]
      // The zone is named in the header; the offset has its own column.
      expect(row[`started (${zone})`]).toBe(toLocalDateTime(record.call_started, zone)?.text)
      expect(row[`started (${zone})`]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)
      expect(row['started_utc_offset']).toBe(`UTC${toLocalDateTime(record.call_started, zone)?.iso.slice(19)}`)
      expect(row['caller']).toBe(phoneForSpreadsheet(record.caller_id))
      expect(row['tracking_number']).toBe(phoneForSpreadsheet(record.phone_number))
      for (const phone of [row['caller'], row['tracking_number']]) {
        // National "(801) 555-1234", or a guarded international "'+44 …": never bare digits.
        expect(phone).toMatch(/^(\(\d{3}\) \d{3}-\d{4}|'\+[\d ]+|)$/)
      }
      expect(row['duration_seconds']).toBe(String(record.duration))
      expect(row['template']).toBe('Inbound sales & service call')
      expect(row['template_version']).toBe('1')
    })
    csv.data.forEach((row, i) => {
      const keys = KEYS_PER_CALL[i] as string[]
      const answers = answersOf(keys)
      const expected = computeScore(DEFAULT_CRITERIA, answers)
      expect(row['session']).toBe('Keyboard QA')
      expect(row['score_percent']).toBe(expected === null ? '' : String(round1(expected)))
      expect(row['reviewed']).toBe('yes')
      expect(row['flagged']).toBe(FLAGGED.has(i) ? 'yes' : 'no')
      for (const criterion of DEFAULT_CRITERIA) {
        const answer = answers[criterion.id]
        expect(row[criterion.label]).toBe(answer === 'na' ? 'N/A' : String(answer))
      }
      const seconds = noteSeconds[i] as number
      const time = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`
      expect(row['notes']).toBe(`${time} Checked the opening of call ${i + 1}`)
    })

    const json = JSON.parse(readFileSync(exportFile(harness.dataDir, 'json'), 'utf8')) as {
      sessions: { name: string; criteria: unknown[] }[]
      rows: {
        callId: number
        started: string | null
        caller: string | null
        trackingNumber: string | null
        durationSeconds: number | null
        scorePercent: number | null
        reviewed: boolean
        flaggedForFollowUp: boolean
        answers: { criterionId: string; answer: unknown }[]
        notes: { seconds: number; time: string; text: string }[]
      }[]
    }
    expect(json.sessions.map((s) => s.name)).toEqual(['Keyboard QA'])
    expect(json.rows.map((r) => r.callId)).toEqual(callIds)
    json.rows.forEach((row, i) => {
      const record = records[i] as (typeof records)[number]
      expect(row.started).toBe(toLocalDateTime(record.call_started, zone)?.iso)
      expect(row.started).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/)
      expect(row.caller).toBe(phoneForJson(record.caller_id))
      expect(row.trackingNumber).toBe(phoneForJson(record.phone_number))
      for (const phone of [row.caller, row.trackingNumber]) if (phone !== null) expect(phone).toMatch(/^\+\d{8,15}$/)
      expect(row.durationSeconds).toBe(record.duration)
      const answers = answersOf(KEYS_PER_CALL[i] as string[])
      const expected = computeScore(DEFAULT_CRITERIA, answers)
      expect(row.scorePercent).toBe(expected === null ? null : round1(expected))
      expect(row.reviewed).toBe(true)
      expect(row.flaggedForFollowUp).toBe(FLAGGED.has(i))
      expect(Object.fromEntries(row.answers.map((a) => [a.criterionId, a.answer]))).toEqual(answers)
      expect(row.notes).toHaveLength(1)
      const note = row.notes[0] as { seconds: number; time: string; text: string }
      expect(note.text).toBe(`Checked the opening of call ${i + 1}`)
      // Pinned to the moment N was pressed, with playback well under way.
      expect(Math.floor(note.seconds)).toBe(noteSeconds[i])
      expect(note.seconds).toBeGreaterThan(1)
    })

    // L leaves the session; Shift+Q resumes it where it was left (the last call).
    const panelHeading = panel.getByRole('heading', { name: 'Keyboard QA' })
    await page.keyboard.press('l')
    await expect(panel).toBeHidden()
    await expect(page.getByRole('region', { name: 'QA sessions' })).toBeVisible()
    await focusScreen(page)
    await page.keyboard.press('Shift+Q')
    await expect(panelHeading).toBeVisible({ timeout: 30_000 })
    await expect(panel.getByLabel('Queue position')).toHaveText('5 of 5')
    await expect(panel.getByLabel('Session progress')).toHaveText('5 / 5')
  })
})
