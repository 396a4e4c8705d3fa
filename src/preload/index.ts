/**
 * The sandboxed preload: exposes one object, `window.callReview`, built from the shared
 * contract. It refuses any channel or event the contract does not name, and hands the page
 * plain data only — never `ipcRenderer` itself or an Electron event object.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { BRIDGE_GLOBAL, type CallReviewBridge } from '@shared/ipc/bridge'
import { isChannel, isEventName } from '@shared/ipc/contract'

const bridge: CallReviewBridge = {
  invoke: (channel, request) => {
    if (!isChannel(channel)) return Promise.resolve({ ok: false, error: { kind: 'bad_request', message: `Unknown request "${String(channel)}".` } })
    return ipcRenderer.invoke(channel, request)
  },
  on: (event, listener) => {
    if (!isEventName(event)) throw new Error(`Unknown event "${String(event)}".`)
    const wrapped = (_e: unknown, payload: unknown): void => listener(payload as Parameters<typeof listener>[0])
    ipcRenderer.on(event, wrapped)
    return () => {
      ipcRenderer.removeListener(event, wrapped)
    }
  }
}

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge)
