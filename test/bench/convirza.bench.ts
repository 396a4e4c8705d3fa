/**
 * Issue 3's benchmarks: (1) parse and validate a 200-call page with all modules, target < 10 ms
 * median; (2) list all 10,000 calls of a query against the demo server with 50 ms added latency
 * at concurrency 4 and 1, side by side in one run, target ≥ 3× faster.
 */
import { parseCallsPage } from '../../src/shared/convirza/schemas'
import { fullPageText } from './convirza-page'
import { percentile, round, stdev, type BenchResult } from './types'

const PARSE_WARMUP = 30
const PARSE_RUNS = 300

async function parseBench(): Promise<BenchResult> {
  const text = fullPageText(200)
  const once = (): void => {
    const page = parseCallsPage(JSON.parse(text))
    if ('error' in page || page.calls.length !== 200 || page.issues.length) throw new Error('the bench page did not parse cleanly')
  }
  for (let i = 0; i < PARSE_WARMUP; i++) once()
  const samples: number[] = []
  for (let i = 0; i < PARSE_RUNS; i++) {
    const started = performance.now()
    once()
    samples.push(performance.now() - started)
  }
  const median = percentile(samples, 50)
  return {
    name: 'parse + validate a 200-call page, all modules (JSON.parse + parseCallsPage)',
    target: '< 10 ms median',
    value: round(median),
    unit: 'ms',
    pass: median < 10,
    notes: `${PARSE_RUNS} runs after ${PARSE_WARMUP} warm-up; p10 ${round(percentile(samples, 10))} ms, p90 ${round(percentile(samples, 90))} ms, stdev ${round(stdev(samples))} ms; page ${Math.round(text.length / 1024)} KiB`
  }
}

export async function run(): Promise<BenchResult[]> {
  return [await parseBench()]
}
