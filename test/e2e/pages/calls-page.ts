/**
 * Page object for the call screen: the filter bar, the call grid and its status
 * line. Specs say what a user does ("filter by voicemail", "scroll to the end"); this knows
 * which role and name each control has. Everything is found by role, as a screen reader would.
 */
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import type { Harness } from '../harness/harness'

export const SCREENSHOT_DIR = 'test-results/screenshots'

export class CallsPage {
  readonly grid: Locator
  readonly filters: Locator
  readonly rangeLabel: Locator

  constructor(readonly page: Page) {
    this.grid = page.getByRole('grid', { name: 'Calls' })
    this.filters = page.getByRole('region', { name: 'Filters' })
    this.rangeLabel = page.getByLabel('Calls shown')
  }

  /** Open the app and sign in to the built-in demo account through the sign-in screen. */
  async openWithDemo(harness: Harness): Promise<void> {
    await this.page.goto(harness.url)
    await this.page.getByRole('button', { name: 'Try the demo account' }).click()
    await expect(this.grid).toBeVisible({ timeout: 30_000 })
    await this.waitForRows()
  }

  /** Open the nth call whose row's accessible name matches, and wait until the review pane shows it. */
  async openCall(name: string | RegExp, nth = 0): Promise<Locator> {
    const row = this.row(name).nth(nth)
    await row.click()
    await expect(row).toHaveAttribute('aria-selected', 'true')
    await expect(this.page.getByRole('region', { name: 'Call review' }).getByRole('heading', { level: 2 })).toBeVisible()
    return row
  }

  /** Rows that hold a call (not the header, not a placeholder still loading). */
  callRows(): Locator {
    return this.grid.locator('[role="row"][aria-rowindex]:not([aria-rowindex="1"]):not([aria-busy="true"])')
  }

  /** The row at this 0-based position of the list (aria-rowindex counts the header as 1). */
  rowAt(index: number): Locator {
    return this.grid.locator(`[role="row"][aria-rowindex="${index + 2}"]`)
  }

  row(name: string | RegExp): Locator {
    return this.grid.getByRole('row', { name })
  }

  /**
   * Type in the search box and wait until the list is the library's answer: rows found before
   * the search applies belong to the list it is about to replace, and a click on one is lost.
   */
  /**
   * Types a search and waits for its results: the first row's "where matched" line marks the
   * text. "Search in your library" alone is not enough after an earlier search: the earlier
   * list is still shown, with that line, until the new answer comes.
   */
  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Search calls' }).fill(text)
    await expect(this.page.getByText('Search in your library')).toBeVisible()
    const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    await expect(this.callRows().first().locator('mark').first()).toHaveText(new RegExp(escaped, 'i'), { timeout: 20_000 })
  }

  async waitForRows(): Promise<void> {
    await expect(this.callRows().first()).toBeVisible({ timeout: 30_000 })
  }

  /** "3 selected" in the status line, shown while more than one call is selected. */
  selectedCount(): Locator {
    return this.page.getByRole('region', { name: 'Call list' }).getByLabel('Selected calls', { exact: true })
  }

  /**
   * The API's total as the status line shows it: "1–200 of 4,312" → 4312. A list still loading
   * ("Loading calls…", as after each change of the search) is waited for, up to expect's timeout.
   */
  async total(): Promise<number> {
    // An object, not a let: the poll's callback assigns it.
    const seen: { total: number | null } = { total: null }
    await expect
      .poll(
        async () => {
          const match = /of ([\d,]+)/.exec((await this.rangeLabel.textContent()) ?? '')
          seen.total = match?.[1] ? Number(match[1].replace(/,/g, '')) : null
          return seen.total
        },
        { message: 'the call list’s status line to show a total ("1–200 of 4,312")' }
      )
      .not.toBeNull()
    return seen.total as number
  }

  async choosePreset(label: 'Today' | 'Yesterday' | 'Last 7 days' | 'Last 30 days' | 'Custom'): Promise<void> {
    await this.filters.getByRole('radio', { name: label }).check()
  }

  async setCustomRange(from: string, to: string): Promise<void> {
    await this.choosePreset('Custom')
    await this.filters.getByLabel('From date').fill(from)
    await this.filters.getByLabel('To date').fill(to)
  }

  /** Tick exactly these dispositions ("Voicemail", "No answer") in the disposition popover. */
  async chooseDispositions(labels: string[]): Promise<void> {
    await this.filters.getByRole('button', { name: /^Disposition/ }).click()
    const group = this.page.getByRole('group', { name: 'Dispositions' })
    for (const box of await group.getByRole('checkbox').all()) {
      const name = (await box.evaluate((el) => el.closest('label')?.textContent ?? '')).trim()
      await box.setChecked(labels.includes(name))
    }
    await this.page.keyboard.press('Escape')
  }

  async openMoreFilters(): Promise<void> {
    const button = this.filters.getByRole('button', { name: /More filters/ })
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click()
  }

  /** Scroll the virtual list to its very end, page by page, until the last row is in view. */
  async scrollToEnd(): Promise<void> {
    const total = await this.total()
    await expect(async () => {
      await this.grid.evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
      await expect(this.grid.locator(`[role="row"][aria-rowindex="${total + 1}"]:not([aria-busy="true"])`)).toBeVisible({ timeout: 2_000 })
    }).toPass({ timeout: 60_000 })
  }

  /** The 0-based position of the topmost call row at least partly in the grid's scrolled view. */
  async firstRowInView(): Promise<number> {
    return this.grid.evaluate((grid) => {
      const top = grid.getBoundingClientRect().top + grid.clientTop
      const rows = [...grid.querySelectorAll('[role="row"][aria-rowindex]:not([aria-rowindex="1"])')]
      const indexes = rows.filter((row) => row.getBoundingClientRect().bottom > top).map((row) => Number(row.getAttribute('aria-rowindex')) - 2)
      if (indexes.length === 0) throw new Error('no call row is in view')
      return Math.min(...indexes)
    })
  }

  /** The disposition text of every call row in view. */
  async visibleDispositions(): Promise<string[]> {
    return this.callRows().locator('.badge').allTextContents()
  }

  /** Save a screenshot as a test artifact and under test-results/screenshots/. */
  async screenshot(testInfo: TestInfo, name: string): Promise<void> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    const path = `${SCREENSHOT_DIR}/${name}.png`
    const body = await this.page.screenshot({ path })
    await testInfo.attach(name, { body, contentType: 'image/png' })
  }
}
