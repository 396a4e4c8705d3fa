/**
 * A quiet console: every page a harness attaches is watched for console errors and uncaught
 * exceptions, and the test fails at its end if any was not allowed. A test that provokes an error
 * on purpose allows exactly that message (`consoleErrors.allow(/…/)`); an allowance that never
 * matched fails the test too, so an allow-list cannot outlive the error it was written for.
 *
 * Pages reach the watch through `Harness.attach` (every page of the app goes through it, also those
 * a spec opens with `browser.newPage()`), and the auto fixture in fixtures.ts opens and checks one
 * watch per test.
 */
import type { ConsoleMessage, Page } from '@playwright/test'

export interface ConsoleProblem {
  kind: 'console error' | 'uncaught exception'
  text: string
  /** Where the message came from (script URL and line), when the browser says. */
  where: string
}

interface Allowance {
  pattern: RegExp
  why: string
  matched: number
}

export class ConsoleWatch {
  readonly problems: ConsoleProblem[] = []
  private readonly allowances: Allowance[] = []
  private readonly pages = new WeakSet<Page>()

  watch(page: Page): void {
    if (this.pages.has(page)) return
    this.pages.add(page)
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() !== 'error') return
      const { url, lineNumber } = message.location()
      this.problems.push({ kind: 'console error', text: message.text(), where: url ? `${url}:${lineNumber}` : '' })
    })
    page.on('pageerror', (error: Error) => {
      this.problems.push({ kind: 'uncaught exception', text: `${error.name}: ${error.message}`, where: error.stack?.split('\n')[1]?.trim() ?? '' })
    })
  }

  /** Allow console errors matching `pattern` in this test; `why` names what the test provokes. */
  allow(pattern: RegExp, why: string): void {
    this.allowances.push({ pattern, why, matched: 0 })
  }

  /** What the test must be failed for: unexpected messages, and allowances that never matched. */
  verdict(): string | null {
    const unexpected = this.problems.filter((problem) => {
      const allowance = this.allowances.find((a) => a.pattern.test(problem.text))
      if (allowance) allowance.matched++
      return !allowance
    })
    const unused = this.allowances.filter((a) => a.matched === 0)
    if (unexpected.length === 0 && unused.length === 0) return null
    const lines: string[] = []
    if (unexpected.length > 0) {
      lines.push(`The renderer logged ${unexpected.length} unexpected console error(s) or uncaught exception(s):`)
      for (const p of unexpected) lines.push(`  - ${p.kind}: ${p.text}${p.where ? ` (at ${p.where})` : ''}`)
      lines.push('Fix the cause; if the test provokes it on purpose, allow exactly that message with consoleErrors.allow(/…/, why).')
    }
    for (const a of unused) lines.push(`consoleErrors.allow(${String(a.pattern)}) ("${a.why}") matched no message: remove it or fix the pattern.`)
    return lines.join('\n')
  }
}

let current: ConsoleWatch | null = null

/** The auto fixture opens one watch per test and closes it after the test's own teardown. */
export function openConsoleWatch(): ConsoleWatch {
  current = new ConsoleWatch()
  return current
}

export function closeConsoleWatch(watch: ConsoleWatch): void {
  if (current === watch) current = null
}

/** Called by Harness.attach for every page of the app. */
export function watchConsole(page: Page): void {
  current?.watch(page)
}

/**
 * Runs in every page before the app's scripts: a Content-Security-Policy violation is logged as a
 * console error, so the watch fails the test for it. Chromium logs some violations itself (an
 * inline script) but not all: a caught `new Function` (how a library probes for eval) is only a
 * `securitypolicyviolation` event, and would still be reported by the app's real CSP.
 */
export const CSP_VIOLATION_SCRIPT = `document.addEventListener('securitypolicyviolation', (e) => {
  console.error('Content-Security-Policy violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') +
    (e.sourceFile ? ' (at ' + e.sourceFile + ':' + e.lineNumber + ')' : ''));
});`
