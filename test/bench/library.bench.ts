/**
 * Issue 5's library benchmarks: upsert 10,000 calls (p95 < 1 s); a filtered list query over
 * 100,000 cached calls (p95 < 20 ms); full-text search over 100,000 transcripts (p95 < 50 ms);
 * and the database size per 10,000 calls. (Recordings: library-recording.bench.ts.)
 * Records are synthetic but shaped like the API's, with transcripts of 150–450 words.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DISPOSITIONS } from '../../src/shared/convirza/schemas'
import { validateCallQuery, type CallQuery, type CallQueryInput } from '../../src/shared/convirza/query'
import { CallLibrary } from '../../src/main/services/library/call-library'
import { callerNumber, seededRandom, syntheticCalls, SYNTHETIC_DAYS, SYNTHETIC_EPOCH } from '../fixtures/library/synthetic-calls'
import { percentile, round, stdev, type BenchResult } from './types'

const FETCHED_AT = '2026-04-15T00:00:00.000Z'
const DAY = 86_400_000

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'library-bench-'))
}

function median(samples: readonly number[]): number {
  return percentile(samples, 50)
}

function validated(input: CallQueryInput): CallQuery {
  const result = validateCallQuery(input, new Date(SYNTHETIC_EPOCH + SYNTHETIC_DAYS * DAY))
  if (!result.ok) throw new Error(`bench query invalid: ${JSON.stringify(result.violations)}`)
  return result.query
}

const UPSERT_RUNS = 7

async function upsertBench(): Promise<BenchResult[]> {
  // Warm up the JIT and SQLite's code paths on a library that is not measured.
  const warmDir = tempDir()
  const warm = new CallLibrary(warmDir)
  warm.upsertCalls(syntheticCalls(2000, { seed: 99 }), FETCHED_AT)
  warm.close()
  rmSync(warmDir, { recursive: true, force: true })

  const runs: number[] = []
  const again: number[] = []
  for (let run = 0; run < UPSERT_RUNS; run += 1) {
    const dir = tempDir()
    const library = new CallLibrary(dir)
    try {
      const calls = syntheticCalls(10_000, { seed: 10 + run })
      let start = performance.now()
      library.upsertCalls(calls, FETCHED_AT)
      runs.push(performance.now() - start)
      // The same calls fetched again (a list refreshed): every row is an update.
      start = performance.now()
      library.upsertCalls(calls, '2026-04-16T00:00:00.000Z')
      again.push(performance.now() - start)
    } finally {
      library.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
  return [
    {
      name: 'upsert 10,000 new calls (one transaction)',
      // Issue 5 says "< 1 s" for every upsert, not for a typical one: the gate is the p95 of the runs.
      target: '< 1000 ms p95',
      value: round(percentile(runs, 95)),
      unit: 'ms',
      pass: percentile(runs, 95) < 1000,
      notes: `${UPSERT_RUNS} runs after a warm-up, fresh library each; p95 (the gate) ${round(percentile(runs, 95))}, median ${round(median(runs))}, min ${round(Math.min(...runs))}, max ${round(Math.max(...runs))}, stdev ${round(stdev(runs))}`
    },
    {
      name: 'upsert 10,000 calls already stored (fetched again)',
      target: 'info',
      value: round(median(again)),
      unit: 'ms',
      pass: null,
      notes: `${UPSERT_RUNS} runs; the text is unchanged, so nothing is reindexed; min ${round(Math.min(...again))}, max ${round(Math.max(...again))}`
    }
  ]
}

/** Filters people use, mixed: date windows, dispositions, a campaign, a caller, an org unit; shallow and deep pages. */
function listQueries(count: number): CallQuery[] {
  const random = seededRandom(42)
  const queries: CallQuery[] = []
  for (let i = 0; i < count; i += 1) {
    const days = [1, 7, 14, 31][i % 4] as number
    const startMs = SYNTHETIC_EPOCH + Math.floor(random() * (SYNTHETIC_DAYS - days)) * DAY
    const input: CallQueryInput = { start: new Date(startMs).toISOString(), end: new Date(startMs + days * DAY).toISOString() }
    switch (i % 6) {
      case 0:
        input.disposition = ['ANSWERED']
        break
      case 1:
        input.disposition = [DISPOSITIONS[1 + Math.floor(random() * 6)] as string, 'VOICEMAIL']
        break
      case 2:
        input.campaign_id = 300 + Math.floor(random() * 30)
        break
      case 3:
        input.caller_id = `+${callerNumber(Math.floor(random() * 5000))}`
        break
      case 4:
        input.org_unit_id = 1200 + Math.floor(random() * 10)
        input.disposition = ['ANSWERED', 'TRANSFERRED']
        break
      default:
        break
    }
    input.offset = [0, 0, 200, 1000, 5000][Math.floor(random() * 5)] as number
    queries.push(validated(input))
  }
  return queries
}

function textQueries(): string[] {
  return ['inspection', 'roof leak', 'hail damage', 'asbestos', 'kumquat', 'insurance claim', 'financ', 'schedule thursday', '"storm damage"', 'warranty refund', 'sol', 'Okafor', 'Price shopper', 'callback manager']
}

function measure(run: () => void, times: number): number[] {
  for (let i = 0; i < 10; i += 1) run()
  const samples: number[] = []
  for (let i = 0; i < times; i += 1) {
    const start = performance.now()
    run()
    samples.push(performance.now() - start)
  }
  return samples
}

async function largeLibraryBench(): Promise<BenchResult[]> {
  const dir = tempDir()
  const library = new CallLibrary(dir)
  try {
    const buildStart = performance.now()
    for (let batch = 0; batch < 10; batch += 1) library.upsertCalls(syntheticCalls(10_000, { seed: 7 }, batch * 10_000), FETCHED_AT)
    const buildSeconds = (performance.now() - buildStart) / 1000
    library.db.pragma('wal_checkpoint(TRUNCATE)')
    library.db.pragma('optimize')
    const bytes = library.stats().databaseBytes

    const queries = listQueries(60)
    let q = 0
    const listSamples = measure(() => {
      library.list(queries[q++ % queries.length] as CallQuery)
    }, 600)

    const texts = textQueries()
    const window = validated({ start: new Date(SYNTHETIC_EPOCH + 9 * DAY).toISOString(), end: new Date(SYNTHETIC_EPOCH + 40 * DAY).toISOString() })
    let t = 0
    let matched = 0
    const searchSamples = measure(() => {
      matched += library.list(window, { text: texts[t++ % texts.length] as string }).total
    }, 420)

    const p95List = percentile(listSamples, 95)
    const p95Search = percentile(searchSamples, 95)
    return [
      {
        name: 'filtered list query over 100,000 cached calls (page of 200 + total)',
        target: '< 20 ms p95',
        value: round(p95List),
        unit: 'ms',
        pass: p95List < 20,
        notes: `600 queries mixing date windows (1–31 days), dispositions, campaign, caller, org unit, offsets 0–5000; p50 ${round(median(listSamples))}, max ${round(Math.max(...listSamples))}`
      },
      {
        name: 'full-text search over 100,000 transcripts (page of 200 + total)',
        target: '< 50 ms p95',
        value: round(p95Search),
        unit: 'ms',
        pass: p95Search < 50,
        notes: `420 searches (${texts.length} texts: common and rare words, prefixes, phrases, names) over a 31-day window holding ~77,000 calls; p50 ${round(median(searchSamples))}, max ${round(Math.max(...searchSamples))}; ${Math.round(matched / 420)} matches on average`
      },
      {
        name: 'library database size per 10,000 calls',
        target: 'report',
        value: round(bytes / 10 / 1024 ** 2, 1),
        unit: 'MB',
        pass: null,
        notes: `100,000 calls with every module and 150–450-word transcripts: ${round(bytes / 1024 ** 2, 1)} MB in all (records as JSON, indexes, full-text index); built in ${round(buildSeconds, 1)} s`
      }
    ]
  } finally {
    library.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function run(): Promise<BenchResult[]> {
  return [...(await upsertBench()), ...(await largeLibraryBench())]
}
