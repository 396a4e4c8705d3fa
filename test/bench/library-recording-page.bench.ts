/**
 * The recording target, "a cached recording from protocol request to first audio in the page: < 300 ms",
 * measured in the page. Chromium opens the built renderer through the end-to-end harness (the
 * app's real services; the harness's /recording/<id> route is the recording:// protocol's
 * handler, RecordingCache#serve). The demo's longest recordings (three 40-minute WAVs of about
 * 40 MB, then minutes-long ones) are cached by playing them once through the cache; the demo
 * server is then stopped, so every byte played below comes from disk. Each run makes a howler
 * Howl with `html5: true` (as the player store does) on the recording's URL and plays it: the
 * clock starts as the Howl is made (its audio element requests the URL at once) and stops when
 * the element's currentTime has moved past 0, i.e. audio is coming out. The time to howler's
 * 'play' event is reported too. For comparison, the same for recordings not cached yet (passed
 * through from the demo API).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { startDemoServer } from '@main/services/demo-server'
import { MemorySecretStore } from '@main/services/secrets/memory-secret-store'
import type { CallDetail, CallListPage } from '@shared/ipc/contract/calls'
import { RENDERER_ROOT, startHarness, type Harness } from '../e2e/harness/harness'
import { percentile, round, type BenchResult } from './types'

const CACHED_CALLS = 5
const RUNS = 25
const UNCACHED_RUNS = 5

const median = (s: readonly number[]): number => percentile(s, 50)
const spread = (s: readonly number[]): string =>
  `${s.length} runs; median ${round(median(s))} ms, p95 ${round(percentile(s, 95))} ms, min ${round(Math.min(...s))}, max ${round(Math.max(...s))}`

async function ask<T>(harness: Harness, channel: string, payload: unknown): Promise<T> {
  const result = await harness.services.dispatch(channel, payload, { senderUrl: harness.url })
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.value as T
}

interface Recording {
  callId: number
  url: string
  seconds: number
}

/** The `count` longest calls with a recording in the last 30 days (the demo's three 40-minute ones first). */
async function recordings(harness: Harness, count: number): Promise<Recording[]> {
  const end = new Date()
  const query = { start: new Date(end.getTime() - 30 * 86_400_000).toISOString(), end: end.toISOString(), limit: 200 }
  const items: CallListPage['items'] = []
  for (let offset = 0; ; offset += 200) {
    const page = await ask<CallListPage>(harness, 'calls:list', { query: { ...query, offset }, source: 'network' })
    items.push(...page.items)
    if (offset + 200 >= page.total) break
  }
  items.sort((a, b) => (b.durationSeconds ?? 0) - (a.durationSeconds ?? 0))
  const found: Recording[] = []
  for (const item of items) {
    const detail = await ask<CallDetail>(harness, 'calls:get', { callId: item.callId })
    if (detail.recording.available && detail.recording.url)
      found.push({ callId: item.callId, url: detail.recording.url, seconds: item.durationSeconds ?? 0 })
    if (found.length === count) break
  }
  return found
}

/** Play it once through the cache (the whole body read), then wait until the cache holds it. */
async function cache(harness: Harness, recording: Recording): Promise<void> {
  const response = await fetch(recording.url)
  await response.arrayBuffer()
  for (let i = 0; i < 600; i += 1) {
    if ((await ask<CallDetail>(harness, 'calls:get', { callId: recording.callId })).recording.offline) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`call ${recording.callId}'s recording was not cached within 30 s`)
}

/** ms from making the Howl to howler's 'play' event and to the audio element's clock moving. */
async function playOnce(page: Page, url: string): Promise<{ play: number; audio: number }> {
  return page.evaluate(
    (src) =>
      new Promise<{ play: number; audio: number }>((resolve, reject) => {
        type Sound = {
          _sounds: { _node: HTMLAudioElement }[]
          on: (e: string, f: (...a: unknown[]) => void) => void
          play: () => number
          unload: () => void
        }
        const { Howl } = window as unknown as { Howl: new (o: object) => Sound }
        const started = performance.now()
        let play = Number.NaN
        const howl = new Howl({ src: [src], html5: true, format: ['mp3', 'wav'], preload: true })
        const node = howl._sounds[0]?._node
        if (!node) return reject(new Error('howler made no audio element'))
        const timer = setTimeout(() => finish(new Error('no audio within 10 s')), 10_000)
        const poll = setInterval(() => {
          if (node.currentTime > 0) finish(null)
        }, 1)
        const finish = (error: Error | null): void => {
          const audio = performance.now() - started
          clearInterval(poll)
          clearTimeout(timer)
          howl.unload()
          if (error) reject(error)
          else resolve({ play, audio })
        }
        howl.on('play', () => (play = performance.now() - started))
        howl.on('loaderror', (_id, code) => finish(new Error(`loaderror ${String(code)}`)))
        howl.on('playerror', (_id, code) => finish(new Error(`playerror ${String(code)}`)))
        node.addEventListener('timeupdate', () => node.currentTime > 0 && finish(null))
        howl.play()
      }),
    url
  )
}

export async function run(): Promise<BenchResult[]> {
  if (!existsSync(join(RENDERER_ROOT, 'index.html'))) throw new Error('out/renderer is missing: run "npx electron-vite build" before this benchmark.')
  const howler = createRequire(__filename).resolve('howler/dist/howler.min.js')
  const dataDir = mkdtempSync(join(tmpdir(), 'recording-page-bench-'))
  const demo = await startDemoServer({ calls: 1000, seed: 5, spanDays: 30 })
  let demoClosed = false
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
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    // As playwright.config.ts: recordings play without a user gesture.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--autoplay-policy=no-user-gesture-required'
    ]
  })
  try {
    await ask(harness, 'auth:signInDemo', {})
    const all = await recordings(harness, CACHED_CALLS + UNCACHED_RUNS)
    if (all.length < CACHED_CALLS + UNCACHED_RUNS) throw new Error(`only ${all.length} calls with a recording in the demo's last 30 days`)
    const cached = all.slice(0, CACHED_CALLS)
    for (const recording of cached) await cache(harness, recording)

    // The app's own page (the CSP is bypassed only so the test can add howler as a script).
    const context = await browser.newContext({ bypassCSP: true })
    // tsx keeps function names with a `__name` helper that page.evaluate's copies do not carry.
    await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f)' })
    const page = await context.newPage()
    await harness.attach(page)
    await page.goto(harness.url)
    await page.getByRole('grid', { name: 'Calls' }).waitFor({ timeout: 60_000 })
    await page.addScriptTag({ path: howler })

    // Not cached yet: the page's request is passed through from the demo API while the file caches.
    const uncached: number[] = []
    for (const recording of all.slice(CACHED_CALLS, CACHED_CALLS + UNCACHED_RUNS)) uncached.push((await playOnce(page, recording.url)).audio)

    await demo.close()
    demoClosed = true
    await playOnce(page, `${cached[0]?.url}?warm-up`)
    const toAudio: number[] = []
    const toPlay: number[] = []
    const long: number[] = []
    const short: number[] = []
    for (let i = 0; i < RUNS; i += 1) {
      const recording = cached[i % cached.length] as Recording
      // A new URL each run, so nothing the browser kept of an earlier run answers it.
      const { play, audio } = await playOnce(page, `${recording.url}?run=${i}`)
      toAudio.push(audio)
      toPlay.push(play)
      if (recording.seconds >= 40 * 60) long.push(audio)
      else short.push(audio)
    }
    const lengths = cached.map((r) => `${round(r.seconds / 60, 1)} min`).join(', ')
    return [
      {
        name: 'cached recording: from the page’s request to first audio (Howl html5, currentTime > 0)',
        target: '< 300 ms median',
        value: round(median(toAudio)),
        unit: 'ms',
        pass: median(toAudio) < 300,
        notes: `${spread(toAudio)}; ${CACHED_CALLS} cached recordings (${lengths}) served from disk by RecordingCache#serve with the demo API stopped; median ${round(median(long))} ms for the 40-minute ones, ${round(median(short))} ms for the short ones; howler's 'play' event at median ${round(median(toPlay))} ms`
      },
      {
        name: 'uncached recording: from the page’s request to first audio, passed through from the demo API',
        target: 'info',
        value: round(median(uncached)),
        unit: 'ms',
        pass: null,
        notes: `${spread(uncached)}; loopback demo server, each a different recording not cached before (${all
          .slice(CACHED_CALLS)
          .map((r) => `${round(r.seconds / 60, 1)} min`)
          .join(', ')}: shorter than the cached set, so not comparable with it), caching in the background as it plays`
      }
    ]
  } finally {
    await browser.close()
    await harness.close()
    if (!demoClosed) await demo.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
