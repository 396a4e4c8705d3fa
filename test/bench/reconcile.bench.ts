/**
 * What checking that pages add up costs (docs/decisions/offset-paging-is-checked.md), against
 * the live-account test server with 50 ms added latency:
 * (1) listing 10,000 calls at concurrency 4 vs one page at a time, with the checks in place:
 *     ≥ 3.5× faster, and within 20 % of the physical floor, pages × latency ÷ concurrency. The
 *     server runs in a child process (live-account-child.ts): a real one is remote, and in this
 *     process building its pages took CPU the client's own paging then waited behind;
 * (2) an offline sync of 10,000 calls (real client, sync job and library) during which 1 % of
 *     the calls arrive late, beside a sync of a stable range: ≤ 1.3× its time.
 *
 * The calls have no recordings here: the target is about the listing and its check, and with a
 * 64 KB recording a call each sync also downloaded 10,000 files through the 50 ms latency
 * (about 3 minutes a sync at 3 downloads at once, 640 MB written), so four syncs never finished
 * on a loaded machine. Every sync is also bounded in time (SYNC_TIMEOUT_MS): one that takes
 * longer is cancelled and the bench fails saying so, rather than running on.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { SyncProgress } from '@shared/ipc/contract/library'
import { CallLibrary } from '@main/services/library/call-library'
import { RecordingCache } from '@main/services/library/recording-cache'
import { SyncJobs } from '@main/services/library/sync-jobs'
import { tempProfileDir } from '../fixtures/library/library-setup'
import { spreadCalls, startLiveAccount, type LiveAccount } from '../fixtures/live-account/server'
import { signInLive } from '../fixtures/live-account/sign-in'
import { percentile, round, type BenchResult } from './types'

const CALLS = 10_000
const LATENCY_MS = 50
const PAGE = 200
/** Alternating runs per side; each sync stores 10,000 calls (a few seconds each). */
const ROUNDS = 3
/** A sync taking longer than this is cancelled and the bench fails: it measures, it must not hang. */
const SYNC_TIMEOUT_MS = 120_000
const END = Date.parse('2026-03-01T12:00:00.000Z')
const START = END - 20 * 86_400_000
const QUERY = { start: new Date(START).toISOString(), end: new Date(END).toISOString() }
const spread = (samples: number[]): string => `min ${Math.round(Math.min(...samples))}, max ${Math.round(Math.max(...samples))} ms`

type LiveAddress = Parameters<typeof signInLive>[0]

/** The live-account server with the bench's calls, in a child process. */
async function startLiveChild(): Promise<{ child: ChildProcess; address: LiveAddress }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'live-account-child.ts'), String(CALLS), String(START), String(END - 3_600_000), String(LATENCY_MS)],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  const lines = createInterface({ input: child.stdout! })
  const address = await new Promise<LiveAddress>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the live-account server child exited (${code}) before it listened`)))
    lines.once('line', (line) => resolve(JSON.parse(line) as LiveAddress))
  })
  return { child, address }
}

async function listingBench(account: LiveAddress): Promise<BenchResult[]> {
  const { client } = await signInLive(account)
  const query = { ...QUERY, limit: PAGE }
  await client.listAllCalls(query, { concurrency: 4 })
  const times: Record<1 | 4, number[]> = { 1: [], 4: [] }
  for (let round = 0; round < ROUNDS; round++) {
    for (const concurrency of [1, 4] as const) {
      const started = performance.now()
      const result = await client.listAllCalls(query, { concurrency })
      times[concurrency].push(performance.now() - started)
      if (result.calls.length !== CALLS || !result.check.complete) throw new Error(`listed ${result.calls.length} of ${CALLS} calls`)
    }
  }
  const one = percentile(times[1], 50)
  const four = percentile(times[4], 50)
  const pages = Math.ceil(CALLS / PAGE)
  const floor = (pages * LATENCY_MS) / 4
  return [
    {
      name: `list ${CALLS} calls (${pages} pages, ${LATENCY_MS} ms latency, checks in place): concurrency 4 vs 1`,
      target: '≥ 3.5× faster',
      value: round(one / four),
      unit: '×',
      pass: one / four >= 3.5,
      notes: `median of ${ROUNDS} alternating runs: concurrency 1 ${Math.round(one)} ms (${spread(times[1])}), concurrency 4 ${Math.round(four)} ms (${spread(times[4])})`
    },
    {
      name: `list ${CALLS} calls at concurrency 4 vs the floor (pages × latency ÷ concurrency = ${floor} ms)`,
      target: '≤ 1.2× the floor',
      value: round(four / floor),
      unit: '×',
      pass: four / floor <= 1.2,
      notes: `concurrency 4 median ${Math.round(four)} ms; load average ${round(loadavg()[0] ?? 0)}`
    }
  ]
}

/** One sync of the range into a fresh library; `late` calls arrive (newest end of the range) while its pages are read. */
async function syncOnce(account: LiveAccount, late: number): Promise<{ ms: number; last: SyncProgress }> {
  const { client } = await signInLive(account)
  const profileDir = tempProfileDir('bench-reconcile-')
  const library = new CallLibrary(profileDir)
  const cache = new RecordingCache({ profileDir, library, openRecording: (call, opts) => client.openRecording(call, opts) })
  let last: SyncProgress | null = null
  const jobs = new SyncJobs({
    library,
    cache,
    listPage: (input, signal) => client.listCalls(input, { signal }),
    emit: (p) => (last = p),
    progressIntervalMs: 1000
  })
  let nextId = 1_000_000
  let left = late
  const perPage = Math.ceil(late / (CALLS / PAGE / 2))
  account.faults.beforeList = (acc, request) => {
    if (request.limit === 1 || left <= 0) return
    // Calls that started in the range's last hour, logged while the sync pages through it.
    for (let i = 0; i < perPage && left > 0; i++, left--) acc.insert({ call_id: nextId++, started: END - 1 - Math.floor(Math.random() * 3_600_000) })
  }
  const started = performance.now()
  const { jobId } = await jobs.start(QUERY)
  let timer: ReturnType<typeof setTimeout> | undefined
  const timedOut = await Promise.race([
    jobs.idle().then(() => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), SYNC_TIMEOUT_MS)))
  ])
  clearTimeout(timer)
  if (timedOut) {
    await jobs.cancel(jobId)
    account.faults.beforeList = null
    await cache.close()
    library.close()
    rmSync(profileDir, { recursive: true, force: true })
    throw new Error(`a sync of ${CALLS} calls did not finish within ${SYNC_TIMEOUT_MS / 1000} s (the machine is too loaded to measure)`)
  }
  const ms = performance.now() - started
  account.faults.beforeList = null
  await cache.close()
  library.close()
  rmSync(profileDir, { recursive: true, force: true })
  for (let id = 1_000_000; id < nextId; id++) account.remove(id)
  const final = last as SyncProgress | null
  if (!final || final.state !== 'done' || final.calls.done !== CALLS + late)
    throw new Error(`the sync ended ${final?.state} with ${final?.calls.done} calls`)
  return { ms, last: final }
}

async function reconcileBench(account: LiveAccount): Promise<BenchResult[]> {
  const late = CALLS / 100
  const times: Record<'stable' | 'late', number[]> = { stable: [], late: [] }
  let reconciled = ''
  for (let round = 0; round < ROUNDS; round++) {
    times.stable.push((await syncOnce(account, 0)).ms)
    const run = await syncOnce(account, late)
    times.late.push(run.ms)
    reconciled = run.last.summary?.reconciled ?? 'nothing to reconcile'
  }
  const stable = percentile(times.stable, 50)
  const withLate = percentile(times.late, 50)
  return [
    {
      name: `offline sync of ${CALLS} calls with 1 % (${late}) arriving late vs a stable range (${LATENCY_MS} ms latency, page concurrency 2)`,
      target: '≤ 1.3× the stable sync',
      value: round(withLate / stable),
      unit: '×',
      pass: withLate / stable <= 1.3,
      notes: `median of ${ROUNDS} alternating runs: stable ${Math.round(stable)} ms (${spread(times.stable)}), late arrivals ${Math.round(withLate)} ms (${spread(times.late)}); every late call stored; what the check found: ${reconciled}`
    }
  ]
}

export async function run(): Promise<BenchResult[]> {
  const listing: BenchResult[] = []
  const { child, address } = await startLiveChild()
  try {
    listing.push(...(await listingBench(address)))
  } finally {
    child.kill('SIGTERM')
  }
  // The sync side by side stays in process: its late arrivals are inserted between requests.
  const account = await startLiveAccount({ calls: spreadCalls(CALLS, START, END - 3_600_000), latencyMs: LATENCY_MS, recordings: false })
  try {
    return [...listing, ...(await reconcileBench(account))]
  } finally {
    await account.close()
  }
}
