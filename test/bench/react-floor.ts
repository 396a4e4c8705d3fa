/**
 * The cold-start benchmark's peer: the least a React page can take on this machine. A page that
 * is React and nothing else (the app's own react and react-dom, built by the same bundler and
 * minifier, served from loopback as the harness serves the app) renders 40 rows into a grid, and
 * is timed exactly as the app is (a fresh browser and profile each start, same flags and
 * viewport, from navigation start): first paint, and the frame with its rows. No data is asked
 * for and no app code runs, so the app's figures over these are what the app itself adds.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { chromium } from '@playwright/test'
import { build } from 'vite'
import { pageSignal, reportSource } from './page-signal'

export const FLOOR_ROWS = 40

export interface FloorTimes {
  firstPaint: number
  rows: number
}

const PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="UTF-8" /><title>React floor</title><meta name="color-scheme" content="light dark" /></head>
  <body><div id="root"></div><script type="module" src="./main.js"></script></body>
</html>`

const ENTRY = `import { createElement as h } from 'react'
import { createRoot } from 'react-dom/client'
const rows = Array.from({ length: ${FLOOR_ROWS} }, (_, i) =>
  h('div', { role: 'row', key: i, 'aria-rowindex': i + 2, 'aria-label': 'Call ' + i }, h('span', { role: 'gridcell' }, 'Call ' + i)))
createRoot(document.getElementById('root')).render(h('div', { role: 'grid', 'aria-label': 'Calls' }, rows))
`

/** What the page logs, with its times as JSON. */
const SIGNAL = 'react-floor-times:'

/** Same check as the app's timing script: the frame with the grid's first data row. */
const TIMING = `(() => {
  const frame = () => {
    if (document.querySelector('[role="grid"] [role="row"][aria-rowindex="2"][aria-label]')) (${reportSource(SIGNAL)})({ rows: performance.now() });
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' }

export async function measureReactFloor(runs: number, chromiumArgs: string[]): Promise<FloorTimes[]> {
  // Inside the project, so the page's imports resolve to the app's own node_modules.
  const cache = resolve(process.cwd(), 'node_modules/.cache')
  mkdirSync(cache, { recursive: true })
  const work = mkdtempSync(join(cache, 'react-floor-'))
  try {
    writeFileSync(join(work, 'index.html'), PAGE)
    writeFileSync(join(work, 'main.js'), ENTRY)
    const out = join(work, 'dist')
    await build({
      configFile: false,
      root: work,
      base: './',
      logLevel: 'silent',
      // As electron-vite builds the app's renderer: no modulepreload polyfill (Chromium has it).
      build: { outDir: out, minify: true, emptyOutDir: true, modulePreload: { polyfill: false } }
    })
    const server = createServer((req, res) => {
      const path = normalize(join(out, req.url === '/' ? 'index.html' : decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)))
      if (!path.startsWith(out + sep)) return void res.writeHead(404).end()
      let body: Buffer
      try {
        body = readFileSync(path)
      } catch {
        return void res.writeHead(404).end()
      }
      res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' })
      res.end(body)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    if (!address || typeof address === 'string') throw new Error('react floor: the server has no port')
    const url = `http://127.0.0.1:${address.port}/`
    const times: FloorTimes[] = []
    try {
      for (let i = 0; i < runs; i += 1) {
        const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: chromiumArgs })
        try {
          const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
          await page.addInitScript({ content: TIMING })
          const reported = pageSignal<FloorTimes>(page, SIGNAL, 30_000)
          await page.goto(url, { waitUntil: 'commit' })
          times.push(await reported)
        } finally {
          await browser.close()
        }
      }
    } finally {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
    return times
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
