/**
 * Soak: does the renderer stay flat over a long listening session? In Chromium against the built
 * renderer (out/renderer) and the app's real services (the end-to-end harness), the demo account
 * opens call after call with J, playing each recording for a moment, until 300 calls have played.
 * After a warm-up, and after every 100 played calls, the renderer is measured after a forced
 * garbage collection (CDP HeapProfiler.collectGarbage): its JS heap (Runtime.getHeapUsage), its
 * DOM nodes (Memory.getDOMCounters) and its live audio elements (Runtime.queryObjects on
 * HTMLAudioElement.prototype). Reported per 100 calls; target: flat, heap < 1 MB per 100 calls.
 *
 * The page is driven over the DevTools protocol directly (a pipe, as Playwright does), not
 * through Playwright: Playwright always enables the Network domain, and the renderer then keeps
 * every response body for DevTools, which would be measured as growth. Here only the Page domain
 * is enabled, never Network. The page talks to main as in the end-to-end tests: the harness's
 * bridge scripts, over its WebSocket (test/e2e/harness/bridge-socket.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { startDemoServer } from '@main/services/demo-server'
import { MemorySecretStore } from '@main/services/secrets/memory-secret-store'
import { RENDERER_ROOT, startHarness } from '../e2e/harness/harness'
import { round, type BenchResult } from './types'

const PLAYED_CALLS = 300
const CHECKPOINT_EVERY = 100
const WARM_UP_CALLS = 10
/** Calls opened at most, played or not (a call without a recording is opened and skipped). */
const MAX_OPENED = 600
const PLAY_MS = 300

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--autoplay-policy=no-user-gesture-required',
  '--mute-audio',
  '--window-size=1400,900',
  '--remote-debugging-pipe'
]

/** What is read of a message from Chromium: an answer's id, result or error. */
interface CdpMessage {
  id?: number
  result?: Record<string, unknown>
  error?: { message: string }
}

/** The DevTools protocol over Chromium's --remote-debugging-pipe: JSON messages ended by NUL. */
class CdpPipe {
  private nextId = 1
  private readonly pending = new Map<number, { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void; method: string }>()
  private buffer = ''

  constructor(
    private readonly out: Writable,
    input: Readable
  ) {
    input.setEncoding('utf8')
    input.on('data', (chunk: string) => {
      this.buffer += chunk
      let end = this.buffer.indexOf('\0')
      while (end >= 0) {
        const message = JSON.parse(this.buffer.slice(0, end)) as CdpMessage
        this.buffer = this.buffer.slice(end + 1)
        this.receive(message)
        end = this.buffer.indexOf('\0')
      }
    })
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string, ms = 60_000): Promise<Record<string, unknown>> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Error(`${method}: no answer within ${ms / 1000} s`))
      }, ms)
      this.pending.set(id, {
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
        method
      })
      this.out.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0')
    })
  }

  private receive(message: CdpMessage): void {
    // Events (no id) are not listened to: only answers are waited for.
    if (message.id === undefined) return
    const waiting = this.pending.get(message.id)
    if (!waiting) return
    this.pending.delete(message.id)
    if (message.error) waiting.reject(new Error(`${waiting.method}: ${message.error.message}`))
    else waiting.resolve(message.result ?? {})
  }
}

interface Sample {
  played: number
  opened: number
  heapMb: number
  nodes: number
  audio: number
}

export async function run(): Promise<BenchResult[]> {
  if (!existsSync(join(RENDERER_ROOT, 'index.html')))
    throw new Error('out/renderer is missing: run `npx electron-vite build` before the soak benchmark.')
  const dataDir = mkdtempSync(join(tmpdir(), 'soak-bench-'))
  const profileDir = mkdtempSync(join(tmpdir(), 'soak-chromium-'))
  // About 100 calls a day: the default filter (the last 7 days) lists several hundred.
  const demo = await startDemoServer({ calls: 3000, seed: 11, spanDays: 30 })
  const harness = await startHarness({
    dataDir,
    overrides: {
      keychain: new MemorySecretStore(),
      startDemo: async () => ({
        apiBaseUrl: demo.apiBaseUrl,
        oauthBaseUrl: demo.oauthBaseUrl,
        login: { email: demo.login.email, password: demo.login.password, orgUnitId: demo.login.org_unit_id }
      })
    }
  })
  const chromium: ChildProcess = spawn(process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', [...CHROMIUM_ARGS, `--user-data-dir=${profileDir}`], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe']
  })
  try {
    const cdp = new CdpPipe(chromium.stdio[3] as Writable, chromium.stdio[4] as Readable)
    const { targetId } = (await cdp.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string }
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string }
    const send = (method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> => cdp.send(method, params, sessionId)

    await send('Page.enable')
    await send('Page.addScriptToEvaluateOnNewDocument', { source: harness.bridgeScripts })

    const evaluate = async <T>(expression: string): Promise<T> => {
      const answer = (await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as {
        result: { value?: T }
        exceptionDetails?: { text: string; exception?: { description?: string } }
      }
      if (answer.exceptionDetails) throw new Error(answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text)
      return answer.result.value as T
    }
    /** Poll `expression` until it is truthy; its last value, or null after `ms`. */
    const waitFor = async <T>(expression: string, ms: number): Promise<T | null> => {
      const until = Date.now() + ms
      for (;;) {
        const value = await evaluate<T>(expression)
        if (value) return value
        if (Date.now() > until) return null
        await new Promise((r) => setTimeout(r, 50))
      }
    }
    const mustWaitFor = async (expression: string, ms: number, what: string): Promise<void> => {
      if (await waitFor(expression, ms)) return
      const shown = await evaluate<string>(`location.href + ': ' + (document.body?.innerText ?? '').slice(0, 300)`).catch((e: unknown) => String(e))
      throw new Error(`${what} did not happen within ${ms / 1000} s; the page: ${shown}`)
    }
    const pressJ = async (): Promise<void> => {
      await evaluate('document.activeElement && document.activeElement.blur && document.activeElement.blur()')
      const key = { key: 'j', code: 'KeyJ', windowsVirtualKeyCode: 74, nativeVirtualKeyCode: 74 }
      await send('Input.dispatchKeyEvent', { type: 'keyDown', text: 'j', ...key })
      await send('Input.dispatchKeyEvent', { type: 'keyUp', ...key })
    }

    await send('Page.navigate', { url: harness.url })
    const demoButton = `[...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Try the demo account')`
    await mustWaitFor(`Boolean(${demoButton})`, 60_000, 'the sign-in screen')
    await evaluate(`${demoButton}.click()`)
    await mustWaitFor(`Boolean(document.querySelector('[role="grid"] [role="row"][aria-rowindex="2"][aria-label]'))`, 60_000, 'the call list')

    const shownCall = `(document.querySelector('[aria-label="Call review"] .call-header__subtitle')?.textContent ?? '')`
    const seekEnabled = `(() => { const s = document.querySelector('[aria-label="Call review"] input[aria-label="Seek"]'); return Boolean(s && !s.disabled) })()`
    const playing = `(() => { const h = window.Howler?._howls ?? []; return h.some((x) => x._sounds.some((s) => s._node && !s._node.paused)) })()`
    const playButton = `document.querySelector('[aria-label="Recording player"] button[aria-label="Play"]')`

    let opened = 0
    let played = 0
    let skipped = 0
    /** Open the next call (the first: row 1) and play it for a moment when it has a recording. */
    const openNext = async (): Promise<void> => {
      const before = await evaluate<string>(shownCall)
      if (opened === 0) await evaluate(`document.querySelector('[role="grid"] [role="row"][aria-rowindex="2"]').click()`)
      else await pressJ()
      opened += 1
      await mustWaitFor(`${shownCall} !== ${JSON.stringify(before)} && ${shownCall} !== ''`, 20_000, `call ${opened} opening`)
      if (!(await waitFor(seekEnabled, 8_000))) {
        skipped += 1
        return
      }
      if (!(await evaluate<boolean>(playing))) await evaluate(`${playButton}?.click()`)
      if (!(await waitFor(playing, 10_000))) {
        skipped += 1
        return
      }
      await new Promise((r) => setTimeout(r, PLAY_MS))
      played += 1
    }

    const measure = async (): Promise<Sample> => {
      for (let i = 0; i < 3; i += 1) await send('HeapProfiler.collectGarbage')
      const { usedSize } = (await send('Runtime.getHeapUsage')) as { usedSize: number }
      const { nodes } = (await send('Memory.getDOMCounters')) as { nodes: number }
      const prototype = (await send('Runtime.evaluate', { expression: 'HTMLAudioElement.prototype', objectGroup: 'soak' })) as {
        result: { objectId: string }
      }
      const found = (await send('Runtime.queryObjects', { prototypeObjectId: prototype.result.objectId, objectGroup: 'soak' })) as {
        objects: { objectId: string }
      }
      const count = (await send('Runtime.callFunctionOn', {
        objectId: found.objects.objectId,
        functionDeclaration: 'function () { return this.length }',
        returnByValue: true
      })) as { result: { value: number } }
      await send('Runtime.releaseObjectGroup', { objectGroup: 'soak' })
      return { played, opened, heapMb: usedSize / 2 ** 20, nodes, audio: count.result.value }
    }

    while (played < WARM_UP_CALLS) await openNext()
    const samples: Sample[] = [await measure()]
    const start = played
    while (played - start < PLAYED_CALLS) {
      if (opened >= MAX_OPENED)
        throw new Error(`only ${played - start} of ${PLAYED_CALLS} calls played after ${opened} opened (${skipped} without playback)`)
      await openNext()
      if ((played - start) % CHECKPOINT_EVERY === 0 && samples.length <= (played - start) / CHECKPOINT_EVERY) {
        samples.push(await measure())
        console.log(`  soak bench: ${played - start} calls played (${opened} opened)…`)
      }
    }

    const first = samples[0] as Sample
    const last = samples[samples.length - 1] as Sample
    const hundreds = (last.played - first.played) / 100
    const heapPer100 = (last.heapMb - first.heapMb) / hundreds
    const nodesPer100 = (last.nodes - first.nodes) / hundreds
    const audioPer100 = (last.audio - first.audio) / hundreds
    const series = (pick: (s: Sample) => number, digits = 0): string =>
      samples.map((s) => `${s.played - first.played}: ${round(pick(s), digits)}`).join(', ')
    const context = `${PLAYED_CALLS} calls played after the warm-up (${opened} opened in all, ${skipped} of them without a recording and skipped), each for ${PLAY_MS} ms after it started; measured after ${WARM_UP_CALLS} warm-up calls and every ${CHECKPOINT_EVERY}, after forced GC, Network domain off`
    return [
      {
        name: `soak: renderer JS heap growth per 100 calls opened and played (${PLAYED_CALLS} calls)`,
        target: '< 1 MB per 100 calls',
        value: round(heapPer100, 2),
        unit: 'MB',
        pass: heapPer100 < 1,
        notes: `heap MB by calls played: ${series((s) => s.heapMb, 2)}; ${context}`
      },
      {
        name: 'soak: DOM nodes growth per 100 calls',
        target: 'flat (< 500 nodes per 100 calls; one call’s transcript varies by more)',
        value: round(nodesPer100, 1),
        unit: 'nodes',
        pass: nodesPer100 < 500,
        notes: `DOM nodes by calls played: ${series((s) => s.nodes)}`
      },
      {
        name: 'soak: live audio elements growth per 100 calls',
        target: 'flat (< 1 per 100 calls)',
        value: round(audioPer100, 2),
        unit: 'elements',
        pass: audioPer100 < 1,
        notes: `live HTMLAudioElement objects by calls played: ${series((s) => s.audio)}`
      }
    ]
  } finally {
    const exited = new Promise<void>((r) => (chromium.exitCode !== null ? r() : chromium.once('exit', () => r())))
    chromium.kill('SIGTERM')
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
    if (chromium.exitCode === null) chromium.kill('SIGKILL')
    await harness
      .close()
      .catch((error: unknown) => console.warn(`soak bench: closing the harness: ${error instanceof Error ? error.message : String(error)}`))
    await demo.close().catch(() => undefined)
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(profileDir, { recursive: true, force: true })
  }
}
