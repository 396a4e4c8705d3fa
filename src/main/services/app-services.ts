/**
 * Builds every main-process service and the IPC handlers over them. This is what Electron's
 * composition layer (src/main/index.ts) and the browser test harness (test/e2e/harness) both
 * call, so the end-to-end tests exercise the same code the app runs. No `electron` import:
 * everything from the outside world (fetch, paths, clock) is passed in.
 */
import { join } from 'node:path'
import { createDispatcher, type Dispatch, type Handlers } from '../ipc/dispatcher'
import type { EventName, EventPayloadOf } from '../../shared/ipc/contract'
import type { Logger } from './log'
import { PrefsStore } from './prefs-store'

export interface AppServicesOptions {
  /** The app data folder: settings, per-profile libraries, recordings. */
  dataDir: string
  host: 'electron' | 'harness'
  version: string
  fetch: typeof fetch
  log: Logger
  /** True only for the app's own renderer. */
  isTrustedSender: (senderUrl: string) => boolean
  /** Push an event to the renderer. */
  emit: <E extends EventName>(event: E, payload: EventPayloadOf<E>) => void
  /** The URL the page uses to play a call's recording (recording:// or loopback HTTP). */
  recordingUrl: (callId: number) => string
  clock?: () => Date
}

export interface AppServices {
  dispatch: Dispatch
  /** Answers a recording request (HTTP Range aware) for the recording:// protocol or the harness. */
  serveRecording: (request: Request) => Promise<Response>
  close: () => Promise<void>
}

export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const profileDir = (): string => join(options.dataDir, 'profiles', 'default')
  const prefs = new PrefsStore(profileDir)

  const handlers: Handlers = {
    'app:info': () => ({ name: 'Call Review', version: options.version, host: options.host }),
    'app:ping': ({ message }) => ({ echo: message }),
    'prefs:get': () => prefs.get(),
    'prefs:set': (patch) => prefs.set(patch)
  }

  return {
    dispatch: createDispatcher({ handlers, isTrustedSender: options.isTrustedSender, log: options.log }),
    serveRecording: async () => new Response('Recordings are not available yet.', { status: 404 }),
    close: async () => {}
  }
}
