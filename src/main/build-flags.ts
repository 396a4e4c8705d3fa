/**
 * Facts fixed when main is bundled (electron.vite.config.ts `define`), so a packaged app cannot
 * be talked into development behaviour at run time: whether this is a development build
 * (`electron-vite dev`), the update feed it was built with (build/update-feed.ts), and where
 * problems are reported (package.json "bugs").
 */
declare const __CALL_REVIEW_DEV_BUILD__: boolean
declare const __CALL_REVIEW_UPDATE_FEED__: string
declare const __CALL_REVIEW_ISSUES_URL__: string

export const DEV_BUILD: boolean = __CALL_REVIEW_DEV_BUILD__
export const UPDATE_FEED_URL: string = __CALL_REVIEW_UPDATE_FEED__
export const ISSUES_URL: string = __CALL_REVIEW_ISSUES_URL__
