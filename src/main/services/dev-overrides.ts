/**
 * Every development override main honours, in one place, and only in a development build
 * (src/main/build-flags.ts, decided when main is bundled): a packaged or production build
 * ignores them whatever its environment says, so nobody can point the shipped app at another
 * page by setting a variable.
 */
export interface DevOverrides {
  /** electron-vite's dev server (ELECTRON_RENDERER_URL), on loopback only. */
  rendererUrl: string | undefined
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

export function devOverrides(devBuild: boolean, env: NodeJS.ProcessEnv): DevOverrides {
  if (!devBuild) return { rendererUrl: undefined }
  const raw = env['ELECTRON_RENDERER_URL']
  let rendererUrl: string | undefined
  try {
    const url = raw ? new URL(raw) : undefined
    if (url && (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK.has(url.hostname)) rendererUrl = url.href
  } catch {
    rendererUrl = undefined
  }
  return { rendererUrl }
}
