/**
 * `npm run bench [filter]`: imports every test/bench/*.bench.ts (or only the files whose name
 * contains `filter`), runs them one after another so they do not disturb each other's timings,
 * and writes test/bench/results.json (with the machine it ran on) and test/bench/results.md.
 * A filtered run replaces only its own files' entries, keeping the others' last results.
 * Exits 1 when a bench threw or missed its target, so a pipeline can gate on it.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { arch, cpus, loadavg, platform, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BenchModule, BenchResult } from './types'

interface FileResults {
  ranAt: string
  results: BenchResult[]
}

interface ResultsDocument {
  machine: {
    cpuModel: string
    cores: number
    node: string
    platform: string
    totalMemoryGb: number
    date: string
    /** 1-minute load average when the run started: other work on the machine skews timings. */
    loadAverage: number
    /**
     * Milliseconds to first touch 256 MB of fresh memory (one write a 4 KB page), at the start and
     * the end of the run: the page-fault cost. On a VM whose host hands out memory lazily it is
     * high and drifts (on the 2-core VM these benches were written on: 810–910 ms, about 13 µs a
     * page), taking memory-heavy benches (the library's upserts, the renderer's) with it. Compare
     * runs only when these are alike.
     */
    firstTouch256MbMs: { start: number; end: number }
  }
  files: Record<string, FileResults>
}

const benchDir = resolve(process.cwd(), 'test/bench')
const resultsJson = join(benchDir, 'results.json')
const resultsMd = join(benchDir, 'results.md')

function machine(): ResultsDocument['machine'] {
  const cpu = cpus()
  return {
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    node: process.version,
    platform: `${platform()} ${arch()}`,
    totalMemoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    date: new Date().toISOString(),
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    firstTouch256MbMs: { start: firstTouchMs(), end: Number.NaN }
  }
}

function firstTouchMs(): number {
  const start = performance.now()
  const bytes = Buffer.allocUnsafeSlow(256 * 1024 * 1024)
  for (let i = 0; i < bytes.length; i += 4096) bytes[i] = 1
  return Math.round(performance.now() - start)
}

/** The last results of the bench files that still exist; a deleted or renamed file's are dropped. */
function previousFiles(): Record<string, FileResults> {
  if (!existsSync(resultsJson)) return {}
  try {
    const files = (JSON.parse(readFileSync(resultsJson, 'utf8')) as ResultsDocument).files ?? {}
    return Object.fromEntries(Object.entries(files).filter(([file]) => existsSync(join(benchDir, file))))
  } catch {
    return {}
  }
}

async function runFile(file: string): Promise<BenchResult[]> {
  try {
    const module = (await import(pathToFileURL(join(benchDir, file)).href)) as Partial<BenchModule>
    if (typeof module.run !== 'function') throw new Error('exports no run(): Promise<BenchResult[]>')
    return await module.run()
  } catch (error) {
    return [
      {
        name: `${file} failed to run`,
        target: '-',
        value: Number.NaN,
        unit: '',
        pass: false,
        notes: error instanceof Error ? error.message : String(error)
      }
    ]
  }
}

function verdict(pass: boolean | null): string {
  return pass === null ? 'info' : pass ? 'PASS' : 'FAIL'
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

function markdown(doc: ResultsDocument): string {
  const m = doc.machine
  const lines = [
    '# Benchmark results',
    '',
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.totalMemoryGb} GB, ${m.platform}, Node ${m.node}. Run: ${m.date}, 1-minute load average ${m.loadAverage} at the start. First touch of 256 MB of fresh memory: ${m.firstTouch256MbMs.start} ms at the start, ${m.firstTouch256MbMs.end} ms at the end (page faults; memory-heavy benches follow them).`,
    '',
    '| file | benchmark | value | target | result | notes |',
    '|---|---|---|---|---|---|'
  ]
  for (const [file, entry] of Object.entries(doc.files).sort(([a], [b]) => a.localeCompare(b)))
    for (const r of entry.results)
      lines.push(`| ${file} | ${cell(r.name)} | ${r.value} ${cell(r.unit)} | ${cell(r.target)} | ${verdict(r.pass)} | ${cell(r.notes ?? '')} |`)
  return lines.join('\n') + '\n'
}

async function main(): Promise<void> {
  const filter = process.argv[2]
  const files = readdirSync(benchDir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => !filter || f.includes(filter))
    .sort()
  if (files.length === 0) {
    console.error(`No benchmark matches "${filter ?? ''}" in ${benchDir}.`)
    process.exit(1)
  }
  const doc: ResultsDocument = { machine: machine(), files: previousFiles() }
  for (const file of files) {
    console.log(`running ${file} …`)
    doc.files[file] = { ranAt: new Date().toISOString(), results: await runFile(file) }
  }
  doc.machine.firstTouch256MbMs.end = firstTouchMs()
  writeFileSync(resultsJson, JSON.stringify(doc, null, 2) + '\n')
  const table = markdown(doc)
  writeFileSync(resultsMd, table)
  console.log('\n' + table)
  const failed = files.flatMap((f) => doc.files[f]?.results ?? []).filter((r) => r.pass === false)
  if (failed.length) {
    console.error(`${failed.length} benchmark(s) missed their target or failed to run.`)
    process.exitCode = 1
  }
  // Benches may leave keep-alive sockets or timers behind; the results are written.
  process.exit(process.exitCode ?? 0)
}

void main()
