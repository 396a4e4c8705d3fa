/**
 * The page's recording requests — `recording://call/<id>` in the app (registered by
 * src/main/index.ts with protocol.handle), loopback HTTP in the browser test harness — answered
 * from the signed-in profile's RecordingCache with HTTP Range, so the player can seek in a long
 * file without anything reading it whole. A plain function of Request → Response, so it is
 * tested in Node exactly as Electron calls it.
 */
import { AppError } from '../../shared/errors'
import type { Logger } from './log'
import { recordingCallId, textResponse } from './library/recording-response'

export interface RecordingHandlerDeps {
  /** The signed-in profile's folder, or null when no one is signed in. */
  activeDir: () => string | null
  /** The profile's recording cache (RecordingCache#serve). */
  recordings: (profileDir: string) => { serve: (request: Request) => Promise<Response> }
  log: Logger
}

export function createRecordingHandler(deps: RecordingHandlerDeps): (request: Request) => Promise<Response> {
  return async (request) => {
    if (recordingCallId(request.url) === null)
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
