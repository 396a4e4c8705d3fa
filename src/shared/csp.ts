/**
 * The app's Content Security Policy (Electron security checklist #7): only the app's own
 * scripts, no eval, media only from the app's recording protocol. Every variant is built by
 * `cspFor`, so they differ only where they must: main sends `CONTENT_SECURITY_POLICY` as a
 * header (src/main/security.ts) and index.html carries it as a <meta> (a test keeps them equal);
 * `npm run dev` uses the dev variant (electron.vite.config.ts, `sessionCsp`); the browser test
 * harness substitutes its own media source (test/e2e/harness/static-server.ts).
 */
export interface CspOptions {
  /**
   * Where audio may come from. The app plays only `recording:` URLs; 'self' (the renderer's
   * app://call-review origin) serves no audio and is left out.
   */
  media?: readonly string[]
  /** `npm run dev`: Vite's hot reload injects inline script and style and talks over a websocket. */
  dev?: boolean
}

export function cspFor({ media = ['recording:'], dev = false }: CspOptions = {}): string {
  const self = ["'self'"]
  const directives: [string, readonly string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', dev ? [...self, "'unsafe-inline'"] : self],
    ['style-src', dev ? [...self, "'unsafe-inline'"] : self],
    ['img-src', [...self, 'data:']],
    ['font-src', self],
    ['connect-src', dev ? [...self, 'ws:', 'http://localhost:*'] : self],
    ['media-src', media],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['object-src', ["'none'"]]
  ]
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ')
}

/** The policy the app ships. */
export const CONTENT_SECURITY_POLICY = cspFor()

/**
 * The policy main puts on every response: the dev variant only while the renderer comes from
 * electron-vite's dev server (`npm run dev` sets ELECTRON_RENDERER_URL), the shipped one otherwise.
 */
export function sessionCsp(devServerUrl: string | undefined): string {
  return devServerUrl ? cspFor({ dev: true }) : CONTENT_SECURITY_POLICY
}
