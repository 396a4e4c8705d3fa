/**
 * The app's Content Security Policy (Electron security checklist #7): only the app's own
 * scripts, no eval, media only from the app itself and its recording protocol. Sent as a header
 * by main (src/main/security.ts) and by the test harness; index.html carries the same policy as a
 * <meta> (a test keeps them equal).
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; media-src 'self' recording:; base-uri 'none'; form-action 'none'; object-src 'none'"
