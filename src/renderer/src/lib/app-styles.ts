import { APP_STYLES_ATTRIBUTE } from '@shared/app-styles'

/**
 * Switch on the app's stylesheets, which the build links `media="print"` so the first paint
 * (the splash of index.html, styled by public/boot.css) does not wait for them, and resolve once
 * each has loaded and applies, so React never renders a frame without them. A sheet that failed
 * to load does not hold the app back. Resolves at once in the dev server, which links none.
 */
export function applyAppStyles(doc: Document = document): Promise<void> {
  const links = Array.from(doc.querySelectorAll<HTMLLinkElement>(`link[${APP_STYLES_ATTRIBUTE}]`))
  return Promise.all(
    links.map(
      (link) =>
        new Promise<void>((resolve) => {
          // The sheet is set, and the load event queued, when the file has been parsed: a sheet
          // already here has loaded; otherwise its load (or error) event is still to come.
          if (link.sheet) resolve()
          else {
            link.addEventListener('load', () => resolve(), { once: true })
            link.addEventListener('error', () => resolve(), { once: true })
          }
          link.media = 'all'
        })
    )
  ).then(() => undefined)
}
