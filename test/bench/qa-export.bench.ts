/**
 * The QA export benchmark (`npm run bench -- export`): 10,000 reviews written to CSV with
 * writeExport, every call its own caller and start time as in real data: < 1 s (median); and
 * the heap's growth (peak over the start) at 10,000 and at 40,000 reviews, reported: rows are
 * written 500 at a time and the phone-number memo is capped at 20,000 numbers, so the growth
 * should not follow the row count; the peak also holds garbage not yet collected.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeExport, type CallFacts } from '@main/services/qa/export'
import type { ExportItem } from '@main/services/qa/qa-repository'
import type { SessionInfo } from '@shared/qa/schemas'
import { TEMPLATE, items } from './qa.bench'
import { percentile, round, type BenchResult } from './types'

const SESSION: SessionInfo = {
  id: 's',
  name: 'Bench session',
  reviewer: 'bench@example.com',
  templateId: TEMPLATE.id,
  templateVersion: 1,
  templateName: TEMPLATE.name,
  query: null,
  createdAt: '2026-03-01T00:00:00Z',
  updatedAt: '2026-03-01T00:00:00Z',
  total: 10_000,
  reviewedCount: 10_000,
  flaggedCount: 0,
  position: { index: 0, seconds: 0 },
  archived: false,
  sample: null
}

/** `count` reviewed calls and their facts: every call its own caller and start time, as in real data (the tracking numbers repeat). */
function inputs(count: number): { exportItems: ExportItem[]; facts: Map<number, CallFacts> } {
  const exportItems: ExportItem[] = items(count).map((item) => ({
    session: { ...SESSION, total: count, reviewedCount: count },
    template: TEMPLATE,
    item
  }))
  const facts = new Map<number, CallFacts>(
    exportItems.map(({ item }, n) => [
      item.callId,
      {
        startedAt: new Date(Date.parse('2026-02-01T00:00:00Z') + n * 263_000).toISOString(),
        callerId: `1801${String(2_000_000 + n * 7)}`,
        callerIdentity: 'Jane Smith',
        trackingNumber: '18015557654',
        campaign: item.call?.campaign ?? null,
        disposition: 'ANSWERED',
        durationSeconds: 182,
        agent: item.call?.agent ?? null,
        group: null,
        hasRecording: true
      }
    ])
  )
  return { exportItems, facts }
}

/** Export `count` reviews `runs` times after `warmUps`: each run's time and heap growth (peak over the start, sampled every 5 ms). */
async function measure(dir: string, count: number, warmUps: number, runs: number): Promise<{ times: number[]; growth: number[]; size: number }> {
  const { exportItems, facts } = inputs(count)
  const times: number[] = []
  const growth: number[] = []
  let size = 0
  for (let run = 0; run < warmUps + runs; run += 1) {
    const path = join(dir, `export-${count}-${run}.csv`)
    globalThis.gc?.()
    const heapBefore = process.memoryUsage().heapUsed
    let heapPeak = heapBefore
    const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 5)
    const start = performance.now()
    await writeExport(exportItems, {
      format: 'csv',
      path,
      getCallFacts: (id) => facts.get(id) ?? null,
      reviewer: 'bench@example.com',
      timeZone: 'America/Denver',
      now: new Date()
    })
    const elapsed = performance.now() - start
    clearInterval(sampler)
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)
    size = statSync(path).size
    rmSync(path)
    if (run >= warmUps) {
      times.push(elapsed)
      growth.push((heapPeak - heapBefore) / 1024 / 1024)
    }
  }
  return { times, growth, size }
}

async function exportBench(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'qa-bench-'))
  let ten: Awaited<ReturnType<typeof measure>>
  let forty: Awaited<ReturnType<typeof measure>>
  try {
    ten = await measure(dir, 10_000, 2, 6)
    // Four times the rows: a streamed export's heap growth stays about the same, a buffered one's grows with them.
    forty = await measure(dir, 40_000, 1, 2)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const median = percentile(ten.times, 50)
  const growth10 = percentile(ten.growth, 50)
  const growth40 = percentile(forty.growth, 50)
  const mb = (bytes: number): number => round(bytes / 1024 / 1024)
  return [
    {
      name: 'export 10,000 reviews to CSV (streamed 500 rows at a time)',
      target: '< 1 s (median)',
      value: round(median),
      unit: 'ms',
      pass: median < 1000,
      notes: `p95 ${round(percentile(ten.times, 95))} ms over ${ten.times.length} runs after 2 warm-ups; file ${mb(ten.size)} MB`
    },
    {
      name: 'heap growth while exporting 40,000 reviews to CSV, against 10,000',
      target: 'report (4× the rows; a buffered export would grow 4×)',
      value: round(growth40),
      unit: 'MB',
      pass: null,
      notes: `median heap growth ${round(growth10)} MB for 10,000 reviews (file ${mb(ten.size)} MB, max ${round(Math.max(...ten.growth))} MB) and ${round(growth40)} MB for 40,000 (file ${mb(forty.size)} MB, ${forty.growth.length} runs after 1 warm-up, ${round(percentile(forty.times, 50))} ms median); ratio ${round(growth40 / growth10)}× for 4× the rows`
    }
  ]
}

export async function run(): Promise<BenchResult[]> {
  return exportBench()
}
