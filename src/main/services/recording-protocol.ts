/**
 * The page's recording requests — `recording://call/<id>` in the app (registered by
 * src/main/index.ts with protocol.handle), loopback HTTP in the browser test harness — answered
 * from the signed-in profile's RecordingCache with HTTP Range, so the player can seek in a long
 * file without anything reading it whole. A plain function of Request → Response, so it is
 * tested in Node exactly as Electron calls it.
 */
import { AppError } from '@shared/errors'
import { isLoopbackHost } from '@shared/url-trust'
import type { Logger } from './log'
import { textResponse } from './library/recording-response'

const RECORDING_ADDRESS = /^recording:\/\/call\/([1-9]\d{0,14})$/
const HARNESS_PATH = /^\/recording\/([1-9]\d{0,14})$/

/**
 * The call id of exactly `recording://call/<digits>` (or, in the browser test harness, exactly
 * `http://<loopback>/recording/<digits>`), else null: no query, no fragment, no extra path, no
 * other host — nothing a page could use to reach anything but a cached recording.
 */
export function exactRecordingCallId(url: string): number | null {
  const app = RECORDING_ADDRESS.exec(url)
  if (app) return Number(app[1])
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== 'http:' || !isLoopbackHost(parsed.hostname) || parsed.search || parsed.hash || parsed.username) return null
  const harness = HARNESS_PATH.exec(parsed.pathname)
  return harness ? Number(harness[1]) : null
}

export interface RecordingHandlerDeps {
  /** The signed-in profile's folder, or null when no one is signed in (the active profile signed out included). */
  activeDir: () => string | null
  /** The profile's recording cache (RecordingCache#serve). */
  recordings: (profileDir: string) => { serve: (request: Request) => Promise<Response> }
  log: Logger
}

export function createRecordingHandler(deps: RecordingHandlerDeps): (request: Request) => Promise<Response> {
  return async (request) => {
    if (exactRecordingCallId(request.url) === null)
      return textResponse(404, `${request.url} is not a recording address; expected recording://call/<call id>, a positive whole number.`)
    const dir = deps.activeDir()
    if (!dir) return textResponse(401, 'Sign in to play recordings.')
    try {
      return await deps.recordings(dir).serve(request)
    } catch (error) {
      deps.log.warn('recording: could not answer the request', { url: request.url, error })
      return textResponse(500, error instanceof AppError ? error.message : 'The recording could not be loaded. Try again.')
    }
  }
}
