/**
 * The update feed, set at build time only: CALL_REVIEW_UPDATE_URL, an https:// folder holding
 * what `npm run dist` wrote (latest.yml, latest-mac.yml, latest-linux.yml and the installers).
 * Read by electron-builder.config.ts (publish) and electron.vite.config.ts (baked into main).
 */
export function updateFeedUrl(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env['CALL_REVIEW_UPDATE_URL']?.trim()
  if (!raw) return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new Error(
      `CALL_REVIEW_UPDATE_URL "${raw}" is not a URL; set it to the https:// folder that serves latest.yml, or unset it to build without updates.`
    )
  }
  if (url.protocol !== 'https:')
    throw new Error(
      `CALL_REVIEW_UPDATE_URL must be an https:// URL (got ${url.protocol}): updates are downloaded and run, so they must come over TLS.`
    )
  return url.href
}
