/** Registers the contract's channels with Electron's ipcMain through one `handle()`. */
import { ipcMain, type WebContents } from 'electron'
import { CHANNELS, type EventName, type EventPayloadOf } from '@shared/ipc/contract'
import type { Dispatch } from './ipc/dispatcher'

export function registerIpc(dispatch: Dispatch): void {
  for (const channel of CHANNELS) {
    // The sender frame's URL is checked by the dispatcher before the payload is even parsed.
    ipcMain.handle(channel, (event, payload: unknown) => dispatch(channel, payload, { senderUrl: event.senderFrame?.url ?? '' }))
  }
}

export function emitTo<E extends EventName>(contents: WebContents | undefined, event: E, payload: EventPayloadOf<E>): void {
  if (contents && !contents.isDestroyed()) contents.send(event, payload)
}
