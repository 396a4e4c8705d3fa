/**
 * Issue 3's benchmarks: (1) parse and validate a 200-call page with all modules, target < 10 ms
 * median; (2) list all 10,000 calls of a query against the demo server with 50 ms added latency
 * at concurrency 4 and 1, side by side in one run, target ≥ 3× faster.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseCallsPage } from '../../src/shared/convirza/schemas'
import { percentile, round, stdev, type BenchResult } from './types'

/**
 * A 200-call page with every module (tags, comments, custom sources, call flow, recordings,
 * transcription, indicators, voice-agent data), built from the vendor's own example record so
 * the benchmark parses what the API really sends.
 */
const TRANSCRIPT_TURNS = [
  'Caller: Hi, I am calling about a roof inspection for my house on Maple Street.',
  'Agent: Sure, I can help with that. Can I have your name and the best number to reach you?',
  'Caller: It is John Doe, and this number is fine.',
  'Agent: Great. We have openings Thursday morning or Friday afternoon. Which works better?',
  'Caller: Thursday morning, please. Around nine if possible.'
]

function fullPageText(count = 200): string {
  const example = JSON.parse(readFileSync(resolve(process.cwd(), 'test/fixtures/get-calls-list.example.json'), 'utf8')) as {
    data: { calls: Record<string, unknown>[] }
  }
  const record = example.data.calls[0] as Record<string, unknown> & { tags: unknown[]; comments: unknown[]; indicators: unknown[] }
  const calls = Array.from({ length: count }, (_, i) => ({
    ...structuredClone(record),
    call_id: 1_000_000 + i,
    call_started: new Date(Date.UTC(2026, 1, 14, 18, 0, i)).toISOString(),
    tags: [record.tags[0], record.tags[0], record.tags[0]],
    comments: [record.comments[0], record.comments[0]],
    indicators: Array.from({ length: 6 }, () => record.indicators[0]),
    call_flow: { id: 77, name: 'Main IVR', steps: [{ type: 'greeting' }, { type: 'menu', options: ['1', '2', '3'] }, { type: 'ring', to: '18015550000' }] },
    transcription: Array.from({ length: 8 }, () => TRANSCRIPT_TURNS.join('\n')).join('\n')
  }))
  return JSON.stringify({ code: 200, message: 'Success', data: { total: 10_000, calls }, request_id: 'bench', timestamp: '2026-03-01T00:00:00Z' })
}

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
