/**
 * Page object for QA listening sessions: the launcher bar, the start dialog, the
 * session panel with its queue and scorecard, and the scorecard templates sheet. Found by role
 * and name, as a screen reader would.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, type Locator, type Page } from '@playwright/test'
import { DEFAULT_TEMPLATE_ID } from '@shared/qa/default-template'

export class QaPage {
  readonly launcher: Locator
  readonly startDialog: Locator
  readonly panel: Locator
  readonly queue: Locator
  readonly scorecard: Locator
  readonly summary: Locator
  readonly templatesDialog: Locator
  readonly exportDialog: Locator

  constructor(readonly page: Page) {
    this.launcher = page.getByRole('region', { name: 'QA sessions' })
    this.startDialog = page.getByRole('dialog', { name: 'Start a QA session' })
    this.panel = page.getByRole('region', { name: 'QA session', exact: true })
    this.queue = this.panel.getByRole('region', { name: 'Queue' }).getByRole('button')
    this.scorecard = this.panel.getByRole('region', { name: 'Scorecard' })
    this.summary = this.panel.getByRole('region', { name: 'Session summary' })
    this.templatesDialog = page.getByRole('dialog', { name: 'Scorecard templates' })
    this.exportDialog = page.getByRole('dialog', { name: 'Export reviews' })
  }

  /** Start a session over the calls selected in the list (more than one); the queue's call ids. */
  async startFromSelection(name: string): Promise<number[]> {
    await this.launcher.getByRole('button', { name: 'Start QA session' }).click()
    await expect(this.startDialog.getByRole('radio', { name: /selected calls$/ })).toBeChecked()
    await this.startDialog.getByRole('textbox', { name: 'Session name' }).fill(name)
    await this.startDialog.getByRole('button', { name: 'Start session' }).click()
    await expect(this.panel.getByRole('heading', { name })).toBeVisible({ timeout: 30_000 })
    return this.queueCallIds()
  }

  /**
   * The file an export or report says it wrote ("Wrote 2 calls as CSV to <path>"), once it says
   * so; the summary can show an export's line and a report's line at once.
   */
  async writtenPath(scope: Locator, text: string | RegExp): Promise<string> {
    const status = scope.getByRole('status', { name: 'Export result' }).filter({ hasText: text })
    await expect(status).toHaveCount(1)
    return (await status.locator('code').textContent()) ?? ''
  }

  /** The call ids of the session's queue, in order, from each item's name ("Call 2, 10123, Jane Doe, …"). */
  async queueCallIds(): Promise<number[]> {
    const labels = await Promise.all((await this.queue.all()).map((button) => button.textContent()))
    return labels.map((label) => Number(/^Call \d+, (\d+),/.exec(label ?? '')?.[1]))
  }

  async openTemplates(): Promise<Locator> {
    await this.launcher.getByRole('button', { name: 'Scorecard templates' }).click()
    await expect(this.templatesDialog).toBeVisible()
    return this.templatesDialog
  }

  async closeTemplates(): Promise<void> {
    await this.templatesDialog.getByRole('button', { name: 'Close' }).click()
    await expect(this.templatesDialog).toBeHidden()
  }

  /** One criterion's fields in the template editor ("Criterion 2"). */
  criterion(form: Locator, number: number): Locator {
    return form.getByRole('group', { name: `Criterion ${number}`, exact: true })
  }

  /**
   * Score every call of the open session by keyboard, in queue order, marking each reviewed, then
   * leave: one list of keys a call (the default scorecard's nine criteria: y yes, x no, 1–5 a rating).
   */
  async scoreByKeyboard(answers: readonly (readonly string[])[]): Promise<void> {
    await expect(this.panel).toBeVisible({ timeout: 30_000 })
    for (const [i, keys] of answers.entries()) {
      await expect(this.panel.getByLabel('Queue position')).toHaveText(`${i + 1} of ${answers.length}`)
      await expect(this.scorecard.getByRole('radiogroup', { name: 'Greeting' })).toBeVisible()
      await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
      for (const key of keys) await this.page.keyboard.press(key)
      await expect(
        this.scorecard.getByRole('radiogroup', { name: 'Greeting' }).getByRole('radio', { name: keys[0] === 'y' ? 'Yes' : 'No' })
      ).toBeChecked()
      await this.page.keyboard.press('r')
      await expect(this.panel.getByRole('button', { name: 'Reviewed ✓' })).toHaveAttribute('aria-pressed', 'true')
      if (i < answers.length - 1) await this.page.keyboard.press('j')
    }
    await expect(this.panel.getByLabel('Session progress')).toHaveText(`${answers.length} / ${answers.length}`)
    await this.leave()
  }

  /**
   * Sessions scored without the scorecard's UI, through the page's own bridge (calls:list,
   * qa:createSession, qa:saveReview), for specs about what shows once sessions exist: each over
   * the next calls of the library's default list, on the default scorecard, every call answered
   * as given and marked reviewed. Then the page is reloaded, so that its stores read them.
   */
  async seedScoredSessions(sessions: readonly { name: string; answers: readonly Record<string, 'yes' | 'no' | number>[] }[]): Promise<void> {
    // A refusal throws in the page, and page.evaluate rejects with its message.
    await this.page.evaluate(
      async ({ sessions, templateId }) => {
        const list = await window.callReview.invoke('calls:list', { query: {}, source: 'cache' })
        if (!list.ok) throw new Error(`calls:list: ${list.error.message}`)
        let next = 0
        for (const { name, answers } of sessions) {
          const callIds = list.value.items.slice(next, next + answers.length).map((item) => item.callId)
          next += answers.length
          const session = await window.callReview.invoke('qa:createSession', { name, templateId, callIds })
          if (!session.ok) throw new Error(`qa:createSession: ${session.error.message}`)
          for (const [i, callId] of callIds.entries()) {
            const saved = await window.callReview.invoke('qa:saveReview', {
              sessionId: session.value.id,
              callId,
              answers: answers[i],
              reviewed: true
            })
            if (!saved.ok) throw new Error(`qa:saveReview: ${saved.error.message}`)
          }
        }
      },
      { sessions, templateId: DEFAULT_TEMPLATE_ID }
    )
    await this.page.reload()
    await expect(this.launcher.getByRole('button', { name: 'Sessions' })).toBeVisible({ timeout: 30_000 })
  }

  async leave(): Promise<void> {
    await this.panel.getByRole('button', { name: 'Leave session' }).click()
    await expect(this.panel).toBeHidden()
  }

  /** The one file of this format in the harness's export folder. */
  exportedFile(dataDir: string, ext: 'csv' | 'json'): string {
    const dir = join(dataDir, 'exports')
    const files = readdirSync(dir).filter((f) => f.endsWith(`.${ext}`))
    expect(files).toHaveLength(1)
    return join(dir, files[0] as string)
  }
}
