/**
 * The library benchmarks: upsert 10,000 calls (< 1 s, the median, until committed and until
 * searchable); a filtered list query over
 * 100,000 cached calls (p95 < 20 ms); full-text search over 100,000 transcripts (p95 < 50 ms);
 * and the database size per 10,000 calls. (Recordings: library-recording.bench.ts.)
 * Records are synthetic but shaped like the API's, with transcripts of 150–450 words.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DISPOSITIONS } from '@shared/convirza/schemas'
import { validateCallQuery, type CallQuery, type CallQueryInput } from '@shared/convirza/query'
import { CallLibrary } from '@main/services/library/call-library'
import { SyncState } from '@main/services/library/sync-state'
import { BATCH_CALLS } from '@main/services/library/page-writer'
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

/** Runs of the gated upsert; 20, so that the p95 in its notes means more than the slowest run. */
const UPSERT_RUNS = 20
/** Runs of the figures reported beside it. */
const INFO_RUNS = 7
const UPSERT_CALLS = 10_000
/** The API's largest page (docs/convirza-api.md: limit 1–200): what one list request or one sync page stores. */
const PAGE = 200

/** A full collection when the bench runs with --expose-gc (npm run bench does), so garbage left by generating the calls is not collected inside a timed run. */
function collectGarbage(): void {
  ;(globalThis as { gc?: () => void }).gc?.()
}

async function upsertBench(): Promise<BenchResult[]> {
  const syncQuery = validated({ start: new Date(SYNTHETIC_EPOCH).toISOString(), end: new Date(SYNTHETIC_EPOCH + 31 * DAY).toISOString() })
  // Warm-up, timed but not gated: the process's first 10,000-call upsert also first-touches the
  // memory the transaction needs (SQLite's page caches, the full-text index's hash table on its
  // thread, V8's heap); on this VM those page faults cost up to half as much again once per
  // process, depending on its memory phase. The gate is steady state, and this figure is in the
  // results beside it.
  const warmDir = tempDir()
  const warm = new CallLibrary(warmDir)
  const warmCalls = syntheticCalls(UPSERT_CALLS, { seed: 99 })
  collectGarbage()
  let start = performance.now()
  warm.upsertCalls(warmCalls, FETCHED_AT)
  const cold = performance.now() - start
  warm.close()
  rmSync(warmDir, { recursive: true, force: true })

  const runs: number[] = []
  const searchable: number[] = []
  const again: number[] = []
  const paged: number[] = []
  const pagedAlone: number[] = []
  for (let run = 0; run < UPSERT_RUNS; run += 1) {
    const calls = syntheticCalls(UPSERT_CALLS, { seed: 10 + run })
    let dir = tempDir()
    let library = new CallLibrary(dir)
    try {
      collectGarbage()
      start = performance.now()
      library.upsertCalls(calls, FETCHED_AT)
      runs.push(performance.now() - start)
      // The search index is written on its own thread while the upsert runs: until a search
      // finds every one of the calls (what list() with text waits for).
      library.search.settle()
      searchable.push(performance.now() - start)
      if (run < INFO_RUNS) {
        // The same calls fetched again (a list refreshed): every row is an update.
        start = performance.now()
        library.upsertCalls(calls, '2026-04-16T00:00:00.000Z')
        again.push(performance.now() - start)
      }
    } finally {
      library.close()
      rmSync(dir, { recursive: true, force: true })
    }
    if (run >= INFO_RUNS) continue
    // The same calls as a "make available offline" job stores them: pages of 200 with the job's
    // progress (SyncState#storePages, the code the sync runs), batched as PageWriter batches
    // pages that arrive together (BATCH_CALLS calls a transaction), and, for comparison, a page a transaction.
    for (const [pagesPerCommit, samples] of [
      [BATCH_CALLS / PAGE, paged],
      [1, pagedAlone]
    ] as const) {
      dir = tempDir()
      library = new CallLibrary(dir)
      try {
        const state = new SyncState(library)
        const job = state.create('bench', syncQuery, PAGE, FETCHED_AT)
        const pages = Array.from({ length: UPSERT_CALLS / PAGE }, (_, index) => ({
          index,
          page: { total: calls.length, calls: calls.slice(index * PAGE, (index + 1) * PAGE) }
        }))
        collectGarbage()
        start = performance.now()
        for (let first = 0; first < pages.length; first += pagesPerCommit)
          state.storePages(job.id, pages.slice(first, first + pagesPerCommit), FETCHED_AT)
        samples.push(performance.now() - start)
      } finally {
        library.close()
        rmSync(dir, { recursive: true, force: true })
      }
    }
  }
  const spread = (samples: readonly number[]): string =>
    `median ${round(median(samples))}, p95 ${round(percentile(samples, 95))}, min ${round(Math.min(...samples))}, max ${round(Math.max(...samples))}, stdev ${round(stdev(samples))}; ${samples.filter((ms) => ms >= 1000).length} of ${samples.length} runs took 1 s or more`
  const typical = median(runs)
  const typicalSearchable = median(searchable)
  return [
    {
      name: 'upsert 10,000 new calls (one transaction)',
      // The queries have p95 targets and the upsert a plain one, gated here
      // like the other plain targets (parse, seed, select-to-paint): the median; the tail is in the notes.
      target: '< 1000 ms median',
      value: round(typical),
      unit: 'ms',
      pass: typical < 1000,
      notes: `${UPSERT_RUNS} runs after a 10,000-call warm-up, fresh library each; until the transaction committed (the search index is written on its own thread meanwhile); ${spread(runs)}`
    },
    {
      // Held to the same target, so moving the indexing to a thread cannot hide its cost.
      name: 'upsert 10,000 new calls, until every one is found by search',
      target: '< 1000 ms median',
      value: round(typicalSearchable),
      unit: 'ms',
      pass: typicalSearchable < 1000,
      notes: `the same ${UPSERT_RUNS} runs, until the search index's thread has committed them too (SearchIndex#settle); ${spread(searchable)}`
    },
    {
      name: 'upsert 10,000 new calls, the first in the process (cold memory)',
      target: 'info',
      value: round(cold),
      unit: 'ms',
      pass: null,
      notes: 'the warm-up run above: the same work, plus the page faults of memory the process touches for the first time'
    },
    {
      name: `store 10,000 new calls as a sync does (pages of 200, ${BATCH_CALLS.toLocaleString('en-US')} calls a transaction)`,
      target: 'info',
      value: round(median(paged)),
      unit: 'ms',
      pass: null,
      notes: `${INFO_RUNS} runs, median; min ${round(Math.min(...paged))}, max ${round(Math.max(...paged))}; with progress kept per page (SyncState#storePages)`
    },
    {
      name: 'store 10,000 new calls a page of 200 a transaction (how a sync stored them before batching)',
      target: 'info',
      value: round(median(pagedAlone)),
      unit: 'ms',
      pass: null,
      notes: `${INFO_RUNS} runs, median; min ${round(Math.min(...pagedAlone))}, max ${round(Math.max(...pagedAlone))}; each commit writes every index and full-text page it touched again`
    },
    {
      name: 'upsert 10,000 calls already stored (fetched again)',
      target: 'info',
      value: round(median(again)),
      unit: 'ms',
      pass: null,
      notes: `${INFO_RUNS} runs; the text is unchanged, so nothing is reindexed; min ${round(Math.min(...again))}, max ${round(Math.max(...again))}`
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
  return [
    'inspection',
    'roof leak',
    'hail damage',
    'asbestos',
    'kumquat',
    'insurance claim',
    'financ',
    'schedule thursday',
    '"storm damage"',
    'warranty refund',
    'sol',
    'Okafor',
    'Price shopper',
    'callback manager'
  ]
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
    library.search.settle()
    const buildSeconds = (performance.now() - buildStart) / 1000
    // Both files: the library's and its search index's.
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
        notes: `100,000 calls with every module and 150–450-word transcripts: ${round(bytes / 1024 ** 2, 1)} MB in all (records as JSON, indexes, and the full-text index's own file); built in ${round(buildSeconds, 1)} s`
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
