/**
 * Accessibility scans with axe-core (@axe-core/playwright): every rule axe runs by default (WCAG
 * 2.x A and AA, best practices) plus `label-content-name-mismatch` (a control's accessible name
 * must contain its visible text, WCAG 2.5.3), which axe still marks experimental. A serious or
 * critical violation fails the test; minor and moderate ones are attached to the report.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'

const FAILING_IMPACTS = new Set(['serious', 'critical'])

export interface A11yScanOptions {
  /** Scan only this part of the page (a CSS selector), e.g. an open dialog. */
  include?: string
}

/**
 * The window itself never scrolls: the app's frame fills it and only its panes scroll. Content
 * that sticks out of a pane (an absolutely placed element whose pane is not its containing block)
 * makes the page scrollable, and then the wheel or a scrollIntoView slides the top bar out of
 * reach and leaves a blank band below.
 */
export async function expectFrameInPlace(page: Page, name: string): Promise<void> {
  const frame = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement
    return { scrolledBy: Math.round(root.scrollTop), tallerBy: root.scrollHeight - root.clientHeight, widerBy: root.scrollWidth - root.clientWidth }
  })
  expect(frame, `the window scrolls on the ${name}`).toEqual({ scrolledBy: 0, tallerBy: 0, widerBy: 0 })
}

/**
 * Scan the page as it is now; `name` says which screen or state it shows ("settings dialog").
 * Every scan also checks that the window does not scroll (expectFrameInPlace).
 */
export async function expectNoA11yViolations(page: Page, name: string, options: A11yScanOptions = {}): Promise<void> {
  await expectFrameInPlace(page, name)
  let builder = new AxeBuilder({ page }).options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
  if (options.include) builder = builder.include(options.include)
  const results = await builder.analyze()
  const failing = results.violations.filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''))
  const others = results.violations.filter((violation) => !FAILING_IMPACTS.has(violation.impact ?? ''))
  if (others.length > 0) {
    await test.info().attach(`axe ${name} (minor and moderate)`, { body: JSON.stringify(others, null, 2), contentType: 'application/json' })
  }
  const report = failing.flatMap((violation) => [
    `${violation.impact} ${violation.id}: ${violation.help} (${violation.helpUrl})`,
    ...violation.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\n/g, ' ') ?? ''}`)
  ])
  expect(report, `axe found serious or critical violations on the ${name}:\n${report.join('\n')}`).toEqual([])
}
