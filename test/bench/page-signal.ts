import type { Page } from '@playwright/test'

/**
 * What a timed page reports, without running anything in it: the page logs `<tag><json>` to the
 * console when its times are in, and this resolves with the JSON. Playwright's waitForFunction
 * and evaluate compile and run Playwright's injected script in the page (about 20 ms of the page's
 * thread on this machine, seen in a trace between the first render and the rows), so a bench that
 * polled with them timed its own polling too. Listen before navigating.
 */
export function pageSignal<T>(page: Page, tag: string, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      page.off('console', onConsole)
      reject(new Error(`The page did not report "${tag}" within ${timeoutMs} ms.`))
    }, timeoutMs)
    const onConsole = (message: { text(): string }): void => {
      const text = message.text()
      if (!text.startsWith(tag)) return
      clearTimeout(timer)
      page.off('console', onConsole)
      try {
        resolve(JSON.parse(text.slice(tag.length)) as T)
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)))
      }
    }
    page.on('console', onConsole)
  })
}

/**
 * In-page source of a function that reports `times` with the first-paint entry's time added, once
 * the browser has one (a page whose first paint is the very frame it times gets the entry only
 * after that frame): `(${reportSource(tag)})(times)`.
 */
export function reportSource(tag: string): string {
  return `(times) => {
    const send = (firstPaint) => console.debug(${JSON.stringify(tag)} + JSON.stringify({ ...times, firstPaint }));
    new PerformanceObserver((list, observer) => {
      const paint = list.getEntries().find((e) => e.name === 'first-paint');
      if (paint) { observer.disconnect(); send(paint.startTime); }
    }).observe({ type: 'paint', buffered: true });
  }`
}
