/**
 * The attribute the build puts on the app's own stylesheets in index.html, which it also marks
 * `media="print"` so they load without holding the first paint back (build/defer-app-styles.ts);
 * the renderer's entry switches them on before React's first render (renderer lib/app-styles.ts).
 */
export const APP_STYLES_ATTRIBUTE = 'data-app-styles'
