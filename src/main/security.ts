/**
 * Electron security checklist, in one place: CSP, permission handlers, navigation and window
 * rules, sender trust. Composition layer only.
 */
import { shell, type Session, type WebContents } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../shared/csp'

export function hardenSession(session: Session): void {
  // Checklist #5: deny every permission request (camera, notifications, geolocation, ...).
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  // Scan suppression (CSP_GLOBAL_CHECK): the scanner cannot read a constant here; the same policy
  // is the <meta> of src/renderer/index.html, which it does check.
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders = { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } // eng-disable CSP_GLOBAL_CHECK
    callback({ responseHeaders })
  })
}

/** Checklist #13 and #14: no navigation, no new windows; https links a user clicks open outside. */
export function hardenWebContents(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    // Scan suppression (OPEN_EXTERNAL_JS_CHECK): only https: URLs pass isSafeExternalUrl, and only
    // window-open requests (a user's click on a link) reach this handler.
    if (isSafeExternalUrl(url)) void shell.openExternal(url) // eng-disable OPEN_EXTERNAL_JS_CHECK
    return { action: 'deny' }
  })
}

/** Only plain https links leave the app (checklist #15). */
export function isSafeExternalUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:'
  } catch {
    return false
  }
}
