/**
 * The production renderer bundle (out/renderer, from `npx electron-vite build`), chunk by chunk:
 * its size as shipped and gzipped, and whether it is parsed before the first screen (the entry
 * script and the chunks index.html preloads) or loaded on demand (React.lazy). Pass means: the
 * code is minified, and the screens the first view does not need — QA session, settings,
 * scorecard templates, export, the Team sheet — are chunks of their own outside the initial set.
 * Sizes do not depend on load; nothing here is timed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { RENDERER_ROOT } from '../e2e/harness/harness'
import { round, type BenchResult } from './types'

/** The screens that must load on demand, by the module their chunk is named after. */
const ON_DEMAND = ['QaSessionPanel', 'SettingsDialog', 'TemplatesDialog', 'ExportReviewsDialog', 'CalibrationsDialog'] as const

const kb = (bytes: number): number => round(bytes / 1024, 1)

export async function run(): Promise<BenchResult[]> {
  const assets = join(RENDERER_ROOT, 'assets')
  if (!existsSync(join(RENDERER_ROOT, 'index.html')))
    throw new Error(`No renderer build in ${RENDERER_ROOT}: run \`npx electron-vite build\` first, then the bench again.`)
  const html = readFileSync(join(RENDERER_ROOT, 'index.html'), 'utf8')
  const initial = new Set([...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.js)"/g)].map((m) => m[1] as string))
  const chunks = readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((file) => {
      const text = readFileSync(join(assets, file))
      return { file, bytes: text.length, gzip: gzipSync(text).length, initial: initial.has(file), lines: text.toString('utf8').split('\n').length }
    })
    .sort((a, b) => b.bytes - a.bytes)

  const sum = (list: typeof chunks, key: 'bytes' | 'gzip'): number => list.reduce((n, c) => n + c[key], 0)
  const first = chunks.filter((c) => c.initial)
  const later = chunks.filter((c) => !c.initial)
  // Minified code has long lines: fewer than one line break a kilobyte in every large chunk.
  const unminified = chunks.filter((c) => c.bytes > 10_000 && c.lines > c.bytes / 1000)
  const missing = ON_DEMAND.filter((name) => !later.some((c) => c.file.startsWith(`${name}-`)))

  const results: BenchResult[] = [
    {
      name: 'renderer JS parsed before the first screen (entry + preloaded chunks)',
      target: 'minified; QA session, settings, templates, export, Team sheet load on demand',
      value: kb(sum(first, 'bytes')),
      unit: 'KB',
      pass: unminified.length === 0 && missing.length === 0,
      notes:
        `${kb(sum(first, 'gzip'))} KB gzipped, ${first.length} files; on demand: ${kb(sum(later, 'bytes'))} KB in ${later.length} files` +
        (unminified.length ? `; NOT minified: ${unminified.map((c) => c.file).join(', ')}` : '') +
        (missing.length ? `; NOT a separate on-demand chunk: ${missing.join(', ')}` : '')
    }
  ]
  for (const c of chunks)
    results.push({
      name: `chunk ${c.file.replace(/-[\w-]{8}\.js$/, '.js')} (${c.initial ? 'initial' : 'on demand'})`,
      target: 'reported',
      value: kb(c.bytes),
      unit: 'KB',
      pass: null,
      notes: `${kb(c.gzip)} KB gzipped`
    })
  const css = readdirSync(assets).filter((f) => f.endsWith('.css'))
  for (const file of css) {
    const text = readFileSync(join(assets, file))
    results.push({
      name: `stylesheet ${file.replace(/-[\w-]{8}\.css$/, '.css')}`,
      target: 'reported',
      value: kb(text.length),
      unit: 'KB',
      pass: null,
      notes: `${kb(gzipSync(text).length)} KB gzipped`
    })
  }
  return results
}
