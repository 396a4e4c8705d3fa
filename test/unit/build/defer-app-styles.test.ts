/**
 * The build's rewrite of index.html (build/defer-app-styles.ts): the app's stylesheets load
 * without holding the first paint back, and nothing else in the page changes.
 */
import { describe, expect, it } from 'vitest'
import { deferAppStyles } from '../../../build/defer-app-styles'
import { APP_STYLES_ATTRIBUTE } from '@shared/app-styles'

const BUILT_HEAD = `<head>
    <link rel="stylesheet" href="./boot.css" />
    <script type="module" crossorigin src="./assets/index-PSiU9MP_.js"></script>
    <link rel="modulepreload" crossorigin href="./assets/vendor-BXQLEFlr.js">
    <link rel="stylesheet" crossorigin href="./assets/index-CyAMYieQ.css">
    <link rel="stylesheet" crossorigin href="./assets/qa-BtCudV30.css">
  </head>`

describe('deferAppStyles', () => {
  it('marks each of the build’s stylesheets print-only and for the entry to apply', () => {
    const out = deferAppStyles(BUILT_HEAD)
    expect(out).toContain(`<link rel="stylesheet" crossorigin href="./assets/index-CyAMYieQ.css" media="print" ${APP_STYLES_ATTRIBUTE}>`)
    expect(out).toContain(`<link rel="stylesheet" crossorigin href="./assets/qa-BtCudV30.css" media="print" ${APP_STYLES_ATTRIBUTE}>`)
    expect(out.match(/media="print"/g)).toHaveLength(2)
  })

  it('leaves the first frame’s stylesheet, the scripts and the preloads as they were', () => {
    const out = deferAppStyles(BUILT_HEAD)
    expect(out).toContain('<link rel="stylesheet" href="./boot.css" />')
    expect(out).toContain('<script type="module" crossorigin src="./assets/index-PSiU9MP_.js"></script>')
    expect(out).toContain('<link rel="modulepreload" crossorigin href="./assets/vendor-BXQLEFlr.js">')
  })

  it('refuses a page with no stylesheet to defer, so a change in the build cannot turn it off unseen', () => {
    expect(() => deferAppStyles('<head><link rel="stylesheet" href="./boot.css" /></head>')).toThrow(/found nothing to defer/)
  })
})
