import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'

/**
 * The harness's stand-in for Electron's IPC pipe: one WebSocket per page, on the renderer's own
 * origin (the app's CSP allows `connect-src 'self'`, which covers ws: to the same host and port).
 * Requests, answers and main's events travel over it in order, as they do over Electron's one
 * pipe per window. It replaced a Playwright binding for requests with a page.evaluate per event
 * beside it (two paths where Electron has one, and the soak bench had a third of its own);
 * docs/decisions/cold-start.md, item 6, has what it changed in the cold-start figures.
 *
 * The sender main checks is the socket's Origin header, the page's origin when it connected; a
 * page of another origin is refused by the dispatcher, as a foreign frame is in Electron (and an
 * opaque one, such as about:blank, by Chromium's local network access checks before that).
 * Events go only to sockets of a trusted origin.
 */
export const BRIDGE_PATH = '/__bridge'
/** Larger than any request the contract allows; a bigger message closes the socket. */
const MAX_MESSAGE_BYTES = 32 * 1024 * 1024

export interface BridgeSocketOptions {
  dispatch: (channel: unknown, payload: unknown, caller: { senderUrl: string }) => Promise<unknown>
  isTrustedSender: (senderUrl: string) => boolean
}

export interface BridgeSocket {
  /** Send one of main's events to every connected page of a trusted origin. */
  emit(event: string, payload: unknown): void
  close(): Promise<void>
}

export function serveBridge(server: Server, { dispatch, isTrustedSender }: BridgeSocketOptions): BridgeSocket {
  const sockets = new Map<WebSocket, string>()
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== BRIDGE_PATH) return void socket.destroy()
    wss.handleUpgrade(req, socket, head, (ws) => connected(ws, req.headers.origin ?? ''))
  }
  server.on('upgrade', onUpgrade)

  const connected = (ws: WebSocket, sender: string): void => {
    sockets.set(ws, sender)
    ws.on('close', () => sockets.delete(ws))
    ws.on('error', () => ws.terminate())
    ws.on('message', (data, isBinary) => {
      const message = isBinary ? null : parse(String(data))
      if (!message) return void ws.close(1003, 'A bridge message is { id, channel, request } as JSON text.')
      void dispatch(message.channel, message.request, { senderUrl: sender })
        .then((result) => send(ws, `{"id":${message.id},"result":${JSON.stringify(result)}}`))
        .catch((error: unknown) => {
          // The dispatcher answers every failure as a result; reaching here is a harness bug.
          const text = error instanceof Error ? error.message : String(error)
          send(ws, JSON.stringify({ id: message.id, result: { ok: false, error: { kind: 'internal', message: `harness: ${text}` } } }))
        })
    })
  }

  return {
    emit(event, payload) {
      const text = JSON.stringify({ event, payload })
      for (const [ws, sender] of sockets) if (isTrustedSender(sender)) send(ws, text)
    },
    async close() {
      server.off('upgrade', onUpgrade)
      for (const ws of sockets.keys()) ws.terminate()
      sockets.clear()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
    }
  }
}

function send(ws: WebSocket, text: string): void {
  if (ws.readyState === ws.OPEN) ws.send(text)
}

function parse(text: string): { id: number; channel: unknown; request: unknown } | null {
  try {
    const value = JSON.parse(text) as unknown
    if (typeof value !== 'object' || value === null) return null
    const { id, channel, request } = value as Record<string, unknown>
    return Number.isSafeInteger(id) && (id as number) > 0 ? { id: id as number, channel, request } : null
  } catch {
    return null
  }
}

/**
 * The page's end, run before the bridge script (bridge-script.ts), which calls
 * `window.__callReviewInvoke(channel, request)` and receives events at `window.__callReviewEmit`.
 * On the app's origin the socket opens as the document starts; an invoke waits for it. If it
 * closes (the harness stopped), calls in flight fail with the reason and the next one opens it
 * again.
 */
export function bridgeTransportScript(origin: string): string {
  const url = `${origin.replace(/^http/, 'ws')}${BRIDGE_PATH}`
  return `(() => {
  const pending = new Map();
  let next = 1;
  let socket = null;
  let opened = null;
  const open = () => {
    socket = new WebSocket(${JSON.stringify(url)});
    const current = socket;
    opened = new Promise((resolve, reject) => {
      current.addEventListener('open', () => resolve(current));
      current.addEventListener('close', (e) => {
        if (socket === current) socket = null;
        const why = new Error('The harness bridge closed (' + e.code + (e.reason ? ': ' + e.reason : '') + ').');
        reject(why);
        for (const [, waiting] of pending) waiting.reject(why);
        pending.clear();
      });
    });
    opened.catch(() => {});
    current.addEventListener('message', (e) => {
      const message = JSON.parse(e.data);
      if (typeof message.id === 'number') {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        if (waiting) waiting.resolve(message.result);
      } else if (window.__callReviewEmit) {
        window.__callReviewEmit(message.event, message.payload);
      }
    });
  };
  // The app's page connects as it starts; any other page (a test's about:blank) only when it calls.
  if (location.origin === ${JSON.stringify(origin)}) open();
  Object.defineProperty(window, '__callReviewInvoke', {
    value: (channel, request) => {
      if (!socket) open();
      const id = next++;
      const text = JSON.stringify({ id, channel, request });
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        opened.then((ws) => ws.send(text), reject);
      });
    }
  });
})();`
}
