import type { Plugin } from 'vite'
import { APP_STYLES_ATTRIBUTE } from '../src/shared/app-styles'

/**
 * The app's stylesheets as the build links them in index.html's head: `<link rel="stylesheet" …
 * href="./assets/….css">`. public/boot.css (linked by its own path) is not one of them.
 */
const APP_STYLESHEET = /<link rel="stylesheet"((?:(?!>)[^])*?) href="(\.\/assets\/[^"]+\.css)"\s*\/?>/g

/**
 * Mark the built index.html's app stylesheets `media="print"` and APP_STYLES_ATTRIBUTE: the
 * browser still fetches them at once, but paints its first frame (public/boot.css: the window's
 * colours and the splash) without waiting for 57 KB of rules it does not need yet. The entry
 * applies them, and waits until they have loaded, before React renders (lib/app-styles.ts).
 * Throws when the page has none, so a change in how the build links its CSS cannot silently turn
 * this off.
 */
export function deferAppStyles(html: string): string {
  let count = 0
  const out = html.replace(APP_STYLESHEET, (_tag, attributes: string, href: string) => {
    count += 1
    // A print-only sheet is fetched at the lowest priority, after every script; the preload asks
    // for it as the high-priority style it is, without making it block the paint.
    return `<link rel="preload" as="style"${attributes} href="${href}">\n    <link rel="stylesheet"${attributes} href="${href}" media="print" ${APP_STYLES_ATTRIBUTE}>`
  })
  if (count === 0) throw new Error('index.html links no stylesheet under ./assets/: build/defer-app-styles.ts found nothing to defer.')
  return out
}

/** Builds only: the dev server injects styles from script, with nothing to defer. */
export function deferAppStylesPlugin(): Plugin {
  return {
    name: 'call-review-defer-app-styles',
    apply: 'build',
    transformIndexHtml: { order: 'post', handler: (html) => deferAppStyles(html) }
  }
}
